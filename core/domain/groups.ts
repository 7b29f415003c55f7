/**
 * Group chats the bot sits in (Telegram groups, WeChat rooms) and who was
 * seen writing there, so that a later issue can bind a group to an
 * enterprise (企业) and send it directives.
 */
import type { InboundMessage } from '../../channels/types.js';
import type { Db } from '../storage/db.js';

/** Records the group and the sender as a member (upserts; the title follows renames). */
export async function recordGroupSighting(db: Db, msg: InboundMessage, now: Date): Promise<void> {
  const group = await db.chatGroup.upsert({
    where: { channel_externalId: { channel: msg.channel, externalId: msg.chatId } },
    create: { channel: msg.channel, externalId: msg.chatId, title: msg.chatTitle ?? null, createdAt: now, lastSeenAt: now },
    update: { lastSeenAt: now, ...(msg.chatTitle ? { title: msg.chatTitle } : {}) },
  });
  await db.chatGroupMember.upsert({
    where: { groupId_externalId: { groupId: group.id, externalId: msg.sender.externalId } },
    create: { groupId: group.id, externalId: msg.sender.externalId, displayName: msg.sender.displayName ?? null, firstSeenAt: now, lastSeenAt: now },
    update: { lastSeenAt: now, ...(msg.sender.displayName ? { displayName: msg.sender.displayName } : {}) },
  });
}
