/**
 * `npm run bench`: the service measured against the physical limit of this
 * machine, in the same run. Starts every server as its own process on a
 * temporary SQLite database with default settings, drives it from a
 * separate citizens process over real WebSockets, prints a table and writes
 * bench/results.json. What each figure means is said where it is printed (bench/report.ts).
 *
 *   npm run bench                 full run (under 5 minutes on 2 busy cores)
 *   npm run bench -- --quick      short settings, to check the harness
 *   npm run bench -- --only=turns,memory
 *   npm run bench -- --quick --only=turns --levels=200
 *   BENCH_CPU_PROF=1 npm run bench -- --only=turns   also writes tmp/profiles/<server>/*.cpuprofile
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TurnsWindow } from './ipc.js';
import type { Meter } from './sqlite-meter.js';
import { spawnNode, ROOT, type Child } from './procs.js';
import { printReport, type Results } from './report.js';
import { median } from './stats.js';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice('--only='.length) ?? process.env.BENCH_ONLY;
const SECTIONS = ['turns', 'durability', 'analyser', 'fanout', 'memory', 'growth'] as const;
type Section = (typeof SECTIONS)[number];
const only = new Set((onlyArg ? onlyArg.split(',') : SECTIONS) as Section[]);
const cpuProf = process.env.BENCH_CPU_PROF === '1';
const levelsArg = argv.find((a) => a.startsWith('--levels='))?.slice('--levels='.length);

/** Every duration and size of the run; --quick only shortens, never changes what is measured. */
const S = quick
  ? { levels: [50, 200, 1000], warmupMs: 1500, runs: 3, runMs: 1500, idleSessions: 2000, growthC: 100, growthSteps: [10_000, 100_000], analyser: { warmupMs: 300, runs: 3, runMs: 500 }, anatomy: { commits: 100, rounds: 3, turns: 40 }, paced: { thinkMs: 3000, warmupMs: 3000, runMs: 2000 } }
  : { levels: [50, 200, 1000], warmupMs: 3000, runs: 3, runMs: 3000, idleSessions: 10_000, growthC: 100, growthSteps: [100_000, 1_000_000], analyser: { warmupMs: 1000, runs: 3, runMs: 2000 }, anatomy: { commits: 200, rounds: 3, turns: 100 }, paced: { thinkMs: 3000, warmupMs: 3500, runMs: 2000 } };

if (levelsArg) S.levels = levelsArg.split(',').map(Number);

const execFileAsync = promisify(execFile);
const startedAt = Date.now();
const loadStart = os.loadavg();
const workRoot = path.join(os.tmpdir(), 'wst-bench');
mkdirSync(workRoot, { recursive: true });
const tempDirs: string[] = [];
const children = new Set<Child>();

function tempDataDir(label: string): string {
  const dir = mkdtempSync(path.join(workRoot, `${label}-`));
  tempDirs.push(dir);
  return dir;
}

function log(msg: string): void {
  const s = ((Date.now() - startedAt) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${s}s] ${msg}\n`);
}

/** Soft and hard limits of open files, as a child started now would get them. */
function nofileLimits(): { soft: number; hard: number } {
  const out = execFileSync('/bin/sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).trim().split('\n');
  const num = (s: string | undefined) => (s === 'unlimited' ? Infinity : Number(s));
  return { soft: num(out[0]), hard: num(out[1]) };
}

async function startService(label: string, env: Record<string, string> = {}, opts: { gc?: boolean; nofile?: number; dataDir?: string } = {}): Promise<{ child: Child; wsUrl: string; dataDir: string }> {
  const dataDir = opts.dataDir ?? tempDataDir(label);
  const nodeArgs = [...(opts.gc ? ['--expose-gc'] : []), ...(cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${path.join(ROOT, 'tmp', 'profiles', label)}`] : [])];
  // Default settings of `npm start`, except where the bench must choose: a
  // free loopback port, a temporary data directory, logs at warn.
  const child = await spawnNode('bench/serve.ts', {
    label,
    env: { DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    nodeArgs,
    ...(opts.nofile ? { nofile: opts.nofile } : {}),
  });
  children.add(child);
  return { child, wsUrl: `ws://127.0.0.1:${child.ready.port}/ws/chat`, dataDir };
}

async function startEcho(opts: { gc?: boolean; nofile?: number } = {}): Promise<{ child: Child; wsUrl: string }> {
  const child = await spawnNode('bench/echo-server.ts', { label: 'echo', nodeArgs: opts.gc ? ['--expose-gc'] : [], ...(opts.nofile ? { nofile: opts.nofile } : {}) });
  children.add(child);
  return { child, wsUrl: `ws://127.0.0.1:${child.ready.port}/ws/chat` };
}

