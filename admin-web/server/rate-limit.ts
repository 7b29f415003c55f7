/**
 * Fixed-window counters in the database, so every instance of a cluster
 * sees the same count (no per-process memory).
 */
import type { Db } from '../../core/storage/db.js';

/** Is `key` under `max` hits in its current window? Does not count. */
export async function underLimit(db: Db, key: string, max: number, now = new Date()): Promise<boolean> {
  const row = await db.rateLimit.findUnique({ where: { key } });
  return !row || row.resetAt <= now || row.count < max;
}

/** Counts one hit on `key`; a window of `windowMs` starts at the first hit. */
export async function hit(db: Db, key: string, windowMs: number, now = new Date()): Promise<void> {
  const resetAt = new Date(now.getTime() + windowMs);
  await db.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row) await tx.rateLimit.create({ data: { key, count: 1, resetAt } });
    else if (row.resetAt <= now) await tx.rateLimit.update({ where: { key }, data: { count: 1, resetAt } });
    else await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
  });
}

export async function reset(db: Db, key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
