/**
 * The ticket lifecycle (工单状态). The domain refuses a transition the
 * lifecycle forbids, whatever a UI shows.
 *
 *   pending 待受理 → accepted 已受理 → processing 处理中 → closed 已办结
 *   pending → rejected 不予受理 | transferred 已转办 | merged 已合并
 *   accepted/processing → transferred | merged | closed
 */
import { DomainError } from './errors.js';

export const TICKET_STATUSES = ['pending', 'accepted', 'processing', 'closed', 'rejected', 'transferred', 'merged'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_KINDS = ['complaint', 'report'] as const;
/** complaint 投诉 (a consumer's own dispute) | report 举报 (a violation reported) */
export type TicketKind = (typeof TICKET_KINDS)[number];

const TRANSITIONS: Record<TicketStatus, readonly TicketStatus[]> = {
  pending: ['accepted', 'rejected', 'transferred', 'merged'],
  accepted: ['processing', 'transferred', 'merged', 'closed'],
  processing: ['closed', 'transferred', 'merged'],
  closed: [],
  rejected: [],
  transferred: [],
  merged: [],
};

/** Final statuses: nothing more happens to such a ticket. */
export function isFinal(status: TicketStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

export function canTransition(from: TicketStatus, to: TicketStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Throws TRANSITION_NOT_ALLOWED unless the lifecycle allows from → to. */
export function assertTransition(from: string, to: string): void {
  if (!isStatus(from) || !isStatus(to) || !canTransition(from, to)) {
    throw new DomainError('TRANSITION_NOT_ALLOWED', `a ticket cannot go from "${from}" to "${to}"`);
  }
}

export function isStatus(s: string): s is TicketStatus {
  return (TICKET_STATUSES as readonly string[]).includes(s);
}
