/**
 * WeChat over wechaty-puppet-mock: numbered options, redelivered messages,
 * groups (rooms), the login QR code for administrators.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PuppetMock } from 'wechaty-puppet-mock';
import type { WeChatChannel } from '../channels/wechat/index.js';
import { WeChatRig } from './drivers/wechat.js';
import { removeDir, startServer, type TestServer } from './helpers.js';

describe('wechat channel', () => {
  const rig = new WeChatRig();
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ env: await rig.setup() });
    await rig.attach(server);
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  const inbound = (chatId: string) => server.app.db.message.findMany({ where: { direction: 'in', conversation: { channel: 'wechat', externalId: chatId } }, orderBy: { createdAt: 'asc' } });

  it('shows options as a numbered list and takes the number or the label', async () => {
    const u = await rig.user('孙七');
    const menu = await u.send('你好');
    expect(menu.text).toMatch(/^1\. .+$/m);
    const help = menu.options.find((o) => o.label === '帮助')!;
    expect((await u.send(help.value)).text).toMatch(/使用说明/); // by number
    const again = await u.send('菜单');
    expect((await u.send(again.options.find((o) => o.label === '投诉/举报')!.label)).text).toMatch(/哪一类/); // by label
    const rows = await inbound(u.contact.id);
    expect(rows.map((m) => m.text)).toEqual(['你好', help.value, '菜单', '投诉/举报']);
  });

  it('handles a redelivered message once', async () => {
    const u = await rig.user('周八');
    expect((await u.send('你好')).text).toMatch(/您好/);
    const [first] = await inbound(u.contact.id);
    // The puppet announces the same message again, as after a reconnect.
    const puppet = (server.app.channels.get('wechat') as WeChatChannel).wechaty.puppet as unknown as PuppetMock;
    puppet.emit('message', { messageId: first!.channelMessageId! });
    expect((await u.send('帮助')).text).toMatch(/使用说明/);
    expect(u.pending()).toEqual([]);
    expect((await inbound(u.contact.id)).map((m) => m.text)).toEqual(['你好', '帮助']);
  });

  it('in a room answers only when mentioned, with a mention; records the room and its members', async () => {
    const room = rig.mocker!.createRoom({ topic: '西湖区食品企业群', memberIdList: [rig.botUser!.id] });
    const quiet = rig.member(room, '吴九', false);
    const asker = rig.member(room, '郑十', true);
    await quiet.post('随便聊聊，我的电话13800138000');
    const r = await asker.send('@万食通 我要投诉');
    expect(r.text).toContain('@郑十');
    expect(r.text).toMatch(/私聊/);
    expect(r.text).not.toContain('13800138000');
    expect(quiet.pending()).toEqual([]);
    const g = await server.app.db.chatGroup.findUniqueOrThrow({ where: { channel_externalId: { channel: 'wechat', externalId: room.id } }, include: { members: true } });
    expect(g.title).toBe('西湖区食品企业群');
    expect(g.members.map((m) => m.displayName).sort()).toEqual(['吴九', '郑十']);
    expect((await inbound(room.id)).map((m) => m.text)).toEqual(['我要投诉']);
  });

  it('replays recorded puppet payloads: a room mention and a Traditional Chinese private message', async () => {
    const load = (name: string) => JSON.parse(readFileSync(new URL(`../channels/wechat/testdata/${name}.json`, import.meta.url), 'utf8')) as { id: string; roomId?: string; talkerId: string };
    const mocker = rig.mocker!;
    const member = mocker.createContact({ id: 'wxid_zhengshi01', name: '郑十一' });
    mocker.createRoom({ id: '20451234567@chatroom', topic: '录制群', memberIdList: [rig.botUser!.id, member.id] });
    const puppet = (server.app.channels.get('wechat') as WeChatChannel).wechaty.puppet as unknown as PuppetMock;
    const replies: { roomId?: string; listenerId?: string; text?: string }[] = [];
    puppet.on('message', ({ messageId }) => {
      const p = mocker.messagePayload(messageId);
      if (p.talkerId === rig.botUser!.id) replies.push(p);
    });
    for (const name of ['room-mention', 'private-text']) {
      const payload = load(name);
      mocker.MessageMock.create(payload as never); // registers the payload with the mock puppet
      puppet.emit('message', { messageId: payload.id });
    }
    for (let i = 0; i < 200 && replies.length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    expect(replies.find((r) => r.roomId)?.text).toMatch(/^@郑十一[\s\u2005].*私聊/s);
    expect(replies.find((r) => r.listenerId === 'wxid_zhengshi01')?.text).toMatch(/哪一类|描述|举报/); // 舉報 read as 举报
    const rows = await server.app.db.message.findMany({ where: { direction: 'in', channelMessageId: { in: ['wst-recorded-room-1', 'wst-recorded-private-1'] } } });
    expect(rows.map((m) => m.text).sort()).toEqual(['我要查进度', '我要舉報']);
  });

  it('reports the login on /readyz', async () => {
    const body = (await (await fetch(`${server.url}/readyz`)).json()) as { checks: Record<string, { up: boolean; detail?: string }> };
    expect(body.checks.wechat).toEqual({ up: true, detail: 'logged in as 万食通' });
  });
});

describe('wechat login QR code', () => {
  const rig = new WeChatRig();
  let server: TestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    env = await rig.setup();
    server = await startServer({ env });
  });

  afterAll(async () => {
    await server?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('serves the QR code and the login state to administrators only', async () => {
    const ch = server.app.channels.get('wechat') as WeChatChannel;
    const puppet = ch.wechaty.puppet as unknown as PuppetMock;
    const auth = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
    expect((await server.app.server.inject({ url: '/admin/wechat/qrcode.png', headers: auth })).statusCode).toBe(404); // nothing to scan yet
    puppet.mocker.scan('https://login.weixin.qq.com/l/wst-test');
    for (let i = 0; i < 100 && ch.login.state !== 'scan'; i++) await new Promise((r) => setTimeout(r, 20));

    expect((await server.app.server.inject({ url: '/admin/wechat/qrcode.png' })).statusCode).toBe(401);
    expect((await server.app.server.inject({ url: '/admin/wechat/login', headers: { authorization: 'Bearer nope' } })).statusCode).toBe(401);
    const login = await server.app.server.inject({ url: '/admin/wechat/login', headers: auth });
    expect(login.json()).toMatchObject({ state: 'scan', qrcode: 'https://login.weixin.qq.com/l/wst-test' });
    const png = await server.app.server.inject({ url: '/admin/wechat/qrcode.png', headers: auth });
    expect(png.statusCode).toBe(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; checks: Record<string, { up: boolean; detail?: string }> };
    expect(ready.status).toBe('degraded');
    expect(ready.checks.wechat).toEqual({ up: false, detail: 'scan' });

    await rig.attach(server); // logs in
    expect((await server.app.server.inject({ url: '/admin/wechat/login', headers: auth })).json()).toMatchObject({ state: 'logged-in', user: '万食通' });
  });
});
