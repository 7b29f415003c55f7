/**
 * The audit log (审计日志): logins, reveals of personal data and every ticket
 * action, with who, when and from where.
 */
import type { Db, Tx } from '../../core/storage/db.js';

export interface AuditEntry {
  actorId: string | null;
  username: string | null;
  action: string;
  ticketId?: string | null;
  detail?: string | null;
  ip?: string | null;
}

export async function audit(db: Db | Tx, entry: AuditEntry, now = new Date()): Promise<void> {
  await db.auditLog.create({ data: { ...entry, ticketId: entry.ticketId ?? null, detail: entry.detail ?? null, ip: entry.ip ?? null, createdAt: now } });
}
