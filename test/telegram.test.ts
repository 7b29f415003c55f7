/**
 * Telegram against the Bot API emulator (behind the test proxy): redelivery,
 * 429, long replies, groups, a restart with queued replies, the webhook's
 * secret, and linking a Telegram identity with the web chat.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueue } from '../core/outbox.js';
import { TelegramUser } from './drivers/telegram.js';
import { WebSocketRig } from './drivers/websocket.js';
import { removeDir, startServer, tempDir, type TestServer } from './helpers.js';
import { TelegramEmulator } from './telegram-emulator.js';
import { fileComplaint, jpeg } from './transcript.js';

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../channels/telegram/testdata/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;

describe('telegram channel (polling)', () => {
  let emu: TelegramEmulator;
  let server: TestServer;
  const dataDir = tempDir();

  beforeAll(async () => {
    emu = await TelegramEmulator.start();
    server = await startServer({ dataDir, env: emu.env({ MAX_IMAGE_BYTES: '65536' }) });
  });

  afterAll(async () => {
    await server?.stop();
    await emu?.stop();
    removeDir(dataDir);
  });

  /** Waits until the chat has no outbound message still queued (a row is marked sent just after the Bot API answered). */
  const settled = async (chatId: number) => {
    const where = { direction: 'out', status: 'queued', conversation: { externalId: String(chatId) } };
    for (let i = 0; i < 250 && (await server.app.db.message.count({ where })) > 0; i++) await new Promise((r) => setTimeout(r, 20));
  };

  const inbound = async (chatId: number) => {
    const conv = await server.app.db.conversation.findUnique({ where: { channel_externalId: { channel: 'telegram', externalId: String(chatId) } } });
    return conv ? server.app.db.message.findMany({ where: { conversationId: conv.id, direction: 'in' } }) : [];
  };

  it('reports the channel on /readyz', async () => {
    const res = await fetch(`${server.url}/readyz`);
    const body = (await res.json()) as { status: string; checks: Record<string, { up: boolean; detail?: string }> };
    expect(body.checks.telegram).toEqual({ up: true, detail: 'polling as @TestNameBot' });
    expect(body.status).toBe('ready');
  });

  it('handles a redelivered update once', async () => {
    const u = new TelegramUser(emu);
    expect((await u.send('你好')).text).toMatch(/您好/);
    emu.redeliver = true; // the next poll answers the same update again
    const r = await u.send('帮助');
    expect(r.text).toMatch(/使用说明/);
    expect(emu.redelivered).toBe(1);
    const msgs = await inbound(u.chatId);
    expect(msgs.map((m) => m.text)).toEqual(['你好', '帮助']);
    expect(await u.drain()).toEqual([]); // no second greeting
  });

  it('refuses a photo over the size limit or not an image, checked by content', async () => {
    const u = new TelegramUser(emu);
    expect((await u.sendPhoto(jpeg(3, 200_000))).text).toMatch(/不能超过/);
    expect((await u.sendPhoto(Buffer.from('%PDF-1.7 not a photo'.padEnd(4000, '.')))).text).toMatch(/只支持/);
    expect(await server.app.db.attachment.count({ where: { message: { conversation: { externalId: String(u.chatId) } } } })).toBe(0);
  });

  it('waits retry_after on HTTP 429, then delivers', async () => {
    const u = new TelegramUser(emu);
    emu.throttle = { count: 1, retryAfter: 1 };
    const r = await u.send('你好');
    expect(r.text).toMatch(/您好/);
    const sends = emu.requests.filter((q) => q.method === 'sendMessage' && String(q.body.chat_id) === String(u.chatId));
    expect(sends.map((q) => q.status)).toEqual([429, 200]);
    expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(950);
    await settled(u.chatId);
    const out = await server.app.db.message.findFirstOrThrow({ where: { direction: 'out', conversation: { externalId: String(u.chatId) } } });
    expect(out).toMatchObject({ status: 'sent', attempts: 2, error: null });
  });

  it('stores a failed send with its reason when the person blocked the bot, and goes on with the next', async () => {
    const u = new TelegramUser(emu);
    emu.blocked.add(String(u.chatId));
    await u.post('你好');
    await u.post('帮助');
    const where = { direction: 'out', conversation: { externalId: String(u.chatId) } };
    for (let i = 0; i < 250 && (await server.app.db.message.count({ where: { ...where, status: 'failed' } })) < 2; i++) await new Promise((r) => setTimeout(r, 20));
    const rows = await server.app.db.message.findMany({ where, orderBy: { createdAt: 'asc' } });
    expect(rows.map((m) => [m.status, m.error, m.attempts])).toEqual([
      ['failed', 'blocked: Forbidden: bot was blocked by the user', 1],
      ['failed', 'blocked: Forbidden: bot was blocked by the user', 1],
    ]);
  });

  it('sends a 10,000-character reply as ordered parts cut at sentence ends', async () => {
    const u = new TelegramUser(emu);
    await u.send('你好');
    const conv = await server.app.db.conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: String(u.chatId) } } });
    let long = '';
    for (let i = 1; long.length < 10_000; i++) long += `这是第${i}句说明，内容较长需要分段发送。`;
    long = long.slice(0, 10_000);
    await server.app.db.$transaction((tx) => enqueue(tx, conv.id, { text: long }));
    server.app.outbox.notify('telegram', String(u.chatId));
    const parts = [await u.next(), await u.next(), await u.next()].map((p) => p.text);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.slice(0, 2).every((p) => p.endsWith('。'))).toBe(true);
    expect(parts.join('')).toBe(long);
    await settled(u.chatId);
    const row = await server.app.db.message.findFirstOrThrow({ where: { conversationId: conv.id, text: long } });
    expect(row).toMatchObject({ status: 'sent', partsSent: 3 });
  });

  it('in a group answers only when mentioned, with a mention and no personal details; records the group', async () => {
    const group = { id: -100777, title: '西湖区餐饮企业群' };
    const quiet = new TelegramUser(emu, { name: '王五', username: 'wangwu', group });
    const asker = new TelegramUser(emu, { name: '赵六', username: 'zhaoliu', group });
    await quiet.post('我在老张面馆吃出了头发，我的电话13800138000');
    const r = await asker.send('@TestNameBot 我要投诉', { entities: [{ type: 'mention', offset: 0, length: 12 }] });
    expect(r.text.startsWith('@zhaoliu ')).toBe(true);
    expect(r.text).toMatch(/私聊/);
    expect(await asker.drain()).toEqual([]); // one reply only: the unaddressed message got none
    const sent = emu.sent().filter((q) => String(q.body.chat_id) === String(group.id));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.text)).not.toContain('13800138000');
    const g = await server.app.db.chatGroup.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: String(group.id) } }, include: { members: true } });
    expect(g.title).toBe(group.title);
    expect(g.members.map((m) => m.displayName).sort()).toEqual(['王五', '赵六']);
    // The unaddressed message is not stored.
    expect((await inbound(group.id)).map((m) => m.text)).toEqual(['我要投诉']);
  });

  it('links a Telegram identity with the web chat: both see the same tickets', async () => {
    const rig = new WebSocketRig();
    await rig.attach(server);
    const filer = await rig.user();
    const number = await fileComplaint(filer);
    const tg = new TelegramUser(emu);
    expect((await tg.send(number)).text).toMatch(/没有找到/);
    const code = /\d{6}/.exec((await filer.send('绑定')).text)?.[0];
    expect(code).toBeDefined();
    expect((await tg.send(`绑定 ${code}`)).text).toMatch(/绑定成功/);
    expect((await tg.send(number)).text).toMatch(/待受理/);
    expect((await tg.send('我的投诉')).text).toContain(number);
    expect((await tg.send(`绑定 ${code}`)).text).toMatch(/无效或已过期/); // single use
    await filer.close();
  });

  it('delivers replies queued before a restart exactly once, a split reply resuming after its last part sent', async () => {
    const u = new TelegramUser(emu);
    await u.send('你好');
    const conv = await server.app.db.conversation.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: String(u.chatId) } } });
    let long = '';
    for (let i = 1; long.length < 6000; i++) long += `第${i}条整改意见已记录。`;
    emu.sendBudget = 1; // the first part goes out, then the Bot API is unreachable
    await server.app.db.$transaction((tx) => enqueue(tx, conv.id, { text: long }));
    server.app.outbox.notify('telegram', String(u.chatId));
    const firstPart = await u.next();
    expect(long.startsWith(firstPart.text)).toBe(true);
    await u.post('你好');
    await u.post('帮助');
    const failed = () => emu.requests.filter((q) => q.method === 'sendMessage' && String(q.body.chat_id) === String(u.chatId));
    // Both turns are committed with their replies queued, and sending failed.
    for (let i = 0; i < 200; i++) {
      const queued = await server.app.db.message.count({ where: { direction: 'out', status: 'queued', conversation: { externalId: String(u.chatId) } } });
      if (queued === 3 && failed().some((q) => q.status === 502)) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await server.stop();
    expect(failed().filter((q) => q.status === 200)).toHaveLength(2); // the greeting and the first part
    expect(failed().some((q) => q.status === 502)).toBe(true);
    expect(await u.drain()).toEqual([]);
    emu.sendDown = false;
    emu.sendBudget = undefined;
    server = await startServer({ dataDir, env: emu.env({ MAX_IMAGE_BYTES: '65536' }) });
    const secondPart = await u.next();
    expect(firstPart.text + secondPart.text).toBe(long);
    expect((await u.next()).text).toMatch(/您好/);
    expect((await u.next()).text).toMatch(/使用说明/);
    const sent = emu.sent().filter((q) => String(q.body.chat_id) === String(u.chatId));
    expect(sent.map((q) => String(q.body.text).slice(0, 6))).toEqual(['您好！有什么', firstPart.text.slice(0, 6), secondPart.text.slice(0, 6), '您好！有什么', '使用说明：\n']);
    await settled(u.chatId);
    const rows = () => server.app.db.message.findMany({ where: { direction: 'out', conversation: { externalId: String(u.chatId) } }, orderBy: { createdAt: 'asc' } });
    expect((await rows()).map((m) => [m.status, m.partsSent])).toEqual([['sent', 1], ['sent', 2], ['sent', 1], ['sent', 1]]);
    expect(await u.drain()).toEqual([]);
  });
});

