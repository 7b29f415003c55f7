/**
 * The WeChat channel (Wechaty). The puppet comes from WECHATY_PUPPET; the
 * login QR code is printed in the terminal and served, with the login state,
 * to administrators (routes.ts). WeChat has no buttons: the outbox renders
 * options as a numbered list and core accepts the number or the label.
 * Sending is paced per account (default one message a second with jitter).
 */
import path from 'node:path';
import QRCode from 'qrcode';
import { WechatyBuilder, types, type Message, type Wechaty } from 'wechaty';
import { Pacer } from '../pacer.js';
import type { Channel, ChannelCapabilities, ChannelHost, HttpChannel, InboundMessage, LoginChannel, LoginState, OutboundMessage } from '../types.js';
import { SendError } from '../types.js';
import type { WeChatConfig } from './config.js';
import { registerLoginRoutes } from './routes.js';

export interface WeChatChannelOptions {
  maxImageBytes: number;
  /** Where Wechaty keeps its session (memory card). */
  dataDir: string;
}

export type { LoginState } from '../types.js';

export class WeChatChannel implements Channel, HttpChannel, LoginChannel {
  readonly name = 'wechat' as const;
  readonly capabilities: ChannelCapabilities = { maxTextLength: 2000, buttons: false, images: false };
  private bot?: Wechaty;
  private host?: ChannelHost;
  private readonly pacer: Pacer;
  login: LoginState = { state: 'starting', since: new Date().toISOString() };

  constructor(
    private readonly cfg: WeChatConfig,
    private readonly opts: WeChatChannelOptions,
  ) {
    this.pacer = new Pacer({ globalMs: cfg.sendIntervalMs, jitterMs: cfg.sendJitterMs });
  }

  /** The running Wechaty (tests reach the mock puppet through it). */
  get wechaty(): Wechaty {
    if (!this.bot) throw new Error('wechat channel not started');
    return this.bot;
  }

  /** The bot's login, for /readyz and the admin web. */
  loginState(): LoginState {
    return this.login;
  }

  register(app: import('fastify').FastifyInstance): void {
    registerLoginRoutes(app, this.cfg.adminToken, () => this.login);
  }

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    const bot = WechatyBuilder.build({
      name: path.join(this.opts.dataDir, this.cfg.name),
      puppet: this.cfg.puppet as never,
      ...(this.cfg.puppetToken ? { puppetOptions: { token: this.cfg.puppetToken } } : {}),
    });
    bot.on('scan', (qrcode, status) => {
      if (status !== types.ScanStatus.Waiting && status !== types.ScanStatus.Timeout) return;
      this.login = { state: 'scan', qrcode, since: new Date().toISOString() };
      host.log.info({ channel: 'wechat' }, 'wechat waiting for the login QR code to be scanned (also at /admin/wechat/qrcode.png)');
      if (this.cfg.printQr) void QRCode.toString(qrcode, { type: 'terminal', small: true }).then((art) => process.stderr.write(`\nScan with WeChat to log the bot in:\n${art}\n`));
    });
    bot.on('login', (user) => {
      this.login = { state: 'logged-in', user: user.name(), since: new Date().toISOString() };
      host.log.info({ channel: 'wechat' }, 'wechat logged in');
      void host.resume('wechat').catch(() => {});
    });
    bot.on('logout', () => {
      this.login = { state: 'logged-out', since: new Date().toISOString() };
      host.log.warn({ channel: 'wechat' }, 'wechat logged out; waiting for a new login');
    });
    bot.on('error', (err) => host.log.error({ channel: 'wechat', error: String(err?.message ?? err) }, 'wechat error'));
    bot.on('message', (msg) => void this.onMessage(msg).catch((err) => host.log.error({ err, channel: 'wechat' }, 'wechat message failed')));
    this.bot = bot;
    await bot.start();
  }

  async stop(): Promise<void> {
    await this.bot?.stop().catch(() => {});
  }

  status() {
    return { up: this.login.state === 'logged-in', detail: this.login.state === 'logged-in' ? `logged in as ${this.login.user}` : this.login.state };
  }

  async send(msg: OutboundMessage): Promise<{ channelMessageId?: string }> {
    const bot = this.bot;
    if (!bot?.isLoggedIn) throw new SendError('network', 'wechat bot not logged in');
    await this.pacer.wait('account', 0);
    try {
      if (msg.chatId.endsWith('@chatroom')) {
        const room = await bot.Room.find({ id: msg.chatId });
        if (!room) throw new SendError('rejected', 'unknown room');
        const who = msg.mention ? await bot.Contact.find({ id: msg.mention.externalId }) : undefined;
        await (who ? room.say(msg.text, who) : room.say(msg.text));
      } else {
        const contact = await bot.Contact.find({ id: msg.chatId });
        if (!contact) throw new SendError('rejected', 'unknown contact');
        await contact.say(msg.text);
      }
      return {};
    } catch (err) {
      if (err instanceof SendError) throw err;
      throw new SendError('network', String((err as Error)?.message ?? err));
    }
  }

  private async onMessage(msg: Message): Promise<void> {
    if (msg.self()) return; // the bot's own messages
    const room = msg.room();
    const talker = msg.talker();
    const type = msg.type();
    const base: InboundMessage = {
      channel: 'wechat',
      chatId: room ? room.id : talker.id,
      sender: { externalId: talker.id, displayName: talker.name() },
      kind: 'text',
      channelMessageId: msg.id,
      raw: msg.payload,
    };
    if (room) {
      const text = type === types.Message.Text ? msg.text() : '';
      Object.assign(base, {
        isGroup: true,
        chatTitle: await room.topic(),
        addressed: (await msg.mentionSelf()) || text.trim().startsWith('/'),
        botHandle: `@${this.bot!.currentUser.name()}`,
      });
    }
    if (type === types.Message.Text) {
      const text = room ? await mentionless(msg) : msg.text();
      await this.host!.receive({ ...base, kind: 'text', text });
    } else if (type === types.Message.Image) {
      const box = await msg.toFileBox();
      const data = await box.toBuffer();
      // Bytes beyond the limit are cut off; core refuses the image with a message.
      await this.host!.receive({ ...base, kind: 'image', attachments: [{ kind: 'image', mime: box.mediaType ?? 'application/octet-stream', fileName: box.name, data: data.subarray(0, this.opts.maxImageBytes + 1) }] });
    } else if (type === types.Message.Location) {
      const loc = await msg.toLocation();
      await this.host!.receive({ ...base, kind: 'location', location: { latitude: loc.latitude(), longitude: loc.longitude(), label: loc.name() || loc.address() } });
    }
    // Voice, video, files, stickers: not handled (the flows ask for text and photos).
  }
}

/** The text of a room message without the @mentions. */
async function mentionless(msg: Message): Promise<string> {
  try {
    return (await msg.mentionText()).trim();
  } catch {
    return msg.text().replace(/@\S+[\s\u2005]?/g, '').trim();
  }
}
