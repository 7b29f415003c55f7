/**
 * Telegram updates → channel-neutral inbound messages. Pure: the photo is
 * only referenced here (file id and size); the channel downloads it.
 *
 * Sample payloads: ./testdata/*.json; the update format:
 * https://core.telegram.org/bots/api#update
 */
import type { Message, Update, User } from 'telegraf/types';
import type { InboundMessage } from '../types.js';

export interface BotIdentity {
  id: number;
  username: string;
}

export interface NormalisedUpdate {
  msg: InboundMessage;
  /** A photo (or an image sent as a file) to download: the file id and its size if Telegram told it. */
  file?: { fileId: string; size?: number; mime?: string; name?: string };
  /** A callback query to answer (stops the button's spinner). */
  callbackQueryId?: string;
}

/** The inbound message of an update, or null for updates the bot does not handle (its own messages, edits, joins). */
export function normaliseUpdate(update: Update, bot: BotIdentity): NormalisedUpdate | null {
  const channelMessageId = `u${update.update_id}`;
  if ('callback_query' in update && update.callback_query) {
    const q = update.callback_query;
    const chat = q.message?.chat;
    if (!chat || !('data' in q) || typeof q.data !== 'string') return null;
    const isGroup = chat.type === 'group' || chat.type === 'supergroup';
    return {
      msg: {
        channel: 'telegram',
        chatId: String(chat.id),
        ...(isGroup ? { isGroup, chatTitle: 'title' in chat ? chat.title : undefined, addressed: true, botHandle: `@${bot.username}` } : {}),
        sender: sender(q.from),
        kind: 'choice',
        value: q.data,
        channelMessageId,
        raw: update,
      },
      callbackQueryId: q.id,
    };
  }
  if (!('message' in update) || !update.message) return null;
  const m = update.message as Message & Partial<Message.TextMessage & Message.PhotoMessage & Message.LocationMessage & Message.DocumentMessage>;
  if (!m.from || m.from.id === bot.id) return null; // the bot's own messages
  const chat = m.chat;
  const isGroup = chat.type === 'group' || chat.type === 'supergroup';
  const base = {
    channel: 'telegram' as const,
    chatId: String(chat.id),
    sender: sender(m.from),
    channelMessageId,
    raw: update,
    ...(isGroup ? { isGroup, chatTitle: 'title' in chat ? chat.title : undefined, botHandle: `@${bot.username}` } : {}),
  };
  const caption = m.caption;
  if (m.photo?.length) {
    // Sizes come smallest first; the largest is the evidence.
    const best = m.photo[m.photo.length - 1]!;
    return {
      msg: { ...base, kind: 'image', ...(caption ? { text: caption } : {}), ...group(isGroup, caption ?? '', m.caption_entities, m, bot) },
      file: { fileId: best.file_id, ...(best.file_size ? { size: best.file_size } : {}) },
    };
  }
  if (m.document && m.document.mime_type?.startsWith('image/')) {
    return {
      msg: { ...base, kind: 'image', ...(caption ? { text: caption } : {}), ...group(isGroup, caption ?? '', m.caption_entities, m, bot) },
      file: { fileId: m.document.file_id, ...(m.document.file_size ? { size: m.document.file_size } : {}), mime: m.document.mime_type, ...(m.document.file_name ? { name: m.document.file_name } : {}) },
    };
  }
  if (m.location) {
    return {
      msg: { ...base, kind: 'location', location: { latitude: m.location.latitude, longitude: m.location.longitude }, ...group(isGroup, '', undefined, m, bot) },
    };
  }
  if (typeof m.text === 'string') {
    const g = group(isGroup, m.text, m.entities, m, bot);
    return { msg: { ...base, kind: 'text', text: g.text ?? m.text, ...(isGroup ? { addressed: g.addressed } : {}) } };
  }
  return null;
}

function sender(u: User): InboundMessage['sender'] {
  return {
    externalId: String(u.id),
    displayName: [u.first_name, u.last_name].filter(Boolean).join(' '),
    ...(u.username ? { handle: `@${u.username}` } : {}),
    ...(u.language_code ? { locale: u.language_code } : {}),
  };
}

type Entity = { type: string; offset: number; length: number; user?: { id: number } };

/**
 * In a group: is the bot addressed (an @mention of it, a command at the
 * start not meant for another bot, a reply to one of its messages), and the
 * text with the mention or the command's @suffix taken out.
 */
function group(isGroup: boolean, text: string, entities: readonly Entity[] | undefined, m: Message, bot: BotIdentity): { addressed?: boolean; text?: string } {
  if (!isGroup) return {};
  const name = `@${bot.username}`.toLowerCase();
  let addressed = false;
  let out = text;
  for (const e of [...(entities ?? [])].sort((a, b) => b.offset - a.offset)) {
    const part = text.slice(e.offset, e.offset + e.length);
    if (e.type === 'mention' && part.toLowerCase() === name) {
      addressed = true;
      out = out.slice(0, e.offset) + out.slice(e.offset + e.length);
    } else if (e.type === 'text_mention' && e.user?.id === bot.id) {
      addressed = true;
    } else if (e.type === 'bot_command' && e.offset === 0) {
      const [, target] = part.split('@');
      if (!target || `@${target}`.toLowerCase() === name) {
        addressed = true;
        if (target) out = part.split('@')[0]! + out.slice(e.length);
      }
    }
  }
  const reply = (m as Partial<Message.TextMessage>).reply_to_message;
  if (reply?.from?.id === bot.id) addressed = true;
  return { addressed, text: out.replace(/\s+/g, ' ').trim() };
}