async function stop(child: Child): Promise<void> {
  await child.stop();
  children.delete(child);
}

let citizens: Child;

/** Where the service's time went during a measurement, per answered turn. */
export interface ServerCost {
  cpu_ms_per_turn: number;
  sqlite_ms_per_turn: number;
  commit_ms_per_turn: number;
  commits_per_turn: number;
  statements_per_turn: number;
  /** Share of the wall time the service's event loop spent inside commits. */
  commit_share: number;
  /** CPU time ÷ wall time of the service process (1 = one core busy). */
  cpu_load: number;
}

interface TurnsFigures {
  cost?: ServerCost;
  tps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  rateLimited: number;
  tickets: number;
  windows: TurnsWindow[];
}

/** One configuration: connect C citizens, warm up, then `runs` windows; medians of the windows. */
async function measureTurns(wsUrl: string, target: 'service' | 'echo', concurrency: number, s: { warmupMs: number; runs: number; runMs: number; thinkMs?: number } = S, server?: Child): Promise<TurnsFigures> {
  if (server) await server.request<Meter>({ cmd: 'meter' });
  const { windows, answered } = await citizens.request<{ windows: TurnsWindow[]; answered: number }>({ cmd: 'turns', wsUrl, target, concurrency, warmupMs: s.warmupMs, runs: s.runs, runMs: s.runMs, thinkMs: s.thinkMs ?? 0 });
  let cost: ServerCost | undefined;
  if (server) {
    const m = await server.request<Meter & { cpuMs: number; wallMs: number }>({ cmd: 'meter' });
    const per = (x: number) => round(x / Math.max(1, answered), 3)!;
    cost = {
      cpu_ms_per_turn: per(m.cpuMs),
      sqlite_ms_per_turn: per(m.sqliteMs),
      commit_ms_per_turn: per(m.commitMs),
      commits_per_turn: per(m.commits),
      statements_per_turn: per(m.statements),
      commit_share: round(m.commitMs / m.wallMs, 3)!,
      cpu_load: round(m.cpuMs / m.wallMs, 3)!,
    };
  }
  return {
    ...(cost ? { cost } : {}),
    tps: median(windows.map((w) => w.tps)),
    p50_ms: median(windows.map((w) => w.p50_ms)),
    p99_ms: median(windows.map((w) => w.p99_ms)),
    errors: windows.reduce((n, w) => n + w.errors, 0),
    rateLimited: windows.reduce((n, w) => n + w.rate_limited, 0),
    tickets: windows.reduce((n, w) => n + w.tickets, 0),
    windows,
  };
}

const round = (x: number, digits = 1) => (Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null);

async function sectionTurns(results: Results): Promise<void> {
  log('turns: starting the service (SQLITE_SYNCHRONOUS default = FULL) and the echo baseline');
  const svc = await startService('turns');
  const echo = await startEcho();
  results.turns = {};
  for (const c of S.levels) {
    log(`turns: C=${c} against the echo baseline`);
    const e = await measureTurns(echo.wsUrl, 'echo', c);
    log(`turns: C=${c} against the service`);
    const o = await measureTurns(svc.wsUrl, 'service', c, S, svc.child);
    results.turns[`c${c}`] = {
      ours_tps: round(o.tps)!,
      echo_tps: round(e.tps)!,
      ratio: round(o.tps / e.tps, 4)!,
      p50_ms: round(o.p50_ms, 2)!,
      p99_ms: round(o.p99_ms, 2)!,
      echo_p50_ms: round(e.p50_ms, 2)!,
      echo_p99_ms: round(e.p99_ms, 2)!,
      errors: o.errors,
      rate_limited: o.rateLimited,
      tickets_filed: o.tickets,
      ...(o.cost ? { server: o.cost } : {}),
      runs: o.windows.map((w) => ({ tps: round(w.tps)!, p50_ms: round(w.p50_ms, 2)!, p99_ms: round(w.p99_ms, 2)! })),
      echo_runs: e.windows.map((w) => ({ tps: round(w.tps)!, p50_ms: round(w.p50_ms, 2)!, p99_ms: round(w.p99_ms, 2)! })),
    };
  }
  // The same C=200 at a person's pace: what a citizen waits when the
  // service is not saturated (the p99 target), against the echo at that pace.
  const paced = { warmupMs: S.paced.warmupMs, runs: S.runs, runMs: S.paced.runMs, thinkMs: S.paced.thinkMs };
  log(`turns: C=200 paced (think ${paced.thinkMs} ms ±50%) against the echo baseline`);
  const pe = await measureTurns(echo.wsUrl, 'echo', 200, paced);
  log(`turns: C=200 paced against the service`);
  const po = await measureTurns(svc.wsUrl, 'service', 200, paced, svc.child);
  results.turns_paced = {
    concurrency: 200,
    think_ms: paced.thinkMs,
    ours_tps: round(po.tps)!,
    echo_tps: round(pe.tps)!,
    p50_ms: round(po.p50_ms, 2)!,
    p99_ms: round(po.p99_ms, 2)!,
    echo_p50_ms: round(pe.p50_ms, 2)!,
    echo_p99_ms: round(pe.p99_ms, 2)!,
    errors: po.errors,
    ...(po.cost ? { server: po.cost } : {}),
  };
  await stop(echo.child);
  await stop(svc.child);
}

