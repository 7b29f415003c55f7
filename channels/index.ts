/**
 * The channel registry: an explicit map from name to factory, so which
 * channels exist is read here rather than from import side effects. A
 * factory returns null when its configuration is absent (the channel is off).
 */
import type { Config } from '../core/config.js';
import type { Channel, ChannelName } from './types.js';
import { WebSocketChannel } from './websocket/index.js';

export type ChannelFactory = (config: Config, env: NodeJS.ProcessEnv) => Channel | null;

export const channelFactories: Record<ChannelName, ChannelFactory> = {
  websocket: (config) =>
    new WebSocketChannel({ maxFrameBytes: config.wsMaxFrameBytes, maxTextLength: config.maxTextLength, defaultLocale: config.defaultLocale }),
  telegram: () => null,
  wechat: () => null,
};
