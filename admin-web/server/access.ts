/**
 * What a staff member may see: the tickets in their scope (a handler: their
 * unit and the units under it; a supervisor: overdue or escalated tickets;
 * dispatchers and admins: all) and personal data masked unless they are the
 * ticket's handler or a dispatcher (and even then shown only through a
 * logged reveal).
 */
import type { Db, Prisma } from '../../core/storage/db.js';
import type { Staff } from './auth.js';
import { HttpError } from './auth.js';

/** Ids of a unit and every unit under it. */
export async function unitTree(db: Db, unitId: string): Promise<string[]> {
  const all = await db.unit.findMany({ select: { id: true, parentId: true } });
  const out = [unitId];
  for (let i = 0; i < out.length; i++) for (const u of all) if (u.parentId === out[i] && !out.includes(u.id)) out.push(u.id);
  return out;
}

/** The Prisma filter of the tickets a staff member may see. */
export async function ticketScope(db: Db, staff: Staff): Promise<Prisma.TicketWhereInput> {
  switch (staff.role) {
    case 'admin':
    case 'dispatcher':
      return {};
    case 'handler':
      return staff.unitId ? { unitId: { in: await unitTree(db, staff.unitId) } } : { id: '-none-' };
    case 'supervisor':
      return { OR: [{ dueState: 'overdue' }, { escalatedAt: { not: null } }] };
    default:
      return { id: '-none-' };
  }
}

/** A ticket in the staff member's scope, or 404 (another unit's ticket does not exist for them). */
export async function scopedTicket(db: Db, staff: Staff, ticketId: string) {
  const ticket = await db.ticket.findFirst({ where: { AND: [{ id: ticketId }, await ticketScope(db, staff)] } });
  if (!ticket) throw new HttpError(404, 'TICKET_NOT_FOUND', 'no such ticket');
  return ticket;
}

/** May this staff member reveal the ticket's name and phone? */
export async function mayReveal(db: Db, staff: Staff, ticket: { unitId: string | null }): Promise<boolean> {
  if (staff.role === 'dispatcher') return true;
  if (staff.role !== 'handler' || !staff.unitId || !ticket.unitId) return false;
  return (await unitTree(db, staff.unitId)).includes(ticket.unitId);
}

/** 13800138000 → 138****8000 */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, John Smith → J*** */
export function maskName(name: string | null): string | null {
  if (!name) return null;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, Math.min(3, chars.length - 1)));
}