async function sectionDurability(results: Results): Promise<void> {
  const c = 200;
  const out: Record<string, { tps: number; p50_ms: number; p99_ms: number; server?: ServerCost }> = {};
  // Both settings measured here, back to back, each on a fresh database.
  for (const sync of ['FULL', 'NORMAL'] as const) {
    log(`durability: C=${c} with SQLITE_SYNCHRONOUS=${sync}`);
    const svc = await startService(`sync-${sync.toLowerCase()}`, { SQLITE_SYNCHRONOUS: sync });
    const f = await measureTurns(svc.wsUrl, 'service', c, { warmupMs: Math.min(S.warmupMs, 2000), runs: S.runs, runMs: Math.min(S.runMs, 2500) }, svc.child);
    out[sync.toLowerCase()] = { tps: round(f.tps)!, p50_ms: round(f.p50_ms, 2)!, p99_ms: round(f.p99_ms, 2)!, ...(f.cost ? { server: f.cost } : {}) };
    await stop(svc.child);
  }
  log('durability: disk commit latency and the anatomy of one turn (own process)');
  const raw = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/turn-anatomy.ts'), JSON.stringify(S.anatomy)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20, env: { ...process.env, LOG_LEVEL: 'silent' } });
  const a = JSON.parse(raw.trim().split('\n').at(-1)!) as { disk: { full_commit_ms: number; normal_commit_ms: number }; turn: Record<string, number>; turn_normal: Record<string, number> };
  const pick = (t: Record<string, number>) => ({
    wall_ms: round(t.wall_ms_per_turn!, 3)!,
    cpu_ms: round(t.cpu_ms_per_turn!, 3)!,
    statements: round(t.statements_per_turn!, 2)!,
    sqlite_ms: round(t.sqlite_ms_per_turn!, 3)!,
    commits: round(t.commits_per_turn!, 2)!,
    commit_ms: round(t.commit_ms_per_turn! + t.autocommit_ms_per_turn!, 3)!,
  });
  results.durability = {
    concurrency: c,
    full: out.full!,
    normal: out.normal!,
    full_over_normal_tps: round(out.full!.tps / out.normal!.tps, 3)!,
    disk_commit_ms: { full: round(a.disk.full_commit_ms, 3)!, normal: round(a.disk.normal_commit_ms, 3)! },
    per_turn: { full: pick(a.turn), normal: pick(a.turn_normal) },
  };
}

async function sectionAnalyser(results: Results): Promise<void> {
  log('analyser: analyse() one call at a time, own process');
  const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/analyser-run.ts'), JSON.stringify(S.analyser)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
  results.analyser = r.not_measured
    ? { not_measured: String(r.not_measured) }
    : { slowest: (r.slowest as { text: string; median_us: number }[]).map((x) => ({ text: x.text, median_us: round(x.median_us)! })), calls_per_s: round(r.calls_per_s as number)!, p50_us: round(r.p50_us as number)!, p99_us: round(r.p99_us as number)!, warm_up_ms: r.warm_up_ms === null ? null : round(r.warm_up_ms as number), first_call_ms: round(r.first_call_ms as number, 2)! };
}

/**
 * Fan-out is measured once broadcasts exist: the hook is here. It should
 * subscribe N = 10,000 and 100,000 citizens, send one alert through the
 * service's broadcast entry and time the last arrival, against the time a
 * bare server takes to write the same bytes to the same sockets.
 */
async function sectionFanout(results: Results): Promise<void> {
  results.fanout = { not_measured: 'broadcasts not built' };
}

interface Memory {
  rss: number;
  heapUsed: number;
  gc: boolean;
}

