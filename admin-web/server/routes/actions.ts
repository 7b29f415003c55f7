/**
 * POST /admin/api/tickets/:id/<action>: the casework actions. The route
 * checks role and scope; core/casework.ts decides what the lifecycle allows
 * and tells the citizen; every action is audited.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { scopedTicket } from '../access.js';
import { HttpError, requireRole } from '../auth.js';
import type { AdminContext } from '../context.js';
import { ACTION_ROLES, type TicketAction } from '../roles.js';
import { idParams } from './tickets.js';

const text = (max = 2000) => ({ type: 'string', minLength: 1, maxLength: max }) as const;
const optText = { type: 'string', maxLength: 2000 } as const;

type Body = Record<string, string | boolean | null | undefined>;
type Run = (ctx: AdminContext, ticketId: string, actor: { id: string }, body: Body, req: FastifyRequest) => Promise<unknown>;

const actions: Record<Exclude<TicketAction, 'reveal'>, { body: object; run: Run }> = {
  accept: { body: { note: optText }, run: (c, id, a, b) => c.casework.accept(id, a, (b.note as string) || undefined, c.clock()) },
  reject: {
    body: { reason: text(64), note: optText },
    run: (c, id, a, b) => c.casework.reject(id, a, b.reason as string, (b.note as string) || undefined, c.clock()),
  },
  assign: {
    body: { unitId: text(64), assigneeId: { type: ['string', 'null'], maxLength: 64 }, note: optText },
    run: (c, id, a, b) => c.casework.assign(id, a, b.unitId as string, (b.assigneeId as string) || null, (b.note as string) || undefined, c.clock()),
  },
  transfer: { body: { target: text(200), note: optText }, run: (c, id, a, b) => c.casework.transfer(id, a, b.target as string, (b.note as string) || undefined, c.clock()) },
  note: { body: { text: text() }, run: (c, id, a, b) => c.casework.note(id, a, b.text as string, c.clock()) },
  reply: { body: { text: text() }, run: (c, id, a, b) => c.casework.reply(id, a, b.text as string, c.clock()) },
  'ask-business': { body: { text: text() }, run: (c, id, a, b) => c.casework.askBusiness(id, a, b.text as string, c.clock()) },
  merge: { body: { into: { type: 'string', pattern: '^[Tt][Ss]\\d{8}-\\d{4}$' } }, run: (c, id, a, b) => c.casework.merge(id, a, b.into as string, c.clock()) },
  extend: { body: { note: text() }, run: (c, id, a, b) => c.casework.extend(id, a, b.note as string, c.clock()) },
  'case-decision': { body: { opened: { type: 'boolean' }, note: optText }, run: (c, id, a, b) => c.casework.caseDecision(id, a, b.opened === true, (b.note as string) || undefined, c.clock()) },
  escalate: { body: { note: text() }, run: (c, id, a, b) => c.casework.escalate(id, a, b.note as string, c.clock()) },
  close: { body: { result: text() }, run: (c, id, a, b) => c.casework.close(id, a, b.result as string, c.clock()) },
};

export function actionRoutes(app: FastifyInstance, ctx: AdminContext) {
  for (const [name, spec] of Object.entries(actions) as [Exclude<TicketAction, 'reveal'>, (typeof actions)[keyof typeof actions]][]) {
    const props = spec.body as Record<string, { minLength?: number; pattern?: string; type?: unknown }>;
    const required = Object.entries(props)
      .filter(([, s]) => s.minLength === 1 || s.pattern || s.type === 'boolean')
      .map(([k]) => k);
    app.post<{ Params: { id: string }; Body: Body }>(
      `/admin/api/tickets/:id/${name}`,
      {
        preHandler: requireRole(...ACTION_ROLES[name]),
        schema: { params: idParams, body: { type: 'object', additionalProperties: false, required, properties: props } },
      },
      async (req) => {
        const staff = req.staff!;
        const ticket = await scopedTicket(ctx.db, staff, req.params.id);
        if (name === 'assign' && staff.role === 'handler') throw new HttpError(403, 'FORBIDDEN', 'your role may not do this');
        await spec.run(ctx, ticket.id, { id: `staff:${staff.id}` }, req.body ?? {}, req);
        const detail = name === 'note' || name === 'reply' ? null : JSON.stringify(req.body ?? {});
        await ctx.audit(req, `ticket-${name}`, ticket.id, detail);
        return { ok: true };
      },
    );
  }
}
