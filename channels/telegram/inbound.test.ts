/** Recorded Bot API updates (./testdata) through the normaliser. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Update } from 'telegraf/types';
import { normaliseUpdate } from './inbound.js';

const bot = { id: 666, username: 'TestNameBot' };
const load = (name: string) => JSON.parse(readFileSync(new URL(`./testdata/${name}.json`, import.meta.url), 'utf8')) as Update;

describe('normaliseUpdate', () => {
  it('a private text', () => {
    const n = normaliseUpdate(load('private-text'), bot)!;
    expect(n.msg).toMatchObject({ channel: 'telegram', chatId: '5550001', kind: 'text', text: '你好', channelMessageId: 'u912345678', sender: { externalId: '5550001', displayName: '小明', locale: 'zh-hans' } });
    expect(n.msg.isGroup).toBeUndefined();
    expect(n.msg.raw).toEqual(load('private-text'));
  });

  it('a group message mentioning the bot is addressed, without the mention', () => {
    const n = normaliseUpdate(load('group-mention'), bot)!;
    expect(n.msg).toMatchObject({ isGroup: true, addressed: true, text: '怎么投诉？', chatTitle: '西湖区餐饮企业群', botHandle: '@TestNameBot', sender: { handle: '@zhaoliu', displayName: '赵 六' } });
  });

  it('a group message without a mention is not addressed', () => {
    expect(normaliseUpdate(load('group-plain'), bot)!.msg).toMatchObject({ isGroup: true, addressed: false });
  });

  it('a command for this bot is addressed, one for another bot is not', () => {
    expect(normaliseUpdate(load('group-command'), bot)!.msg).toMatchObject({ addressed: true, text: '/help' });
    expect(normaliseUpdate(load('group-command-other-bot'), bot)!.msg).toMatchObject({ addressed: false });
  });

  it('a button press is a choice of its callback data', () => {
    const n = normaliseUpdate(load('callback'), bot)!;
    expect(n.msg).toMatchObject({ kind: 'choice', value: 'complaint', chatId: '5550001' });
    expect(n.callbackQueryId).toBe('4382bfdwdsb323b2d9');
  });

  it('a photo refers to its largest size', () => {
    const n = normaliseUpdate(load('photo'), bot)!;
    expect(n.msg).toMatchObject({ kind: 'image', text: '面里的头发' });
    expect(n.file).toEqual({ fileId: 'AgACAgUAAxkBAAIBlarge', size: 74213 });
  });

  it('a location', () => {
    expect(normaliseUpdate(load('location'), bot)!.msg).toMatchObject({ kind: 'location', location: { latitude: 30.2741, longitude: 120.1551 } });
  });

  it("the bot's own messages and edits are not handled", () => {
    expect(normaliseUpdate(load('own-message'), bot)).toBeNull();
    expect(normaliseUpdate(load('edited-message'), bot)).toBeNull();
  });
});