async function sectionMemory(results: Results): Promise<void> {
  const wanted = S.idleSessions;
  const need = wanted + 2048;
  const { soft, hard } = nofileLimits();
  const sessions = Math.min(wanted, hard - 2048);
  const nofile = soft >= need ? undefined : Math.min(hard, need);
  const note = sessions < wanted ? `open-file hard limit ${hard}: ${sessions} sessions instead of ${wanted}` : soft < need ? `ulimit -n raised from ${soft} to ${nofile} for the service and the clients` : `ulimit -n ${soft} is enough`;
  log(`memory: ${sessions} idle sessions (${note})`);
  const idleCitizens = await spawnNode('bench/citizens.ts', { label: 'idle-citizens', ...(nofile ? { nofile } : {}) });
  children.add(idleCitizens);
  const perSession = async (label: string, server: Child, wsUrl: string) => {
    // Warm the code paths (JIT, lazy modules, the database) before the baseline.
    await idleCitizens.request({ cmd: 'idle', wsUrl, sessions: 200, parallel: 50 });
    await idleCitizens.request({ cmd: 'release' });
    await new Promise((r) => setTimeout(r, 500));
    const before = await server.request<Memory>({ cmd: 'memory' });
    const opened = await idleCitizens.request<{ opened: number; failed: number; ms: number }>({ cmd: 'idle', wsUrl, sessions, parallel: 100 }, 300_000);
    await new Promise((r) => setTimeout(r, 1000));
    const after = await server.request<Memory>({ cmd: 'memory' });
    await idleCitizens.request({ cmd: 'release' });
    log(`memory: ${label}: ${opened.opened} sessions open in ${(opened.ms / 1000).toFixed(1)} s, RSS ${(before.rss / 2 ** 20).toFixed(1)} → ${(after.rss / 2 ** 20).toFixed(1)} MiB`);
    return {
      sessions: opened.opened,
      failed: opened.failed,
      bytes: Math.round((after.rss - before.rss) / opened.opened),
      heap: Math.round((after.heapUsed - before.heapUsed) / opened.opened),
      rssBefore: before.rss,
      rssAfter: after.rss,
      gc: before.gc && after.gc,
    };
  };
  const svc = await startService('memory', {}, { gc: true, ...(nofile ? { nofile } : {}) });
  const ours = await perSession('service', svc.child, svc.wsUrl);
  await stop(svc.child);
  const echo = await startEcho({ gc: true, ...(nofile ? { nofile } : {}) });
  const bare = await perSession('echo', echo.child, echo.wsUrl);
  await stop(echo.child);
  await stop(idleCitizens);
  children.delete(idleCitizens);
  results.memory = {
    sessions: ours.sessions,
    failed_to_open: ours.failed,
    bytes_per_idle_session: ours.bytes,
    heap_bytes_per_idle_session: ours.heap,
    echo_bytes_per_idle_session: bare.bytes,
    rss_before_mib: round(ours.rssBefore / 2 ** 20)!,
    rss_after_mib: round(ours.rssAfter / 2 ** 20)!,
    after_gc: ours.gc,
    note,
  };
}

/**
 * Growth: one database per size (empty, then seeded), a service on each, all
 * running at once; the measuring windows take turns between them, so that
 * the machine's noise falls on every size alike.
 */
interface Seeded {
  size: number;
  dataDir: string;
  result?: { tickets: number; contacts: number; events: number; messages: number; ms: number };
}

let seeding: Promise<Seeded[]> | undefined;

/**
 * Seeds the growth databases in a child process. Started before the memory
 * section, whose figures are bytes, not times, so the two share the
 * machine without changing what is measured; the seeding time reported may
 * be longer for it.
 */
function startSeeding(): Promise<Seeded[]> {
  seeding ??= (async () => {
    const out: Seeded[] = [{ size: 0, dataDir: tempDataDir('growth-0') }];
    for (const size of S.growthSteps) {
      const dataDir = tempDataDir(`growth-${size}`);
      log(`growth: seeding ${size.toLocaleString('en')} tickets (own process)`);
      const { stdout } = await execFileAsync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/seed.ts'), '--db', path.join(dataDir, 'wanshitong.db'), '--tickets', String(size)], { cwd: ROOT, encoding: 'utf8' });
      const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as Seeded['result'] & object;
      log(`growth: seeded ${size.toLocaleString('en')} in ${(result.ms / 1000).toFixed(1)} s (${result.contacts.toLocaleString('en')} citizens, ${result.events.toLocaleString('en')} events, ${result.messages.toLocaleString('en')} messages)`);
      out.push({ size, dataDir, result });
    }
    return out;
  })();
  return seeding;
}

