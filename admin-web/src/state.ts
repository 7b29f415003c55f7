/** Session-wide state of the console. */
export interface Me {
  id: string;
  username: string;
  displayName: string | null;
  role: 'admin' | 'dispatcher' | 'handler' | 'supervisor' | 'viewer';
  unitId: string | null;
  csrfToken: string;
}

export interface Unit {
  id: string;
  name: string;
  regionCode: string;
  parentId: string | null;
}

/** The time-limit policy (core/domain/time-limits.json or TIME_LIMIT_POLICY), for stage names and legal basis. */
export interface Policy {
  name: string;
  source: string;
  stages: Record<string, { label: string; days: number; unit: 'working' | 'calendar'; basis?: string; extensionDays?: number }>;
}

export const state: { me: Me | null; units: Unit[]; policy: Policy | null } = { me: null, units: [], policy: null };

export const readsTickets = () => !!state.me && state.me.role !== 'viewer';
