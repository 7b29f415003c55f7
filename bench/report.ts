/**
 * The results of a bench run (also bench/results.json) and the table
 * printed from them, with each target of issue 6 marked met or missed.
 */

export interface TurnsResult {
  ours_tps: number;
  echo_tps: number;
  ratio: number;
  p50_ms: number;
  p99_ms: number;
  echo_p50_ms: number;
  echo_p99_ms: number;
  errors: number;
  rate_limited: number;
  tickets_filed: number;
  server?: ServerCost;
  runs: { tps: number; p50_ms: number; p99_ms: number }[];
  echo_runs: { tps: number; p50_ms: number; p99_ms: number }[];
}

import type { ServerCost } from './run.js';

export interface TurnAnatomy {
  wall_ms: number;
  cpu_ms: number;
  statements: number;
  sqlite_ms: number;
  commits: number;
  commit_ms: number;
}

type NotMeasured = { not_measured: string } | { failed: string };

export interface Results {
  meta: {
    command: string;
    date: string;
    node: string;
    cpus: number;
    cpu_model: string;
    platform: string;
    loadavg_start: number[];
    loadavg_end?: number[];
    quick: boolean;
    sections: string[];
    settings: unknown;
    duration_s?: number;
  };
  turns?: Record<string, TurnsResult> | NotMeasured;
  /** C=200 citizens pausing like people between messages: latency of a service that is not saturated. */
  turns_paced?:
    | { concurrency: number; think_ms: number; ours_tps: number; echo_tps: number; p50_ms: number; p99_ms: number; echo_p50_ms: number; echo_p99_ms: number; errors: number; server?: ServerCost }
    | NotMeasured;
  durability?:
    | {
        concurrency: number;
        full: { tps: number; p50_ms: number; p99_ms: number; server?: ServerCost };
        normal: { tps: number; p50_ms: number; p99_ms: number; server?: ServerCost };
        full_over_normal_tps: number;
        /** One small commit straight through better-sqlite3: the disk's own price. */
        disk_commit_ms: { full: number; normal: number };
        /** One turn at a time, in-process, every SQLite statement counted. */
        per_turn: Record<'full' | 'normal', TurnAnatomy>;
      }
    | NotMeasured;
  analyser?: { slowest: { text: string; median_us: number }[]; calls_per_s: number; p50_us: number; p99_us: number; warm_up_ms: number | null; first_call_ms: number } | NotMeasured;
  fanout?: NotMeasured | Record<string, unknown>;
  memory?:
    | {
        sessions: number;
        failed_to_open: number;
        bytes_per_idle_session: number;
        heap_bytes_per_idle_session: number;
        echo_bytes_per_idle_session: number;
        rss_before_mib: number;
        rss_after_mib: number;
        after_gc: boolean;
        note: string;
      }
    | NotMeasured;
  growth?: Record<string, number | string | null> | NotMeasured;
  targets?: { target: string; measured: string; met: boolean | null }[];
}

const skipped = (x: unknown): x is NotMeasured => !!x && typeof x === 'object' && ('not_measured' in x || 'failed' in x);
const why = (x: NotMeasured) => ('not_measured' in x ? `not measured: ${x.not_measured}` : `failed: ${x.failed}`);
const n = (x: number | null | undefined, digits = 1) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const widths = head.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Targets of issue 6, judged from the results (null: not measured). */
export function judgeTargets(r: Results): NonNullable<Results['targets']> {
  const out: NonNullable<Results['targets']> = [];
  const c200 = r.turns && !skipped(r.turns) ? r.turns.c200 : undefined;
  out.push({
    target: 'turns/s ≥ 0.10 × echo at C=200, p99 < 50 ms',
    measured: c200 ? `ratio ${c200.ratio}, p99 ${c200.p99_ms} ms` : 'not measured',
    met: c200 ? c200.ratio >= 0.1 && c200.p99_ms < 50 : null,
  });
  const p = r.turns_paced && !skipped(r.turns_paced) ? r.turns_paced : undefined;
  out.push({
    target: `  … p99 < 50 ms at C=200 at a person's pace`,
    measured: p ? `p99 ${p.p99_ms} ms (think ${p.think_ms} ms, ${p.ours_tps} turns/s)` : 'not measured',
    met: p ? p.p99_ms < 50 : null,
  });
  const g = r.growth && !skipped(r.growth) ? r.growth : undefined;
  out.push({
    target: `turn p99 grows ≤ 20% from 0 to 1,000,000 tickets`,
    measured: g ? `${n((g.p99_growth as number) * 100)}% (0 → ${g.largest})` : 'not measured',
    met: g && g.largest === '1m' ? (g.p99_growth as number) <= 0.2 : null,
  });
  out.push({ target: '100,000-client fan-out within 3× the bare server', measured: 'not measured: broadcasts not built', met: null });
  const m = r.memory && !skipped(r.memory) ? r.memory : undefined;
  out.push({
    target: 'under 20 KiB per idle session',
    measured: m ? `${n(m.bytes_per_idle_session / 1024)} KiB (${m.sessions} sessions)` : 'not measured',
    met: m ? m.bytes_per_idle_session < 20 * 1024 : null,
  });
  return out;
}

