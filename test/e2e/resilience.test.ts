/**
 * What must survive: restarts mid-conversation, malformed and oversized
 * frames, redelivered messages, idle conversations, photos as evidence.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChatClient, DEFAULT_ANSWERS, fileByAnswering, removeDir, startServer, tempDir, ticketNumber, type TestServer } from '../helpers.js';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('restart mid-conversation', () => {
  it('resumes the form where it was after the service restarts', async () => {
    const dataDir = tempDir();
    let srv = await startServer({ dataDir });
    let chat = await ChatClient.connect(srv.wsUrl);
    const question = await chat.send('我要投诉，今天在滨江区星星奶茶店喝到变质的奶茶');
    expect(question).not.toMatch(/发生了什么/);
    const token = chat.token!;
    await chat.close();
    await srv.stop();

    srv = await startServer({ dataDir });
    chat = await ChatClient.connect(srv.wsUrl, { token });
    // The answer to the question asked before the restart continues the same form.
    const answer = DEFAULT_ANSWERS.find(([q]) => q.test(question))![1];
    const number = await fileByAnswering(chat, answer);
    const t = await srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t.regionCode).toBe('330108');
    expect(t.description).toMatch(/变质的奶茶/);
    await chat.close();
    await srv.stop();
    removeDir(dataDir);
  });
});

describe('the web-chat protocol', () => {
  let srv: TestServer;
  beforeAll(async () => {
    srv = await startServer({ env: { WS_MAX_FRAME_BYTES: '65536', MAX_TEXT_LENGTH: '500' } });
  });
  afterAll(async () => {
    await srv.stop();
    removeDir(srv.dataDir);
  });

  it('answers bad frames with error frames and keeps the connection and the conversation', async () => {
    const chat = await ChatClient.connect(srv.wsUrl);
    expect(await chat.send('我要投诉')).toMatch(/发生了什么/);
    chat.raw('{not json');
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'invalid_json' });
    chat.raw({ type: 'dance' });
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'unknown_type' });
    chat.raw({ type: 'text' });
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'invalid_frame' });
    chat.raw([1, 2, 3]);
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'invalid_frame' });
    chat.raw({ type: 'text', text: 'x'.repeat(100_000) });
    const big = await chat.next();
    expect(big).toMatchObject({ type: 'error', code: 'frame_too_large' });
    expect(big.message).toMatch(/65536/);
    chat.raw({ type: 'text', text: '很'.repeat(501) });
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'text_too_long' });
    chat.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await chat.next()).toMatchObject({ type: 'error', code: 'binary_not_supported' });
    chat.raw({ type: 'ping' });
    expect(await chat.next()).toEqual({ type: 'pong' });
    // Still the same conversation, still at the same question.
    expect(await chat.send('外卖里吃出了钢丝球')).toMatch(/哪家商户/);
    await chat.close();
    const health = await fetch(`${srv.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('answers a flood with rate_limited errors and recovers', async () => {
    const chat = await ChatClient.connect(srv.wsUrl);
    for (let i = 0; i < 30; i++) chat.raw({ type: 'choice', value: 'menu:help' });
    const frames = [];
    for (let i = 0; i < 30; i++) frames.push(await chat.next());
    const limited = frames.filter((f) => f.type === 'error' && f.code === 'rate_limited');
    expect(limited.length).toBeGreaterThanOrEqual(9);
    expect(frames.filter((f) => f.type === 'reply').length).toBeLessThanOrEqual(21);
    await new Promise((r) => setTimeout(r, 1100));
    expect(await chat.send('帮助')).toMatch(/使用说明/);
    await chat.close();
  });

  it('gives a client that sends text without hello a new session first', async () => {
    const chat = await ChatClient.connect(srv.wsUrl, false);
    chat.raw({ type: 'text', text: '你好' });
    const first = await chat.next();
    expect(first.type).toBe('session');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect((await chat.next()).type).toBe('reply');
    await chat.close();
  });

  it('handles a resent message (same id) once', async () => {
    const chat = await ChatClient.connect(srv.wsUrl);
    chat.raw({ type: 'text', text: '我要投诉', id: 'm-1' });
    expect((await chat.next()).text).toMatch(/发生了什么/);
    chat.raw({ type: 'text', text: '我要投诉', id: 'm-1' });
    await expect(chat.next(400)).rejects.toThrow(/no frame/);
    chat.raw({ type: 'text', text: '面包发霉了', id: 'm-2' });
    expect((await chat.next()).text).toMatch(/哪家商户/);
    await chat.close();
  });

  it('keeps a photo sent while filing as evidence on the ticket', async () => {
    const chat = await ChatClient.connect(srv.wsUrl);
    let reply = await chat.send('我要投诉，昨天在西湖区老张面馆吃出了头发');
    while (!/照片/.test(reply)) reply = await chat.send('不知道');
    chat.raw({ type: 'image', name: 'hair.png', data: PNG.toString('base64') });
    expect((await chat.next()).text).toMatch(/第 1 张/);
    chat.raw({ type: 'image', name: 'fake.jpg', data: Buffer.from('not an image at all').toString('base64') });
    expect((await chat.next()).text).toMatch(/JPEG、PNG/);
    const number = await fileByAnswering(chat, '完成');
    const t = await srv.app.db.ticket.findUniqueOrThrow({ where: { number }, include: { attachments: true } });
    expect(t.attachments).toHaveLength(1);
    expect(t.attachments[0]).toMatchObject({ mime: 'image/png', size: PNG.length });
    expect(readFileSync(path.join(srv.dataDir, t.attachments[0]!.path)).equals(PNG)).toBe(true);
    await chat.close();
  });
});

describe('idle conversations', () => {
  it('starts over politely after 30 minutes of silence', async () => {
    let now = new Date('2026-11-30T10:00:00+08:00');
    const srv = await startServer({ clock: () => now });
    const chat = await ChatClient.connect(srv.wsUrl);
    expect(await chat.send('我要投诉')).toMatch(/发生了什么/);
    now = new Date(now.getTime() + 29 * 60_000);
    expect(await chat.send('面包发霉了')).toMatch(/哪家商户/);
    now = new Date(now.getTime() + 31 * 60_000);
    const reply = await chat.send('百姓超市');
    expect(reply).toMatch(/超过 30 分钟/);
    // The old form is gone; the message is read afresh.
    expect(reply).not.toMatch(/地址/);
    await chat.close();
    await srv.stop();
    removeDir(srv.dataDir);
  });
});

describe('ticket numbers', () => {
  it('are unique and sequential per day under concurrent filing', async () => {
    const srv = await startServer({ clock: () => new Date('2026-12-01T09:00:00+08:00') });
    const chats = await Promise.all(Array.from({ length: 8 }, () => ChatClient.connect(srv.wsUrl)));
    const numbers = await Promise.all(chats.map((c, i) => fileByAnswering(c, `我要投诉，今天在西湖区第${i}面馆吃出了头发`, [[/哪家商户/, `第${i}面馆`]])));
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.map((n) => n.slice(0, 11)).every((p) => p === 'TS20261201-')).toBe(true);
    expect(numbers.map((n) => Number(n.slice(-4))).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    await Promise.all(chats.map((c) => c.close()));
    await srv.stop();
    removeDir(srv.dataDir);
    expect(ticketNumber('x TS20261201-0001 y')).toBe('TS20261201-0001');
  });
});
