/**
 * 汇总分析: tickets per day, by category, region and status; the share
 * closed within the time limit; median hours to acceptance and to closing;
 * the satisfaction average. Aggregates only, no personal data (viewers see it).
 * Computed in JS over the selected rows, which keeps the SQL portable.
 */
import type { FastifyInstance } from 'fastify';
import { regionName } from '../../../core/analyser/regions.js';
import { localDate } from '../../../core/workdays.js';
import { ticketScope } from '../access.js';
import { requireRole } from '../auth.js';
import type { AdminContext } from '../context.js';
import { inboxQuerySchema, inboxWhere, type InboxQuery } from './tickets.js';

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const count = <T>(rows: T[], key: (r: T) => string) => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, value]) => ({ name, value }));
};

export function dashboardRoutes(app: FastifyInstance, ctx: AdminContext) {
  const { properties } = inboxQuerySchema;
  app.get<{ Querystring: InboxQuery & { days?: number } }>(
    '/admin/api/dashboard',
    {
      preHandler: requireRole(),
      schema: { querystring: { type: 'object', additionalProperties: false, properties: { ...properties, days: { type: 'integer', minimum: 1, maximum: 366, default: 30 } } } },
    },
    async (req) => {
      const now = ctx.clock();
      const days = req.query.days ?? 30;
      const since = new Date(now.getTime() - days * 86_400_000);
      const staff = req.staff!;
      // Viewers and supervisors see office-wide aggregates; a handler their unit's.
      const scope = staff.role === 'handler' ? await ticketScope(ctx.db, staff) : {};
      const rows = await ctx.db.ticket.findMany({
        where: { AND: [scope, inboxWhere({ ...req.query, status: req.query.status ?? 'all' }), { createdAt: { gte: since } }] },
        select: { status: true, category: true, regionCode: true, createdAt: true, acceptedAt: true, closedAt: true, dueAt: true, satisfaction: true },
      });
      const tz = ctx.config.timeZone;
      const perDay = new Map<string, number>();
      for (let i = days - 1; i >= 0; i--) perDay.set(localDate(new Date(now.getTime() - i * 86_400_000), tz), 0);
      for (const r of rows) {
        const d = localDate(r.createdAt, tz);
        if (perDay.has(d)) perDay.set(d, perDay.get(d)! + 1);
      }
      const closed = rows.filter((r) => r.status === 'closed' && r.closedAt);
      const inTime = closed.filter((r) => !r.dueAt || r.closedAt! <= r.dueAt).length;
      const rated = rows.filter((r) => r.satisfaction !== null).map((r) => r.satisfaction!);
      const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;
      return {
        total: rows.length,
        perDay: [...perDay.entries()].map(([name, value]) => ({ name, value })),
        byCategory: count(rows, (r) => r.category ?? 'unknown'),
        byRegion: count(rows, (r) => (r.regionCode ? `${regionName(r.regionCode) ?? ''} ${r.regionCode}`.trim() : 'unknown')),
        byStatus: count(rows, (r) => r.status),
        closed: closed.length,
        closedInTimeShare: closed.length ? inTime / closed.length : null,
        medianHoursToAccept: median(rows.filter((r) => r.acceptedAt).map((r) => hours(r.createdAt, r.acceptedAt!))),
        medianHoursToClose: median(closed.map((r) => hours(r.createdAt, r.closedAt!))),
        satisfactionAverage: rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null,
        satisfactionCount: rated.length,
      };
    },
  );
}
