/**
 * The admin web on PostgreSQL (cluster mode): sessions, the login counter,
 * the inbox search and urgency order, an action and the deadline job all run
 * on the same portable queries. Skipped where no PostgreSQL answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropSchema, POSTGRES, postgresAvailable, postgresSchema, removeDir, startServer, type TestServer } from '../helpers.js';
import { call, citizenMessages, login, makeTicket, seedStaff } from './helpers.js';

const BASE = POSTGRES;
const schema = postgresSchema('wst_admin');
const available = await postgresAvailable();

describe.skipIf(!available)('admin web on PostgreSQL', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ env: { DATABASE_URL: `${BASE}?schema=${schema}`, DEADLINE_CRON: 'off', ADMIN_LOGIN_MAX_ATTEMPTS: '2' } });
    await seedStaff(srv.app);
  });
  afterAll(async () => {
    await srv?.stop();
    removeDir(srv.dataDir);
    await dropSchema(schema);
  });

  it('signs in, searches, sorts, acts and sweeps', async () => {
    const server = srv.app.server;
    for (let i = 0; i < 2; i++) expect((await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'viewer', password: 'nope-nope-nope' } })).statusCode).toBe(401);
    expect((await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'viewer', password: 'nope-nope-nope' } })).statusCode).toBe(429);

    expect(await srv.app.db.rateLimit.findUnique({ where: { key: 'login:user:viewer' } })).toMatchObject({ count: 2 });
    const d = await login(server, 'dispatcher'); // the address is not blocked by one user's typos
    const normal = await makeTicket(srv.app, { businessName: '丙饭店', description: '米饭发霉' });
    const urgent = await makeTicket(srv.app, { businessName: '丁食堂', description: '多人腹泻', severity: 'urgent' });
    const list = (await call(server, d, 'GET', '/admin/api/tickets')).json();
    expect(list.tickets.map((t: { id: string }) => t.id)).toEqual([urgent.id, normal.id]);
    expect((await call(server, d, 'GET', '/admin/api/tickets?q=发霉')).json().tickets.map((t: { id: string }) => t.id)).toEqual([normal.id]);
    expect((await call(server, d, 'GET', '/admin/api/tickets?region=3301')).json().total).toBe(2);

    expect((await call(server, d, 'POST', `/admin/api/tickets/${normal.id}/accept`, {})).statusCode).toBe(200);
    expect((await call(server, d, 'POST', `/admin/api/tickets/${normal.id}/accept`, {})).statusCode).toBe(409);
    expect((await citizenMessages(srv.app, normal.id)).join()).toMatch(/已受理/);

    const later = new Date(Date.now() + 400 * 86_400_000);
    const { sweepDeadlines } = await import('../../admin-web/server/deadlines.js');
    const { loadTimeLimitPolicy } = await import('../../core/domain/time-limits.js');
    expect(await sweepDeadlines(srv.app.db, loadTimeLimitPolicy(), 'Asia/Shanghai', later)).toEqual({ soon: 0, overdue: 2, escalated: 2 });
    const dash = (await call(server, d, 'GET', '/admin/api/dashboard')).json();
    expect(dash.total).toBe(2);
  });
});
