/** Staff accounts and units, shared by the API and `wst user`. */
import type { Db } from '../../core/storage/db.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { isRole, type Role } from './roles.js';

export class UserError extends Error {
  override name = 'UserError';
}

/** Finds a unit by id or by name. */
export async function findUnit(db: Db, idOrName: string) {
  return db.unit.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
}

export async function createUser(db: Db, input: { username: string; password: string; role: string; unit?: string | null; displayName?: string | null }) {
  if (!/^[\w.@-]{2,64}$/.test(input.username)) throw new UserError('user names are 2–64 letters, digits, . _ @ -');
  if (!isRole(input.role)) throw new UserError(`role must be one of admin, dispatcher, handler, supervisor, viewer`);
  if ([...input.password].length < MIN_PASSWORD_LENGTH) throw new UserError(`the password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  let unitId: string | null = null;
  if (input.unit) {
    const unit = await findUnit(db, input.unit);
    if (!unit) throw new UserError(`no unit "${input.unit}"`);
    unitId = unit.id;
  }
  if (input.role === 'handler' && !unitId) throw new UserError('a handler belongs to a unit: give --unit');
  if (await db.staffUser.findUnique({ where: { username: input.username } })) throw new UserError(`user "${input.username}" exists`);
  return db.staffUser.create({
    data: { username: input.username, passwordHash: await hashPassword(input.password), role: input.role as Role, unitId, displayName: input.displayName ?? null },
    select: { id: true, username: true, role: true, unitId: true, displayName: true, active: true, createdAt: true },
  });
}

export async function createUnit(db: Db, input: { name: string; regionCode: string; parent?: string | null }) {
  if (!input.name.trim()) throw new UserError('a unit needs a name');
  if (!/^\d{6}$/.test(input.regionCode)) throw new UserError('the region code is 6 digits (GB/T 2260)');
  let parentId: string | null = null;
  if (input.parent) {
    const parent = await findUnit(db, input.parent);
    if (!parent) throw new UserError(`no unit "${input.parent}"`);
    parentId = parent.id;
  }
  if (await db.unit.findUnique({ where: { name: input.name.trim() } })) throw new UserError(`unit "${input.name}" exists`);
  return db.unit.create({ data: { name: input.name.trim(), regionCode: input.regionCode, parentId } });
}
