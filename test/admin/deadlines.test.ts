/**
 * The time-limit job with a fake clock: due soon, overdue, one escalation
 * to supervisors (not one per run), notices to the handler, the JobLease
 * that keeps a second instance out, and session expiry on the same clock.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTimeLimitPolicy as loadPolicy } from '../../core/domain/time-limits.js';
import { scheduleDeadlines, sweepDeadlines } from '../../admin-web/server/deadlines.js';
import { acquireLease } from '../../core/jobs.js';
import { startServer, type TestServer } from '../helpers.js';
import { call, login, makeTicket, seedStaff, type Seed } from './helpers.js';

const at = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);

let srv: TestServer;
let seed: Seed;
let now = at('2025-01-20');
const clock = () => now;

beforeAll(async () => {
  srv = await startServer({ clock, env: { DEADLINE_CRON: 'off', ADMIN_SESSION_MINUTES: '30' } });
  seed = await seedStaff(srv.app);
});
afterAll(async () => {
  await srv.stop();
});

describe('deadline job (fake clock)', () => {
  it('marks due soon, then overdue, notifies the handler, and escalates once', async () => {
    // Filed Mon 20 Jan 2025: the acceptance decision is due 7 working days later, Wed 5 Feb (春节 in between).
    now = at('2025-01-20');
    const tk = await makeTicket(srv.app, {}, now);
    expect(tk.dueAt!.toISOString()).toBe('2025-02-05T15:59:59.999Z');
    await srv.app.db.ticket.update({ where: { id: tk.id }, data: { unitId: seed.units.xihu } });
    const job = srv.app.deadlines!;

    now = at('2025-01-24');
    expect(await job.runOnce()).toEqual({ soon: 0, overdue: 0, escalated: 0 });

    now = at('2025-02-04'); // Tue: two working days left
    expect(await job.runOnce()).toEqual({ soon: 1, overdue: 0, escalated: 0 });
    expect(await srv.app.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ dueState: 'soon', escalatedAt: null });
    expect(await job.runOnce()).toEqual({ soon: 0, overdue: 0, escalated: 0 }); // no second notice

    now = at('2025-02-06', '08:00');
    expect(await job.runOnce()).toEqual({ soon: 0, overdue: 1, escalated: 1 });
    now = at('2025-02-07');
    expect(await job.runOnce()).toEqual({ soon: 0, overdue: 0, escalated: 0 }); // escalated once, not every run

    const notices = await srv.app.db.staffNotice.findMany({ where: { ticketId: tk.id }, orderBy: { createdAt: 'asc' } });
    expect(notices.map((n) => [n.recipient, n.kind])).toEqual([
      [seed.users.handler, 'due-soon'],
      [seed.users.handler, 'overdue'],
      ['role:supervisor', 'escalated'],
    ]);
    const escalations = await srv.app.db.ticketEvent.findMany({ where: { ticketId: tk.id, action: 'escalated' } });
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ actor: 'system', internal: true });

    // Supervisors now see it; the notice reaches them through the API.
    const sup = await login(srv.app.server, 'supervisor');
    expect((await call(srv.app.server, sup, 'GET', '/admin/api/tickets')).json().tickets.map((t: { id: string }) => t.id)).toEqual([tk.id]);
    expect((await call(srv.app.server, sup, 'GET', '/admin/api/notices')).json().notices[0]).toMatchObject({ kind: 'escalated', ticketId: tk.id });
    expect((await call(srv.app.server, sup, 'GET', '/admin/api/tickets?due=overdue')).json().total).toBe(1);

    // Accepting starts the next stage: the state is fresh again.
    await srv.app.casework.accept(tk.id, { id: 'staff:x' }, undefined, now);
    expect(await srv.app.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ dueState: 'ok', escalatedAt: null, dueStage: 'mediate' });
  });

  it('runs on one instance at a time (JobLease)', async () => {
    const other = scheduleDeadlines({ db: srv.app.db, policy: () => { throw new Error('must not run'); }, timeZone: 'Asia/Shanghai', expression: 'off', clock, log: console });
    expect(await acquireLease(srv.app.db, 'deadline-sweep', 'instance-a', 60_000, now)).toBe(true);
    expect(await other.runOnce()).toBeNull();
    expect(await acquireLease(srv.app.db, 'deadline-sweep', 'instance-b', 60_000, now)).toBe(false);
    // An expired lease is taken over.
    now = new Date(now.getTime() + 61_000);
    expect(await acquireLease(srv.app.db, 'deadline-sweep', 'instance-b', 60_000, now)).toBe(true);
    await srv.app.db.jobLease.deleteMany({});
  });

  it('is a pure function of the clock: the same sweep twice changes nothing', async () => {
    const policy = (await import('../../core/domain/time-limits.js')).loadTimeLimitPolicy();
    now = at('2026-06-01');
    await makeTicket(srv.app, {}, at('2026-05-20'));
    const first = await sweepDeadlines(srv.app.db, policy, 'Asia/Shanghai', now);
    // This ticket, and the first test's, whose 45-day mediation ran out in 2025.
    expect(first).toEqual({ soon: 0, overdue: 2, escalated: 2 });
    expect(await sweepDeadlines(srv.app.db, policy, 'Asia/Shanghai', now)).toEqual({ soon: 0, overdue: 0, escalated: 0 });
  });
});

describe('node-cron schedule (fake timers)', () => {
  it('runs the sweep on the cron schedule', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      vi.setSystemTime(at('2026-07-01', '09:00'));
      let runs = 0;
      const job = scheduleDeadlines({
        db: srv.app.db,
        policy: () => {
          runs++;
          return loadPolicy();
        },
        timeZone: 'Asia/Shanghai',
        expression: '*/5 * * * *',
        clock: () => new Date(),
        log: console,
      });
      await vi.advanceTimersByTimeAsync(4 * 60_000);
      expect(runs).toBe(0);
      await vi.advanceTimersByTimeAsync(2 * 60_000); // 09:05 passed
      await vi.waitFor(() => expect(runs).toBe(1));
      await vi.advanceTimersByTimeAsync(5 * 60_000); // 09:10
      await vi.waitFor(() => expect(runs).toBe(2));
      await job.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('sessions expire', () => {
  it('after the idle time, on the same clock', async () => {
    const s = await login(srv.app.server, 'dispatcher');
    expect((await call(srv.app.server, s, 'GET', '/admin/api/me')).statusCode).toBe(200);
    now = new Date(now.getTime() + 20 * 60_000);
    expect((await call(srv.app.server, s, 'GET', '/admin/api/me')).statusCode).toBe(200); // use slides the expiry
    now = new Date(now.getTime() + 25 * 60_000);
    expect((await call(srv.app.server, s, 'GET', '/admin/api/me')).statusCode).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    expect((await call(srv.app.server, s, 'GET', '/admin/api/me')).statusCode).toBe(401);
  });
});
