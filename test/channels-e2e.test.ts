/**
 * The foundation's end-to-end conversation over every channel: file a
 * complaint turn by turn, get a ticket number, ask its progress, list one's
 * tickets; another person asking that number learns nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TelegramRig } from './drivers/telegram.js';
import type { ChannelRig } from './drivers/types.js';
import { WebSocketRig } from './drivers/websocket.js';
import { WeChatRig } from './drivers/wechat.js';
import { removeDir, startServer, type TestServer } from './helpers.js';
import { fileComplaint, jpeg } from './transcript.js';

const rigs: ChannelRig[] = [new WebSocketRig(), new TelegramRig(), new WeChatRig()];

describe.each(rigs.map((r) => [r.name, r] as const))('conversation over %s', (_name, rig) => {
  let server: TestServer;

  beforeAll(async () => {
    const env = await rig.setup();
    server = await startServer({ env });
    await rig.attach(server);
  });

  afterAll(async () => {
    await server?.stop();
    await rig.teardown();
    if (server) removeDir(server.dataDir);
  });

  it('files a complaint with a photo, then answers progress and the list; a stranger gets not-found', async () => {
    const citizen = await rig.user('张三');
    const number = await fileComplaint(citizen, { photo: jpeg(7) });

    const progress = await citizen.send(number);
    expect(progress.text).toContain(number);
    expect(progress.text).toMatch(/待受理/);

    const list = await citizen.send('我的投诉');
    expect(list.text).toContain(number);

    const ticket = await server.app.db.ticket.findUniqueOrThrow({ where: { number }, include: { attachments: true, conversation: true } });
    expect(ticket.conversation.channel).toBe(rig.name);
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.attachments[0]!.mime).toBe('image/jpeg');

    const stranger = await rig.user('李四');
    const nothing = await stranger.send(number);
    expect(nothing.text).toMatch(/没有找到/);
    expect(nothing.text).not.toContain('老张面馆');
    await citizen.close();
    await stranger.close();
  });
});
