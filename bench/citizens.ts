/**
 * The citizens driver: its own process, driven by the harness over IPC.
 * Each citizen is one real WebSocket client on /ws/chat that files
 * complaints turn by turn, answering whatever the bot asks as a person
 * would (so a reworded question or a pre-filled slot does not break it),
 * then lists its tickets and asks for the new one by number, and starts
 * over. By default a closed loop with no think time: the next message
 * leaves when the reply to the last has arrived, so turns/s is the most the
 * server delivers. With `thinkMs` each citizen pauses like a person typing,
 * and the latency is that of a service that is not saturated.
 *
 * Latency of a turn: from just before `ws.send` to the arrival of the
 * reply (or error) frame, in this process.
 */
import WebSocket from 'ws';
import type { IdleJob, ParentMessage, TurnsJob, TurnsWindow } from './ipc.js';
import { percentile } from './stats.js';

const TURN_TIMEOUT_MS = 30_000;
const TICKET = /TS\d{8}-\d{4}/;

const OPENINGS = [
  '我在西湖区老张面馆吃出了头发',
  '昨天在上城区百姓超市买的牛奶过期了',
  '拱墅区甜蜜蜜奶茶店的奶茶喝了拉肚子',
  '滨江区小李饭店后厨很脏有蟑螂',
  '在余杭区好味快餐店吃的饭菜发霉了',
];
const NAMES = ['张三', '李四', '王芳', '陈明', '刘洋'];

interface Frame {
  type: string;
  text?: string;
  token?: string;
  code?: string;
}

/** The web chat refills one message every 500 ms per connection (channels/websocket). */
const RATE_LIMIT_WAIT_MS = 500;

/** One web-chat client: send a frame, await the next reply. */
class Socket {
  private waiter?: (f: Frame) => void;
  private readonly early: Frame[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const f = JSON.parse(String(data)) as Frame;
      if (f.type === 'pong') return;
      const w = this.waiter;
      this.waiter = undefined;
      if (w) w(f);
      else this.early.push(f);
    });
    ws.on('close', () => this.waiter?.({ type: 'closed' }));
    ws.on('error', () => {});
  }

  static open(url: string): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { perMessageDeflate: false });
      ws.once('open', () => resolve(new Socket(ws)));
      ws.once('error', reject);
    });
  }

  next(ms = TURN_TIMEOUT_MS): Promise<Frame> {
    const f = this.early.shift();
    if (f) return Promise.resolve(f);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`no frame within ${ms} ms`));
      }, ms);
      this.waiter = (frame) => {
        clearTimeout(timer);
        this.waiter = undefined;
        if (frame.type === 'closed') reject(new Error('socket closed'));
        else resolve(frame);
      };
    });
  }

  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }

  async hello(): Promise<string> {
    this.send({ type: 'hello' });
    const f = await this.next();
    if (f.type !== 'session' || !f.token) throw new Error(`expected a session frame, got ${f.type}`);
    return f.token;
  }

  close(): void {
    this.ws.terminate();
  }
}

/** What a citizen answers to a question, read from the question's wording. */
export function answerFor(reply: string, me: { opening: string; name: string; phone: string }): string | null {
  const asks = (re: RegExp) => re.test(reply);
  if (asks(/确认提交|核对以下信息|confirm/i)) return '确认';
  if (asks(/哪一类/)) return '投诉';
  if (asks(/发生了什么/)) return me.opening;
  if (asks(/哪家商户|店名/)) return '老张面馆';
  if (asks(/具体地址/)) return '文三路123号';
  if (asks(/哪个区县/)) return '西湖区';
  if (asks(/什么时候发生/)) return '昨天晚上7点';
  if (asks(/照片|证据/)) return '没有';
  if (asks(/姓名/)) return me.name;
  if (asks(/手机号码|电话/)) return me.phone;
  return null;
}

interface Sample {
  at: number;
  ms: number;
  error: boolean;
}

class Citizen {
  private socket?: Socket;
  private readonly me: { opening: string; name: string; phone: string };

  constructor(
    private readonly url: string,
    readonly index: number,
    private readonly record: (s: Sample) => void,
    private readonly onTicket: () => void,
    private readonly echo: boolean,
    private readonly onLimited: (at: number) => void,
    private readonly thinkMs = 0,
  ) {
    this.me = {
      opening: OPENINGS[index % OPENINGS.length]!,
      name: NAMES[index % NAMES.length]!,
      phone: `139${String(10_000_000 + index).slice(-8)}`,
    };
  }

  async connect(): Promise<void> {
    this.socket = await Socket.open(this.url);
    await this.socket.hello();
  }

  /**
   * One turn: the reply text, or null after an error (recorded). Told to
   * slow down (the per-connection rate limit), the citizen waits and sends
   * the same message again, as the chat page asks; the turn's latency runs
   * from the first send to the reply.
   */
  private async turn(text: string): Promise<string | null> {
    const s = this.socket!;
    if (this.thinkMs > 0) await new Promise((r) => setTimeout(r, this.thinkMs * (0.5 + Math.random())));
    const t0 = performance.now();
    for (let attempt = 0; ; attempt++) {
      s.send({ type: 'text', text });
      let f: Frame;
      try {
        f = await s.next();
      } catch {
        this.record({ at: performance.now(), ms: TURN_TIMEOUT_MS, error: true });
        return null;
      }
      if (f.type === 'error' && f.code === 'rate_limited' && attempt < 20) {
        this.onLimited(performance.now());
        await new Promise((r) => setTimeout(r, RATE_LIMIT_WAIT_MS));
        continue;
      }
      const t1 = performance.now();
      const error = f.type !== 'reply';
      this.record({ at: t1, ms: t1 - t0, error });
      return error ? null : (f.text ?? '');
    }
  }