describe('telegram channel (webhook)', () => {
  let emu: TelegramEmulator;
  let server: TestServer;

  beforeAll(async () => {
    emu = await TelegramEmulator.start();
    server = await startServer({ env: emu.env({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: 'wst-secret_1' }) });
  });

  afterAll(async () => {
    await server?.stop();
    await emu?.stop();
    if (server) removeDir(server.dataDir);
  });

  it('registers the webhook with its secret token', () => {
    const set = emu.requests.find((q) => q.method === 'setWebhook');
    expect(set?.body).toMatchObject({ url: 'https://bot.example.org/telegram/webhook', secret_token: 'wst-secret_1' });
  });

  it('refuses updates without the secret token, handles a recorded update once', async () => {
    const update = sample('private-text');
    const post = (headers: Record<string, string>) => server.app.server.inject({ method: 'POST', url: '/telegram/webhook', payload: update, headers });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong' })).statusCode).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wst-secret_1' })).statusCode).toBe(200);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wst-secret_1' })).statusCode).toBe(200); // redelivered
    const u = { chatId: (update.message as { chat: { id: number } }).chat.id };
    for (let i = 0; i < 200 && emu.sent().length < 1; i++) await new Promise((r) => setTimeout(r, 25));
    const sent = emu.sent().filter((q) => String(q.body.chat_id) === String(u.chatId));
    expect(sent).toHaveLength(1);
    expect(String(sent[0]!.body.text)).toMatch(/您好/);
    const inbound = await server.app.db.message.findMany({ where: { direction: 'in', conversation: { channel: 'telegram' } } });
    expect(inbound).toHaveLength(1);
    expect(inbound[0]!.channelMessageId).toBe(`u${update.update_id}`);
  });
});
