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
import { KeyedQueue } from './keyed-queue.js';
import type { Db, Tx } from './storage/db.js';

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** Queues a reply for a conversation inside the caller's transaction. */
export async function enqueue(tx: Tx, conversationId: string, reply: { text: string; options?: ReplyOption[] }, now = new Date()) {
  return tx.message.create({
    data: {
      conversationId,
      direction: 'out',
      kind: 'text',
      text: reply.text,
      options: reply.options?.length ? JSON.stringify(reply.options) : null,
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

  constructor(
    private readonly db: Db,
    private readonly channels: Map<ChannelName, Channel>,
    private readonly bus: Bus,
    private readonly log: Logger,
  ) {
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

  /** On start: every chat with queued messages is tried once. */
  async resumeAll(): Promise<void> {
    const chats = await this.db.conversation.findMany({
      where: { messages: { some: { direction: 'out', status: 'queued' } } },
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
    const conversation = await this.db.conversation.findUnique({ where: { channel_externalId: { channel: channelName, externalId: chatId } } });
    if (!conversation) return;
    const queued = await this.db.message.findMany({
      where: { conversationId: conversation.id, direction: 'out', status: 'queued' },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    for (const m of queued) {
      const out: OutboundMessage = {
        id: m.id,
        channel: channelName,
        chatId,
        text: m.text ?? '',
        ...(m.options ? { options: JSON.parse(m.options) as ReplyOption[] } : {}),
      };
      try {
        const res = await channel.send(out);
        await this.db.message.update({
          where: { id: m.id },
          data: { status: 'sent', sentAt: new Date(), attempts: { increment: 1 }, channelMessageId: res.channelMessageId ?? null, error: null },
        });
      } catch (err) {
        const e = err instanceof SendError ? err : new SendError('network', (err as Error).message);
        if (e.kind === 'offline') return; // delivered when the recipient reconnects
        if (!e.retryable) {
          await this.db.message.update({ where: { id: m.id }, data: { status: 'failed', error: `${e.kind}: ${e.message}`, attempts: { increment: 1 } } });
          this.log.warn({ messageId: m.id, channel: channelName, kind: e.kind }, 'outbound message failed');
          continue;
        }
        const row = await this.db.message.update({ where: { id: m.id }, data: { error: `${e.kind}: ${e.message}`, attempts: { increment: 1 } } });
        this.scheduleRetry(channelName, chatId, e.retryAfterMs ?? backoffMs(row.attempts));
        return; // keep order: later messages wait for this one
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
