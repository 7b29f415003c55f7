/**
 * Progress questions, privacy between citizens, status-change notices and
 * English conversations, over the real web chat.
 */
import { describe, expect, it } from 'vitest';
import { ChatClient, fileByAnswering, ticketNumber, useServer } from '../helpers.js';

const server = useServer();

function fileComplaint(chat: ChatClient, business = '老张面馆'): Promise<string> {
  return fileByAnswering(chat, `我要投诉，昨天在西湖区${business}吃出了头发`, [[/哪家商户/, business]]);
}

describe('progress', () => {
  it('answers by ticket number and lists the person\'s own tickets', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    const first = await fileComplaint(chat, '老张面馆');
    const second = await fileComplaint(chat, '李记粥铺');
    expect(second).not.toBe(first);

    const detail = await chat.send(`查一下 ${first} 的进度`);
    expect(detail).toContain(first);
    expect(detail).toMatch(/状态：待受理/);
    expect(detail).toMatch(/受理期限：\d{4}-\d{2}-\d{2}/);

    const list = await chat.send('我的投诉');
    expect(list).toMatch(/共 2 件/);
    expect(list).toContain(first);
    expect(list).toContain(second);
    // Newest first.
    expect(list.indexOf(second)).toBeLessThan(list.indexOf(first));
    // Asked in words that also mention 投诉, it is still a progress question.
    expect(await chat.send('我想查询一下我的投诉处理进度')).toMatch(/共 2 件/);
    expect(await chat.send('我的投诉有结果了吗')).toMatch(/共 2 件/);
    // The options offer the numbers; choosing one gives the detail.
    expect(await chat.choose(first)).toMatch(/状态：待受理/);
    await chat.close();
  });

  it('tells another identity nothing about a ticket that is not theirs', async () => {
    const owner = await ChatClient.connect(server.srv.wsUrl);
    const number = await fileComplaint(owner);
    const stranger = await ChatClient.connect(server.srv.wsUrl);
    const answer = await stranger.send(number);
    expect(answer).toMatch(/没有找到/);
    expect(answer).not.toMatch(/老张面馆|张三|138|待受理/);
    expect(await stranger.send('我的投诉')).toMatch(/还没有提交过/);
    // Lower case is the same number, and still not found.
    expect(await stranger.send(number.toLowerCase())).toMatch(/没有找到/);
    await owner.close();
    await stranger.close();
  });
});

describe('notifications', () => {
  it('tells an online citizen of a status change at once', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    const number = await fileComplaint(chat);
    const ticket = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    await server.srv.app.tickets.changeStatus({ ticketId: ticket.id, to: 'accepted', actor: 'staff:test', publicNote: '已交西湖区市场监管局办理' });
    const notice = await chat.next();
    expect(notice.type).toBe('reply');
    expect(notice.text).toContain(number);
    expect(notice.text).toMatch(/已受理/);
    expect(notice.text).toMatch(/西湖区市场监管局/);
    expect(await chat.send(number)).toMatch(/状态：已受理/);
    await chat.close();
  });

  it('delivers a notice to an offline web-chat citizen when they reconnect, once', async () => {
    let chat = await ChatClient.connect(server.srv.wsUrl);
    const number = await fileComplaint(chat);
    const token = chat.token!;
    await chat.close();

    const ticket = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    await server.srv.app.tickets.changeStatus({ ticketId: ticket.id, to: 'rejected', actor: 'staff:test', publicNote: '不属于市场监管部门职责范围' });
    const queued = await server.srv.app.db.message.findMany({ where: { conversationId: ticket.conversationId, direction: 'out', status: 'queued' } });
    expect(queued).toHaveLength(1);

    chat = await ChatClient.connect(server.srv.wsUrl, { token });
    expect(chat.token).toBe(token);
    const notice = await chat.next();
    expect(notice.text).toContain(number);
    expect(notice.text).toMatch(/不予受理/);
    const sent = await server.srv.app.db.message.findUniqueOrThrow({ where: { id: queued[0]!.id } });
    expect(sent.status).toBe('sent');
    await chat.close();

    // A second reconnect does not repeat it.
    chat = await ChatClient.connect(server.srv.wsUrl, { token });
    await expect(chat.next(500)).rejects.toThrow(/no frame/);
    await chat.close();
  });

  it('refuses a transition the lifecycle forbids', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    const number = await fileComplaint(chat);
    const ticket = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    await expect(server.srv.app.tickets.changeStatus({ ticketId: ticket.id, to: 'closed', actor: 'staff:test' })).rejects.toMatchObject({ code: 'TRANSITION_NOT_ALLOWED' });
    expect((await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } })).status).toBe('pending');
    await expect(chat.next(300)).rejects.toThrow(/no frame/);
    await chat.close();
  });
});

describe('English', () => {
  it('holds a whole conversation in English', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl, { locale: 'en' });
    expect(await chat.send('Hello')).toMatch(/food-safety/i);
    // "complain" already says which kind.
    expect(await chat.send('I want to complain')).toMatch(/describe what happened/);
    expect(await chat.send('I found a piece of glass in my salad')).toMatch(/Which business/);
    expect(await chat.send('Green Garden Cafe')).toMatch(/address/);
    expect(await chat.send('88 Jiangnan Avenue, Binjiang District')).toMatch(/When did it happen/);
    expect(await chat.send('yesterday')).toMatch(/photos/);
    expect(await chat.send('none')).toMatch(/real name/);
    expect(await chat.send('John Smith')).toMatch(/mobile number/);
    expect(await chat.send('13800138000')).toMatch(/Please check/);
    const done = await chat.send('yes');
    expect(done).toMatch(/Ticket number: TS\d{8}-\d{4}/);
    const number = ticketNumber(done);
    expect(await chat.send(number)).toMatch(/Status: awaiting acceptance/);
    const t = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t).toMatchObject({ businessName: 'Green Garden Cafe', regionCode: '330108', reporterName: 'John Smith' });
    await chat.close();
  });

  it('switches language on request, mid-form, and re-asks the question', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    expect(await chat.send('我要投诉')).toMatch(/发生了什么/);
    const switched = await chat.send('English');
    expect(switched).toMatch(/Switched to English/);
    expect(switched).toMatch(/describe what happened/);
    const back = await chat.send('中文');
    expect(back).toMatch(/已切换为中文/);
    expect(back).toMatch(/发生了什么/);
    await chat.close();
  });
});
