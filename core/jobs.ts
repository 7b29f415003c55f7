/**
 * Scheduled jobs that must run on one instance of a cluster at a time hold
 * a lease (JobLease row) while they run; the lease expires on its own if
 * the holder dies.
 */
import type { Db } from './storage/db.js';

/** Takes or renews the lease `name` for `owner`; false when another holder's lease is still valid. */
export async function acquireLease(db: Db, name: string, owner: string, ttlMs: number, now = new Date()): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs);
  // Conditional update first: only an expired lease or our own is taken.
  const taken = await db.jobLease.updateMany({ where: { name, OR: [{ owner }, { expiresAt: { lte: now } }] }, data: { owner, expiresAt } });
  if (taken.count === 1) return true;
  try {
    await db.jobLease.create({ data: { name, owner, expiresAt } });
    return true;
  } catch {
    return false; // exists and held by someone else (or created concurrently)
  }
}

export async function releaseLease(db: Db, name: string, owner: string): Promise<void> {
  await db.jobLease.deleteMany({ where: { name, owner } });
}
