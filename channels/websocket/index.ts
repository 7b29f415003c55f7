/**
 * The web chat: a WebSocket channel on /ws/chat (protocol in protocol.ts).
 * A session token identifies the person; its SHA-256 is their identity, so
 * the token itself is never stored. A client that reconnects with its token
 * resumes its conversation and receives what was queued while it was away.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { isLocale, t, type Locale } from '../../core/i18n.js';
import type { Channel, ChannelCapabilities, ChannelHost, OutboundMessage } from '../types.js';
import { SendError } from '../types.js';
import { parseFrame, type ErrorCode, type ServerFrame } from './protocol.js';

export interface WebSocketChannelOptions {
  maxFrameBytes: number;
  maxTextLength: number;
  defaultLocale: Locale;
  /** Interval of the server's liveness pings; a client silent for two is dropped. */
  heartbeatMs?: number;
}

const TOKEN = /^[A-Za-z0-9_-]{22,128}$/;

interface Session {
  chatId: string;
  locale: Locale;
  alive: boolean;
}

/** Messages a connection may send in a burst, and how fast the allowance refills. */
const BURST = 20;
const REFILL_PER_SEC = 2;

/** A token bucket per connection: a flood gets error frames, not the database. */
class Bucket {
  private tokens = BURST;
  private at = Date.now();
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(BURST, this.tokens + ((now - this.at) / 1000) * REFILL_PER_SEC);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class WebSocketChannel implements Channel {
  readonly name = 'websocket' as const;
  readonly capabilities: ChannelCapabilities = { maxTextLength: 100_000, buttons: true, images: true };
  private host?: ChannelHost;
  private readonly sockets = new Map<string, Set<WebSocket>>();
  private readonly sessions = new WeakMap<WebSocket, Session>();
  private readonly buckets = new WeakMap<WebSocket, Bucket>();
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly opts: WebSocketChannelOptions) {}

  /** Registers the /ws/chat route; call before the server listens. */
  register(app: FastifyInstance): void {
    app.get('/ws/chat', { websocket: true }, (socket) => this.accept(socket));
  }

