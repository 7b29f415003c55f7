/**
 * Counts and times every SQLite statement a process runs through
 * better-sqlite3 (the Prisma adapter's driver), by wrapping the statements
 * `prepare` returns. Installed before the service opens its database, it
 * tells how much of a run the event loop spent inside SQLite and inside
 * commits (better-sqlite3 is synchronous: a commit's fsync blocks the loop).
 * The cost is two `performance.now()` calls per statement.
 */
import Database from 'better-sqlite3';

export interface Meter {
  statements: number;
  sqliteMs: number;
  /** COMMIT of a transaction, or a write outside one (which commits by itself). */
  commits: number;
  commitMs: number;
  transactions: number;
  autocommitWrites: number;
}

const meter: Meter = { statements: 0, sqliteMs: 0, commits: 0, commitMs: 0, transactions: 0, autocommitWrites: 0 };
let installed = false;

/** Wraps better-sqlite3 once per process; returns the live counters. */
export function installSqliteMeter(): Meter {
  if (installed) return meter;
  installed = true;
  const proto = (Database as unknown as { prototype: { prepare: (sql: string) => Record<string, unknown> } }).prototype;
  const prepare = proto.prepare;
  proto.prepare = function (this: unknown, sql: string) {
    const stmt = prepare.call(this, sql) as Record<string, (...a: unknown[]) => unknown>;
    const isCommit = /^\s*(COMMIT|END)\b/i.test(sql);
    const isWrite = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
    for (const m of ['run', 'all', 'get', 'iterate']) {
      const f = stmt[m];
      if (typeof f !== 'function') continue;
      stmt[m] = function (this: { database?: { inTransaction?: boolean } }, ...a: unknown[]) {
        const alone = isWrite && !this.database?.inTransaction;
        const t0 = performance.now();
        try {
          return f.apply(this, a);
        } finally {
          const ms = performance.now() - t0;
          meter.statements++;
          meter.sqliteMs += ms;
          if (isCommit || alone) {
            meter.commits++;
            meter.commitMs += ms;
            if (isCommit) meter.transactions++;
            else meter.autocommitWrites++;
          }
        }
      };
    }
    return stmt;
  };
  return meter;
}

/** The counters since the last call, and zeroes them. */
export function takeMeter(): Meter {
  const out = { ...meter };
  for (const k of Object.keys(meter) as (keyof Meter)[]) meter[k] = 0;
  return out;
}
