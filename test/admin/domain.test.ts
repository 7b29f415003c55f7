/**
 * The domain under the admin web: every lifecycle transition, the
 * working-day calculator across 春节 and 国庆 with their make-up days (调休),
 * the time-limit policy as data, and casework refusals that hold whatever
 * the UI shows.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/domain/errors.js';
import { assertTransition, canTransition, isFinal, TICKET_STATUSES, type TicketStatus } from '../../core/domain/lifecycle.js';
import { DEFAULT_POLICY_FILE, dueState, loadTimeLimitPolicy, stageAfterAccept, stageDue } from '../../core/domain/time-limits.js';
import { addWorkingDays, isWorkingDay, isYearCovered, onUncoveredYear } from '../../core/workdays.js';
import { startServer, type TestServer } from '../helpers.js';
import { makeTicket } from './helpers.js';

const TZ = 'Asia/Shanghai';
const at = (ymd: string, hm = '10:00') => new Date(`${ymd}T${hm}:00+08:00`);

describe('lifecycle: every transition', () => {
  const allowed: Record<TicketStatus, TicketStatus[]> = {
    pending: ['accepted', 'rejected', 'transferred', 'merged'],
    accepted: ['processing', 'transferred', 'merged', 'closed'],
    processing: ['closed', 'transferred', 'merged'],
    closed: [],
    rejected: [],
    transferred: [],
    merged: [],
  };
  for (const from of TICKET_STATUSES) {
    for (const to of TICKET_STATUSES) {
      const ok = allowed[from].includes(to);
      it(`${from} → ${to}: ${ok ? 'allowed' : 'refused'}`, () => {
        expect(canTransition(from, to)).toBe(ok);
        if (ok) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(DomainError);
      });
    }
  }
  it('ends are final; unknown statuses are refused', () => {
    expect(TICKET_STATUSES.filter(isFinal)).toEqual(['closed', 'rejected', 'transferred', 'merged']);
    expect(() => assertTransition('pending', 'archived')).toThrow(/cannot go/);
  });
});

describe('working days (chinese-days)', () => {
  it('2025 春节: the make-up Sundays and Saturdays count, the holiday week does not', () => {
    expect(isWorkingDay('2025-01-26')).toBe(true); // Sunday, 调休 working day
    expect(isWorkingDay('2025-01-29')).toBe(false); // 春节
    expect(isWorkingDay('2025-02-08')).toBe(true); // Saturday, 调休
    // Received Friday 24 Jan: 26 Jan (1), 27 (2), holiday 28 Jan–4 Feb, 5–7 Feb (3–5), Sat 8 Feb (6), Mon 10 Feb (7).
    expect(addWorkingDays(at('2025-01-24'), 7, TZ)).toBe('2025-02-10');
    expect(addWorkingDays(at('2025-01-24'), 1, TZ)).toBe('2025-01-26');
  });

  it('2025 国庆 and 中秋: 1–8 Oct off, Sunday 28 Sep and Saturday 11 Oct worked', () => {
    expect(addWorkingDays(at('2025-09-26'), 7, TZ)).toBe('2025-10-13');
    expect(addWorkingDays(at('2025-09-30'), 1, TZ)).toBe('2025-10-09');
    expect(addWorkingDays(at('2025-10-10'), 1, TZ)).toBe('2025-10-11');
  });

  it('2026 春节 and 国庆', () => {
    expect(addWorkingDays(at('2026-02-13'), 3, TZ)).toBe('2026-02-25');
    expect(addWorkingDays(at('2026-09-30'), 1, TZ)).toBe('2026-10-08');
  });

  it('counts from the local day of receipt (late evening in Beijing is still that day)', () => {
    expect(addWorkingDays(new Date('2025-01-23T17:30:00Z'), 1, TZ)).toBe('2025-01-26'); // 01:30 on Fri 24 Jan in Beijing
  });

  it('a year without holiday data falls back to Monday–Friday and warns once', () => {
    const warnings: string[] = [];
    onUncoveredYear((m) => warnings.push(m));
    expect(isYearCovered(2025)).toBe(true);
    expect(isYearCovered(2099)).toBe(false);
    expect(addWorkingDays(at('2099-01-02'), 5, TZ)).toBe('2099-01-09'); // Fri 2 Jan → Mon–Fri counting
    addWorkingDays(at('2099-03-02'), 5, TZ);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/2099/);
  });
});

describe('time-limit policy', () => {
  const policy = loadTimeLimitPolicy();

  it('defaults follow 《市场监督管理投诉举报处理暂行办法》', () => {
    expect(policy.source).toMatch(/市场监督管理投诉举报处理暂行办法/);
    expect(policy.stages.accept).toMatchObject({ days: 7, unit: 'working', from: 'received' });
    expect(policy.stages.mediate).toMatchObject({ days: 45, unit: 'working', kinds: ['complaint'], from: 'accepted' });
    expect(policy.stages.check).toMatchObject({ days: 15, unit: 'working', kinds: ['report'], extensionDays: 15 });
    expect(policy.stages.caseDecisionNotice).toMatchObject({ days: 5, unit: 'working' });
    expect(stageAfterAccept(policy, 'complaint')).toBe('mediate');
    expect(stageAfterAccept(policy, 'report')).toBe('check');
  });

  it('due at the end of the local day; calendar days count weekends and holidays', () => {
    expect(stageDue(policy, 'accept', at('2025-01-24'), TZ).toISOString()).toBe('2025-02-10T15:59:59.999Z');
    const calendar = { ...policy, stages: { ...policy.stages, accept: { ...policy.stages.accept!, unit: 'calendar' as const } } };
    expect(stageDue(calendar, 'accept', at('2025-01-24'), TZ).toISOString()).toBe('2025-01-31T15:59:59.999Z');
    expect(stageDue(policy, 'check', at('2025-09-26'), TZ, 15).toISOString().slice(0, 10)).toBe(addWorkingDays(at('2025-09-26'), 30, TZ));
  });

  it('due soon within two working days, overdue after the end of the last day', () => {
    const due = stageDue(policy, 'accept', at('2025-01-24'), TZ); // 2025-02-10
    expect(dueState(policy, due, at('2025-02-05'), TZ)).toBe('ok');
    expect(dueState(policy, due, at('2025-02-07'), TZ)).toBe('soon'); // Fri 7 + 2 working days = Mon 10 (Sat 8 is 调休)
    expect(dueState(policy, due, at('2025-02-10', '23:59'), TZ)).toBe('soon');
    expect(dueState(policy, due, at('2025-02-11', '00:01'), TZ)).toBe('overdue');
    expect(dueState(policy, null, at('2025-02-11'), TZ)).toBe('ok');
  });

  it('an invalid policy file is refused naming the field', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wst-policy-'));
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...policy, stages: { accept: { ...policy.stages.accept, unit: 'lunar' } } }));
    expect(() => loadTimeLimitPolicy(bad)).toThrow(/stages\/accept\/unit/);
    expect(DEFAULT_POLICY_FILE).toMatch(/time-limits\.json$/);
  });
});

describe('switching rules by editing data (TIME_LIMIT_POLICY)', () => {
  let srv: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'wst-policy-'));
    const file = path.join(dir, 'rules-2026.json');
    const p = loadTimeLimitPolicy();
    writeFileSync(
      file,
      JSON.stringify({ ...p, name: '2026 版', source: '《市场监督管理投诉举报处理办法》（2026）', stages: { ...p.stages, mediate: { ...p.stages.mediate, days: 30, unit: 'calendar' } } }),
    );
    srv = await startServer({ env: { TIME_LIMIT_POLICY: file, DEADLINE_CRON: 'off' } });
  });
  afterAll(async () => {
    await srv.stop();
  });

  it('accepting a complaint uses the edited mediation limit', async () => {
    const tk = await makeTicket(srv.app);
    const now = at('2025-09-26');
    await srv.app.casework.accept(tk.id, { id: 'staff:test' }, undefined, now);
    const after = await srv.app.db.ticket.findUniqueOrThrow({ where: { id: tk.id } });
    expect(after.dueStage).toBe('mediate');
    expect(after.dueAt!.toISOString()).toBe('2025-10-26T15:59:59.999Z'); // 30 calendar days
  });

  it('the domain refuses what the lifecycle forbids, whoever calls it', async () => {
    const tk = await makeTicket(srv.app);
    const actor = { id: 'staff:test' };
    await expect(srv.app.casework.close(tk.id, actor, '结果')).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(srv.app.casework.reject(tk.id, actor, 'no-such-reason', undefined)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await srv.app.casework.transfer(tk.id, actor, '外省局', undefined);
    await expect(srv.app.casework.accept(tk.id, actor, undefined)).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    await expect(srv.app.casework.askBusiness(tk.id, actor, '说明')).rejects.toMatchObject({ code: 'ACTION_NOT_ALLOWED' });
    await expect(srv.app.casework.accept('no-such-id', actor, undefined)).rejects.toMatchObject({ code: 'TICKET_NOT_FOUND' });
    // Nothing was told or recorded by a refused action.
    expect(await srv.app.db.ticketEvent.count({ where: { ticketId: tk.id } })).toBe(2);
  });
});

describe('start-up warning for years without holiday data', () => {
  it('warns when this year or the next is not covered', async () => {
    const { loadConfig } = await import('../../core/config.js');
    const { openDatabase } = await import('../../core/storage/db.js');
    const { buildApp } = await import('../../core/app.js');
    const { tempDir, removeDir } = await import('../helpers.js');
    const dir = tempDir();
    const env = { DATA_DIR: dir, LOG_LEVEL: 'warn', DEADLINE_CRON: 'off' };
    const { db } = await openDatabase({ file: path.join(dir, 'wanshitong.db') });
    const app = await buildApp(loadConfig(env), db, { env, clock: () => new Date('2026-12-01T00:00:00Z') });
    const warnings: string[] = [];
    app.server.log.warn = ((obj: unknown, msg?: string) => void warnings.push(String(msg ?? obj))) as typeof app.server.log.warn;
    await app.start();
    await app.stop();
    await db.$disconnect();
    removeDir(dir);
    expect(warnings.join('\n')).toMatch(/no holiday data for 2027/);
    expect(warnings.join('\n')).not.toMatch(/for 2026/);
  });
});
