/**
 * The admin API through fastify.inject: every route, every role, and the
 * refusals (401 without a session, 403 for a role or a missing CSRF token,
 * 404 for another unit's ticket, 409 when the lifecycle forbids it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startServer, type TestServer } from '../helpers.js';
import { ACTION_ROLES } from '../../admin-web/server/roles.js';
import { call, citizenMessages, login, makeTicket, PASSWORD, seedStaff, type Seed, type Session } from './helpers.js';

let srv: TestServer;
let server: FastifyInstance;
let seed: Seed;
const s = {} as Record<'admin' | 'dispatcher' | 'handler' | 'handler2' | 'supervisor' | 'viewer', Session>;

beforeAll(async () => {
  srv = await startServer({ env: { ADMIN_LOGIN_MAX_ATTEMPTS: '3', DEADLINE_CRON: 'off' } });
  server = srv.app.server;
  seed = await seedStaff(srv.app);
  for (const name of Object.keys(seed.users) as (keyof Seed['users'])[]) s[name] = await login(server, name);
});
afterAll(async () => {
  await srv.stop();
});

const ids = (res: { json(): unknown }) => (res.json() as { tickets: { id: string }[] }).tickets.map((t) => t.id);

describe('sign-in and sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie on /admin, Secure behind HTTPS', async () => {
    const res = await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'viewer', password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await server.inject({ method: 'POST', url: '/admin/api/login', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'viewer', password: PASSWORD } });
    expect(String(https.headers['set-cookie'])).toMatch(/; Secure/);
  });

  it('refuses a wrong password, then throttles the user name', async () => {
    for (let i = 0; i < 3; i++) {
      const res = await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'supervisor', password: 'wrong-password' } });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'supervisor', password: PASSWORD } });
    expect(blocked.statusCode).toBe(429);
    // The counter lives in the database (shared by every instance); the address only counts, it is not blocked yet.
    expect(await srv.app.db.rateLimit.findUnique({ where: { key: 'login:user:supervisor' } })).toMatchObject({ count: 3 });
    expect((await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'dispatcher', password: PASSWORD } })).statusCode).toBe(200);
    // Fifteen failures from one address (five times the per-name limit) block the address for every name.
    for (let i = 0; i < 12; i++) await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: `nobody${i}`, password: 'wrong-password' } });
    expect((await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username: 'dispatcher', password: PASSWORD } })).statusCode).toBe(429);
    await srv.app.db.rateLimit.deleteMany({});
  });

  it('answers /me with the role and CSRF token, and 401 without a session', async () => {
    const me = await call(server, s.handler, 'GET', '/admin/api/me');
    expect(me.json()).toMatchObject({ username: 'handler', role: 'handler', unitId: seed.units.xihu });
    expect((await call(server, null, 'GET', '/admin/api/me')).statusCode).toBe(401);
    expect((await call(server, { cookie: 'wst_admin=forged', csrf: '' }, 'GET', '/admin/api/me')).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const v = await login(server, 'viewer');
    expect((await call(server, v, 'POST', '/admin/api/logout', {}, { csrf: false })).statusCode).toBe(403);
    expect((await call(server, v, 'POST', '/admin/api/logout', {})).statusCode).toBe(200);
    expect((await call(server, v, 'GET', '/admin/api/me')).statusCode).toBe(401);
  });
});

describe('inbox', () => {
  it('scopes tickets by role and unit, and filters, searches and sorts by urgency', async () => {
    const normal = await makeTicket(srv.app, { businessName: '甲餐厅', description: '鱼不新鲜' });
    const urgent = await makeTicket(srv.app, { businessName: '乙食堂', description: '学校食堂集体腹泻', severity: 'urgent', kind: 'report' });
    await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${normal.id}/assign`, { unitId: seed.units.binjiang });

    const all = await call(server, s.dispatcher, 'GET', '/admin/api/tickets?status=all');
    expect(all.statusCode).toBe(200);
    expect(ids(all).indexOf(urgent.id)).toBeLessThan(ids(all).indexOf(normal.id));
    expect(ids(await call(server, s.dispatcher, 'GET', '/admin/api/tickets?q=乙食堂'))).toEqual([urgent.id]);
    expect(ids(await call(server, s.dispatcher, 'GET', '/admin/api/tickets?q=集体腹泻&kind=report&severity=urgent'))).toEqual([urgent.id]);
    expect(ids(await call(server, s.dispatcher, 'GET', `/admin/api/tickets?unit=${seed.units.binjiang}`))).toEqual([normal.id]);
    expect(ids(await call(server, s.dispatcher, 'GET', '/admin/api/tickets?region=330108&q=甲餐厅'))).toEqual([normal.id]);
    expect(ids(await call(server, s.dispatcher, 'GET', '/admin/api/tickets?due=overdue'))).toEqual([]);
    const page2 = (await call(server, s.dispatcher, 'GET', '/admin/api/tickets?status=all&pageSize=1&page=2')).json();
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(page2.tickets.map((t: { id: string }) => t.id)).toEqual([normal.id]);
    // The handler of the unit is told of the assignment.
    expect((await call(server, s.handler2, 'GET', '/admin/api/notices')).json().notices[0]).toMatchObject({ kind: 'assigned', ticketId: normal.id });

    // A handler sees their unit's tickets only; the other unit's is a 404.
    expect(ids(await call(server, s.handler2, 'GET', '/admin/api/tickets'))).toEqual([normal.id]);
    expect(ids(await call(server, s.handler, 'GET', '/admin/api/tickets'))).not.toContain(normal.id);
    expect((await call(server, s.handler, 'GET', `/admin/api/tickets/${normal.id}`)).statusCode).toBe(404);
    expect((await call(server, s.handler2, 'GET', `/admin/api/tickets/${normal.id}`)).statusCode).toBe(200);
    // A supervisor sees overdue or escalated tickets only; a viewer no tickets at all.
    expect(ids(await call(server, s.supervisor, 'GET', '/admin/api/tickets'))).toEqual([]);
    expect((await call(server, s.supervisor, 'GET', `/admin/api/tickets/${normal.id}`)).statusCode).toBe(404);
    expect((await call(server, s.viewer, 'GET', '/admin/api/tickets')).statusCode).toBe(403);
    expect((await call(server, null, 'GET', '/admin/api/tickets')).statusCode).toBe(401);
    expect((await call(server, s.dispatcher, 'GET', '/admin/api/tickets?severity=fatal')).statusCode).toBe(400);
  });

  it('exports the filtered inbox as CSV (not to viewers)', async () => {
    await makeTicket(srv.app, { businessName: '=HYPERLINK("x")', description: '公式注入测试' });
    const res = await call(server, s.dispatcher, 'GET', '/admin/api/tickets.csv?q=公式注入');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^number,kind,status/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(res.body).not.toContain('13912345678');
    expect((await call(server, s.viewer, 'GET', '/admin/api/tickets.csv')).statusCode).toBe(403);
  });
});

describe('ticket page and privacy', () => {
  it('masks name and phone; reveal is for dispatchers and the unit’s handler, and is logged', async () => {
    const tk = await makeTicket(srv.app);
    await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${tk.id}/assign`, { unitId: seed.units.binjiang });
    for (const who of ['admin', 'dispatcher', 'handler2'] as const) {
      const d = await call(server, s[who], 'GET', `/admin/api/tickets/${tk.id}`);
      expect(d.json().ticket).toMatchObject({ reporterName: '李*', reporterPhone: '139****5678' });
      expect(d.body).not.toContain('13912345678');
    }
    expect((await call(server, s.admin, 'POST', `/admin/api/tickets/${tk.id}/reveal`)).statusCode).toBe(403);
    expect((await call(server, s.viewer, 'POST', `/admin/api/tickets/${tk.id}/reveal`)).statusCode).toBe(403);
    expect((await call(server, s.handler, 'POST', `/admin/api/tickets/${tk.id}/reveal`)).statusCode).toBe(404);
    expect((await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${tk.id}/reveal`, undefined, { csrf: false })).statusCode).toBe(403);
    const r = await call(server, s.handler2, 'POST', `/admin/api/tickets/${tk.id}/reveal`);
    expect(r.json()).toEqual({ reporterName: '李四', reporterPhone: '13912345678' });
    const log = await srv.app.db.auditLog.findFirst({ where: { action: 'reveal', ticketId: tk.id } });
    expect(log).toMatchObject({ actorId: seed.users.handler2, username: 'handler2' });
  });

  it('shows transcript, analysis and history, and lists only the actions the role may take', async () => {
    const tk = await makeTicket(srv.app, { analysis: { intent: 'complaint', category: 'spoiled', confidence: { category: 0.82 } } });
    await srv.app.db.message.create({ data: { conversationId: tk.conversationId, direction: 'in', text: '鱼是臭的', status: 'handled' } });
    const d = (await call(server, s.dispatcher, 'GET', `/admin/api/tickets/${tk.id}`)).json();
    expect(d.ticket.analysis).toMatchObject({ category: 'spoiled', confidence: { category: 0.82 } });
    expect(d.transcript.map((m: { text: string }) => m.text)).toContain('鱼是臭的');
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(['submitted']);
    expect(d.actions).toEqual(['accept', 'reject', 'assign', 'transfer', 'note', 'reply', 'ask-business', 'merge', 'reveal']);
    expect(d.actions).not.toContain('escalate');
    await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${tk.id}/accept`, {});
    const accepted = (await call(server, s.dispatcher, 'GET', `/admin/api/tickets/${tk.id}`)).json();
    expect(accepted.actions).toEqual(['assign', 'transfer', 'note', 'reply', 'ask-business', 'merge', 'close', 'reveal']);
    expect(d.rejectReasons.length).toBeGreaterThan(3);
  });

  it('anonymous reports keep no phone', async () => {
    const tk = await makeTicket(srv.app, { kind: 'report', anonymous: true, reporterName: null, reporterPhone: null });
    const d = (await call(server, s.dispatcher, 'GET', `/admin/api/tickets/${tk.id}`)).json();
    expect(d.ticket.reporterPhone).toBeNull();
    expect(d.actions).not.toContain('reveal');
    await expect(makeTicket(srv.app, { kind: 'report', anonymous: true, reporterPhone: '13800138000' })).rejects.toThrow(/anonymous/);
  });

  it('serves evidence photos only within scope', async () => {
    const tk = await makeTicket(srv.app);
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    mkdirSync(path.join(srv.dataDir, 'uploads'), { recursive: true });
    writeFileSync(path.join(srv.dataDir, 'uploads', 'x.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const att = await srv.app.db.attachment.create({ data: { ticketId: tk.id, mime: 'image/png', size: 8, sha256: 'x', path: 'uploads/x.png' } });
    await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${tk.id}/assign`, { unitId: seed.units.binjiang });
    const ok = await call(server, s.handler2, 'GET', `/admin/api/attachments/${att.id}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect((await call(server, s.handler, 'GET', `/admin/api/attachments/${att.id}`)).statusCode).toBe(404);
    expect((await call(server, s.viewer, 'GET', `/admin/api/attachments/${att.id}`)).statusCode).toBe(403);
  });
});

describe('casework actions', () => {
  const post = (who: Session, id: string, action: string, body: object = {}) => call(server, who, 'POST', `/admin/api/tickets/${id}/${action}`, body);

  it('accept / assign / reply / note / ask-business / close: roles, lifecycle refusals, citizen told', async () => {
    const tk = await makeTicket(srv.app);
    expect((await post(s.handler2, tk.id, 'accept')).statusCode).toBe(403); // the role may not accept at all
    expect((await post(s.handler2, tk.id, 'note', { text: '看看' })).statusCode).toBe(404); // not (yet) their unit's ticket
    expect((await post(s.supervisor, tk.id, 'accept')).statusCode).toBe(403);
    expect((await post(s.viewer, tk.id, 'accept')).statusCode).toBe(403);
    expect((await call(server, s.dispatcher, 'POST', `/admin/api/tickets/${tk.id}/accept`, {}, { csrf: false })).statusCode).toBe(403);
    expect((await post(s.dispatcher, tk.id, 'accept')).statusCode).toBe(200);
    // The domain refuses a second acceptance.
    const again = await post(s.dispatcher, tk.id, 'accept');
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('TRANSITION_NOT_ALLOWED');
    expect((await post(s.dispatcher, tk.id, 'reject', { reason: 'not-our-duty' })).statusCode).toBe(409);

    expect((await post(s.dispatcher, tk.id, 'assign', { unitId: 'nope' })).statusCode).toBe(400);
    expect((await post(s.dispatcher, tk.id, 'assign', { unitId: seed.units.binjiang, assigneeId: seed.users.handler })).statusCode).toBe(400); // handler of another unit
    expect((await post(s.dispatcher, tk.id, 'assign', { unitId: seed.units.binjiang, assigneeId: seed.users.handler2 })).statusCode).toBe(200);
    expect((await post(s.handler2, tk.id, 'assign', { unitId: seed.units.xihu })).statusCode).toBe(403);

    expect((await post(s.handler2, tk.id, 'note', { text: '已约谈店长' })).statusCode).toBe(200);
    expect((await post(s.handler2, tk.id, 'note', { text: '' })).statusCode).toBe(400);
    expect((await post(s.handler2, tk.id, 'ask-business', { text: '请于三日内说明进货来源' })).statusCode).toBe(200);
    expect((await post(s.handler2, tk.id, 'reply', { text: '已责令商家整改' })).statusCode).toBe(200);
    expect((await post(s.handler, tk.id, 'reply', { text: 'x' })).statusCode).toBe(404);
    expect((await post(s.handler2, tk.id, 'close', { result: '退一赔三' })).statusCode).toBe(200);
    expect((await post(s.handler2, tk.id, 'close', { result: '再次' })).statusCode).toBe(409);
    expect((await post(s.handler2, tk.id, 'ask-business', { text: '再说明' })).statusCode).toBe(409);
    expect((await post(s.handler2, tk.id, 'note', { text: '归档' })).statusCode).toBe(200); // notes stay possible on an archived ticket

    const texts = await citizenMessages(srv.app, tk.id);
    expect(texts.join('\n')).toMatch(/已受理[\s\S]*处理中[\s\S]*已责令商家整改[\s\S]*已办结[\s\S]*退一赔三[\s\S]*打分/);
    // Internal notes and business requests never reach the citizen.
    expect(texts.join('\n')).not.toMatch(/约谈|进货来源/);
    const events = await srv.app.db.ticketEvent.findMany({ where: { ticketId: tk.id }, orderBy: { createdAt: 'asc' } });
    expect(events.filter((e) => e.internal).map((e) => e.action)).toEqual(expect.arrayContaining(['assigned', 'note', 'business-asked']));
    expect(events.every((e) => e.actor === 'citizen' || e.actor.startsWith('staff:'))).toBe(true);
    expect(await srv.app.db.auditLog.count({ where: { ticketId: tk.id, action: { startsWith: 'ticket-' } } })).toBe(7); // accept, assign, note, ask-business, reply, close, note
  });

  it('reject needs a reason from the regulation’s list', async () => {
    const tk = await makeTicket(srv.app);
    expect((await post(s.dispatcher, tk.id, 'reject', {})).statusCode).toBe(400);
    expect((await post(s.dispatcher, tk.id, 'reject', { reason: 'dont-like-it' })).statusCode).toBe(400);
    expect((await post(s.handler, tk.id, 'reject', { reason: 'time-barred' })).statusCode).toBe(403);
    expect((await post(s.dispatcher, tk.id, 'reject', { reason: 'time-barred', note: '2019年的事' })).statusCode).toBe(200);
    expect((await citizenMessages(srv.app, tk.id)).join()).toMatch(/不予受理[\s\S]*超过三年/);
  });

  it('transfer ends the ticket with the receiving body named', async () => {
    const tk = await makeTicket(srv.app);
    expect((await post(s.dispatcher, tk.id, 'transfer', { target: '' })).statusCode).toBe(400);
    expect((await post(s.dispatcher, tk.id, 'transfer', { target: '上海市徐汇区市场监督管理局' })).statusCode).toBe(200);
    expect((await citizenMessages(srv.app, tk.id)).join()).toMatch(/已转办[\s\S]*徐汇区/);
    expect((await post(s.dispatcher, tk.id, 'accept')).statusCode).toBe(409);
  });

  it('merge tells both citizens and later updates reach both', async () => {
    const a = await makeTicket(srv.app);
    const b = await makeTicket(srv.app);
    expect((await post(s.dispatcher, b.id, 'merge', { into: b.number })).statusCode).toBe(400);
    expect((await post(s.dispatcher, b.id, 'merge', { into: 'TS20000101-0001' })).statusCode).toBe(400);
    expect((await post(s.handler, b.id, 'merge', { into: a.number })).statusCode).toBe(403);
    expect((await post(s.dispatcher, b.id, 'merge', { into: a.number })).statusCode).toBe(200);
    for (const id of [a.id, b.id]) expect((await citizenMessages(srv.app, id)).join()).toContain(`${b.number} 与工单 ${a.number}`);
    await post(s.dispatcher, a.id, 'accept');
    expect((await citizenMessages(srv.app, b.id)).join()).toMatch(new RegExp(`${a.number} 有新进展：已受理`));
    expect((await post(s.dispatcher, b.id, 'reply', { text: 'x' })).statusCode).toBe(409);
    const detail = (await call(server, s.dispatcher, 'GET', `/admin/api/tickets/${a.id}`)).json();
    expect(detail.ticket.merged).toEqual([{ id: b.id, number: b.number }]);
  });

  it('extends a report’s check period once; a complaint’s mediation cannot be extended', async () => {
    const report = await makeTicket(srv.app, { kind: 'report' });
    const complaint = await makeTicket(srv.app);
    await post(s.dispatcher, report.id, 'accept');
    await post(s.dispatcher, complaint.id, 'accept');
    const before = await srv.app.db.ticket.findUniqueOrThrow({ where: { id: report.id } });
    expect(before.dueStage).toBe('check');
    expect((await post(s.dispatcher, complaint.id, 'extend', { note: '复杂' })).statusCode).toBe(409);
    expect((await post(s.dispatcher, report.id, 'extend', { note: '需检验' })).statusCode).toBe(200);
    const after = await srv.app.db.ticket.findUniqueOrThrow({ where: { id: report.id } });
    expect(after.dueAt!.getTime()).toBeGreaterThan(before.dueAt!.getTime() + 14 * 86_400_000);
    expect((await post(s.dispatcher, report.id, 'extend', { note: '再延' })).statusCode).toBe(409);
    expect((await post(s.dispatcher, report.id, 'case-decision', { opened: true })).statusCode).toBe(200);
    expect((await citizenMessages(srv.app, report.id)).join()).toContain('已立案调查');
    expect((await post(s.dispatcher, complaint.id, 'case-decision', { opened: true })).statusCode).toBe(409);
  });

  it('escalation is for supervisors, on tickets they can see (overdue)', async () => {
    const tk = await makeTicket(srv.app);
    await post(s.dispatcher, tk.id, 'assign', { unitId: seed.units.xihu });
    expect((await post(s.supervisor, tk.id, 'escalate', { note: '请加快' })).statusCode).toBe(404);
    await srv.app.db.ticket.update({ where: { id: tk.id }, data: { dueState: 'overdue' } });
    expect((await post(s.dispatcher, tk.id, 'escalate', { note: '请加快' })).statusCode).toBe(403);
    expect((await post(s.supervisor, tk.id, 'escalate', { note: '请加快' })).statusCode).toBe(200);
    const notices = (await call(server, s.handler, 'GET', '/admin/api/notices')).json().notices;
    expect(notices.some((n: { ticketId: string; kind: string }) => n.ticketId === tk.id && n.kind === 'escalated')).toBe(true);
    const mine = notices.find((n: { ticketId: string }) => n.ticketId === tk.id);
    expect((await call(server, s.handler, 'POST', `/admin/api/notices/${mine.id}/read`)).statusCode).toBe(200);
    expect((await call(server, s.handler2, 'POST', `/admin/api/notices/${mine.id}/read`)).statusCode).toBe(404);
  });
});

describe('users, units, audit, policy, dashboard, stream', () => {
  it('units: listed to staff who assign, created by admins only', async () => {
    expect((await call(server, s.dispatcher, 'GET', '/admin/api/units')).json().units).toHaveLength(3);
    expect((await call(server, s.viewer, 'GET', '/admin/api/units')).statusCode).toBe(403);
    expect((await call(server, s.dispatcher, 'POST', '/admin/api/units', { name: '拱墅区局', regionCode: '330105' })).statusCode).toBe(403);
    expect((await call(server, s.admin, 'POST', '/admin/api/units', { name: '拱墅区局', regionCode: '3301' })).statusCode).toBe(400);
    const res = await call(server, s.admin, 'POST', '/admin/api/units', { name: '拱墅区局', regionCode: '330105', parentId: seed.units.city });
    expect(res.json().unit).toMatchObject({ name: '拱墅区局', parentId: seed.units.city });
  });

  it('users: admins manage them; locking a user ends their sessions', async () => {
    expect((await call(server, s.handler, 'GET', '/admin/api/users')).statusCode).toBe(403);
    expect((await call(server, s.dispatcher, 'GET', '/admin/api/users')).json().users.every((u: { role: string }) => u.role === 'handler')).toBe(true);
    expect((await call(server, s.dispatcher, 'POST', '/admin/api/users', { username: 'x1', password: PASSWORD, role: 'viewer' })).statusCode).toBe(403);
    expect((await call(server, s.admin, 'POST', '/admin/api/users', { username: 'x1', password: PASSWORD, role: 'boss' })).statusCode).toBe(400);
    expect((await call(server, s.admin, 'POST', '/admin/api/users', { username: 'x1', password: 'short', role: 'viewer' })).statusCode).toBe(400);
    expect((await call(server, s.admin, 'POST', '/admin/api/users', { username: 'h3', password: PASSWORD, role: 'handler' })).statusCode).toBe(400); // a handler needs a unit
    const created = await call(server, s.admin, 'POST', '/admin/api/users', { username: 'x1', password: PASSWORD, role: 'viewer' });
    expect(created.statusCode).toBe(200);
    expect(created.body).not.toContain('scrypt');
    const stored = await srv.app.db.staffUser.findUniqueOrThrow({ where: { username: 'x1' } });
    expect(stored.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    const x1 = await login(server, 'x1');
    expect((await call(server, s.admin, 'PATCH', `/admin/api/users/${stored.id}`, { active: false })).statusCode).toBe(200);
    expect((await call(server, x1, 'GET', '/admin/api/me')).statusCode).toBe(401);
    expect((await call(server, s.admin, 'PATCH', `/admin/api/users/${seed.users.admin}`, { active: false })).statusCode).toBe(400);
    expect((await call(server, s.admin, 'PATCH', '/admin/api/users/nope', { active: true })).statusCode).toBe(404);
  });

  it('audit log: admins only; lists logins, reveals and actions', async () => {
    expect((await call(server, s.dispatcher, 'GET', '/admin/api/audit')).statusCode).toBe(403);
    const res = (await call(server, s.admin, 'GET', '/admin/api/audit')).json();
    const actions = new Set(res.entries.map((e: { action: string }) => e.action));
    for (const a of ['login', 'login-failed', 'reveal', 'ticket-accept']) expect(actions).toContain(a);
    const reveals = (await call(server, s.admin, 'GET', '/admin/api/audit?action=reveal')).json();
    expect(reveals.entries.every((e: { action: string; ticketNumber: string }) => e.action === 'reveal' && /^TS/.test(e.ticketNumber))).toBe(true);
  });

  it('policy: names its legal source', async () => {
    const p = (await call(server, s.viewer, 'GET', '/admin/api/policy')).json().policy;
    expect(p.source).toContain('市场监督管理投诉举报处理暂行办法');
    expect(p.stages.accept).toMatchObject({ days: 7, unit: 'working' });
    expect((await call(server, null, 'GET', '/admin/api/policy')).statusCode).toBe(401);
  });

  it('dashboard: aggregates for every role, no personal data', async () => {
    const res = await call(server, s.viewer, 'GET', '/admin/api/dashboard?days=7');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.perDay).toHaveLength(7);
    expect(d.total).toBeGreaterThan(5);
    expect(d.byStatus.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['closed', 'pending', 'merged']));
    expect(d.closed).toBeGreaterThanOrEqual(1);
    expect(d.closedInTimeShare).toBe(1);
    expect(res.body).not.toMatch(/139\d{8}|李四/);
    const handler = (await call(server, s.handler2, 'GET', '/admin/api/dashboard')).json();
    expect(handler.total).toBeLessThan(d.total);
    expect((await call(server, null, 'GET', '/admin/api/dashboard')).statusCode).toBe(401);
  });

  it('stream: server-sent events for dispatchers and admins', async () => {
    expect((await call(server, s.viewer, 'GET', '/admin/api/stream')).statusCode).toBe(403);
    expect((await call(server, s.handler, 'GET', '/admin/api/stream')).statusCode).toBe(403);
    const ac = new AbortController();
    const res = await fetch(`${srv.url}/admin/api/stream`, { headers: { cookie: s.dispatcher.cookie }, signal: ac.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain(': connected');
    const tk = await makeTicket(srv.app, { severity: 'urgent' });
    let text = '';
    while (!text.includes(tk.number)) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toMatch(/event: ticket\ndata: .*"urgent":true/);
    ac.abort();
  });

  it('serves the front end under /admin', async () => {
    expect((await server.inject({ url: '/admin' })).headers.location).toBe('/admin/');
    const page = await server.inject({ url: '/admin/' });
    expect([200, 503]).toContain(page.statusCode);
    expect(page.headers['content-type']).toMatch(/text\/html/);
  });
});

describe('role matrix: every route, every role', () => {
  const roles = ['admin', 'dispatcher', 'handler', 'supervisor', 'viewer'] as const;
  const reads: [string, readonly string[]][] = [
    ['/admin/api/me', roles],
    ['/admin/api/tickets', ['admin', 'dispatcher', 'handler', 'supervisor']],
    ['/admin/api/tickets.csv', ['admin', 'dispatcher', 'handler', 'supervisor']],
    ['/admin/api/units', ['admin', 'dispatcher', 'handler', 'supervisor']],
    ['/admin/api/users', ['admin', 'dispatcher']],
    ['/admin/api/audit', ['admin']],
    ['/admin/api/notices', roles],
    ['/admin/api/policy', roles],
    ['/admin/api/dashboard', roles],
  ];
  for (const [url, allowed] of reads) {
    it(`GET ${url}`, async () => {
      expect((await call(server, null, 'GET', url)).statusCode).toBe(401);
      for (const role of roles) expect([role, (await call(server, s[role], 'GET', url)).statusCode]).toEqual([role, allowed.includes(role) ? 200 : 403]);
    });
  }

  const bodies: Record<string, object | undefined> = {
    accept: {}, reject: { reason: 'other-legal' }, assign: { unitId: 'x' }, transfer: { target: '某局' }, note: { text: '备注' }, reply: { text: '回复' },
    'ask-business': { text: '说明' }, merge: { into: 'TS20000101-0001' }, extend: { note: '延期' }, 'case-decision': { opened: true }, escalate: { note: '督办' }, close: { result: '结果' }, reveal: undefined,
  };
  for (const [action, allowed] of Object.entries(ACTION_ROLES)) {
    it(`POST /admin/api/tickets/:id/${action}`, async () => {
      const tk = await makeTicket(srv.app);
      const url = `/admin/api/tickets/${tk.id}/${action}`;
      expect((await call(server, null, 'POST', url, bodies[action])).statusCode).toBe(401);
      for (const role of roles) {
        const res = await call(server, s[role], 'POST', url, bodies[action]);
        // Allowed roles get past the role check (the ticket's state or scope may still refuse: 400, 404, 409).
        if ((allowed as readonly string[]).includes(role)) expect([role, res.statusCode]).not.toEqual([role, 403]);
        else expect([role, res.statusCode]).toEqual([role, 403]);
      }
    });
  }
});
