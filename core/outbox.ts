/**
 * The outbox: every outbound message is written to the database (status
 * "queued") in the same transaction as what caused it, and only then handed
 * to its channel. What a citizen is told is therefore never lost: a message
 * whose channel is down or whose recipient is offline stays queued and is
 * sent when the channel is back, the recipient reconnects, or the service
 * restarts.
 */
import type { Channel, ChannelName, OutboundMessage, ReplyOption } from '../channels/types.js';
import { SendError } from '../channels/types.js';
import type { Bus } from './bus.js';
import { GroupCommit } from './group-commit.js';
import { KeyedQueue } from './keyed-queue.js';
import { renderNumbered } from './options.js';
import { splitText } from './split-text.js';
import type { Db, Tx } from './storage/db.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Room kept in each part for the mention a channel puts before a group reply. */
const MENTION_RESERVE = 64;

/** Whom a group reply mentions (stored in the outbound message's payload). */
export type Mention = NonNullable<OutboundMessage['mention']>;

/** Queues a reply for a conversation inside the caller's transaction. */
export async function enqueue(tx: Tx, conversationId: string, reply: { text: string; options?: ReplyOption[]; mention?: Mention }, now = new Date()) {
  return tx.message.create({
    data: {
      conversationId,
      direction: 'out',
      kind: 'text',
      text: reply.text,
      options: reply.options?.length ? JSON.stringify(reply.options) : null,
      payload: reply.mention ? JSON.stringify({ mention: reply.mention }) : null,
      status: 'queued',
      createdAt: now,
    },
  });
}

/** Backoff for retryable failures: 1 s, 2 s, 4 s … up to 5 minutes. */
function backoffMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 300_000);
}

export class OutboxDispatcher {
  private readonly queue = new KeyedQueue();
  private readonly retryTimers = new Map<string, NodeJS.Timeout>();
  private stopped = false;
  /** "Sent" marks of all chats share commits. */
  private readonly marks: GroupCommit;

  constructor(
    private readonly db: Db,
    private readonly channels: Map<ChannelName, Channel>,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {
    this.marks = new GroupCommit(db);
    bus.subscribe('outbox', ({ channel, chatId }) => void this.flush(channel as ChannelName, chatId));
  }

  /** Announces queued messages for a chat (on this or another instance). */
  notify(channel: string, chatId: string): void {
    this.bus.publish('outbox', { channel, chatId });
  }

  /** Sends the chat's queued messages in order; stops at the first that cannot be sent now. */
  flush(channel: ChannelName, chatId: string): Promise<void> {
    return this.queue.run(`${channel}:${chatId}`, () => this.deliver(channel, chatId));
  }

  /** On start (or when a channel comes up): every chat with queued messages, of one channel or all, is tried once. */
  async resumeAll(channel?: ChannelName): Promise<void> {
    const chats = await this.db.conversation.findMany({
      where: { ...(channel ? { channel } : {}), messages: { some: { direction: 'out', status: 'queued' } } },
      select: { channel: true, externalId: true },
    });
    await Promise.all(chats.map((c) => this.flush(c.channel as ChannelName, c.externalId)));
  }

  /** Waits for in-flight deliveries (graceful shutdown). */
  async drain(): Promise<void> {
    this.stopped = true;
    for (const t of this.retryTimers.values()) clearTimeout(t);
    this.retryTimers.clear();
    await this.queue.idle();
  }

  private async deliver(channelName: ChannelName, chatId: string): Promise<void> {
    const channel = this.channels.get(channelName);
    if (!channel) return;
    const queued = await this.db.message.findMany({
      where: { conversation: { channel: channelName, externalId: chatId }, direction: 'out', status: 'queued' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    for (const m of queued) {
      if (this.stopped) return; // shutting down: the rest stays queued for the next start
      let text = m.text ?? '';
      let options = m.options ? (JSON.parse(m.options) as ReplyOption[]) : undefined;
      const mention = m.payload ? (JSON.parse(m.payload) as { mention?: Mention }).mention : undefined;
      // Without buttons, options become a numbered list (answered by number or label, see conversations.ts).
      if (options?.length && !channel.capabilities.buttons) {
        text = renderNumbered(text, options);
        options = undefined;
      }
      const parts = splitText(text, channel.capabilities.maxTextLength - (mention ? MENTION_RESERVE : 0));
      // A restart resumes after the last part sent: no part goes twice.
      for (let i = m.partsSent; i < parts.length; i++) {
        if (this.stopped && i > m.partsSent) return;
        const last = i === parts.length - 1;
        const out: OutboundMessage = {
          id: m.id,
          channel: channelName,
          chatId,
          text: parts[i]!,
          ...(last && options?.length ? { options } : {}),
          ...(mention && i === 0 ? { mention } : {}),
          ...(parts.length > 1 ? { part: { index: i, count: parts.length } } : {}),
        };
        try {
          const res = await channel.send(out);
          await this.marks.write(() =>
            this.db.message.update({
            where: { id: m.id },
            data: last
              ? { status: 'sent', sentAt: new Date(), attempts: { increment: 1 }, partsSent: parts.length, channelMessageId: res.channelMessageId ?? null, error: null }
              : { partsSent: i + 1 },
            }),
          );
        } catch (err) {
          const e = err instanceof SendError ? err : new SendError('network', (err as Error).message);
          if (e.kind === 'offline') return; // delivered when the recipient reconnects
          if (!e.retryable) {
            await this.db.message.update({ where: { id: m.id }, data: { status: 'failed', error: `${e.kind}: ${e.message}`, attempts: { increment: 1 } } });
            this.log.warn({ messageId: m.id, channel: channelName, kind: e.kind }, 'outbound message failed');
            break; // on to the next message
          }
          const row = await this.db.message.update({ where: { id: m.id }, data: { error: `${e.kind}: ${e.message}`, attempts: { increment: 1 } } });
          this.scheduleRetry(channelName, chatId, e.retryAfterMs ?? backoffMs(row.attempts));
          return; // keep order: later messages wait for this one
        }
      }
    }
  }

  private scheduleRetry(channel: ChannelName, chatId: string, delayMs: number): void {
    const key = `${channel}:${chatId}`;
    if (this.stopped || this.retryTimers.has(key)) return;
    const timer = setTimeout(() => {
      this.retryTimers.delete(key);
      void this.flush(channel, chatId);
    }, delayMs);
    timer.unref();
    this.retryTimers.set(key, timer);
  }
}
