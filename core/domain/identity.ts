/**
 * Linking identities (账号绑定): a person who writes from several channels
 * is one contact. "绑定" on one channel issues a one-time code; "绑定 <code>"
 * on another merges the two contacts, so both identities see all tickets.
 */
import { randomInt } from 'node:crypto';
import type { Tx } from '../storage/db.js';

/** How long a link code is valid. */
export const LINK_CODE_MINUTES = 10;

/** Issues a fresh 6-digit code for the contact; earlier unused codes of the contact are voided. */
export async function issueLinkCode(tx: Tx, contactId: string, now: Date): Promise<string> {
  await tx.linkCode.updateMany({ where: { contactId, usedAt: null }, data: { usedAt: now } });
  for (;;) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const clash = await tx.linkCode.findUnique({ where: { code } });
    if (clash && !clash.usedAt && clash.expiresAt > now) continue;
    if (clash) await tx.linkCode.delete({ where: { code } });
    await tx.linkCode.create({ data: { code, contactId, createdAt: now, expiresAt: new Date(now.getTime() + LINK_CODE_MINUTES * 60_000) } });
    return code;
  }
}

export type LinkResult = { ok: true; tickets: number } | { ok: false; reason: 'invalid' | 'already' };

/**
 * Redeems a code for `contactId`: the contact that issued it is merged into
 * this one (identities, conversations, tickets move; name and phone are kept
 * where this one has none), and the code is used up.
 */
export async function redeemLinkCode(tx: Tx, contactId: string, code: string, now: Date): Promise<LinkResult> {
  const row = await tx.linkCode.findUnique({ where: { code } });
  if (!row || row.usedAt || row.expiresAt <= now) return { ok: false, reason: 'invalid' };
  await tx.linkCode.update({ where: { code }, data: { usedAt: now } });
  if (row.contactId === contactId) return { ok: false, reason: 'already' };
  const [from, into] = await Promise.all([tx.contact.findUniqueOrThrow({ where: { id: row.contactId } }), tx.contact.findUniqueOrThrow({ where: { id: contactId } })]);
  const where = { contactId: from.id };
  await tx.channelIdentity.updateMany({ where, data: { contactId } });
  await tx.conversation.updateMany({ where, data: { contactId } });
  await tx.ticket.updateMany({ where, data: { contactId } });
  await tx.linkCode.deleteMany({ where });
  await tx.contact.update({ where: { id: contactId }, data: { name: into.name ?? from.name, phone: into.phone ?? from.phone } });
  await tx.contact.delete({ where: { id: from.id } });
  return { ok: true, tickets: await tx.ticket.count({ where: { contactId } }) };
}