  /**
   * Files complaints until `running()` turns false. The first message waits
   * up to `staggerMs`, so that the citizens are not all at the same step of
   * the filing at the same moment.
   */
  async loop(running: () => boolean, staggerMs = 0): Promise<void> {
    if (staggerMs > 0) await new Promise((r) => setTimeout(r, Math.random() * staggerMs));
    while (running()) {
      const ok = await this.fileOne(running);
      if (!ok && running()) {
        // Start clean after anything unexpected: a new socket, a new session.
        this.socket?.close();
        await this.connect().catch(() => new Promise((r) => setTimeout(r, 200)));
      }
    }
  }

  private async fileOne(running: () => boolean): Promise<boolean> {
    let reply = await this.turn(this.me.opening);
    for (let step = 0; reply !== null && step < 12 && running(); step++) {
      const number = TICKET.exec(reply)?.[0];
      if (number) {
        this.onTicket();
        if (!running() || (await this.turn('我的投诉')) === null) return running() ? false : true;
        if (!running()) return true;
        return (await this.turn(number)) !== null;
      }
      const answer = answerFor(reply, this.me);
      if (answer === null) return false;
      reply = await this.turn(answer);
    }
    return reply !== null || !running();
  }

  /**
   * Against the echo baseline nothing is asked: the same messages go out in
   * the order the bot usually asks for them, one per reply.
   */
  private async scripted(running: () => boolean): Promise<boolean> {
    const script = [this.me.opening, '投诉', '文三路123号', '昨天晚上7点', '没有', this.me.name, this.me.phone, '确认', '我的投诉', 'TS20261129-0001'];
    for (const text of script) {
      if (!running()) return true;
      if ((await this.turn(text)) === null) return false;
    }
    return true;
  }

  close(): void {
    this.socket?.close();
  }
}

async function inBatches<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

async function runTurns(job: TurnsJob): Promise<{ windows: TurnsWindow[]; connectMs: number; answered: number }> {
  const samples: Sample[] = [];
  let tickets: number[] = [];
  const limited: number[] = [];
  const citizens = Array.from({ length: job.concurrency }, (_, i) => new Citizen(job.wsUrl, i, (s) => samples.push(s), () => tickets.push(performance.now()), job.target === 'echo', (at) => limited.push(at), job.thinkMs ?? 0));
  const c0 = performance.now();
  await inBatches(citizens, 100, (c) => c.connect());
  const connectMs = performance.now() - c0;

  const start = performance.now();
  const t0 = start + job.warmupMs;
  const end = t0 + job.runs * job.runMs;
  let running = true;
  const loops = citizens.map((c) => c.loop(() => running, job.thinkMs ? 0 : job.warmupMs / 2));
  await new Promise((r) => setTimeout(r, end - performance.now()));
  running = false;
  await Promise.all(loops);
  for (const c of citizens) c.close();

  const windows: TurnsWindow[] = [];
  for (let i = 0; i < job.runs; i++) {
    const from = t0 + i * job.runMs;
    const to = from + job.runMs;
    const inWindow = samples.filter((s) => s.at >= from && s.at < to);
    const ms = inWindow.filter((s) => !s.error).map((s) => s.ms).sort((a, b) => a - b);
    const seconds = job.runMs / 1000;
    windows.push({
      turns: ms.length,
      seconds,
      tps: ms.length / seconds,
      p50_ms: percentile(ms, 50),
      p99_ms: percentile(ms, 99),
      max_ms: ms.at(-1) ?? NaN,
      errors: inWindow.length - ms.length,
      tickets: tickets.filter((t) => t >= from && t < to).length,
      rate_limited: limited.filter((t) => t >= from && t < to).length,
    });
  }
  tickets = [];
  const answered = samples.filter((s) => !s.error).length;
  return { windows, connectMs, answered };
}

let idle: Socket[] = [];

async function openIdle(job: IdleJob): Promise<{ opened: number; failed: number; ms: number }> {
  const t0 = performance.now();
  let failed = 0;
  const slots = Array.from({ length: job.sessions }, (_, i) => i);
  await inBatches(slots, job.parallel, async () => {
    try {
      const s = await Socket.open(job.wsUrl);
      await s.hello();
      idle.push(s);
    } catch {
      failed++;
    }
  });
  return { opened: idle.length, failed, ms: performance.now() - t0 };
}

process.on('message', (msg: ParentMessage) => {
  const reply = (p: Promise<unknown>) =>
    p.then(
      (result) => process.send?.({ type: 'result', result }),
      (err: Error) => process.send?.({ type: 'failed', error: err.stack ?? err.message }),
    );
  if (msg.cmd === 'turns') void reply(runTurns(msg));
  if (msg.cmd === 'idle') void reply(openIdle(msg));
  if (msg.cmd === 'release') {
    for (const s of idle) s.close();
    const n = idle.length;
    idle = [];
    void reply(Promise.resolve({ closed: n }));
  }
  if (msg.cmd === 'stop') process.exit(0);
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
