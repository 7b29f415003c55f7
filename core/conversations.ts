/**
 * Handles every inbound message, whatever its channel: finds the person and
 * the conversation, runs the dialog engine, and commits the inbound message,
 * the new dialog state, any ticket and the reply in one transaction before
 * the reply is handed to the channel. A redelivered message (same channel
 * message id) is handled once.
 */
import type { ChannelCapabilities, InboundMessage, ReplyOption } from '../channels/types.js';
import { analyse } from './analyser/index.js';
import type { Analysis } from './analyser/types.js';
import { AttachmentError, storeImage, type StoredFile } from './attachments.js';
import type { Config } from './config.js';
import type { DialogEngine } from './dialog/engine.js';
import { joinReplies } from './dialog/engine.js';
import type { DialogState, Reply, TurnContext, TurnInput } from './dialog/types.js';
import { DomainError } from './domain/errors.js';
import { isLocale, isWord, t, type Locale } from './i18n.js';
import { recordGroupSighting } from './domain/groups.js';
import { KeyedQueue } from './keyed-queue.js';
import { matchOption } from './options.js';
import { enqueue, type Logger, type Mention, type OutboxDispatcher } from './outbox.js';
import type { Db, Tx } from './storage/db.js';
import { looksEnglish, normalizeText } from './text.js';

const MAX_CONFLICT_RETRIES = 3;

export interface ConversationDeps {
  db: Db;
  config: Config;
  engine: DialogEngine;
  outbox: OutboxDispatcher;
  log: Logger;
  /** Defaults to the real clock; tests pass a fake one. */
  clock?: () => Date;
  /** What each channel can do; without buttons a reply of an option's number or label picks it. */
  capabilities?: (channel: string) => ChannelCapabilities | undefined;
}

export class ConversationService {
  private readonly queue = new KeyedQueue();
  private readonly clock: () => Date;

