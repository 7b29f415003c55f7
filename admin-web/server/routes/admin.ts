/**
 * Users, units, audit log, notices and the time-limit policy.
 * Users and units are the admin's; units and handlers are listed to
 * dispatchers too (they assign tickets to them).
 */
import type { FastifyInstance } from 'fastify';
import { HttpError, requireRole } from '../auth.js';
import type { AdminContext } from '../context.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../passwords.js';
import { ROLES } from '../roles.js';
import { createUnit, createUser, UserError } from '../users.js';
import { idParams } from './tickets.js';

const wrap = async <T>(fn: () => Promise<T>) => {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof UserError) throw new HttpError(400, 'INVALID_INPUT', err.message);
    throw err;
  }
};

export function adminRoutes(app: FastifyInstance, ctx: AdminContext) {
  const { db } = ctx;

  app.get('/admin/api/units', { preHandler: requireRole('admin', 'dispatcher', 'handler', 'supervisor') }, async () => ({
    units: await db.unit.findMany({ orderBy: { regionCode: 'asc' } }),
  }));

  app.post<{ Body: { name: string; regionCode: string; parentId?: string | null } }>(
    '/admin/api/units',
    {
      preHandler: requireRole('admin'),
      schema: {
        body: {
          type: 'object',
          required: ['name', 'regionCode'],
          additionalProperties: false,
          properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, regionCode: { type: 'string', pattern: '^\\d{6}$' }, parentId: { type: ['string', 'null'], maxLength: 64 } },
        },
      },
    },
    async (req) => {
      const unit = await wrap(() => createUnit(db, { name: req.body.name, regionCode: req.body.regionCode, parent: req.body.parentId ?? null }));
      await ctx.audit(req, 'unit-created', null, unit.name);
      return { unit };
    },
  );

  app.get('/admin/api/users', { preHandler: requireRole('admin', 'dispatcher') }, async (req) => ({
    users: await db.staffUser.findMany({
      where: req.staff!.role === 'admin' ? {} : { role: 'handler', active: true },
      orderBy: { username: 'asc' },
      select: { id: true, username: true, displayName: true, role: true, unitId: true, active: true, createdAt: true },
    }),
  }));

  app.post<{ Body: { username: string; password: string; role: string; unitId?: string | null; displayName?: string | null } }>(
    '/admin/api/users',
    {
      preHandler: requireRole('admin'),
      schema: {
        body: {
          type: 'object',
          required: ['username', 'password', 'role'],
          additionalProperties: false,
          properties: {
            username: { type: 'string', minLength: 2, maxLength: 64 },
            password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 256 },
            role: { enum: [...ROLES] },
            unitId: { type: ['string', 'null'], maxLength: 64 },
            displayName: { type: ['string', 'null'], maxLength: 64 },
          },
        },
      },
    },
    async (req) => {
      const b = req.body;
      const user = await wrap(() => createUser(db, { username: b.username, password: b.password, role: b.role, unit: b.unitId ?? null, displayName: b.displayName ?? null }));
      await ctx.audit(req, 'user-created', null, `${user.username} (${user.role})`);
      return { user };
    },
  );

  app.patch<{ Params: { id: string }; Body: { role?: string; unitId?: string | null; active?: boolean; password?: string } }>(
    '/admin/api/users/:id',
    {
      preHandler: requireRole('admin'),
      schema: {
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { role: { enum: [...ROLES] }, unitId: { type: ['string', 'null'], maxLength: 64 }, active: { type: 'boolean' }, password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: 256 } },
        },
      },
    },
    async (req) => {
      const user = await db.staffUser.findUnique({ where: { id: req.params.id } });
      if (!user) throw new HttpError(404, 'NOT_FOUND', 'no such user');
      if (user.id === req.staff!.id && (req.body.active === false || (req.body.role && req.body.role !== 'admin'))) throw new HttpError(400, 'INVALID_INPUT', 'you cannot lock yourself out');
      const { password, ...rest } = req.body;
      const updated = await db.staffUser.update({
        where: { id: user.id },
        data: { ...rest, ...(password ? { passwordHash: await hashPassword(password) } : {}) },
        select: { id: true, username: true, displayName: true, role: true, unitId: true, active: true, createdAt: true },
      });
      // A locked account or a new password ends the user's sessions.
      if (req.body.active === false || password) await db.staffSession.deleteMany({ where: { userId: user.id } });
      await ctx.audit(req, 'user-updated', null, `${user.username}: ${Object.keys(req.body).join(',')}`);
      return { user: updated };
    },
  );

  app.get<{ Querystring: { action?: string; page?: number } }>(
    '/admin/api/audit',
    { preHandler: requireRole('admin'), schema: { querystring: { type: 'object', properties: { action: { type: 'string', maxLength: 64 }, page: { type: 'integer', minimum: 1, default: 1 } } } } },
    async (req) => {
      const where = req.query.action ? { action: req.query.action } : {};
      const page = req.query.page ?? 1;
      const [total, entries] = await Promise.all([
        db.auditLog.count({ where }),
        db.auditLog.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], skip: (page - 1) * 100, take: 100 }),
      ]);
      const numbers = new Map(
        (await db.ticket.findMany({ where: { id: { in: entries.map((e) => e.ticketId).filter((x): x is string => !!x) } }, select: { id: true, number: true } })).map((t) => [t.id, t.number]),
      );
      return { total, entries: entries.map((e) => ({ ...e, ticketNumber: e.ticketId ? (numbers.get(e.ticketId) ?? null) : null })) };
    },
  );

  app.get('/admin/api/notices', { preHandler: requireRole() }, async (req) => {
    const s = req.staff!;
    return {
      notices: await db.staffNotice.findMany({
        where: { recipient: { in: [s.id, `role:${s.role}`] } },
        orderBy: { createdAt: 'desc' },
        take: 50,
      }),
    };
  });

  app.post<{ Params: { id: string } }>('/admin/api/notices/:id/read', { preHandler: requireRole(), schema: { params: idParams } }, async (req) => {
    const s = req.staff!;
    const res = await db.staffNotice.updateMany({ where: { id: req.params.id, recipient: { in: [s.id, `role:${s.role}`] }, readAt: null }, data: { readAt: ctx.clock() } });
    if (!res.count) throw new HttpError(404, 'NOT_FOUND', 'no such unread notice');
    return { ok: true };
  });

  app.get('/admin/api/policy', { preHandler: requireRole() }, async () => ({ policy: ctx.policy() }));
}
