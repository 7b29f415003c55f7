/**
 * The outbox against a channel that fails the way real channels do.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Channel, ChannelName, OutboundMessage } from '../channels/types.js';
import { SendError } from '../channels/types.js';
import { removeDir, tempDir } from '../test/helpers.js';
import { LocalBus } from './bus.js';
import { enqueue, OutboxDispatcher } from './outbox.js';
import { openDatabase } from './storage/db.js';

const dir = tempDir();
afterAll(() => removeDir(dir));

/** A channel whose next sends fail with the given errors, then succeed. */
function scriptedChannel(failures: SendError[]) {
  const sent: OutboundMessage[] = [];
  const ch: Channel = {
    name: 'telegram',
    capabilities: { maxTextLength: 4096, buttons: true, images: true },
    async start() {},
    async stop() {},
    status: () => ({ up: true }),
    async send(m) {
      const f = failures.shift();
      if (f) throw f;
      sent.push(m);
      return { channelMessageId: `m${sent.length}` };
    },
  };
  return { ch, sent };
}

const silent = { info() {}, warn() {}, error() {} };

async function setup(failures: SendError[]) {
  const { db } = await openDatabase({ file: path.join(dir, `${Math.random()}.db`) });
  const { ch, sent } = scriptedChannel(failures);
  const outbox = new OutboxDispatcher(db, new Map<ChannelName, Channel>([['telegram', ch]]), new LocalBus(), silent);
  const contact = await db.contact.create({ data: {} });
  const conv = await db.conversation.create({ data: { channel: 'telegram', externalId: 'chat1', contactId: contact.id } });
  return { db, outbox, sent, conv };
}

describe('outbox', () => {
  it('sends queued messages in order and records them as sent', async () => {
    const { db, outbox, sent, conv } = await setup([]);
    await db.$transaction(async (tx) => {
      await enqueue(tx, conv.id, { text: 'one' }, new Date(1000));
      await enqueue(tx, conv.id, { text: 'two', options: [{ label: 'A', value: 'a' }] }, new Date(2000));
    });
    await outbox.flush('telegram', 'chat1');
    expect(sent.map((m) => m.text)).toEqual(['one', 'two']);
    expect(sent[1]!.options).toEqual([{ label: 'A', value: 'a' }]);
    const rows = await db.message.findMany({ orderBy: { createdAt: 'asc' } });
    expect(rows.map((r) => [r.status, r.channelMessageId])).toEqual([
      ['sent', 'm1'],
      ['sent', 'm2'],
    ]);
    await db.$disconnect();
  });

  it('retries a retryable failure after retry_after, keeping order, never dropping', async () => {
    const { db, outbox, sent, conv } = await setup([new SendError('throttled', '429', 50)]);
    await db.$transaction(async (tx) => {
      await enqueue(tx, conv.id, { text: 'first' }, new Date(1000));
      await enqueue(tx, conv.id, { text: 'second' }, new Date(2000));
    });
    await outbox.flush('telegram', 'chat1');
    expect(sent).toEqual([]);
    const waiting = await db.message.findFirstOrThrow({ where: { text: 'first' } });
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1, error: 'throttled: 429' });
    await new Promise((r) => setTimeout(r, 150));
    await outbox.drain();
    expect(sent.map((m) => m.text)).toEqual(['first', 'second']);
    await db.$disconnect();
  });

  it('marks a non-retryable failure as failed with its reason and goes on', async () => {
    const { db, outbox, sent, conv } = await setup([new SendError('blocked', 'bot was blocked by the user')]);
    await db.$transaction(async (tx) => {
      await enqueue(tx, conv.id, { text: 'a' }, new Date(1000));
      await enqueue(tx, conv.id, { text: 'b' }, new Date(2000));
    });
    await outbox.flush('telegram', 'chat1');
    expect(sent.map((m) => m.text)).toEqual(['b']);
    expect(await db.message.findFirstOrThrow({ where: { text: 'a' } })).toMatchObject({ status: 'failed', error: 'blocked: bot was blocked by the user' });
    await db.$disconnect();
  });

  it('resumes every chat with queued messages on start', async () => {
    const { db, outbox, sent, conv } = await setup([]);
    await db.$transaction((tx) => enqueue(tx, conv.id, { text: 'left over' }));
    await outbox.resumeAll();
    expect(sent.map((m) => m.text)).toEqual(['left over']);
    await outbox.resumeAll();
    expect(sent).toHaveLength(1);
    await db.$disconnect();
  });
});
