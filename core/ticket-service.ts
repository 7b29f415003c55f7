/**
 * Ticket actions that reach the citizen: a status change is committed with
 * the notice to the citizen in one transaction, then delivered on the
 * channel they used (a web-chat citizen who is offline gets it on
 * reconnecting).
 */
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
    const { result, chat } = await this.db.$transaction(async (tx) => {
      const result = await changeStatus(tx, change, now);
      const chat = await this.tellCitizen(tx, result.ticket.conversationId, (l) =>
        [
          t(l, 'notify.status', { number: result.ticket.number, status: t(l, `status.${change.to}`) }),
          change.publicNote ? t(l, 'notify.note', { note: change.publicNote }) : '',
          t(l, 'notify.footer'),
        ]
          .filter(Boolean)
          .join('\n'),
      now);
      return { result, chat };
    });
    this.outbox.notify(chat.channel, chat.externalId);
    return result;
  }

  /** Queues a text for the conversation a ticket came from, in the citizen's language. */
  async tellCitizen(tx: Tx, conversationId: string, text: (locale: Locale) => string, now = new Date()) {
    const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId }, include: { contact: true } });
    const locale = isLocale(conversation.contact?.locale) ? conversation.contact.locale : this.config.defaultLocale;
    await enqueue(tx, conversation.id, { text: text(locale) }, now);
    return { channel: conversation.channel, externalId: conversation.externalId };
  }
}
