/**
 * Migrations on an empty database file, then every model round-tripped
 * through the generated client.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, tempDir } from '../../test/helpers.js';
import { openDatabase } from './db.js';
import { Prisma } from './generated/client.js';
import { applyMigrations } from './migrate.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

describe('database', () => {
  it('migrates an empty file once, and a second time applies nothing', async () => {
    const file = path.join(dir, 'm.db');
    const first = await applyMigrations(file);
    expect(first.length).toBeGreaterThan(0);
    expect(first[0]).toMatch(/_init$/);
    expect(await applyMigrations(file)).toEqual([]);
  });

  it('round-trips every model', async () => {
    // One row of each model, read back through its relations.
    const { db } = await openDatabase({ file: path.join(dir, 'rt.db') });
    const contact = await db.contact.create({ data: { name: '张三', phone: '13800138000', locale: 'en' } });
    const identity = await db.channelIdentity.create({ data: { channel: 'telegram', externalId: '42', displayName: 'Zhang', contactId: contact.id } });
    const conv = await db.conversation.create({ data: { channel: 'telegram', externalId: '42', contactId: contact.id, state: '{"flow":"file"}' } });
    const msg = await db.message.create({ data: { conversationId: conv.id, direction: 'in', text: '你好', channelMessageId: 'u1', status: 'handled', raw: '{}' } });
    const ticket = await db.ticket.create({
      data: {
        number: 'TS20261129-0001',
        kind: 'report',
        anonymous: true,
        description: '无证经营',
        category: 'unlicensed',
        severity: 'normal',
        businessName: '某小作坊',
        regionCode: '330105',
        incidentAt: new Date('2026-11-28T12:00:00Z'),
        contactId: contact.id,
        conversationId: conv.id,
        acceptDueAt: new Date('2026-12-08T15:59:59.999Z'),
      },
    });
    const att = await db.attachment.create({ data: { messageId: msg.id, ticketId: ticket.id, mime: 'image/png', size: 67, sha256: 'ab', path: 'uploads/ab.png' } });
    const ev = await db.ticketEvent.create({ data: { ticketId: ticket.id, actor: 'citizen', action: 'submitted', toStatus: 'pending' } });
    await db.ticketCounter.create({ data: { day: '20261129', last: 1 } });
    await db.jobLease.create({ data: { name: 'overdue', owner: 'a', expiresAt: new Date('2026-11-29T00:00:00Z') } });

    const back = await db.ticket.findUniqueOrThrow({
      where: { number: 'TS20261129-0001' },
      include: { contact: { include: { identities: true } }, conversation: { include: { messages: { include: { attachments: true } } } }, events: true, attachments: true },
    });
    expect(back.contact.identities[0]).toMatchObject({ id: identity.id, externalId: '42' });
    expect(back.conversation.messages[0]!.attachments[0]!.id).toBe(att.id);
    expect(back.events[0]!.id).toBe(ev.id);
    expect(back.incidentAt!.toISOString()).toBe('2026-11-28T12:00:00.000Z');
    expect(back.anonymous).toBe(true);
    expect(await db.ticketCounter.findUniqueOrThrow({ where: { day: '20261129' } })).toEqual({ day: '20261129', last: 1 });
    expect((await db.jobLease.findUniqueOrThrow({ where: { name: 'overdue' } })).owner).toBe('a');
    // Channels: groups and their members, link codes.
    const group = await db.chatGroup.create({ data: { channel: 'telegram', externalId: '-100', title: '商户群', members: { create: { externalId: '42', displayName: 'Zhang' } } } });
    const code = await db.linkCode.create({ data: { code: '123456', contactId: contact.id, expiresAt: new Date('2026-11-29T00:10:00Z') } });
    // Admin web: units, staff, sessions, rate limits, audit log, staff notices.
    const city = await db.unit.create({ data: { name: '杭州市市场监督管理局', regionCode: '330100' } });
    const unit = await db.unit.create({ data: { name: '西湖区市场监督管理局', regionCode: '330106', parentId: city.id } });
    const staff = await db.staffUser.create({ data: { username: 'wang', passwordHash: 'scrypt$x', role: 'handler', unitId: unit.id } });
    await db.staffSession.create({ data: { id: 'sha', userId: staff.id, csrfToken: 'c', expiresAt: new Date('2026-11-29T02:00:00Z') } });
    await db.rateLimit.create({ data: { key: 'login:user:wang', count: 1, resetAt: new Date('2026-11-29T00:15:00Z') } });
    await db.auditLog.create({ data: { actorId: staff.id, username: 'wang', action: 'reveal', ticketId: ticket.id, ip: '127.0.0.1' } });
    await db.staffNotice.create({ data: { recipient: staff.id, ticketId: ticket.id, kind: 'due-soon', text: '即将到期' } });

    expect(await db.chatGroup.findUniqueOrThrow({ where: { id: group.id }, include: { members: true } })).toMatchObject({ title: '商户群', members: [{ externalId: '42' }] });
    expect((await db.linkCode.findUniqueOrThrow({ where: { code: code.code }, include: { contact: true } })).contact.id).toBe(contact.id);
    const tree = await db.unit.findUniqueOrThrow({ where: { id: city.id }, include: { children: { include: { users: { include: { sessions: true } } } } } });
    expect(tree.children[0]!.users[0]!.sessions[0]!.csrfToken).toBe('c');
    expect((await db.rateLimit.findUniqueOrThrow({ where: { key: 'login:user:wang' } })).count).toBe(1);
    expect(await db.auditLog.count({ where: { ticketId: ticket.id, action: 'reveal' } })).toBe(1);
    expect((await db.staffNotice.findFirstOrThrow({ where: { recipient: staff.id } })).readAt).toBeNull();

    // A model added later must be added here too.
    expect(Object.values(Prisma.ModelName).sort()).toEqual(
      ['Attachment', 'AuditLog', 'ChannelIdentity', 'ChatGroup', 'ChatGroupMember', 'Contact', 'Conversation', 'JobLease', 'LinkCode', 'Message', 'RateLimit', 'StaffNotice', 'StaffSession', 'StaffUser', 'Ticket', 'TicketCounter', 'TicketEvent', 'Unit'].sort(),
    );

    // The unique keys that dedupe and identify hold.
    await expect(db.message.create({ data: { conversationId: conv.id, direction: 'in', channelMessageId: 'u1', status: 'handled' } })).rejects.toThrow();
    await expect(db.channelIdentity.create({ data: { channel: 'telegram', externalId: '42', contactId: contact.id } })).rejects.toThrow();
    await db.$disconnect();
  });
});
