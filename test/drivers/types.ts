/**
 * A channel driver plays a citizen on one channel, so one transcript runs
 * over the web chat, Telegram and WeChat alike: `send` types a text, `pick`
 * chooses an offered option the channel's way (a button, a numbered reply),
 * `sendPhoto` sends a picture.
 */
import type { TestServer } from '../helpers.js';

export interface DriverReply {
  text: string;
  /** Options as the person sees them: label and what picking it sends. */
  options: { label: string; value: string }[];
}

export interface ChatDriver {
  send(text: string): Promise<DriverReply>;
  /** Picks the option of the last reply with this label. */
  pick(label: string): Promise<DriverReply>;
  sendPhoto(data: Buffer): Promise<DriverReply>;
  /** The next reply without sending anything (a notification). */
  next(ms?: number): Promise<DriverReply>;
  close(): Promise<void>;
}

/** One channel under test: its emulator, the env that enables it, and new citizens on it. */
export interface ChannelRig {
  readonly name: 'websocket' | 'telegram' | 'wechat';
  /** Starts the channel's counterpart (emulator, mock) and returns the service env enabling it. */
  setup(): Promise<Record<string, string>>;
  /** After the service started (e.g. the WeChat login). */
  attach(server: TestServer): Promise<void>;
  /** A new person on the channel. */
  user(name?: string): Promise<ChatDriver>;
  teardown(): Promise<void>;
}
