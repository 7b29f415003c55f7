/**
 * The Telegram side of the tests: telegram-test-api (a third-party Bot API
 * emulator) on loopback, behind a thin proxy that adds what the emulator
 * lacks or what a test needs to provoke: getFile and file downloads, HTTP
 * 429 with retry_after, and a send outage. The bot under test talks to the
 * proxy through TELEGRAM_API_ROOT, exactly as to a self-hosted Bot API server.
 */
import http from 'node:http';
import net from 'node:net';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';

export interface ProxyRequest {
  method: string;
  at: number;
  status: number;
  body: Record<string, unknown>;
}

export class TelegramEmulator {
  readonly token = '123456:TEST-token_for-wst';
  /** Requests the bot made, in order. */
  readonly requests: ProxyRequest[] = [];
  /** Files the bot can fetch (file id → bytes). */
  readonly files = new Map<string, Buffer>();
  /** The next N sendMessage calls answer 429 with this retry_after (seconds). */
  throttle = { count: 0, retryAfter: 1 };
  /** While true, sendMessage answers 502 (the Bot API unreachable for sends). */
  sendDown = false;
  /** Chats that blocked the bot: sendMessage answers 403. */
  readonly blocked = new Set<string>();
  /** When set, this many more sendMessage calls go through, then sends are down. */
  sendBudget: number | undefined;
  /** When set, the next getUpdates answers the previous batch again (Telegram redelivering). */
  redeliver = false;
  /** Batches answered again so far. */
  redelivered = 0;
  private lastBatch = '';
  apiRoot = '';
  emulatorUrl = '';
  private proxy?: http.Server;

  private constructor(readonly server: TelegramServer) {}

  /** Starts the emulator and the proxy (on `proxyPort`, or any free port). */
  static async start(opts: { proxyPort?: number } = {}): Promise<TelegramEmulator> {
    const port = await freePort();
    const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
    await server.start();
    const emu = new TelegramEmulator(server);
    emu.emulatorUrl = server.config.apiURL;
    await emu.startProxy(opts.proxyPort ?? 0);
    return emu;
  }

  /** (Re)opens the proxy: the Bot API reachable again. */
  async startProxy(port: number): Promise<void> {
    this.proxy = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.proxy!.listen(port, '127.0.0.1', r));
    this.apiRoot = `http://127.0.0.1:${(this.proxy.address() as net.AddressInfo).port}`;
  }

  /** Closes the proxy and its connections: the Bot API unreachable. */
  async stopProxy(): Promise<void> {
    const p = this.proxy;
    this.proxy = undefined;
    if (!p) return;
    const closed = new Promise<void>((r) => p.close(() => r()));
    p.closeAllConnections();
    await closed;
  }

  /** Env for the service under test. */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      TELEGRAM_BOT_TOKEN: this.token,
      TELEGRAM_API_ROOT: this.apiRoot,
      TELEGRAM_POLL_MIN_INTERVAL_MS: '30',
      TELEGRAM_CHAT_INTERVAL_MS: '50',
      TELEGRAM_GROUP_INTERVAL_MS: '50',
      ...extra,
    };
  }

  sent(): ProxyRequest[] {
    return this.requests.filter((r) => r.method === 'sendMessage' && r.status === 200);
  }

  /** An update from a user, as the Telegram client would post it (the emulator's client API). */
  async userMessage(body: Record<string, unknown>): Promise<void> {
    await this.client('/sendMessage', { botToken: this.token, date: Math.floor(Date.now() / 1000), ...body });
  }

  async userCallback(body: Record<string, unknown>): Promise<void> {
    await this.client('/sendCallback', { botToken: this.token, date: Math.floor(Date.now() / 1000), ...body });
  }

  /** Bot messages for a chat not read yet. */
  async botMessages(chatId: number): Promise<{ text: string; reply_markup?: { inline_keyboard: { text: string; callback_data: string }[][] } }[]> {
    const r = (await this.client('/getUpdates', { token: this.token, chatId })) as { result: { message: { text: string; reply_markup?: never } }[] };
    return r.result.map((u) => u.message);
  }

  async stop(): Promise<void> {
    await this.stopProxy();
    await this.server.stop();
  }

  private async client(path: string, body: unknown): Promise<unknown> {
    const res = await fetch(this.emulatorUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return res.json();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const file = /^\/file\/bot[^/]+\/photos\/(.+)\.jpg$/.exec(req.url ?? '');
    if (file) {
      const data = this.files.get(file[1]!);
      res.writeHead(data ? 200 : 404, { 'content-type': 'image/jpeg' }).end(data ?? '');
      return;
    }
    const method = /^\/bot[^/]+\/(\w+)/.exec(req.url ?? '')?.[1] ?? '';
    let body: Record<string, unknown> = {};
    try {
      body = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      /* form bodies are not used by the channel */
    }
    const answer = (status: number, payload: unknown) => {
      this.requests.push({ method, at: Date.now(), status, body });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload));
    };
    if (method === 'getFile') {
      const id = String(body.file_id);
      const data = this.files.get(id);
      if (!data) return answer(400, { ok: false, error_code: 400, description: 'Bad Request: invalid file_id' });
      return answer(200, { ok: true, result: { file_id: id, file_unique_id: id, file_size: data.length, file_path: `photos/${id}.jpg` } });
    }
    if (method === 'sendMessage' && this.sendBudget !== undefined && this.sendBudget-- <= 0) this.sendDown = true;
    if (method === 'sendMessage' && this.blocked.has(String(body.chat_id))) return answer(403, { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' });
    if (method === 'sendMessage' && this.sendDown) return answer(502, { ok: false, error_code: 502, description: 'Bad Gateway' });
    if (method === 'sendMessage' && this.throttle.count > 0) {
      this.throttle.count--;
      const s = this.throttle.retryAfter;
      return answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } });
    }
    if (method === 'getUpdates' && this.redeliver && this.lastBatch) {
      this.redeliver = false;
      this.redelivered++;
      return answer(200, JSON.parse(this.lastBatch));
    }
    let up: Response;
    let text: string;
    try {
      up = await fetch(this.emulatorUrl + req.url, { method: req.method ?? 'POST', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(raw.length ? { body: raw } : {}) });
      text = await up.text();
    } catch {
      return answer(502, { ok: false, error_code: 502, description: 'Bad Gateway: emulator unreachable' });
    }
    if (method === 'getUpdates' && /"update_id"/.test(text)) this.lastBatch = text;
    this.requests.push({ method, at: Date.now(), status: up.status, body });
    res.writeHead(up.status, { 'content-type': 'application/json' }).end(text);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
