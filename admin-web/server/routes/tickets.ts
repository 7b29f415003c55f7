/**
 * /admin/api/tickets: the inbox (filters, search, urgency order, CSV) and
 * the ticket page (transcript, photos, analysis, history). Every read is
 * scoped to the staff member (another unit's ticket is a 404).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Prisma } from '../../../core/storage/db.js';
import { regionFullName } from '../../../core/analyser/regions.js';
import { isStatus } from '../../../core/domain/lifecycle.js';
import { maskName, maskPhone, mayReveal, scopedTicket, ticketScope } from '../access.js';
import { HttpError, requireRole } from '../auth.js';
import type { AdminContext } from '../context.js';
import { ACTION_ROLES, mayAct, TICKET_READERS, type TicketAction } from '../roles.js';

export interface InboxQuery {
  status?: string;
  kind?: string;
  category?: string;
  severity?: string;
  region?: string;
  unit?: string;
  due?: 'soon' | 'overdue';
  q?: string;
  page?: number;
  pageSize?: number;
}

const OPEN = ['pending', 'accepted', 'processing'];

export const inboxQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    status: { type: 'string', maxLength: 100 },
    kind: { enum: ['complaint', 'report'] },
    category: { type: 'string', maxLength: 50 },
    severity: { enum: ['urgent', 'high', 'normal'] },
    region: { type: 'string', pattern: '^\\d{2,6}$' },
    unit: { type: 'string', maxLength: 64 },
    due: { enum: ['soon', 'overdue'] },
    q: { type: 'string', maxLength: 100 },
    page: { type: 'integer', minimum: 1, default: 1 },
    pageSize: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
  },
} as const;

/** The inbox filter as a Prisma where (portable: equality, IN, LIKE via `contains`). */
export function inboxWhere(q: InboxQuery): Prisma.TicketWhereInput {
  const and: Prisma.TicketWhereInput[] = [];
  if (q.status && q.status !== 'all') {
    const statuses = q.status === 'open' ? OPEN : q.status.split(',').filter(isStatus);
    and.push({ status: { in: statuses } });
  }
  if (q.kind) and.push({ kind: q.kind });
  if (q.category) and.push({ category: q.category });
  if (q.severity) and.push({ severity: q.severity });
  // A region code prefix: 33 (浙江), 3301 (杭州), 330106 (西湖区).
  if (q.region) and.push({ regionCode: { startsWith: q.region.replace(/(00)+$/, '') } });
  if (q.unit) and.push({ unitId: q.unit === 'none' ? null : q.unit });
  if (q.due) and.push({ dueState: q.due });
  if (q.q?.trim()) {
    const words = q.q.trim().split(/\s+/).slice(0, 5);
    for (const w of words) and.push({ OR: [{ description: { contains: w } }, { businessName: { contains: w } }, { number: { contains: w.toUpperCase() } }] });
  }
  return and.length ? { AND: and } : {};
}

/** Most urgent first, then the nearest time limit, then the newest. */
export const INBOX_ORDER: Prisma.TicketOrderByWithRelationInput[] = [{ urgency: 'desc' }, { dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }];

type Row = Awaited<ReturnType<typeof listRows>>[number];

async function listRows(ctx: AdminContext, where: Prisma.TicketWhereInput, skip: number, take: number) {
  return ctx.db.ticket.findMany({
    where,
    orderBy: INBOX_ORDER,
    skip,
    take,
    select: {
      id: true, number: true, kind: true, status: true, severity: true, category: true, businessName: true, description: true,
      regionCode: true, unitId: true, assigneeId: true, dueAt: true, dueStage: true, dueState: true, createdAt: true, anonymous: true, satisfaction: true,
    },
  });
}

function summary(r: Row, units: Map<string, string>) {
  return { ...r, description: r.description.slice(0, 120), unitName: r.unitId ? (units.get(r.unitId) ?? null) : null };
}

