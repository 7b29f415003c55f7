/**
 * What one chat turn costs inside the service, and what the disk allows:
 * the figures that explain the turns/s of section 1. Its own process:
 *
 * - disk: fsync'd commits per second on this machine (a one-row UPDATE in
 *   WAL mode with synchronous=FULL, and NORMAL for comparison), through
 *   better-sqlite3 directly: the physical limit of a durable commit here.
 * - anatomy: citizens filing complaints one turn at a time against the real app (in this
 *   process, so that every SQLite statement can be counted and timed):
 *   statements, commits and time inside SQLite per turn, CPU per turn.
 *
 * Prints one JSON line.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { answerFor } from './citizens.js';
import { median } from './stats.js';

const settings = { commits: 200, rounds: 3, turns: 60, ...JSON.parse(process.argv[2] ?? '{}') } as { commits: number; rounds: number; turns: number };
const dir = mkdtempSync(path.join(os.tmpdir(), 'wst-bench-anatomy-'));

function commitMs(sync: 'FULL' | 'NORMAL'): number {
  const db = new Database(path.join(dir, `disk-${sync}.db`));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  // A commit about the size of a turn's: one row with a text key and two
  // indexes, so a few pages reach the WAL.
  db.exec('CREATE TABLE IF NOT EXISTS t (id TEXT PRIMARY KEY, k TEXT, body TEXT, at TEXT)');
  db.exec('CREATE INDEX IF NOT EXISTS t_k ON t (k, at)');
  const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const body = '我在西湖区老张面馆吃出了头发'.repeat(20);
  const up = { run: () => ins.run(randomUUID(), randomUUID(), body, new Date().toISOString()) };
  for (let i = 0; i < 20; i++) up.run();
  const runs: number[] = [];
  for (let r = 0; r < settings.rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < settings.commits; i++) up.run();
    runs.push((performance.now() - t0) / settings.commits);
  }
  db.close();
  return median(runs);
}

interface StatementStats {
  n: number;
  ms: number;
}

/** Counts and times every statement the app runs through better-sqlite3. */
function instrument(stats: Map<string, StatementStats>, on: () => boolean): void {
  const isWrite = (sql: string) => /^\s*(INSERT|UPDATE|DELETE)/i.test(sql);
  const proto = (Database as unknown as { prototype: { prepare: (sql: string) => Record<string, unknown> } }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const stmt = prepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
    const kind = /^\s*(COMMIT|BEGIN|ROLLBACK)/i.test(sql) ? sql.trim().split(/\s/)[0]!.toUpperCase() : (sql.trim().split(/\s/)[0] ?? '?').toUpperCase();
    for (const m of ['run', 'all', 'get', 'iterate']) {
      const f = stmt[m];
      if (typeof f !== 'function') continue;
      stmt[m] = function (this: unknown, ...a: unknown[]) {
        const t0 = performance.now();
        // A write outside BEGIN…COMMIT is a commit of its own (fsync'd too).
        const alone = isWrite(sql) && !(this as { database?: { inTransaction?: boolean } }).database?.inTransaction;
        try {
          return f.apply(this, a);
        } finally {
          if (on()) {
            const s = stats.get(kind) ?? { n: 0, ms: 0 };
            s.n++;
            s.ms += performance.now() - t0;
            stats.set(kind, s);
            if (alone) {
              const c = stats.get('AUTOCOMMIT') ?? { n: 0, ms: 0 };
              c.n++;
              c.ms += performance.now() - t0;
              stats.set('AUTOCOMMIT', c);
            }
          }
        }
      };
    }
    return stmt;
  };
}

const stats = new Map<string, StatementStats>();
let counting = false;
instrument(stats, () => counting);

async function anatomy(sync: 'FULL' | 'NORMAL') {
  stats.clear();
  counting = false;
  // Imported after instrumenting, so the app's connection is counted too.
  const { startServer, ChatClient } = await import('../test/helpers.js');
  const server = await startServer({ dataDir: path.join(dir, `app-${sync}`), env: { SQLITE_SYNCHRONOUS: sync } });
  // Several citizens taking turns, one message at a time: each stays well
  // inside the web chat's per-connection rate limit, so every turn is a
  // real turn (and the wall time has no queueing in it).
  const citizens = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => ({
      chat: await ChatClient.connect(server.wsUrl),
      me: { opening: '我在西湖区老张面馆吃出了头发', name: '张三', phone: `139000000${String(i).padStart(2, '0')}` },
      next: '我在西湖区老张面馆吃出了头发',
      afterTicket: [] as string[],
    })),
  );
  let tickets = 0;
  let k = 0;
  const turn = async () => {
    const c = citizens[k++ % citizens.length]!;
    const sent = c.next;
    const reply = await c.chat.send(sent);
    const number = /TS\d{8}-\d{4}/.exec(reply)?.[0];
    if (number && sent === '确认') {
      tickets++;
      c.afterTicket = ['我的投诉', number];
    }
    c.next = c.afterTicket.shift() ?? answerFor(reply, c.me) ?? c.me.opening;
  };
  for (let i = 0; i < 24; i++) await turn();
  await server.app.conversations.idle();
  counting = true;
  tickets = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < settings.turns; i++) await turn();
  await new Promise((r) => setTimeout(r, 50)); // the last outbox mark
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  counting = false;
  for (const c of citizens) await c.chat.close();
  await server.stop();
  const per = (x: number) => x / settings.turns;
  const all = [...stats.values()];
  const writes = ['INSERT', 'UPDATE', 'DELETE'].reduce((n, k) => n + (stats.get(k)?.n ?? 0), 0);
  const commits = stats.get('COMMIT')?.n ?? 0;
  const begins = stats.get('BEGIN')?.n ?? 0;
  return {
    turns: settings.turns,
    tickets,
    wall_ms_per_turn: per(wallMs),
    cpu_ms_per_turn: per((cpu.user + cpu.system) / 1000),
    statements_per_turn: per(all.reduce((n, s) => n + s.n, 0) - (stats.get('AUTOCOMMIT')?.n ?? 0)),
    sqlite_ms_per_turn: per(all.reduce((n, s) => n + s.ms, 0) - (stats.get('AUTOCOMMIT')?.ms ?? 0)),
    commit_ms_per_turn: per(stats.get('COMMIT')?.ms ?? 0),
    transactions_per_turn: per(commits),
    /** Writes outside BEGIN…COMMIT: each commits on its own (and is fsync'd under FULL). */
    autocommit_writes_per_turn: per(stats.get('AUTOCOMMIT')?.n ?? 0),
    autocommit_ms_per_turn: per(stats.get('AUTOCOMMIT')?.ms ?? 0),
    commits_per_turn: per(commits + (stats.get('AUTOCOMMIT')?.n ?? 0)),
    writes_per_turn: per(writes),
    begins_per_turn: per(begins),
    by_kind: Object.fromEntries([...stats].map(([k, s]) => [k, { per_turn: per(s.n), ms_per_turn: per(s.ms) }])),
  };
}

try {
  const disk = { full_commit_ms: commitMs('FULL'), normal_commit_ms: commitMs('NORMAL') };
  const turn = await anatomy('FULL');
  const turnNormal = await anatomy('NORMAL');
  console.log(JSON.stringify({ disk, turn, turn_normal: turnNormal }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
