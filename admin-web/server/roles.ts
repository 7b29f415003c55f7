/**
 * Roles of the admin web and what each may see and do.
 *   admin 管理员 (everything, users and units) · dispatcher 分拣 (all tickets,
 *   accept/reject, assign) · handler 承办 (their unit's tickets) ·
 *   supervisor 督办 (overdue tickets of all units, escalation) · viewer (dashboards only)
 */
export const ROLES = ['admin', 'dispatcher', 'handler', 'supervisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(s: unknown): s is Role {
  return typeof s === 'string' && (ROLES as readonly string[]).includes(s);
}

/** Ticket actions and the roles that may take them (a handler only on their unit's tickets). */
export const ACTION_ROLES = {
  accept: ['admin', 'dispatcher'],
  reject: ['admin', 'dispatcher'],
  assign: ['admin', 'dispatcher'],
  transfer: ['admin', 'dispatcher', 'handler'],
  note: ['admin', 'dispatcher', 'handler', 'supervisor'],
  reply: ['admin', 'dispatcher', 'handler'],
  'ask-business': ['admin', 'dispatcher', 'handler'],
  merge: ['admin', 'dispatcher'],
  extend: ['admin', 'dispatcher', 'handler'],
  'case-decision': ['admin', 'dispatcher', 'handler'],
  escalate: ['admin', 'supervisor'],
  close: ['admin', 'dispatcher', 'handler'],
  reveal: ['dispatcher', 'handler'],
} as const satisfies Record<string, readonly Role[]>;
export type TicketAction = keyof typeof ACTION_ROLES;

export function mayAct(role: Role, action: TicketAction): boolean {
  return (ACTION_ROLES[action] as readonly Role[]).includes(role);
}

/** Roles that read ticket lists and details at all. */
export const TICKET_READERS: readonly Role[] = ['admin', 'dispatcher', 'handler', 'supervisor'];
