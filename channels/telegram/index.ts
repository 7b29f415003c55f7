/**
 * The Telegram channel (telegraf's Bot API client): long polling by default,
 * or a webhook when TELEGRAM_WEBHOOK_URL is set (every request must carry the
 * secret token, others are refused). Photos are downloaded with a size cap;
 * options become inline keyboards whose callback data is the option value.
 * Sending is paced per chat and overall; a 429 pauses the pacer for
 * `retry_after` and hands the outbox a retryable error, so nothing is dropped.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Telegram } from 'telegraf';
import type { InlineKeyboardButton, Update } from 'telegraf/types';
import { Pacer } from '../pacer.js';
import type { Channel, ChannelCapabilities, ChannelHost, HttpChannel, InboundAttachment, OutboundMessage, ReplyOption } from '../types.js';
import { SendError } from '../types.js';
import type { TelegramConfig } from './config.js';
import { normaliseUpdate, type BotIdentity } from './inbound.js';

/** The updates the bot asks for. */
const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
/** Bytes of callback_data Telegram allows. */
const MAX_CALLBACK_BYTES = 64;

export interface TelegramChannelOptions {
  /** Largest photo downloaded; larger ones are cut off at one byte more, which core refuses with a message. */
  maxImageBytes: number;
}

export class TelegramChannel implements Channel, HttpChannel {
  readonly name = 'telegram' as const;
  readonly capabilities: ChannelCapabilities = { maxTextLength: 4096, buttons: true, images: false };
  readonly telegram: Telegram;
  private host?: ChannelHost;
  private bot?: BotIdentity;
  private readonly pacer: Pacer;
  private readonly secret: string;
  private state: { up: boolean; detail: string } = { up: false, detail: 'not started' };
  private stopping?: AbortController;
  private loop?: Promise<void>;

  constructor(
    private readonly cfg: TelegramConfig,
    private readonly opts: TelegramChannelOptions,
  ) {
    this.telegram = new Telegram(cfg.token, { apiRoot: cfg.apiRoot });
    this.pacer = new Pacer({ globalMs: cfg.globalIntervalMs });
    this.secret = cfg.webhookSecret ?? createHash('sha256').update(`wst-webhook:${cfg.token}`).digest('base64url').slice(0, 48);
  }

  /** The webhook route, when webhook mode is on. */
  register(app: FastifyInstance): void {
    if (!this.cfg.webhookUrl) return;
    const route = new URL(this.cfg.webhookUrl).pathname;
    app.post(
      route,
      {
        schema: {
          body: { type: 'object', required: ['update_id'], properties: { update_id: { type: 'integer' } } },
          response: {
            200: { type: 'object', properties: { ok: { type: 'boolean' } } },
            '4xx': { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' } } },
            '5xx': { type: 'object', properties: { error: { type: 'string' }, code: { type: 'string' } } },
          },
        },
      },
      async (req, reply) => {
        if (!this.checkSecret(req.headers['x-telegram-bot-api-secret-token'])) {
          return reply.code(401).send({ error: 'missing or wrong secret token', code: 'TELEGRAM_SECRET' });
        }
        if (!this.bot || !this.host) return reply.code(503).send({ error: 'telegram channel not ready', code: 'NOT_READY' });
        // The turn is committed (replies queued) before Telegram hears 200,
        // so an update it considers delivered is never lost.
        await this.handleUpdate(req.body as Update);
        return { ok: true };
      },
    );
  }

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    this.state = { up: false, detail: 'connecting' };
    const me = await this.telegram.getMe();
    this.bot = { id: me.id, username: me.username };
    if (this.cfg.webhookUrl) {
      await this.telegram.setWebhook(this.cfg.webhookUrl, { secret_token: this.secret, allowed_updates: [...ALLOWED_UPDATES] });
      this.state = { up: true, detail: `webhook as @${me.username}` };
    } else {
      // A webhook left from an earlier run would make getUpdates fail (409).
      await this.telegram.deleteWebhook();
      this.state = { up: true, detail: `polling as @${me.username}` };
      this.stopping = new AbortController();
      this.loop = this.poll(this.stopping.signal);
    }
    host.log.info({ channel: 'telegram', bot: me.username, mode: this.cfg.webhookUrl ? 'webhook' : 'polling' }, 'telegram channel up');
  }

