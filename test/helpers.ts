/**
 * Test harness: the real service on an ephemeral port with a temporary
 * database, and a real WebSocket client that reads like a transcript:
 * `await chat.send('我要投诉'); chat.expect(/哪一类/)`.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type App } from '../core/app.js';
import { loadConfig } from '../core/config.js';
import { openConfigured } from '../core/storage/db.js';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  dataDir: string;
  /** Graceful stop; the data directory stays (for restart tests). */
  stop(): Promise<void>;
}

export function tempDir(prefix = 'wst-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Starts the real service (all routes, the web chat) on 127.0.0.1 and a free port. */
export async function startServer(opts: { dataDir?: string; env?: Record<string, string>; clock?: () => Date } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDir();
  const env = { DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...opts.env };
  const config = loadConfig(env);
  const { db } = await openConfigured(config);
  const app = await buildApp(config, db, { env, ...(opts.clock ? { clock: opts.clock } : {}) });
  await app.start();
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.server.address() as { port: number };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/ws/chat`,
    dataDir,
    async stop() {
      await app.stop();
      await db.$disconnect();
    },
  };
}

/**
 * One server for the tests of a file: started before them, stopped and its
 * data removed after. Read `.srv` inside the tests.
 */
export function useServer(opts: Parameters<typeof startServer>[0] = {}): { srv: TestServer } {
  const holder = {} as { srv: TestServer };
  beforeAll(async () => {
    holder.srv = await startServer(opts);
  });
  afterAll(async () => {
    await holder.srv.stop();
    removeDir(holder.srv.dataDir);
  });
  return holder;
}

export interface Frame {
  type: string;
  id?: string;
  text?: string;
  token?: string;
  code?: string;
  message?: string;
  options?: { label: string; value: string }[];
}

/** A web-chat client speaking the /ws/chat protocol over a real socket. */
export class ChatClient {
  private readonly frames: Frame[] = [];
  private waiters: ((f: Frame) => void)[] = [];
  token?: string;
  last?: Frame;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      const w = this.waiters.shift();
      if (w) w(f);
      else this.frames.push(f);
    });
  }

  /** Connects and, unless `hello` is false, says hello (with a token to resume). */
  static async connect(wsUrl: string, hello: { token?: string; locale?: string } | false = {}): Promise<ChatClient> {
    const ws = new WebSocket(wsUrl);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const c = new ChatClient(ws);
    if (hello) {
      c.raw({ type: 'hello', ...hello });
      const f = await c.next();
      if (f.type !== 'session') throw new Error(`expected a session frame, got ${JSON.stringify(f)}`);
      c.token = f.token;
    }
    return c;
  }

  /** The next frame from the server (waits up to `ms`). */
  next(ms = 10_000): Promise<Frame> {
    const f = this.frames.shift();
    if (f) return Promise.resolve((this.last = f));
    return new Promise((resolve, reject) => {
      const waiter = (frame: Frame) => {
        clearTimeout(timer);
        resolve((this.last = frame));
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no frame within ${ms} ms`));
      }, ms);
      this.waiters.push(waiter);
    });
  }

  /** Frames already received and not yet read. */
  pending(): Frame[] {
    return [...this.frames];
  }

  raw(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a text and returns the next reply frame's text. */
  async send(text: string): Promise<string> {
    this.raw({ type: 'text', text });
    const f = await this.next();
    if (f.type !== 'reply') throw new Error(`expected a reply to "${text}", got ${JSON.stringify(f)}`);
    return f.text!;
  }

  async choose(value: string): Promise<string> {
    this.raw({ type: 'choice', value });
    const f = await this.next();
    if (f.type !== 'reply') throw new Error(`expected a reply to choice "${value}", got ${JSON.stringify(f)}`);
    return f.text!;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/** The ticket number in a reply, or throws. */
export function ticketNumber(text: string): string {
  const m = /TS\d{8}-\d{4}/.exec(text);
  if (!m) throw new Error(`no ticket number in: ${text}`);
  return m[0];
}

/** Default answers to the filing questions, as a person would type them. */
export const DEFAULT_ANSWERS: [RegExp, string][] = [
  // The summary mentions every field, so it is recognised first.
  [/确认提交|Submit\?/, '确认'],
  [/哪一类|Which would you like/, '投诉'],
  [/发生了什么|describe what happened/, '吃出了头发'],
  [/哪家商户|Which business/, '老张面馆'],
  [/地址|address/, '文三路123号'],
  [/哪个区县|Which district/, '西湖区'],
  [/什么时候|When did it happen/, '昨天晚上'],
  [/照片|photos/, '没有'],
  [/实名或匿名|named or anonymous/, '实名'],
  [/姓名|real name/, '张三'],
  [/手机|mobile number/, '13800138000'],
];

/**
 * Files a complaint by answering whatever the bot asks (as the held-out
 * conversation does), starting from `first`; returns the ticket number.
 */
export async function fileByAnswering(chat: ChatClient, first: string, answers: [RegExp, string][] = []): Promise<string> {
  const table = [...answers, ...DEFAULT_ANSWERS];
  let reply = await chat.send(first);
  for (let turn = 0; turn < 20; turn++) {
    const m = /TS\d{8}-\d{4}/.exec(reply);
    if (m) return m[0];
    const answer = table.find(([q]) => q.test(reply));
    if (!answer) throw new Error(`no answer for: ${reply}`);
    reply = await chat.send(answer[1]);
  }
  throw new Error('no ticket after 20 turns');
}

/** The PostgreSQL server the cluster-mode tests use (CI machines run one on 127.0.0.1:5432). */
export const POSTGRES = process.env.WST_TEST_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** Does a PostgreSQL server answer? Tests that need one are skipped, and say so, where none does. */
export async function postgresAvailable(): Promise<boolean> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: POSTGRES, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    console.warn(`PostgreSQL not reachable at ${POSTGRES}: the PostgreSQL tests are skipped`);
    return false;
  }
}

/** A fresh schema name for one test file; `dropSchema` removes it afterwards. */
export function postgresSchema(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now()}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: POSTGRES });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await c.end();
  }
}

/** Headless Chromium for the browser tests: Debian's package (`apt-get install chromium`), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Flags for a sandbox with no network but loopback (see shared/platform-notes.md). */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Is Chromium there? Without it the browser tests are skipped with a warning,
 * unless WST_REQUIRE_BROWSER=1 (set by .ci/run), where a missing browser fails.
 */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.WST_REQUIRE_BROWSER === '1') throw new Error(`Chromium not found at ${CHROMIUM} (WST_REQUIRE_BROWSER=1)`);
  console.warn(`Chromium not found at ${CHROMIUM}: the browser tests are skipped (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}
