/**
 * Satisfaction after closing, through the real web chat: the rating options
 * work (tapped), the comment is stored, and a forged ticket number rates nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers.js';
import { fileComplaint, nextReply } from './helpers.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ env: { DEADLINE_CRON: 'off' } });
});
afterAll(async () => {
  await srv.stop();
});

describe('satisfaction rating', () => {
  it('asks on closing and stores the tapped rating and the comment', async () => {
    const { chat, number } = await fileComplaint(srv.wsUrl);
    const tk = await srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    const staff = { id: 'staff:test' };
    await srv.app.casework.accept(tk.id, staff, undefined);
    await srv.app.casework.close(tk.id, staff, '已责令整改');
    await nextReply(chat, /已办结/);
    expect(chat.last?.options).toBeUndefined();
    await nextReply(chat, /打分/);
    expect(chat.last?.options?.map((o) => o.value)).toEqual([1, 2, 3, 4, 5].map((n) => `rate:${number}:${n}`));

    // The citizen first asks something else, then taps 3 stars later: the option still works.
    await chat.send('帮助');
    expect(await chat.choose(`rate:${number}:3`)).toMatch(/意见|comment/);
    expect(await chat.send('处理得有点慢')).toMatch(/感谢/);
    expect(await srv.app.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).toMatchObject({ satisfaction: 3, satisfactionComment: '处理得有点慢' });

    // Another citizen cannot rate that ticket.
    const other = (await fileComplaint(srv.wsUrl, '我在滨江区某饭店吃到了虫子')).chat;
    await other.choose(`rate:${number}:1`);
    expect(await other.send('跳过')).toMatch(/没有找到/);
    expect((await srv.app.db.ticket.findUniqueOrThrow({ where: { id: tk.id } })).satisfaction).toBe(3);
    await chat.close();
    await other.close();
  });
});