  async stop(): Promise<void> {
    this.stopping?.abort();
    await this.loop;
    this.state = { up: false, detail: 'stopped' };
  }

  status() {
    return this.state;
  }

  async send(msg: OutboundMessage): Promise<{ channelMessageId?: string }> {
    const isGroup = msg.chatId.startsWith('-');
    await this.pacer.wait(msg.chatId, isGroup ? this.cfg.groupIntervalMs : this.cfg.chatIntervalMs);
    let text = msg.text;
    const extra: Record<string, unknown> = {};
    if (msg.mention) {
      // Someone with a username gets an @mention; others a text_mention of their name.
      const who = msg.mention.handle ?? msg.mention.name ?? '🙂';
      text = `${who} ${text}`;
      if (!msg.mention.handle && /^\d+$/.test(msg.mention.externalId)) {
        extra.entities = [{ type: 'text_mention', offset: 0, length: who.length, user: { id: Number(msg.mention.externalId) } }];
      }
    }
    if (msg.options?.length) extra.reply_markup = { inline_keyboard: keyboard(msg.options) };
    try {
      const sent = await this.telegram.sendMessage(msg.chatId, text, extra);
      return { channelMessageId: String(sent.message_id) };
    } catch (err) {
      const e = toSendError(err);
      if (e.kind === 'throttled' && e.retryAfterMs) this.pacer.pause(e.retryAfterMs);
      throw e;
    }
  }

  /** Long polling: each poll confirms the updates of the one before (offset), so an update is only dropped by Telegram once handled. */
  private async poll(signal: AbortSignal): Promise<void> {
    let offset = 0;
    let failures = 0;
    const retries = new Map<number, number>();
    while (!signal.aborted) {
      const began = Date.now();
      try {
        const updates = (await this.telegram.callApi(
          'getUpdates',
          { timeout: this.cfg.pollTimeoutSec, limit: 100, offset, allowed_updates: [...ALLOWED_UPDATES] },
          // telegraf types its signal with the abort-controller shim; Node's own works at runtime.
          { signal: signal as never },
        )) as Update[];
        if (failures) this.host?.log.info({ channel: 'telegram' }, 'telegram polling back');
        failures = 0;
        this.state = { up: true, detail: `polling as @${this.bot?.username}` };
        // Handed over in order; core keeps each chat's turns in order.
        const handled = await Promise.all(
          updates.map((u) =>
            this.handleUpdate(u).then(
              () => true,
              (err) => {
                this.host?.log.error({ err, channel: 'telegram', updateId: u.update_id }, 'telegram update failed');
                return false;
              },
            ),
          ),
        );
        // An update that failed is not confirmed, so Telegram sends it again
        // (up to three tries); those after it come again too and core drops
        // the ones already handled.
        for (const [i, u] of updates.entries()) {
          const tries = (retries.get(u.update_id) ?? 0) + 1;
          if (!handled[i] && tries < 3) {
            retries.set(u.update_id, tries);
            break;
          }
          retries.delete(u.update_id);
          offset = Math.max(offset, u.update_id + 1);
        }
        const quick = this.cfg.pollMinIntervalMs - (Date.now() - began);
        if (!updates.length && quick > 0) await sleep(quick, signal);
      } catch (err) {
        if (signal.aborted) break;
        failures++;
        const wait = Math.min(1000 * 2 ** Math.min(failures - 1, 6), 60_000);
        this.state = { up: false, detail: `polling failed ${failures}×, retrying in ${Math.round(wait / 1000)} s: ${describe(err)}` };
        this.host?.log.warn({ channel: 'telegram', failures, error: describe(err) }, 'telegram polling failed');
        await sleep(wait, signal);
      }
    }
  }

