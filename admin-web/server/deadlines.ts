/**
 * The time-limit job (时限预警): marks open tickets due soon or overdue,
 * notifies their handler when the state changes, and escalates an overdue
 * ticket to supervisors (督办) once. node-cron runs it; a JobLease makes
 * one instance of a cluster run it at a time.
 */
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import { notifyHandlers } from '../../core/casework.js';
import { dueState, type TimeLimitPolicy } from '../../core/domain/time-limits.js';
import { acquireLease, releaseLease } from '../../core/jobs.js';
import type { Db } from '../../core/storage/db.js';

export const DEADLINE_JOB = 'deadline-sweep';

export interface SweepResult {
  soon: number;
  overdue: number;
  escalated: number;
}

/** One pass over the open tickets at `now`. Idempotent: a second pass at the same time changes nothing. */
export async function sweepDeadlines(db: Db, policy: TimeLimitPolicy, timeZone: string, now: Date): Promise<SweepResult> {
  const out: SweepResult = { soon: 0, overdue: 0, escalated: 0 };
  const open = await db.ticket.findMany({
    where: { status: { in: ['pending', 'accepted', 'processing'] }, dueAt: { not: null } },
    select: { id: true, number: true, dueAt: true, dueState: true, escalatedAt: true, unitId: true, assigneeId: true },
  });
  for (const t of open) {
    const state = dueState(policy, t.dueAt, now, timeZone);
    const escalate = state === 'overdue' && !t.escalatedAt;
    if (state === t.dueState && !escalate) continue;
    await db.$transaction(async (tx) => {
      // Conditional on what was read, so a concurrent action wins cleanly.
      const res = await tx.ticket.updateMany({
        where: { id: t.id, dueState: t.dueState, escalatedAt: t.escalatedAt },
        data: { dueState: state, ...(escalate ? { escalatedAt: now } : {}) },
      });
      if (res.count !== 1) return;
      if (state !== t.dueState && state !== 'ok') {
        const due = t.dueAt!.toISOString().slice(0, 10);
        await notifyHandlers(tx, t, state === 'soon' ? 'due-soon' : 'overdue', state === 'soon' ? `工单 ${t.number} 即将到期（${due}）` : `工单 ${t.number} 已超期（期限 ${due}）`, now);
        if (state === 'soon') out.soon++;
        else out.overdue++;
      }
      if (escalate) {
        await tx.staffNotice.create({ data: { recipient: 'role:supervisor', ticketId: t.id, kind: 'escalated', text: `工单 ${t.number} 超期未办结，请督办`, createdAt: now } });
        await tx.ticketEvent.create({ data: { ticketId: t.id, actor: 'system', action: 'escalated', note: '超期自动督办', internal: true, createdAt: now } });
        await tx.auditLog.create({ data: { actorId: 'system', username: 'system', action: 'auto-escalate', ticketId: t.id, detail: t.number, createdAt: now } });
        out.escalated++;
      }
    });
  }
  return out;
}

export interface DeadlineJob {
  /** Runs one sweep if this instance holds the lease; null when another instance does. */
  runOnce(): Promise<SweepResult | null>;
  stop(): Promise<void>;
}

/** Schedules the sweep with node-cron (`expression` "off" schedules nothing; runOnce still works). */
export function scheduleDeadlines(opts: {
  db: Db;
  policy: () => TimeLimitPolicy;
  timeZone: string;
  expression: string;
  clock: () => Date;
  log: { error(obj: object, msg: string): void };
}): DeadlineJob {
  const owner = randomUUID();
  const runOnce = async () => {
    const now = opts.clock();
    if (!(await acquireLease(opts.db, DEADLINE_JOB, owner, 10 * 60_000, now))) return null;
    try {
      return await sweepDeadlines(opts.db, opts.policy(), opts.timeZone, now);
    } finally {
      await releaseLease(opts.db, DEADLINE_JOB, owner);
    }
  };
  const task =
    opts.expression === 'off'
      ? null
      : cron.schedule(
          opts.expression,
          async () => {
            await runOnce().catch((err) => opts.log.error({ err }, 'deadline sweep failed'));
          },
          { timezone: opts.timeZone, noOverlap: true, name: DEADLINE_JOB },
        );
  return {
    runOnce,
    async stop() {
      await task?.stop();
    },
  };
}