function csvCell(v: unknown): string {
  const s = v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : String(v);
  // Cells starting with = + - @ are neutralised so spreadsheets do not run them.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function ticketRoutes(app: FastifyInstance, ctx: AdminContext) {
  const { db } = ctx;
  const readers = requireRole(...TICKET_READERS);

  const unitNames = async () => new Map((await db.unit.findMany({ select: { id: true, name: true } })).map((u) => [u.id, u.name]));

  app.get<{ Querystring: InboxQuery }>('/admin/api/tickets', { preHandler: readers, schema: { querystring: inboxQuerySchema } }, async (req) => {
    const where = { AND: [await ticketScope(db, req.staff!), inboxWhere(req.query)] };
    const page = req.query.page ?? 1;
    const size = req.query.pageSize ?? 50;
    const [total, rows, units] = await Promise.all([db.ticket.count({ where }), listRows(ctx, where, (page - 1) * size, size), unitNames()]);
    return { total, page, pageSize: size, tickets: rows.map((r) => summary(r, units)) };
  });

  app.get<{ Querystring: InboxQuery }>('/admin/api/tickets.csv', { preHandler: readers, schema: { querystring: inboxQuerySchema } }, async (req, reply) => {
    const where = { AND: [await ticketScope(db, req.staff!), inboxWhere(req.query)] };
    const [rows, units] = await Promise.all([listRows(ctx, where, 0, 10_000), unitNames()]);
    const head = ['number', 'kind', 'status', 'severity', 'category', 'businessName', 'regionCode', 'unit', 'dueAt', 'dueState', 'createdAt', 'satisfaction', 'description'];
    const lines = [head.join(',')];
    for (const r of rows) {
      const s = summary(r, units);
      lines.push([s.number, s.kind, s.status, s.severity, s.category, s.businessName, s.regionCode, s.unitName, s.dueAt, s.dueState, s.createdAt, s.satisfaction, r.description].map(csvCell).join(','));
    }
    await ctx.audit(req, 'export-csv', null, `${rows.length} rows`);
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="tickets.csv"');
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  });

  app.get<{ Params: { id: string } }>('/admin/api/tickets/:id', { preHandler: readers, schema: { params: idParams } }, async (req) => {
    const staff = req.staff!;
    const ticket = await scopedTicket(db, staff, req.params.id);
    const [events, messages, attachments, merged, into, unit, assignee] = await Promise.all([
      db.ticketEvent.findMany({ where: { ticketId: ticket.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
      // A turn's message and its reply share a timestamp: "in" sorts before "out".
      db.message.findMany({ where: { conversationId: ticket.conversationId }, orderBy: [{ createdAt: 'asc' }, { direction: 'asc' }, { id: 'asc' }], take: 500, include: { attachments: { select: { id: true, mime: true } } } }),
      db.attachment.findMany({ where: { ticketId: ticket.id }, select: { id: true, mime: true, size: true, createdAt: true } }),
      db.ticket.findMany({ where: { mergedIntoId: ticket.id }, select: { id: true, number: true } }),
      ticket.mergedIntoId ? db.ticket.findUnique({ where: { id: ticket.mergedIntoId }, select: { id: true, number: true } }) : null,
      ticket.unitId ? db.unit.findUnique({ where: { id: ticket.unitId } }) : null,
      ticket.assigneeId ? db.staffUser.findUnique({ where: { id: ticket.assigneeId }, select: { id: true, username: true, displayName: true } }) : null,
    ]);
    const actorIds = [...new Set(events.map((e) => e.actor).filter((a) => a.startsWith('staff:')).map((a) => a.slice(6)))];
    const actors = new Map((await db.staffUser.findMany({ where: { id: { in: actorIds } }, select: { id: true, username: true, displayName: true } })).map((u) => [`staff:${u.id}`, u.displayName ?? u.username]));
    // What the role may do and what makes sense now (the domain refuses the rest anyway).
    const policy = ctx.policy();
    const final = ['closed', 'rejected', 'transferred', 'merged'].includes(ticket.status);
    const fits: Record<TicketAction, boolean> = {
      accept: ticket.status === 'pending',
      reject: ticket.status === 'pending',
      assign: !final,
      transfer: !final,
      note: true,
      reply: ticket.status !== 'merged',
      'ask-business': !final,
      merge: !final,
      extend: !final && !ticket.extended && !!(ticket.dueStage && policy.stages[ticket.dueStage]?.extensionDays),
      'case-decision': !final && ticket.kind === 'report' && ticket.status !== 'pending',
      escalate: !final,
      close: ticket.status === 'accepted' || ticket.status === 'processing',
      reveal: true,
    };
    const actions = (Object.keys(ACTION_ROLES) as TicketAction[]).filter((a) => mayAct(staff.role, a) && fits[a]);
    const canReveal = actions.includes('reveal') && (await mayReveal(db, staff, ticket)) && !!(ticket.reporterName || ticket.reporterPhone);
    return {
      ticket: {
        ...ticket,
        analysis: ticket.analysis ? (JSON.parse(ticket.analysis) as unknown) : null,
        reporterName: maskName(ticket.reporterName),
        reporterPhone: maskPhone(ticket.reporterPhone),
        unitName: unit?.name ?? null,
        regionName: regionFullName(ticket.regionCode),
        assignee,
        mergedInto: into,
        merged,
      },
      events: events.map((e) => ({ ...e, actorName: actors.get(e.actor) ?? e.actor })),
      transcript: messages.map((m) => ({ id: m.id, direction: m.direction, kind: m.kind, text: m.text, status: m.status, createdAt: m.createdAt, attachments: m.attachments })),
      attachments,
      actions: actions.filter((a) => a !== 'reveal' || canReveal),
      rejectReasons: ctx.policy().rejectReasons,
    };
  });

  // Revealing name and phone is a logged action (who, when, which ticket).
  app.post<{ Params: { id: string } }>('/admin/api/tickets/:id/reveal', { preHandler: requireRole('dispatcher', 'handler'), schema: { params: idParams } }, async (req) => {
    const ticket = await scopedTicket(db, req.staff!, req.params.id);
    if (!(await mayReveal(db, req.staff!, ticket))) throw new HttpError(403, 'FORBIDDEN', 'only the ticket’s handler or a dispatcher may see this');
    await ctx.audit(req, 'reveal', ticket.id, ticket.number);
    return { reporterName: ticket.reporterName, reporterPhone: ticket.reporterPhone };
  });

  app.get<{ Params: { id: string } }>('/admin/api/attachments/:id', { preHandler: readers, schema: { params: idParams } }, async (req, reply) => {
    const att = await db.attachment.findUnique({ where: { id: req.params.id }, include: { message: { select: { conversationId: true } } } });
    if (!att) throw new HttpError(404, 'NOT_FOUND', 'no such attachment');
    const scope = await ticketScope(db, req.staff!);
    const owner = await db.ticket.findFirst({
      where: { AND: [scope, { OR: [...(att.ticketId ? [{ id: att.ticketId }] : []), ...(att.message ? [{ conversationId: att.message.conversationId }] : [])] }] },
      select: { id: true },
    });
    if (!owner) throw new HttpError(404, 'NOT_FOUND', 'no such attachment');
    const bytes = await readFile(path.join(ctx.config.dataDir, att.path));
    reply.header('content-type', att.mime).header('cache-control', 'private, max-age=3600').header('x-content-type-options', 'nosniff');
    return bytes;
  });
}

export const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', minLength: 1, maxLength: 64 } } } as const;