  private async handleUpdate(update: Update): Promise<void> {
    const n = normaliseUpdate(update, this.bot!);
    if (!n) return;
    if (n.callbackQueryId) void this.telegram.answerCbQuery(n.callbackQueryId).catch(() => {});
    if (n.file) {
      const data = await this.download(n.file.fileId);
      const att: InboundAttachment = { kind: 'image', mime: n.file.mime ?? 'application/octet-stream', data, ...(n.file.name ? { fileName: n.file.name } : {}) };
      n.msg.attachments = [att];
    }
    await this.host!.receive(n.msg);
  }

  /** Downloads a file through the Bot API (three tries), reading at most maxImageBytes + 1 bytes. */
  private async download(fileId: string): Promise<Buffer> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.fetchFile(fileId);
      } catch (err) {
        if (attempt >= 3) throw err;
        await new Promise((r) => setTimeout(r, 300 * attempt));
      }
    }
  }

  private async fetchFile(fileId: string): Promise<Buffer> {
    const file = await this.telegram.getFile(fileId);
    if (!file.file_path) throw new Error('telegram returned no file_path');
    const url = new URL(`./file/bot${this.cfg.token}/${file.file_path}`, this.cfg.apiRoot.endsWith('/') ? this.cfg.apiRoot : `${this.cfg.apiRoot}/`);
    const cap = this.opts.maxImageBytes + 1;
    const ac = new AbortController();
    // The URL carries the token: errors are rethrown without it.
    const res = await fetch(url, { signal: ac.signal }).catch((err: unknown) => {
      throw new Error(`file download failed: ${describe(err)}`);
    });
    if (!res.ok || !res.body) throw new Error(`file download failed: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const chunks: Buffer[] = [];
    let size = 0;
    while (size < cap) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      size += value.length;
    }
    // Past the limit the rest is not downloaded: core refuses the image by its size.
    if (size >= cap) {
      await reader.cancel().catch(() => {});
      ac.abort();
    }
    return Buffer.concat(chunks).subarray(0, cap);
  }

  private checkSecret(got: string | string[] | undefined): boolean {
    if (typeof got !== 'string') return false;
    const a = Buffer.from(got);
    const b = Buffer.from(this.secret);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

/**
 * Short labels three to a row, longer ones one to a row. A value longer
 * than callback_data allows sends the label instead, which the flows'
 * parsers accept as they accept typed answers.
 */
function keyboard(options: ReplyOption[]): InlineKeyboardButton[][] {
  const buttons = options.map((o) => ({ text: o.label, callback_data: Buffer.byteLength(o.value) <= MAX_CALLBACK_BYTES ? o.value : cutBytes(o.label, MAX_CALLBACK_BYTES) }));
  const perRow = buttons.every((b) => [...b.text].length <= 6) ? 3 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

function cutBytes(s: string, max: number): string {
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > max) break;
    out += ch;
  }
  return out;
}

/** Bot API errors → the closed set of send errors. https://core.telegram.org/bots/api#making-requests */
export function toSendError(err: unknown): SendError {
  const r = (err as { response?: { error_code?: number; description?: string; parameters?: { retry_after?: number } } }).response;
  if (r?.error_code) {
    const why = r.description ?? `error ${r.error_code}`;
    if (r.error_code === 429) return new SendError('throttled', why, (r.parameters?.retry_after ?? 1) * 1000);
    if (r.error_code === 403) return new SendError('blocked', why);
    if (r.error_code >= 500) return new SendError('network', why);
    return new SendError('rejected', why);
  }
  return new SendError('network', describe(err));
}

/** An error's message without the bot token (node-fetch errors carry the URL). */
function describe(err: unknown): string {
  return String((err as Error)?.message ?? err).replace(/bot\d+:[A-Za-z0-9_-]+/g, 'bot<token>');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const t = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
