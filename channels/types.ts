/**
 * The channel contract: one inbound/outbound message model shared by every
 * channel, so flows never see a channel's own payloads. Channels implement
 * `Channel` and nothing else (channels/websocket, channels/telegram, …).
 */

/** Registered channel names (see channels/index.ts). */
export type ChannelName = 'websocket' | 'telegram' | 'wechat';

/** What a channel can do; flows and the outbox adapt to it. */
export interface ChannelCapabilities {
  /** Longest text one outbound message may carry; longer replies are split. */
  maxTextLength: number;
  /** Quick-reply buttons; without them options are rendered as a numbered list. */
  buttons: boolean;
  /** Outbound images. */
  images: boolean;
}

/** A file received with a message (photo evidence). */
export interface InboundAttachment {
  kind: 'image';
  mime: string;
  fileName?: string;
  data: Buffer;
}

/** Who sent a message, as the channel knows them. */
export interface Sender {
  /** Stable id of the person on this channel (for the web chat: a hash of the session token). */
  externalId: string;
  displayName?: string;
  /** Public handle on the channel (Telegram username), used to mention the person in a group. */
  handle?: string;
  /** Language hint from the channel (e.g. Telegram's language_code). */
  locale?: string;
}

/**
 * One inbound message, normalised. `raw` keeps the channel's own payload for
 * debugging and for features that need more later.
 *
 * @example
 * { channel: 'websocket', chatId: 'b3c…', sender: { externalId: 'b3c…' },
 *   kind: 'text', text: '我要投诉', channelMessageId: 'c-17', raw: {…} }
 */
export interface InboundMessage {
  channel: ChannelName;
  /** The chat on the channel: a private chat or a group. */
  chatId: string;
  isGroup?: boolean;
  chatTitle?: string;
  /**
   * In a group: whether the message addresses the bot (a mention, a command,
   * a reply to the bot). Unaddressed group messages are only recorded (who
   * was seen in which group), never answered or stored. Defaults to true.
   */
  addressed?: boolean;
  /** How people reach the bot privately on this channel (e.g. "@wanshitong_bot"), for group replies. */
  botHandle?: string;
  sender: Sender;
  kind: 'text' | 'image' | 'location' | 'choice';
  text?: string;
  /** For `choice`: the option value picked. */
  value?: string;
  attachments?: InboundAttachment[];
  location?: { latitude: number; longitude: number; label?: string };
  /** The channel's id for the message; a redelivery with the same id is handled once. */
  channelMessageId?: string;
  raw?: unknown;
}

/** A quick-reply option offered with an outbound message. */
export interface ReplyOption {
  label: string;
  value: string;
}

/** One outbound message, as stored in the outbox and handed to a channel. */
export interface OutboundMessage {
  /** Outbox id (Message.id). */
  id: string;
  channel: ChannelName;
  chatId: string;
  text: string;
  options?: ReplyOption[];
  images?: { mime: string; data: Buffer }[];
  /** In a group: the person the reply answers, mentioned by the channel. */
  mention?: { externalId: string; name?: string; handle?: string };
  /** Part i of n when a long text is split (the outbox splits, the channel sends each part). */
  part?: { index: number; count: number };
}

/** The closed set of reasons a send can fail, each retryable or not. */
export type SendErrorKind =
  /** The channel asked us to slow down; retry after `retryAfterMs`. */
  | 'throttled'
  /** Network or server error; retry. */
  | 'network'
  /** The recipient is not connected now (web chat); delivered when they return. */
  | 'offline'
  /** The person blocked the bot or left the chat; do not retry. */
  | 'blocked'
  /** The channel refused the message for a reason that retrying will not fix. */
  | 'rejected';

const RETRYABLE: Record<SendErrorKind, boolean> = { throttled: true, network: true, offline: true, blocked: false, rejected: false };

export class SendError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: SendErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
    this.retryable = RETRYABLE[kind];
  }
}

/** What the service gives a channel when starting it. */
export interface ChannelHost {
  /** Hands an inbound message to the service; resolves when it is handled and its replies are stored. */
  receive(msg: InboundMessage): Promise<void>;
  /** Delivers the outbox messages still queued for a chat (e.g. when a web-chat client reconnects). */
  flush(channel: ChannelName, chatId: string): Promise<void>;
  /** Delivers everything still queued for the channel (after it reconnects or logs in again). */
  resume(channel: ChannelName): Promise<void>;
  log: { info(obj: object | string, msg?: string): void; warn(obj: object | string, msg?: string): void; error(obj: object | string, msg?: string): void };
}

/** A channel that serves HTTP routes (web chat socket, Telegram webhook, WeChat login QR). */
export interface HttpChannel {
  /** Registers the channel's routes; called before the server listens. */
  register(app: import('fastify').FastifyInstance): void;
}

/** Does the channel serve HTTP routes? (checked by the composition root before listening) */
export function hasRoutes(ch: Channel): ch is Channel & HttpChannel {
  return typeof (ch as Partial<HttpChannel>).register === 'function';
}

/** The bot account's sign-in, for channels that sign in by scanning a QR code (WeChat). */
export interface LoginState {
  state: 'starting' | 'scan' | 'logged-in' | 'logged-out';
  /** The QR code's content while waiting for a scan. */
  qrcode?: string;
  user?: string;
  since: string;
}

/** A channel whose bot account signs in interactively (shown to administrators). */
export interface LoginChannel {
  loginState(): LoginState;
}

export function hasLogin(ch: Channel): ch is Channel & LoginChannel {
  return typeof (ch as Partial<LoginChannel>).loginState === 'function';
}

/** A messaging channel. */
export interface Channel {
  readonly name: ChannelName;
  readonly capabilities: ChannelCapabilities;
  /** Starts receiving; resolves when the channel is up. */
  start(host: ChannelHost): Promise<void>;
  /** Stops receiving and closes connections. */
  stop(): Promise<void>;
  /** Delivers one message; throws `SendError` on failure. */
  send(msg: OutboundMessage): Promise<{ channelMessageId?: string }>;
  /** Health for /readyz. */
  status(): { up: boolean; detail?: string };
}