export function printReport(r: Results): void {
  const m = r.meta;
  const out: string[] = [];
  out.push(`万食通 bench — ${m.date}${m.quick ? ' (QUICK: short settings, figures indicative only)' : ''}`);
  out.push(`command: ${m.command}`);
  out.push(`node ${m.node}, ${m.cpus} cores (${m.cpu_model}), ${m.platform}`);
  out.push(`load average at start ${m.loadavg_start.join(' ')}, at end ${m.loadavg_end?.join(' ') ?? '—'}; took ${m.duration_s ?? '—'} s`);

  out.push('\n1. Chat turns (closed loop, no think time; median of runs; latency = send → reply)');
  if (!r.turns) out.push('  skipped');
  else if (skipped(r.turns)) out.push(`  ${why(r.turns)}`);
  else {
    out.push(
      table(
        ['C', 'ours turns/s', 'echo turns/s', 'ratio', 'p50 ms', 'p99 ms', 'echo p99 ms', 'errors', 'srv CPU ms/turn', 'srv CPU load', 'in commits'],
        Object.entries(r.turns).map(([k, t]) => [
          k.slice(1), n(t.ours_tps), n(t.echo_tps), n(t.ratio, 4), n(t.p50_ms), n(t.p99_ms), n(t.echo_p99_ms), t.errors,
          n(t.server?.cpu_ms_per_turn, 2), n(t.server?.cpu_load, 2), t.server ? `${n(t.server.commit_share * 100, 0)}%` : '—',
        ]),
      ),
    );
    const c200 = r.turns.c200;
    if (c200) out.push(`headline: ours/echo at C=200 = ${n(c200.ratio, 4)}`);
    const limited = Object.entries(r.turns).filter(([, t]) => t.rate_limited > 0);
    if (limited.length) out.push(`rate limited (2 messages/s per connection; resent after 500 ms, inside the latency): ${limited.map(([k, t]) => `${k.slice(1)}: ${t.rate_limited}`).join(', ')} — the limit caps a closed loop at 2 × C turns/s`);
  }

  const p = r.turns_paced;
  if (p && !skipped(p)) {
    out.push(
      `paced: C=${p.concurrency}, each citizen pausing ${p.think_ms} ms ±50% before a message: ours ${n(p.ours_tps)} turns/s, p50 ${n(p.p50_ms)} ms, p99 ${n(p.p99_ms)} ms` +
        ` (echo at the same pace: p50 ${n(p.echo_p50_ms)} ms, p99 ${n(p.echo_p99_ms)} ms)${p.errors ? `, ${p.errors} errors` : ''}`,
    );
  } else if (p) out.push(`paced: ${why(p)}`);

  out.push('\n2. Durability cost (C=200, fresh database each)');
  if (!r.durability) out.push('  skipped');
  else if (skipped(r.durability)) out.push(`  ${why(r.durability)}`);
  else {
    const d = r.durability;
    out.push(
      table(
        ['SQLITE_SYNCHRONOUS', 'turns/s', 'p50 ms', 'p99 ms', 'commit ms/turn', 'in commits', 'srv CPU ms/turn'],
        (
          [
            ['FULL (default)', d.full],
            ['NORMAL (comparison only)', d.normal],
          ] as const
        ).map(([label, x]) => [label, n(x.tps), n(x.p50_ms), n(x.p99_ms), n(x.server?.commit_ms_per_turn, 2), x.server ? `${n(x.server.commit_share * 100, 0)}%` : '—', n(x.server?.cpu_ms_per_turn, 2)]),
      ),
    );
    out.push(`FULL/NORMAL turns/s = ${n(d.full_over_normal_tps, 3)}`);
    out.push(`disk: one small fsync'd commit ${n(d.disk_commit_ms.full, 3)} ms (NORMAL ${n(d.disk_commit_ms.normal, 3)} ms), better-sqlite3 alone`);
    const a = d.per_turn;
    out.push('one turn at a time (12 citizens taking turns, in-process, every statement counted): what a turn costs without queueing');
    out.push(
      table(
        ['', 'wall ms', 'CPU ms', 'statements', 'in SQLite ms', 'commits', 'in commits ms'],
        (['full', 'normal'] as const).map((k) => [k.toUpperCase(), n(a[k].wall_ms, 2), n(a[k].cpu_ms, 2), n(a[k].statements), n(a[k].sqlite_ms, 2), n(a[k].commits), n(a[k].commit_ms, 2)]),
      ),
    );
    const under = d.full.server;
    out.push(
      `bounds: a commit blocks the event loop (better-sqlite3 is synchronous); at C=${d.concurrency} under FULL, commits took ${n(under?.commit_ms_per_turn, 2)} ms per turn ` +
        `(cap ≈ ${under ? n(1000 / under.commit_ms_per_turn, 0) : '—'} turns/s) and the rest of the turn ${under ? n(under.cpu_ms_per_turn, 2) : '—'} ms CPU (cap ≈ ${under ? n(1000 / under.cpu_ms_per_turn, 0) : '—'} turns/s on one core)`,
    );
  }

  out.push('\n3. Analyser (analyse() one call at a time)');
  if (!r.analyser) out.push('  skipped');
  else if (skipped(r.analyser)) out.push(`  ${why(r.analyser)}`);
  else out.push(`  ${n(r.analyser.calls_per_s, 0)} calls/s, p50 ${n(r.analyser.p50_us)} µs, p99 ${n(r.analyser.p99_us)} µs; warmUp ${r.analyser.warm_up_ms === null ? 'none' : `${n(r.analyser.warm_up_ms)} ms`}, first call ${n(r.analyser.first_call_ms, 2)} ms`);
  if (r.analyser && !skipped(r.analyser)) out.push(`  slowest messages (median of 20 calls each): ${r.analyser.slowest.map((s) => `"${s.text}" ${n(s.median_us)} µs`).join('; ')}`);

  out.push('\n4. Fan-out');
  out.push(!r.fanout ? '  skipped' : skipped(r.fanout) ? `  ${why(r.fanout)}` : `  ${JSON.stringify(r.fanout)}`);

  out.push('\n5. Memory (RSS delta of the server after GC ÷ idle hello\'d sessions)');
  if (!r.memory) out.push('  skipped');
  else if (skipped(r.memory)) out.push(`  ${why(r.memory)}`);
  else {
    const mm = r.memory;
    out.push(`  service: ${n(mm.bytes_per_idle_session / 1024)} KiB per session (JS heap ${n(mm.heap_bytes_per_idle_session / 1024)} KiB), RSS ${mm.rss_before_mib} → ${mm.rss_after_mib} MiB with ${mm.sessions} sessions${mm.failed_to_open ? `, ${mm.failed_to_open} failed to open` : ''}`);
    out.push(`  bare echo server: ${n(mm.echo_bytes_per_idle_session / 1024)} KiB per session; ${mm.note}${mm.after_gc ? '' : '; NO GC before reading'}`);
  }

  out.push('\n6. Growth (turn latency with tickets already stored)');
  if (!r.growth) out.push('  skipped');
  else if (skipped(r.growth)) out.push(`  ${why(r.growth)}`);
  else {
    const g = r.growth;
    const steps = Object.keys(g).filter((k) => k.startsWith('p99_ms_at_')).map((k) => k.slice('p99_ms_at_'.length));
    out.push(
      table(
        ['tickets stored', 'turns/s', 'p50 ms', 'p99 ms', 'tickets filed', 'rate limited', 'seeding s', 'service start-up s'],
        steps.map((s) => [
          s, n(g[`tps_at_${s}`] as number), n(g[`p50_ms_at_${s}`] as number), n(g[`p99_ms_at_${s}`] as number), String(g[`tickets_filed_at_${s}`] ?? '—'), String(g[`rate_limited_at_${s}`] ?? '—'),
          g[`seed_ms_${s}`] ? n((g[`seed_ms_${s}`] as number) / 1000) : '—', n((g[`startup_ms_at_${s}`] as number) / 1000, 2),
        ]),
      ),
    );
    out.push(`C=${g.concurrency}; p99 growth 0 → ${g.largest}: ${n((g.p99_growth as number) * 100)}%`);
  }

  r.targets = judgeTargets(r);
  out.push('\nTargets (issue 6)');
  out.push(table(['target', 'measured', ''], r.targets.map((t) => [t.target, t.measured, t.met === null ? '—' : t.met ? 'met' : 'MISSED'])));
  console.log(out.join('\n'));
}
