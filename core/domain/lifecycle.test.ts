import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { assertTransition, canTransition, isFinal, TICKET_STATUSES, type TicketStatus } from './lifecycle.js';

const allowed: [TicketStatus, TicketStatus][] = [
  ['pending', 'accepted'],
  ['pending', 'rejected'],
  ['pending', 'transferred'],
  ['pending', 'merged'],
  ['accepted', 'processing'],
  ['accepted', 'transferred'],
  ['accepted', 'merged'],
  ['accepted', 'closed'],
  ['processing', 'closed'],
  ['processing', 'transferred'],
  ['processing', 'merged'],
];

describe('ticket lifecycle', () => {
  it('allows exactly the listed transitions', () => {
    for (const from of TICKET_STATUSES) {
      for (const to of TICKET_STATUSES) {
        const want = allowed.some(([f, t]) => f === from && t === to);
        expect(canTransition(from, to), `${from} → ${to}`).toBe(want);
        if (want) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(() => assertTransition(from, to)).toThrow(DomainError);
      }
    }
  });

  it('has closed, rejected, transferred and merged as ends', () => {
    expect(TICKET_STATUSES.filter(isFinal)).toEqual(['closed', 'rejected', 'transferred', 'merged']);
  });

  it('refuses unknown statuses', () => {
    expect(() => assertTransition('pending', 'deleted')).toThrow(/cannot go/);
    expect(() => assertTransition('nope', 'accepted')).toThrow(DomainError);
  });
});
