/**
 * Tickets (工单): creation with a number, status changes through the
 * lifecycle, and look-ups scoped to the citizen who filed them.
 */
import type { Db, Tx } from '../storage/db.js';
import { addWorkingDays, endOfLocalDay, localDate } from '../workdays.js';
import { DomainError } from './errors.js';
import { assertTransition, type TicketKind, type TicketStatus } from './lifecycle.js';

/** Working days to decide on acceptance (《市场监督管理投诉举报处理暂行办法》 §15, §28 in spirit: 7 working days). */
export const ACCEPT_DECISION_WORKING_DAYS = 7;

/** Inbox sort key of a severity. */
export const SEVERITY_URGENCY: Record<string, number> = { urgent: 2, high: 1, normal: 0 };

export interface NewTicket {
  kind: TicketKind;
  anonymous: boolean;
  description: string;
  category?: string | null;
  severity?: string | null;
  businessName?: string | null;
  address?: string | null;
  regionCode?: string | null;
  incidentText?: string | null;
  incidentAt?: Date | null;
  reporterName?: string | null;
  reporterPhone?: string | null;
  analysis?: unknown;
  contactId: string;
  conversationId: string;
  attachmentIds?: string[];
}

/** TSyyyymmdd-NNNN, counted per local day. Runs inside the caller's transaction. */
export async function nextTicketNumber(tx: Tx, now: Date, timeZone: string): Promise<string> {
  const day = localDate(now, timeZone).replaceAll('-', '');
  // An atomic upsert-increment: portable across SQLite and PostgreSQL, and
  // under concurrent writers each gets its own number.
  const row = await tx.ticketCounter.upsert({
    where: { day },
    create: { day, last: 1 },
    update: { last: { increment: 1 } },
  });
  return `TS${day}-${String(row.last).padStart(4, '0')}`;
}

/** Creates a ticket with its first event, inside the caller's transaction. */
export async function createTicket(tx: Tx, input: NewTicket, now: Date, timeZone: string) {
  if (!input.description.trim()) throw new DomainError('INVALID_INPUT', 'a ticket needs a description');
  if (input.anonymous && input.reporterPhone) throw new DomainError('INVALID_INPUT', 'an anonymous report keeps no phone');
  const number = await nextTicketNumber(tx, now, timeZone);
  const acceptDue = addWorkingDays(now, ACCEPT_DECISION_WORKING_DAYS, timeZone);
  const ticket = await tx.ticket.create({
    data: {
      number,
      kind: input.kind,
      anonymous: input.anonymous,
      description: input.description,
      category: input.category ?? null,
      severity: input.severity ?? 'normal',
      urgency: SEVERITY_URGENCY[input.severity ?? 'normal'] ?? 0,
      businessName: input.businessName ?? null,
      address: input.address ?? null,
      regionCode: input.regionCode ?? null,
      incidentText: input.incidentText ?? null,
      incidentAt: input.incidentAt ?? null,
      reporterName: input.anonymous ? null : (input.reporterName ?? null),
      reporterPhone: input.anonymous ? null : (input.reporterPhone ?? null),
      analysis: input.analysis === undefined ? null : JSON.stringify(input.analysis),
      contactId: input.contactId,
      conversationId: input.conversationId,
      acceptDueAt: endOfLocalDay(acceptDue, timeZone),
      // The current time limit is the acceptance decision's (the admin web's policy takes over from here).
      dueAt: endOfLocalDay(acceptDue, timeZone),
      dueStage: 'accept',
      createdAt: now,
      events: { create: { actor: 'citizen', action: 'submitted', toStatus: 'pending', createdAt: now } },
    },
  });
  if (input.attachmentIds?.length) {
    await tx.attachment.updateMany({ where: { id: { in: input.attachmentIds } }, data: { ticketId: ticket.id } });
  }
  return { ticket, acceptDue };
}

export interface StatusChange {
  ticketId: string;
  to: TicketStatus;
  actor: string;
  /** The action recorded (defaults to the status name). */
  action?: string;
  note?: string;
}

/**
 * Moves a ticket to a new status, refusing what the lifecycle forbids, and
 * records the event. The update is conditional on the status read, so two
 * concurrent changes cannot both pass the check.
 */
export async function changeStatus(tx: Tx, change: StatusChange, now = new Date()) {
  const ticket = await tx.ticket.findUnique({ where: { id: change.ticketId } });
  if (!ticket) throw new DomainError('TICKET_NOT_FOUND', 'no such ticket');
  assertTransition(ticket.status, change.to);
  const updated = await tx.ticket.updateMany({ where: { id: ticket.id, status: ticket.status }, data: { status: change.to, updatedAt: now } });
  if (updated.count !== 1) throw new DomainError('CONFLICT', 'the ticket changed meanwhile; reload and try again');
  const event = await tx.ticketEvent.create({
    data: { ticketId: ticket.id, actor: change.actor, action: change.action ?? change.to, fromStatus: ticket.status, toStatus: change.to, note: change.note ?? null, createdAt: now },
  });
  return { ticket: { ...ticket, status: change.to, updatedAt: now }, event };
}

/** The contacts whose tickets a contact may see: itself (linked identities share one contact). */
function ownerFilter(contactId: string) {
  return { contactId };
}

/** A ticket by number, only if it belongs to the contact; otherwise null (nothing is revealed). */
export async function findOwnTicket(db: Db | Tx, contactId: string, number: string) {
  return db.ticket.findFirst({
    where: { number: number.toUpperCase(), ...ownerFilter(contactId) },
    include: { events: { where: { internal: false }, orderBy: { createdAt: 'desc' }, take: 1 } },
  });
}

/** The contact's tickets, newest first. */
export async function listOwnTickets(db: Db | Tx, contactId: string, take = 10) {
  return db.ticket.findMany({ where: ownerFilter(contactId), orderBy: { createdAt: 'desc' }, take });
}