async function sectionGrowth(results: Results): Promise<void> {
  const c = S.growthC;
  // C=100 closed loop: each citizen gets through a whole filing (ticket
  // insert, own list, look-up by number) within warm-up and window, and
  // stays under the web chat's 2 messages/s per connection.
  const window = { warmupMs: Math.min(S.warmupMs, 2500), runs: 1, runMs: Math.min(S.runMs, 3500) };
  const label = (n: number) => (n === 0 ? '0' : n >= 1_000_000 ? `${n / 1_000_000}m` : `${n / 1000}k`);
  const g: Record<string, number | string | null> = { concurrency: c };
  const sizes = [0, ...S.growthSteps];
  const services: { size: number; child: Child; wsUrl: string; runs: { tps: number; p50_ms: number; p99_ms: number; rate_limited: number; tickets: number }[] }[] = [];
  for (const seeded of await startSeeding()) {
    const { size, dataDir, result: r } = seeded;
    if (r) {
      g[`seed_ms_${label(size)}`] = Math.round(r.ms);
      g[`seeded_rows_${label(size)}`] = r.tickets + 3 * r.contacts + r.events + r.messages;
    }
    const svc = await startService(`growth-${label(size)}`, {}, { dataDir });
    g[`startup_ms_at_${label(size)}`] = Math.round(svc.child.readyMs);
    services.push({ size, child: svc.child, wsUrl: svc.wsUrl, runs: [] });
  }
  for (let run = 0; run < S.runs; run++) {
    for (const svc of services) {
      log(`growth: run ${run + 1}/${S.runs}, C=${c} with ${svc.size.toLocaleString('en')} tickets stored`);
      const f = await measureTurns(svc.wsUrl, 'service', c, window);
      svc.runs.push({ tps: f.tps, p50_ms: f.p50_ms, p99_ms: f.p99_ms, rate_limited: f.rateLimited, tickets: f.tickets });
    }
  }
  for (const svc of services) {
    await stop(svc.child);
    const l = label(svc.size);
    g[`p99_ms_at_${l}`] = round(median(svc.runs.map((r) => r.p99_ms)), 2);
    g[`p50_ms_at_${l}`] = round(median(svc.runs.map((r) => r.p50_ms)), 2);
    g[`tps_at_${l}`] = round(median(svc.runs.map((r) => r.tps)));
    (g as Record<string, unknown>)[`runs_at_${l}`] = svc.runs.map((r) => ({ tps: round(r.tps)!, p50_ms: round(r.p50_ms, 2)!, p99_ms: round(r.p99_ms, 2)!, rate_limited: r.rate_limited, tickets: r.tickets }));
    g[`rate_limited_at_${l}`] = svc.runs.reduce((n, r) => n + r.rate_limited, 0);
    g[`tickets_filed_at_${l}`] = svc.runs.reduce((n, r) => n + r.tickets, 0);
  }
  const last = label(sizes.at(-1)!);
  g.p99_growth = round((g[`p99_ms_at_${last}`] as number) / (g.p99_ms_at_0 as number) - 1, 3);
  g.largest = last;
  results.growth = g;
}

async function main(): Promise<void> {
  const command = process.env.npm_lifecycle_event === 'bench' ? `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}` : `node --import tsx bench/run.ts ${argv.join(' ')}`.trim();
  const results: Results = {
    meta: {
      command,
      date: new Date(startedAt).toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpu_model: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.type()} ${os.release()}`,
      loadavg_start: loadStart.map((x) => round(x, 2)!),
      quick,
      sections: [...only],
      settings: S,
    },
  };
  citizens = await spawnNode('bench/citizens.ts', { label: 'citizens' });
  children.add(citizens);
  const run: [Section, (r: Results) => Promise<void>][] = [
    ['turns', sectionTurns],
    ['durability', sectionDurability],
    ['analyser', sectionAnalyser],
    ['fanout', sectionFanout],
    ['memory', sectionMemory],
    ['growth', sectionGrowth],
  ];
  for (const [name, fn] of run) {
    if (!only.has(name)) continue;
    if (name === 'memory' && only.has('growth')) void startSeeding().catch(() => {});
    try {
      await fn(results);
    } catch (err) {
      log(`${name} failed: ${(err as Error).stack ?? err}`);
      (results as unknown as Record<string, unknown>)[name] = { failed: (err as Error).message };
    }
  }
  results.meta.loadavg_end = os.loadavg().map((x) => round(x, 2)!);
  results.meta.duration_s = round((Date.now() - startedAt) / 1000)!;
  const file = path.join(ROOT, 'bench', 'results.json');
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  printReport(results);
  console.log(`\nwritten to ${path.relative(process.cwd(), file) || file}`);
}

async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop().catch(() => {})));
  if (process.env.BENCH_KEEP !== '1') for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
try {
  await main();
} finally {
  await cleanup();
}
