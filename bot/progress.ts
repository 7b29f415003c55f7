/**
 * Progress answers (进度查询): one ticket by number, or the person's own
 * list. A number from another identity reveals nothing but "not found".
 */
import type { Reply, TurnContext } from '../core/dialog/types.js';
import { findOwnTicket, listOwnTickets } from '../core/domain/tickets.js';
import { formatTime } from './parsers.js';

export async function ticketDetail(ctx: TurnContext, number: string): Promise<Reply> {
  const ticket = await findOwnTicket(ctx.tx, ctx.contactId, number);
  if (!ticket) return { text: ctx.t('progress.notFound', { number: number.toUpperCase() }) };
  const tz = ctx.config.timeZone;
  const last = ticket.events[0];
  const lines = [
    ctx.t('progress.detail', {
      number: ticket.number,
      kind: ctx.t(`kind.${ticket.kind}`),
      status: ctx.t(`status.${ticket.status}`),
      business: ticket.businessName ?? ctx.t('file.unknown'),
      created: formatTime(ticket.createdAt, tz),
      lastEvent: last ? ctx.t(`event.${last.action}`) + (last.note ? `：${last.note}` : '') : ctx.t('event.submitted'),
      updated: formatTime(last?.createdAt ?? ticket.updatedAt, tz),
    }),
  ];
  if (ticket.status === 'pending' && ticket.acceptDueAt) lines.push(ctx.t('progress.due', { due: formatTime(ticket.acceptDueAt, tz).slice(0, 10) }));
  return { text: lines.join('\n') };
}

export async function ownTickets(ctx: TurnContext): Promise<Reply> {
  const tickets = await listOwnTickets(ctx.tx, ctx.contactId);
  if (!tickets.length) return { text: ctx.t('progress.none') };
  const tz = ctx.config.timeZone;
  const lines = [
    ctx.t('progress.listHeader', { n: tickets.length }),
    ...tickets.map((t) =>
      ctx.t('progress.listItem', {
        number: t.number,
        kind: ctx.t(`kind.${t.kind}`),
        status: ctx.t(`status.${t.status}`),
        business: t.businessName ?? ctx.t('file.unknown'),
        updated: formatTime(t.updatedAt, tz),
      }),
    ),
    ctx.t('progress.listFooter'),
  ];
  return { text: lines.join('\n'), options: tickets.slice(0, 5).map((t) => ({ label: t.number, value: t.number })) };
}
