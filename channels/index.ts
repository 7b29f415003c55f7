/**
 * The channel registry: an explicit map from name to factory, so which
 * channels exist is read here rather than from import side effects. A
 * factory returns null when its configuration is absent (the channel is off).
 */
import type { Config } from '../core/config.js';
import type { Channel, ChannelName } from './types.js';
import { loadTelegramConfig } from './telegram/config.js';
import { TelegramChannel } from './telegram/index.js';
import { WebSocketChannel } from './websocket/index.js';
import { loadWeChatConfig } from './wechat/config.js';
import { WeChatChannel } from './wechat/index.js';

export type ChannelFactory = (config: Config, env: NodeJS.ProcessEnv) => Channel | null;

export const channelFactories: Record<ChannelName, ChannelFactory> = {
  websocket: (config) =>
    new WebSocketChannel({ maxFrameBytes: config.wsMaxFrameBytes, maxTextLength: config.maxTextLength, defaultLocale: config.defaultLocale }),
  telegram: (config, env) => {
    const tg = loadTelegramConfig(env);
    return tg ? new TelegramChannel(tg, { maxImageBytes: config.maxImageBytes }) : null;
  },
  wechat: (config, env) => {
    const wc = loadWeChatConfig(env);
    return wc ? new WeChatChannel(wc, { maxImageBytes: config.maxImageBytes, dataDir: config.dataDir }) : null;
  },
};
