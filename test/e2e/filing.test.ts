/**
 * A citizen files complaints and reports over the real web chat: real
 * server, real SQLite file, real WebSocket client.
 */
import { describe, expect, it } from 'vitest';
import { ChatClient, ticketNumber, useServer } from '../helpers.js';

const server = useServer();

describe('filing a complaint', () => {
  it('takes everything said in the first message and asks only for the rest', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    // Business, district, problem and time are in the first message; 投诉 gives the kind.
    expect(await chat.send('我要投诉：昨天晚上在西湖区老张面馆吃出了头发')).toMatch(/地址/);
    expect(chat.last?.options).toBeUndefined();
    expect(await chat.send('文三路123号')).toMatch(/照片/);
    expect(await chat.send('没有')).toMatch(/姓名/);
    expect(await chat.send('张三')).toMatch(/手机/);
    const summary = await chat.send('13800138000');
    expect(summary).toMatch(/类型：投诉/);
    expect(summary).toMatch(/商户：老张面馆/);
    expect(summary).toMatch(/区县：浙江省杭州市西湖区/);
    expect(summary).toMatch(/时间：昨天晚上/);
    expect(summary).toMatch(/138\*\*\*\*8000/);
    expect(summary).not.toMatch(/13800138000/);
    const done = await chat.send('确认');
    const number = ticketNumber(done);
    expect(done).toMatch(/7 个工作日/);

    const ticket = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number }, include: { events: true } });
    expect(ticket).toMatchObject({
      kind: 'complaint',
      status: 'pending',
      businessName: '老张面馆',
      regionCode: '330106',
      address: '文三路123号',
      reporterName: '张三',
      reporterPhone: '13800138000',
      category: 'foreign_object',
      anonymous: false,
    });
    expect(ticket.incidentAt).toBeInstanceOf(Date);
    expect(ticket.acceptDueAt!.getTime()).toBeGreaterThan(ticket.createdAt.getTime());
    expect(ticket.events.map((e) => e.action)).toEqual(['submitted']);
    await chat.close();
  });

  it('asks one question at a time when the person answers one at a time', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    expect(await chat.send('你好')).toMatch(/食品安全/);
    expect(await chat.send('我想反映一个问题')).toMatch(/哪一类/);
    expect(chat.last?.options?.map((o) => o.value)).toEqual(['complaint', 'report']);
    expect(await chat.send('不是举报')).toMatch(/没能识别/);
    expect(await chat.send('不是举报，是投诉')).toMatch(/发生了什么/);
    expect(await chat.send('买的面包发霉了')).toMatch(/哪家商户/);
    expect(await chat.send('好又多超市')).toMatch(/地址/);
    expect(await chat.send('不清楚')).toMatch(/哪个区县/);
    expect(chat.last?.options?.some((o) => o.label === '滨江区' && o.value === '330108')).toBe(true);
    expect(await chat.choose('330108')).toMatch(/什么时候/);
    expect(await chat.send('11月27日中午')).toMatch(/照片/);
    expect(await chat.send('没有照片')).toMatch(/姓名/);
    expect(await chat.send('我叫李四')).toMatch(/手机/);
    expect(await chat.send('12345')).toMatch(/格式不对/);
    const summary = await chat.send('我的手机是139 1234 5678');
    expect(summary).toMatch(/商户：好又多超市/);
    expect(summary).toMatch(/地址：未提供/);
    expect(summary).toMatch(/滨江区/);
    const number = ticketNumber(await chat.send('好的，提交吧'));
    const t = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t).toMatchObject({ regionCode: '330108', address: null, reporterPhone: '13912345678', category: 'spoiled' });
    await chat.close();
  });

  it('lets the person correct the last answer with 返回', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    expect(await chat.send('举报')).toMatch(/发生了什么/);
    expect(await chat.send('这家店没有营业执照还在卖熟食')).toMatch(/哪家商户/);
    expect(await chat.send('王记卤味')).toMatch(/地址/);
    expect(await chat.send('返回')).toMatch(/哪家商户/);
    expect(await chat.send('王氏卤味')).toMatch(/地址/);
    expect(await chat.send('萧山区人民路8号')).toMatch(/什么时候/);
    expect(await chat.send('今天')).toMatch(/照片/);
    expect(await chat.send('没有')).toMatch(/实名或匿名/);
    const summary = await chat.send('匿名吧');
    expect(summary).toMatch(/商户：王氏卤味/);
    expect(summary).toMatch(/萧山区/);
    expect(summary).toMatch(/联系方式：匿名/);
    const number = ticketNumber(await chat.send('确认'));
    const t = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t).toMatchObject({ kind: 'report', anonymous: true, reporterPhone: null, reporterName: null, businessName: '王氏卤味', regionCode: '330109', category: 'unlicensed' });
    await chat.close();
  });

  it('a real-name report keeps the phone', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    await chat.send('我要举报楼下快餐店用地沟油');
    // The business is described, not named: asked for.
    expect(chat.last?.text).toMatch(/哪家商户/);
    await chat.send('不知道');
    await chat.send('不知道');
    expect(chat.last?.text).toMatch(/哪个区县/);
    await chat.send('上城区');
    await chat.send('不记得了');
    await chat.send('没有');
    expect(await chat.send('不用匿名，我实名')).toMatch(/手机/);
    await chat.send('13700001111');
    const number = ticketNumber(await chat.send('确认'));
    const t = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number } });
    expect(t).toMatchObject({ kind: 'report', anonymous: false, reporterPhone: '13700001111', regionCode: '330102', businessName: null, category: 'additive' });
    expect(['high', 'urgent']).toContain(t.severity);
    await chat.close();
  });

  it('cancels midway and keeps nothing', async () => {
    const before = await server.srv.app.db.ticket.count();
    const chat = await ChatClient.connect(server.srv.wsUrl);
    await chat.send('我要投诉');
    await chat.send('外卖里有虫子');
    expect(await chat.send('取消')).toMatch(/已取消/);
    // A fresh start after cancelling.
    expect(await chat.send('帮助')).toMatch(/使用说明/);
    expect(await server.srv.app.db.ticket.count()).toBe(before);
    await chat.close();
  });

  it('re-prompts on an answer it cannot use and says how to get out after repeated failures', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    await chat.send('投诉');
    await chat.send('吃了烤肠拉肚子');
    await chat.send('路边摊');
    await chat.send('不知道');
    await chat.send('不知道');
    await chat.send('昨天');
    await chat.send('没有');
    expect(await chat.send('1')).toMatch(/姓名/);
    const second = await chat.send('2');
    expect(second).toMatch(/姓名/);
    expect(second).toMatch(/取消/);
    await chat.close();
  });

  it('urgent mass illness is flagged and the citizen told to seek care', async () => {
    const chat = await ChatClient.connect(server.srv.wsUrl);
    await chat.send('我们公司食堂中午吃完饭有十几个人呕吐腹泻，已经有人住院了');
    // kind, business … until the summary
    await chat.send('投诉');
    let reply = chat.last!.text!;
    const answers: [RegExp, string][] = [
      [/哪家商户/, '公司食堂'],
      [/地址/, '滨江区江南大道100号'],
      [/什么时候/, '今天中午'],
      [/照片/, '没有'],
      [/姓名/, '赵六'],
      [/手机/, '13600000000'],
    ];
    for (const [q, a] of answers) if (q.test(reply)) reply = await chat.send(a);
    expect(reply).toMatch(/确认提交/);
    const done = await chat.send('确认');
    expect(done).toMatch(/紧急/);
    const t = await server.srv.app.db.ticket.findUniqueOrThrow({ where: { number: ticketNumber(done) } });
    expect(t.severity).toBe('urgent');
    expect(t.category).toBe('illness');
    await chat.close();
  });
});
