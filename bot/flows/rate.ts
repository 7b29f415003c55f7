/**
 * Satisfaction (满意度回访): when a ticket is closed the citizen is asked for
 * a 1–5 rating and an optional comment, stored on the ticket. The question's
 * options carry the ticket number (`rate:TS…:5`), so a tap works whatever the
 * conversation is doing; a typed "5" works while the question is pending.
 */
import { isWord } from '../../core/i18n.js';
import type { DialogState, Flow, ParseResult, TurnContext } from '../../core/dialog/types.js';
import type { Tx } from '../../core/storage/db.js';
import type { TicketService } from '../../core/ticket-service.js';
import { t } from '../../core/i18n.js';

export const RATE_FLOW = 'rate';

/** `rate:<number>:<1-5>` → its parts, or null. */
export function parseRateChoice(text: string): { number: string; score: number } | null {
  const m = /^rate:(TS\d{8}-\d{4}):([1-5])$/i.exec(text.trim());
  return m ? { number: m[1]!.toUpperCase(), score: Number(m[2]) } : null;
}

function parseScore(text: string): number | null {
  const choice = parseRateChoice(text);
  if (choice) return choice.score;
  const m = /^([1-5])\s*(分|星|stars?)?$/i.exec(text.trim());
  return m ? Number(m[1]) : null;
}

/**
 * Queues the rating question for a closed ticket's citizen (inside the
 * closing transaction) and, when their conversation is idle, awaits the answer.
 */
export async function startRating(tx: Tx, tickets: TicketService, ticket: { id: string; number: string; conversationId: string }, now: Date) {
  await tickets.tellCitizen(
    tx,
    ticket.conversationId,
    (l) => t(l, 'rate.ask', { number: ticket.number }),
    // A millisecond later, so the outbox (ordered by time) sends it after the closing notice.
    new Date(now.getTime() + 1),
    [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), value: `rate:${ticket.number}:${n}` })),
  );
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: ticket.conversationId } });
  const state = JSON.parse(conversation.state) as DialogState;
  if (state.flow) return; // do not break a flow in progress; the options still work
  const next: DialogState = { flow: RATE_FLOW, slots: { number: ticket.number }, filled: [], awaiting: 'score', retries: 0 };
  await tx.conversation.update({ where: { id: conversation.id }, data: { state: JSON.stringify(next), version: { increment: 1 }, lastActivityAt: now } });
}

const ok = (value: unknown): ParseResult => ({ ok: true, value });

export const rateFlow: Flow = {
  name: RATE_FLOW,
  steps: [
    {
      slot: 'score',
      ask: (ctx, slots) => ({
        text: ctx.t('rate.ask', { number: String(slots.number) }),
        options: [1, 2, 3, 4, 5].map((n) => ({ label: '★'.repeat(n), value: `rate:${String(slots.number)}:${n}` })),
      }),
      parse: (input) => {
        const score = parseScore(input.text);
        return score ? ok(score) : { ok: false, error: 'rate.invalid' };
      },
    },
    {
      slot: 'comment',
      ask: (ctx) => ({ text: ctx.t('rate.comment'), options: [{ label: ctx.t('rate.skip'), value: 'skip' }] }),
      parse: (input) => {
        const s = input.text.trim();
        if (!s || s === 'skip' || isWord(s, 'words.done') || isWord(s, 'words.no')) return ok(null);
        return ok(s.slice(0, 500));
      },
    },
  ],
  async complete(ctx: TurnContext, slots) {
    // Only the ticket's own citizen can rate it; a forged number changes nothing.
    const ticket = await ctx.tx.ticket.findFirst({ where: { number: String(slots.number), contactId: ctx.contactId, status: { in: ['closed', 'merged'] } } });
    if (!ticket) return { text: ctx.t('rate.notFound') };
    await ctx.tx.ticket.update({ where: { id: ticket.id }, data: { satisfaction: Number(slots.score), satisfactionComment: (slots.comment as string | null) ?? null } });
    await ctx.tx.ticketEvent.create({ data: { ticketId: ticket.id, actor: 'citizen', action: 'rated', note: `${String(slots.score)}${slots.comment ? `｜${String(slots.comment)}` : ''}`, createdAt: ctx.now } });
    return { text: ctx.t('rate.thanks') };
  },
};
