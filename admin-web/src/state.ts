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

export const state: { me: Me | null; units: Unit[] } = { me: null, units: [] };

export const readsTickets = () => !!state.me && state.me.role !== 'viewer';
