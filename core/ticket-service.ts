/**
 * Ticket actions that reach the citizen: a status change is committed with
 * the notice to the citizen in one transaction, then delivered on the
 * channel they used (a web-chat citizen who is offline gets it on
 * reconnecting).
 */
import type { ReplyOption } from '../channels/types.js';
import type { Config } from './config.js';
import { changeStatus, type StatusChange } from './domain/tickets.js';
import { isLocale, t, type Locale } from './i18n.js';
import { enqueue, type OutboxDispatcher } from './outbox.js';
import type { Db, Tx } from './storage/db.js';

export class TicketService {
  constructor(
    private readonly db: Db,
    private readonly outbox: OutboxDispatcher,
    private readonly config: Config,
  ) {}

  /**
   * Changes a ticket's status (refused if the lifecycle forbids it) and tells
   * the citizen. `publicNote` is what the citizen reads; `change.note` is the
   * recorded note.
   */
  async changeStatus(change: StatusChange & { publicNote?: string }, now = new Date()) {
    return this.run(async (tx, tell) => {
      const result = await changeStatus(tx, change, now);
      await tell(result.ticket.id, (l) => this.statusNotice(l, result.ticket.number, change.to, change.publicNote), now);
      return result;
    });
  }

  /** The plain-words notice of a status change. */
  statusNotice(l: Locale, number: string, to: string, publicNote?: string, extra?: string): string {
    const explain = t(l, `notify.explain.${to}`);
    return [
      t(l, 'notify.status', { number, status: t(l, `status.${to}`) }),
      explain === `notify.explain.${to}` ? '' : explain,
      publicNote ? t(l, 'notify.note', { note: publicNote }) : '',
      extra ?? '',
      t(l, 'notify.footer'),
    ]
      .filter(Boolean)
      .join('\n');
  }

  /**
   * Runs ticket work in one transaction. `tell(ticketId, text)` queues a
   * notice for the citizen of the ticket and of every ticket merged into it
   * (并案: future updates go to all); the queued notices are delivered after
   * the commit.
   */
  async run<T>(work: (tx: Tx, tell: (ticketId: string, text: (locale: Locale) => string, now?: Date) => Promise<void>) => Promise<T>): Promise<T> {
    const chats: { channel: string; externalId: string }[] = [];
    const result = await this.db.$transaction(async (tx) => {
      const tell = async (ticketId: string, text: (locale: Locale) => string, now = new Date()) => {
        const tickets = await tx.ticket.findMany({ where: { OR: [{ id: ticketId }, { mergedIntoId: ticketId }] }, select: { conversationId: true } });
        for (const conversationId of new Set(tickets.map((x) => x.conversationId))) chats.push(await this.tellCitizen(tx, conversationId, text, now));
      };
      return work(tx, tell);
    });
    for (const c of chats) this.outbox.notify(c.channel, c.externalId);
    return result;
  }

  /** Queues a text for the conversation a ticket came from, in the citizen's language. */
  async tellCitizen(tx: Tx, conversationId: string, text: (locale: Locale) => string, now = new Date(), options?: ReplyOption[]) {
    const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { contact: true } });
    const locale = isLocale(conversation.contact?.locale) ? conversation.contact.locale : this.config.defaultLocale;
    await enqueue(tx, conversation.id, { text: text(locale), ...(options ? { options } : {}) }, now);
    return { channel: conversation.channel, externalId: conversation.externalId };
  }
}
