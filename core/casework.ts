/**
 * Casework (办件): what regulators do with a ticket — accept (受理), reject
 * (不予受理), assign (交办), transfer (转办), note, reply, ask the business,
 * merge (并案), extend, escalate (督办), close (办结). Each action is one
 * transaction: the domain checks (lifecycle, time limits), the event with
 * actor and note, and the notice to the citizen(s), delivered after commit.
 * Who may do what is the admin web's business; what may happen is decided here.
 */
import type { Config } from './config.js';
import { DomainError } from './domain/errors.js';
import { isFinal, isStatus } from './domain/lifecycle.js';
import { changeStatus } from './domain/tickets.js';
import { stageAfterAccept, stageDue, type TimeLimitPolicy } from './domain/time-limits.js';
import { t } from './i18n.js';
import type { Tx } from './storage/db.js';
import type { TicketService } from './ticket-service.js';
import { localDate } from './workdays.js';
import { startRating } from '../bot/flows/rate.js';

export interface Actor {
  /** "staff:<id>" or "system" */
  id: string;
}

export class Casework {
  constructor(
    private readonly tickets: TicketService,
    private readonly policy: () => TimeLimitPolicy,
    private readonly config: Config,
  ) {}

  /** 受理: starts the stage that follows acceptance (mediation or check) with its time limit. */
  async accept(ticketId: string, actor: Actor, note: string | undefined, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const { ticket } = await changeStatus(tx, { ticketId, to: 'accepted', actor: actor.id, action: 'accepted', ...(note ? { note } : {}) }, now);
      const stage = stageAfterAccept(this.policy(), ticket.kind);
      const dueAt = stage ? stageDue(this.policy(), stage, now, this.config.timeZone) : null;
      await tx.ticket.update({ where: { id: ticketId }, data: { acceptedAt: now, dueStage: stage, dueAt, dueState: 'ok', escalatedAt: null } });
      const due = dueAt ? localDate(dueAt, this.config.timeZone) : '';
      await tell(ticketId, (l) => this.tickets.statusNotice(l, ticket.number, 'accepted', undefined, due ? t(l, 'notify.dueBy', { due }) : undefined), now);
      return ticket;
    });
  }

  /** 不予受理, with a reason from the policy's list (the regulation's grounds). */
  async reject(ticketId: string, actor: Actor, reasonCode: string, note: string | undefined, now = new Date()) {
    const reason = this.policy().rejectReasons.find((r) => r.code === reasonCode);
    if (!reason) throw new DomainError('INVALID_INPUT', `unknown reject reason "${reasonCode}"`);
    return this.tickets.run(async (tx, tell) => {
      const { ticket } = await changeStatus(tx, { ticketId, to: 'rejected', actor: actor.id, action: 'rejected', note: note ? `${reason.label}｜${note}` : reason.label }, now);
      await tx.ticket.update({ where: { id: ticketId }, data: { dueStage: null, dueAt: null, dueState: 'ok', closedAt: now } });
      await tell(ticketId, (l) => this.tickets.statusNotice(l, ticket.number, 'rejected', reason.label), now);
      return ticket;
    });
  }

  /** 交办: gives the ticket to a unit (and optionally a handler); an accepted ticket starts processing. */
  async assign(ticketId: string, actor: Actor, unitId: string, assigneeId: string | null, note: string | undefined, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const ticket = await this.open(tx, ticketId);
      const unit = await tx.unit.findUnique({ where: { id: unitId } });
      if (!unit) throw new DomainError('INVALID_INPUT', 'no such unit');
      if (assigneeId) {
        const user = await tx.staffUser.findUnique({ where: { id: assigneeId } });
        if (!user || user.unitId !== unitId || user.role !== 'handler' || !user.active) throw new DomainError('INVALID_INPUT', 'the assignee must be an active handler of that unit');
      }
      const reassign = ticket.unitId !== null;
      await tx.ticket.update({ where: { id: ticketId }, data: { unitId, assigneeId, updatedAt: now } });
      await tx.ticketEvent.create({
        data: { ticketId, actor: actor.id, action: reassign ? 'reassigned' : 'assigned', note: [unit.name, note].filter(Boolean).join('｜'), internal: true, createdAt: now },
      });
      await notifyHandlers(tx, { id: ticketId, unitId, assigneeId }, 'assigned', `新交办工单 ${ticket.number}`, now);
      if (ticket.status === 'accepted') {
        // A millisecond after the assignment, so the history lists them in order.
        await changeStatus(tx, { ticketId, to: 'processing', actor: actor.id, action: 'processing' }, new Date(now.getTime() + 1));
        await tell(ticketId, (l) => this.tickets.statusNotice(l, ticket.number, 'processing', undefined, unit.name), now);
      }
      return ticket;
    });
  }

  /** 转办: to another jurisdiction; the ticket ends here. */
  async transfer(ticketId: string, actor: Actor, target: string, note: string | undefined, now = new Date()) {
    if (!target.trim()) throw new DomainError('INVALID_INPUT', 'name the body the ticket goes to');
    return this.tickets.run(async (tx, tell) => {
      const { ticket } = await changeStatus(tx, { ticketId, to: 'transferred', actor: actor.id, action: 'transferred', note: [target, note].filter(Boolean).join('｜') }, now);
      await tx.ticket.update({ where: { id: ticketId }, data: { dueStage: null, dueAt: null, dueState: 'ok', closedAt: now } });
      await tell(ticketId, (l) => this.tickets.statusNotice(l, ticket.number, 'transferred', t(l, 'notify.transferredTo', { target })), now);
      return ticket;
    });
  }

  /** An internal note: recorded, never sent to the citizen. */
  async note(ticketId: string, actor: Actor, text: string, now = new Date()) {
    return this.tickets.run(async (tx) => {
      await this.find(tx, ticketId);
      return tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: 'note', note: required(text), internal: true, createdAt: now } });
    });
  }

  /** A reply to the citizen(s), sent through their channel and kept in the transcript. */
  async reply(ticketId: string, actor: Actor, text: string, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const ticket = await this.find(tx, ticketId);
      if (ticket.status === 'merged') throw new DomainError('ACTION_NOT_ALLOWED', 'reply on the ticket it was merged into');
      await tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: 'replied', note: required(text), internal: false, createdAt: now } });
      await tell(ticketId, (l) => t(l, 'notify.reply', { number: ticket.number, text }), now);
    });
  }

  /** 责令/询问经营者: records the request to the business (delivery to its chat group comes later). */
  async askBusiness(ticketId: string, actor: Actor, text: string, now = new Date()) {
    return this.tickets.run(async (tx) => {
      await this.open(tx, ticketId);
      return tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: 'business-asked', note: required(text), internal: true, createdAt: now } });
    });
  }

  /** 并案: the ticket becomes a duplicate of `intoNumber`; both citizens are told; later updates reach both. */
  async merge(ticketId: string, actor: Actor, intoNumber: string, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const into = await tx.ticket.findUnique({ where: { number: intoNumber.trim().toUpperCase() } });
      if (!into) throw new DomainError('INVALID_INPUT', 'no ticket with that number');
      if (into.id === ticketId) throw new DomainError('INVALID_INPUT', 'a ticket cannot be merged into itself');
      if (!isStatus(into.status) || isFinal(into.status)) throw new DomainError('ACTION_NOT_ALLOWED', 'the target ticket is already finished');
      const { ticket } = await changeStatus(tx, { ticketId, to: 'merged', actor: actor.id, action: 'merged', note: into.number }, now);
      // Tickets merged into this one follow it to the new target.
      await tx.ticket.updateMany({ where: { mergedIntoId: ticketId }, data: { mergedIntoId: into.id } });
      await tx.ticket.update({ where: { id: ticketId }, data: { mergedIntoId: into.id, dueStage: null, dueAt: null, dueState: 'ok' } });
      await tx.ticketEvent.create({ data: { ticketId: into.id, actor: actor.id, action: 'merged-in', note: ticket.number, internal: false, createdAt: now } });
      // After the update, telling `into` reaches its own citizen and every merged citizen.
      await tell(into.id, (l) => t(l, 'notify.merged', { number: ticket.number, into: into.number }), now);
      return ticket;
    });
  }

  /** Extends a report's check period once, by the policy's extension. */
  async extend(ticketId: string, actor: Actor, note: string, now = new Date()) {
    return this.tickets.run(async (tx) => {
      const ticket = await this.open(tx, ticketId);
      const stage = ticket.dueStage ? this.policy().stages[ticket.dueStage] : undefined;
      if (!stage?.extensionDays || !ticket.acceptedAt) throw new DomainError('ACTION_NOT_ALLOWED', 'this stage cannot be extended');
      if (ticket.extended) throw new DomainError('ACTION_NOT_ALLOWED', 'the time limit was already extended once');
      const dueAt = stageDue(this.policy(), ticket.dueStage!, ticket.acceptedAt, this.config.timeZone, stage.extensionDays);
      await tx.ticket.update({ where: { id: ticketId }, data: { extended: true, dueAt, dueState: 'ok', escalatedAt: null } });
      await tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: 'extended', note: `${localDate(dueAt, this.config.timeZone)}｜${required(note)}`, internal: true, createdAt: now } });
      return dueAt;
    });
  }

  /** 督办: a supervisor presses on a ticket; recorded, and the unit's handlers get a notice. */
  async escalate(ticketId: string, actor: Actor, note: string, now = new Date()) {
    return this.tickets.run(async (tx) => {
      const ticket = await this.open(tx, ticketId);
      await tx.ticket.update({ where: { id: ticketId }, data: { escalatedAt: ticket.escalatedAt ?? now } });
      await tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: 'escalated', note: required(note), internal: true, createdAt: now } });
      await notifyHandlers(tx, ticket, 'escalated', `督办 ${ticket.number}：${note}`, now);
    });
  }

  /** 办结: closes with a result; the citizen(s) are told and asked for a 1–5 rating. */
  async close(ticketId: string, actor: Actor, result: string, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const { ticket } = await changeStatus(tx, { ticketId, to: 'closed', actor: actor.id, action: 'closed', note: required(result) }, now);
      await tx.ticket.update({ where: { id: ticketId }, data: { result, closedAt: now, dueState: 'ok' } });
      await tell(ticketId, (l) => this.tickets.statusNotice(l, ticket.number, 'closed', result), now);
      const family = await tx.ticket.findMany({ where: { OR: [{ id: ticketId }, { mergedIntoId: ticketId }] } });
      for (const tk of family) await startRating(tx, this.tickets, tk, now);
      return ticket;
    });
  }

  /** Records a case decision on a report (立案/不立案) and tells a real-name reporter at once (within the policy's 5 working days). */
  async caseDecision(ticketId: string, actor: Actor, opened: boolean, note: string | undefined, now = new Date()) {
    return this.tickets.run(async (tx, tell) => {
      const ticket = await this.open(tx, ticketId);
      if (ticket.kind !== 'report') throw new DomainError('ACTION_NOT_ALLOWED', 'only a report has a case decision');
      await tx.ticketEvent.create({ data: { ticketId, actor: actor.id, action: opened ? 'case-opened' : 'case-not-opened', note: note ?? null, internal: false, createdAt: now } });
      if (!ticket.anonymous) await tell(ticketId, (l) => t(l, opened ? 'notify.caseOpened' : 'notify.caseNotOpened', { number: ticket.number }), now);
    });
  }

  private async find(tx: Tx, ticketId: string) {
    const ticket = await tx.ticket.findUnique({ where: { id: ticketId } });
    if (!ticket) throw new DomainError('TICKET_NOT_FOUND', 'no such ticket');
    return ticket;
  }

  /** A ticket that is not finished (closed, rejected, transferred, merged). */
  private async open(tx: Tx, ticketId: string) {
    const ticket = await this.find(tx, ticketId);
    if (!isStatus(ticket.status) || isFinal(ticket.status)) throw new DomainError('ACTION_NOT_ALLOWED', `the ticket is ${ticket.status}`);
    return ticket;
  }
}

/** Notices for a ticket's handler: its assignee, else every handler of its unit. */
export async function notifyHandlers(tx: Tx, ticket: { id: string; unitId: string | null; assigneeId: string | null }, kind: string, text: string, now: Date) {
  const recipients = ticket.assigneeId
    ? [ticket.assigneeId]
    : ticket.unitId
      ? (await tx.staffUser.findMany({ where: { unitId: ticket.unitId, role: 'handler', active: true }, select: { id: true } })).map((u) => u.id)
      : ['role:dispatcher'];
  for (const recipient of recipients) await tx.staffNotice.create({ data: { recipient, ticketId: ticket.id, kind, text, createdAt: now } });
}

function required(text: string): string {
  const s = text?.trim();
  if (!s) throw new DomainError('INVALID_INPUT', 'a text is required');
  return s;
}