  constructor(private readonly deps: ConversationDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Messages being handled now (for graceful shutdown and metrics). */
  get inFlight(): number {
    return this.queue.size;
  }

  /** Waits until every message received so far is handled. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Handles one inbound message; turns of one chat run in order. */
  receive(msg: InboundMessage): Promise<void> {
    return this.queue.run(`${msg.channel}:${msg.chatId}`, () => this.handle(msg));
  }

  private async handle(msg: InboundMessage): Promise<void> {
    const { db, config, log, outbox } = this.deps;
    if (msg.isGroup) {
      // Who was seen in which group is recorded for every message; only
      // messages that address the bot are stored and answered.
      await recordGroupSighting(db, msg, this.clock()).catch((err) => log.warn({ err, channel: msg.channel }, 'could not record the group'));
      if (msg.addressed === false) return;
    }
    const stored: StoredFile[] = [];
    let fileError: string | undefined;
    // Photos posted in a group are not kept: nothing is filed there.
    for (const a of msg.isGroup ? [] : (msg.attachments ?? [])) {
      try {
        stored.push(await storeImage(config.dataDir, a.data, config.maxImageBytes));
      } catch (err) {
        if (!(err instanceof AttachmentError)) throw err;
        fileError = err.code === 'size' ? 'error.imageSize' : 'error.imageType';
      }
    }
    for (let attempt = 1; ; attempt++) {
      try {
        // Under a burst, turns queue for the database; waiting is better than failing.
        const handled = await db.$transaction((tx) => this.turn(tx, msg, stored, fileError), { maxWait: 60_000, timeout: 60_000 });
        if (handled) outbox.notify(msg.channel, msg.chatId);
        return;
      } catch (err) {
        if (err instanceof DomainError && err.code === 'CONFLICT' && attempt < MAX_CONFLICT_RETRIES) continue;
        log.error({ err, channel: msg.channel }, 'inbound message failed');
        await this.replyError(msg);
        return;
      }
    }
  }

  /** One turn inside a transaction; false when the message was a duplicate. */
  private async turn(tx: Tx, msg: InboundMessage, stored: StoredFile[], fileError?: string): Promise<boolean> {
    const { config, engine } = this.deps;
    const now = this.clock();
    const { contact, conversation } = await this.resolve(tx, msg, now);

    if (msg.channelMessageId) {
      const dup = await tx.message.findUnique({
        where: { conversationId_direction_channelMessageId: { conversationId: conversation.id, direction: 'in', channelMessageId: msg.channelMessageId } },
        select: { id: true },
      });
      if (dup) return false;
    }
    const rawText = msg.kind === 'choice' ? (msg.value ?? '') : (msg.text ?? '');
    const tooLong = [...rawText].length > config.maxTextLength;
    const row = {
      conversationId: conversation.id,
      direction: 'in',
      kind: msg.kind,
      text: tooLong ? rawText.slice(0, config.maxTextLength) : rawText,
      payload: msg.location ? JSON.stringify({ location: msg.location }) : null,
      channelMessageId: msg.channelMessageId ?? null,
      status: 'handled',
      raw: msg.raw === undefined ? null : JSON.stringify(msg.raw).slice(0, 64_000),
      createdAt: now,
    };
    // Without files one INSERT does (create() reads the row back, and its attachments).
    const inbound = stored.length
      ? await tx.message.create({
          data: { ...row, attachments: { create: stored.map((f) => ({ mime: f.mime, size: f.size, sha256: f.sha256, path: f.path, createdAt: now })) } },
          include: { attachments: { select: { id: true } } },
        })
      : { attachments: [] as { id: string }[], ...(await tx.message.createMany({ data: [row] })) };

    let locale: Locale = isLocale(contact.locale) ? contact.locale : config.defaultLocale;
    const state = JSON.parse(conversation.state) as DialogState;
    const picked = msg.kind === 'text' && !tooLong ? await this.numberedChoice(tx, msg.channel, conversation.id, rawText) : null;
    const text = normalizeText(picked?.value ?? rawText);
    const tr = (key: string, params?: Record<string, string | number>) => t(locale, key, params);
    let reply: Reply & { mention?: Mention };
    let next: DialogState = state;

    if (tooLong) {
      reply = { text: tr('error.tooLong', { max: config.maxTextLength }) };
    } else if (msg.isGroup) {
      // Filing asks for a name and a phone: never in a group. The person is
      // pointed to a private chat, by a mention, and nothing else is said.
      reply = {
        text: tr('group.private', { bot: msg.botHandle ?? tr('group.thisBot') }),
        mention: { externalId: msg.sender.externalId, ...(msg.sender.displayName ? { name: msg.sender.displayName } : {}), ...(msg.sender.handle ? { handle: msg.sender.handle } : {}) },
      };
    } else if (fileError && !stored.length) {
      reply = { text: tr('error.image', { reason: tr(fileError, { max: Math.floor(config.maxImageBytes / 1048576) }) }) };
    } else {
      const switchTo = isWord(text, 'words.english') ? 'en' : isWord(text, 'words.chinese') ? 'zh-CN' : undefined;
      if (!switchTo && !state.flow && text && msg.kind === 'text' && !picked) {
        // Outside a form, answer in the language the person writes (an
        // option's value, e.g. "menu:help", says nothing about it).
        if (looksEnglish(text) && locale !== 'en') locale = 'en';
        else if (/[\u4e00-\u9fff]/.test(text) && locale === 'en') locale = 'zh-CN';
      }
      if (switchTo) locale = switchTo;
      if (locale !== contact.locale) await tx.contact.update({ where: { id: contact.id }, data: { locale } });

      const input: TurnInput = { kind: picked ? 'choice' : msg.kind, text, attachmentIds: inbound.attachments.map((a) => a.id), ...(msg.location ? { location: msg.location } : {}) };
      const ctx: TurnContext = {
        locale,
        config,
        contactId: contact.id,
        conversationId: conversation.id,
        channel: msg.channel,
        now,
        tx,
        t: (key, params) => t(locale, key, params),
        analysis: text ? analyse(text, { jurisdiction: config.jurisdiction }) : emptyAnalysis,
      };
      if (switchTo) {
        reply = joinReplies(ctx.t('lang.switched'), engine.prompt(state, ctx));
      } else {
        const expired = now.getTime() - conversation.lastActivityAt.getTime() > config.sessionIdleMs;
        const res = await engine.turn(state, input, ctx, { expired });
        reply = res.reply;
        next = res.state;
      }
    }

    const saved = await tx.conversation.updateMany({
      where: { id: conversation.id, version: conversation.version },
      data: { state: JSON.stringify(next), version: { increment: 1 }, lastActivityAt: now },
    });
    if (saved.count !== 1) throw new DomainError('CONFLICT', 'conversation changed meanwhile');
    await enqueue(tx, conversation.id, reply, now);
    return true;
  }

  /**
   * On a channel without buttons, a reply of "2" or of an option's label
   * picks that option of the last message the bot sent in the chat.
   */
  private async numberedChoice(tx: Tx, channel: string, conversationId: string, text: string): Promise<ReplyOption | null> {
    if (this.deps.capabilities?.(channel)?.buttons !== false) return null;
    const last = await tx.message.findFirst({
      where: { conversationId, direction: 'out' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { options: true },
    });
    return last?.options ? matchOption(text, JSON.parse(last.options) as ReplyOption[]) : null;
  }

  /**
   * The contact behind the sender and the conversation of the chat, created
   * on first contact. Looked up first and upserted only when missing: an
   * upsert costs three or four statements even when the row exists, and
   * almost every turn comes from someone already known.
   */
  private async resolve(tx: Tx, msg: InboundMessage, now: Date) {
    const identityKey = { channel_externalId: { channel: msg.channel, externalId: msg.sender.externalId } };
    const identity =
      (await tx.channelIdentity.findUnique({ where: identityKey, include: { contact: true } })) ??
      (await tx.channelIdentity.upsert({
        where: identityKey,
        create: {
          channel: msg.channel,
          externalId: msg.sender.externalId,
          displayName: msg.sender.displayName ?? null,
          createdAt: now,
          contact: { create: { locale: localeHint(msg.sender.locale) ?? this.deps.config.defaultLocale, createdAt: now } },
        },
        update: {},
        include: { contact: true },
      }));
    const chatKey = { channel_externalId: { channel: msg.channel, externalId: msg.chatId } };
    const conversation =
      (await tx.conversation.findUnique({ where: chatKey })) ??
      (await tx.conversation.upsert({
        where: chatKey,
        create: {
          channel: msg.channel,
          externalId: msg.chatId,
          isGroup: msg.isGroup ?? false,
          title: msg.chatTitle ?? null,
          contactId: msg.isGroup ? null : identity.contactId,
          lastActivityAt: now,
          createdAt: now,
        },
        update: {},
      }));
    return { contact: identity.contact, conversation };
  }

  /** Tells the person something went wrong; the reply is stored like any other. */
  private async replyError(msg: InboundMessage): Promise<void> {
    const { db, config, outbox, log } = this.deps;
    try {
      const conversation = await db.conversation.findUnique({ where: { channel_externalId: { channel: msg.channel, externalId: msg.chatId } }, include: { contact: true } });
      if (!conversation) return;
      const locale = isLocale(conversation.contact?.locale) ? conversation.contact.locale : config.defaultLocale;
      await db.$transaction((tx) => enqueue(tx, conversation.id, { text: t(locale, 'error.internal') }));
      outbox.notify(msg.channel, msg.chatId);
    } catch (err) {
      log.error({ err }, 'could not store the error reply');
    }
  }
}

function localeHint(hint: string | undefined): Locale | undefined {
  if (!hint) return undefined;
  return /^zh/i.test(hint) ? 'zh-CN' : /^en/i.test(hint) ? 'en' : undefined;
}

const emptyAnalysis: Analysis = { intent: 'other', category: null, severity: null, region: null, enterprise: null, confidence: { intent: 0 } };