  async start(host: ChannelHost): Promise<void> {
    this.host = host;
    const every = this.opts.heartbeatMs ?? 30_000;
    this.heartbeat = setInterval(() => this.beat(), every);
    this.heartbeat.unref();
  }

  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const set of this.sockets.values()) for (const ws of set) ws.close(1001, 'server shutting down');
    this.sockets.clear();
  }

  status() {
    return { up: !!this.host, detail: `${this.connectionCount()} connections` };
  }

  connectionCount(): number {
    let n = 0;
    for (const s of this.sockets.values()) n += s.size;
    return n;
  }

  async send(msg: OutboundMessage): Promise<{ channelMessageId?: string }> {
    const set = this.sockets.get(msg.chatId);
    if (!set?.size) throw new SendError('offline', 'no open web-chat connection');
    const frame: ServerFrame = { type: 'reply', id: msg.id, text: msg.text, ...(msg.options?.length ? { options: msg.options } : {}) };
    const data = JSON.stringify(frame);
    await Promise.all([...set].map((ws) => new Promise<void>((resolve) => ws.send(data, () => resolve()))));
    return {};
  }

  private accept(ws: WebSocket): void {
    ws.on('pong', () => {
      const s = this.sessions.get(ws);
      if (s) s.alive = true;
    });
    ws.on('message', (data, isBinary) => void this.onFrame(ws, data as Buffer, isBinary));
    ws.on('close', () => this.detach(ws));
    ws.on('error', () => this.detach(ws));
  }

  private async onFrame(ws: WebSocket, data: Buffer, isBinary: boolean): Promise<void> {
    const locale = this.sessions.get(ws)?.locale ?? this.opts.defaultLocale;
    if (isBinary) return this.error(ws, 'binary_not_supported', locale);
    if (data.length > this.opts.maxFrameBytes) return this.error(ws, 'frame_too_large', locale, undefined, { max: this.opts.maxFrameBytes });
    const parsed = parseFrame(data.toString('utf8'));
    if (!parsed.ok) return this.error(ws, parsed.code, locale, parsed.detail);
    const f = parsed.frame;
    if (f.type === 'ping') return this.write(ws, { type: 'pong' });
    let bucket = this.buckets.get(ws);
    if (!bucket) this.buckets.set(ws, (bucket = new Bucket()));
    if (!bucket.take()) return this.error(ws, 'rate_limited', locale);
    if (f.type === 'hello') {
      this.open(ws, f.token, f.locale);
      return;
    }
    const session = this.sessions.get(ws) ?? this.open(ws);
    if (f.type === 'text' && [...f.text].length > this.opts.maxTextLength) {
      return this.error(ws, 'text_too_long', session.locale, undefined, { max: this.opts.maxTextLength });
    }
    let image: Buffer | undefined;
    if (f.type === 'image') {
      if (!/^[A-Za-z0-9+/=\s]+$/.test(f.data.replace(/^data:[\w/+.-]+;base64,/, ''))) return this.error(ws, 'invalid_image', session.locale);
      image = Buffer.from(f.data.replace(/^data:[\w/+.-]+;base64,/, ''), 'base64');
      if (!image.length) return this.error(ws, 'invalid_image', session.locale);
    }
    try {
      await this.host!.receive({
        channel: 'websocket',
        chatId: session.chatId,
        sender: { externalId: session.chatId, locale: session.locale },
        kind: f.type,
        ...(f.type === 'text' ? { text: f.text } : {}),
        ...(f.type === 'choice' ? { value: f.value } : {}),
        ...(image ? { attachments: [{ kind: 'image' as const, mime: 'application/octet-stream', data: image, ...(f.type === 'image' && f.name ? { fileName: f.name } : {}) }] } : {}),
        // Only a client-chosen id can repeat; without one there is nothing to dedupe.
        ...(f.id ? { channelMessageId: f.id } : {}),
        raw: f.type === 'image' ? { type: 'image', name: f.name, bytes: image?.length } : f,
      });
    } catch (err) {
      this.host!.log.error({ err }, 'web chat message failed');
      this.error(ws, 'internal', session.locale);
    }
  }

  /** Starts or resumes a session and sends its token; then delivers what was queued. */
  private open(ws: WebSocket, token?: string, locale?: string): Session {
    this.detach(ws);
    const tok = token && TOKEN.test(token) ? token : randomBytes(24).toString('base64url');
    const chatId = createHash('sha256').update(tok).digest('hex');
    const session: Session = { chatId, locale: isLocale(locale) ? locale : locale?.startsWith('en') ? 'en' : this.opts.defaultLocale, alive: true };
    this.sessions.set(ws, session);
    let set = this.sockets.get(chatId);
    if (!set) this.sockets.set(chatId, (set = new Set()));
    set.add(ws);
    this.write(ws, { type: 'session', token: tok });
    void this.host?.flush('websocket', chatId);
    return session;
  }

  private detach(ws: WebSocket): void {
    const s = this.sessions.get(ws);
    if (!s) return;
    const set = this.sockets.get(s.chatId);
    set?.delete(ws);
    if (set && !set.size) this.sockets.delete(s.chatId);
  }

  private beat(): void {
    for (const set of this.sockets.values()) {
      for (const ws of set) {
        const s = this.sessions.get(ws);
        if (s && !s.alive) {
          ws.terminate();
          continue;
        }
        if (s) s.alive = false;
        ws.ping();
      }
    }
  }

  private error(ws: WebSocket, code: ErrorCode, locale: Locale, detail?: string, params?: Record<string, number>): void {
    const message = t(locale, `wsError.${code}`, params) + (detail && code === 'invalid_frame' ? ` (${detail})` : '');
    this.write(ws, { type: 'error', code, message });
  }

  private write(ws: WebSocket, frame: ServerFrame): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }
}
