/**
 * Group commit: small writes that need not be atomic with anything else
 * (an outbound message marked as sent) share one transaction, so one
 * durable commit (one fsync on SQLite) serves every write that arrived while
 * the previous commit was under way. A write never waits for a timer: with
 * nothing in flight it is committed at once.
 */
import type { Db } from './storage/db.js';

/** A deferred Prisma query (`db.message.update(…)` before it is awaited). */
type Query = ReturnType<Db['message']['update']>;

interface Pending {
  query: () => Query;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

/** Most writes one commit carries. */
const MAX_BATCH = 256;

export class GroupCommit {
  private readonly pending: Pending[] = [];
  private busy = false;

  constructor(private readonly db: Db) {}

  /** Resolves when the write is committed, with its result. */
  write<T>(query: () => Query): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ query, resolve: resolve as (v: unknown) => void, reject });
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const results = await this.db.$transaction(batch.map((p) => p.query()));
          batch.forEach((p, i) => p.resolve(results[i]));
        } catch {
          // One failing write must not fail the others: each on its own.
          for (const p of batch) {
            try {
              p.resolve(await p.query());
            } catch (err) {
              p.reject(err);
            }
          }
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
