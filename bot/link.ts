/**
 * 绑定: linking this identity with the person's identity on another channel
 * (core/domain/identity.ts). "绑定" answers a one-time code; "绑定 123456"
 * redeems one issued elsewhere.
 */
import type { Reply, TurnContext } from '../core/dialog/types.js';
import { isWord } from '../core/i18n.js';
import { issueLinkCode, LINK_CODE_MINUTES, redeemLinkCode } from '../core/domain/identity.js';

const REDEEM = /^(?:绑定|关联|link)\s*[:：]?\s*(\d{6})$/i;

/** The reply when the text asks to link, else null. */
export async function linkReply(text: string, ctx: TurnContext): Promise<Reply | null> {
  const redeem = REDEEM.exec(text.trim());
  if (redeem) {
    const r = await redeemLinkCode(ctx.tx, ctx.contactId, redeem[1]!, ctx.now);
    return { text: r.ok ? ctx.t('link.done', { n: r.tickets }) : ctx.t(`link.${r.reason}`) };
  }
  if (!isWord(text, 'words.link')) return null;
  const code = await issueLinkCode(ctx.tx, ctx.contactId, ctx.now);
  return { text: ctx.t('link.code', { code, minutes: LINK_CODE_MINUTES }) };
}
