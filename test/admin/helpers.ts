/**
 * Admin-web test helpers: staff and units seeded through the same functions
 * the CLI uses, sign-in through the real route, and a complaint filed
 * through the real web chat.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { App } from '../../core/app.js';
import { createUnit, createUser } from '../../admin-web/server/users.js';
import { ChatClient, fileByAnswering } from '../helpers.js';

export const PASSWORD = 'correct-horse-battery';

export interface Seed {
  units: { city: string; xihu: string; binjiang: string };
  users: Record<'admin' | 'dispatcher' | 'handler' | 'handler2' | 'supervisor' | 'viewer', string>;
}

/** 杭州市局 with 西湖区局 and 滨江区局 under it; one user per role (handler: 西湖, handler2: 滨江). */
export async function seedStaff(app: App): Promise<Seed> {
  const city = await createUnit(app.db, { name: '杭州市市场监督管理局', regionCode: '330100' });
  const xihu = await createUnit(app.db, { name: '西湖区市场监督管理局', regionCode: '330106', parent: city.id });
  const binjiang = await createUnit(app.db, { name: '滨江区市场监督管理局', regionCode: '330108', parent: city.id });
  const mk = (username: string, role: string, unit?: string) => createUser(app.db, { username, password: PASSWORD, role, unit: unit ?? null, displayName: username });
  const users = {
    admin: (await mk('admin', 'admin')).id,
    dispatcher: (await mk('dispatcher', 'dispatcher', city.id)).id,
    handler: (await mk('handler', 'handler', xihu.id)).id,
    handler2: (await mk('handler2', 'handler', binjiang.id)).id,
    supervisor: (await mk('supervisor', 'supervisor', city.id)).id,
    viewer: (await mk('viewer', 'viewer')).id,
  };
  return { units: { city: city.id, xihu: xihu.id, binjiang: binjiang.id }, users };
}

export interface Session {
  cookie: string;
  csrf: string;
}

export async function login(server: FastifyInstance, username: string, password = PASSWORD): Promise<Session> {
  const res = await server.inject({ method: 'POST', url: '/admin/api/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const setCookie = String(res.headers['set-cookie']);
  return { cookie: setCookie.split(';')[0]!, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

/** An API call as a signed-in user (with the CSRF token unless `csrf: false`). */
export function call(server: FastifyInstance, s: Session | null, method: InjectOptions['method'], url: string, payload?: unknown, opts: { csrf?: boolean } = {}) {
  const headers: Record<string, string> = {};
  if (s) headers.cookie = s.cookie;
  if (s && opts.csrf !== false) headers['x-csrf-token'] = s.csrf;
  return server.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
}

/** Files a complaint through the web chat, answering whatever the bot asks; returns the client (still connected) and the number. */
export async function fileComplaint(wsUrl: string, first = '我在西湖区老张面馆吃出了头发'): Promise<{ chat: ChatClient; number: string }> {
  const chat = await ChatClient.connect(wsUrl);
  const number = await fileByAnswering(chat, first);
  return { chat, number };
}

/** Waits for the next reply frame whose text matches. */
export async function nextReply(chat: ChatClient, re: RegExp, ms = 10_000): Promise<string> {
  const end = Date.now() + ms;
  for (;;) {
    const f = await chat.next(Math.max(1, end - Date.now()));
    if (f.type === 'reply' && f.text && re.test(f.text)) return f.text;
  }
}

/** A ticket created through the domain (as the filing flow does), with its own citizen and web-chat conversation. */
export async function makeTicket(app: App, over: Partial<import('../../core/domain/tickets.js').NewTicket> = {}, now = new Date()) {
  const { createTicket } = await import('../../core/domain/tickets.js');
  return app.db.$transaction(async (tx) => {
    const contact = await tx.contact.create({ data: { name: '李四', phone: '13912345678' } });
    const conversation = await tx.conversation.create({ data: { channel: 'websocket', externalId: `test-${contact.id}`, contactId: contact.id } });
    const { ticket } = await createTicket(
      tx,
      {
        kind: 'complaint',
        anonymous: false,
        description: '在滨江区某餐厅吃到变质的鱼',
        businessName: '某餐厅',
        regionCode: '330108',
        reporterName: '李四',
        reporterPhone: '13912345678',
        contactId: contact.id,
        conversationId: conversation.id,
        ...over,
      },
      now,
      app.config.timeZone,
    );
    return ticket;
  });
}

/** Texts queued or sent to a ticket's citizen, oldest first. */
export async function citizenMessages(app: App, ticketId: string): Promise<string[]> {
  const t = await app.db.ticket.findUniqueOrThrow({ where: { id: ticketId } });
  const rows = await app.db.message.findMany({ where: { conversationId: t.conversationId, direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map((m) => m.text ?? '');
}
