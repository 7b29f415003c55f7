import { beforeAll, describe, expect, it } from 'vitest';
import { analyse, CONFIDENCE_THRESHOLD, warmUp } from './index.js';

const J = { jurisdiction: '330100' };

beforeAll(() => warmUp());

describe('analyse', () => {
  it('fills a complaint record from one message', () => {
    const a = analyse('我在杭州市西湖区一家叫甜蜜蜜的奶茶店买的奶茶里有一只苍蝇', J);
    expect(a).toMatchObject({ intent: 'complaint', category: 'foreign_object', severity: 'normal', region: '330106', enterprise: '甜蜜蜜' });
    expect(a.confidence.intent).toBeGreaterThan(CONFIDENCE_THRESHOLD);
    expect(a.confidence.region).toBeGreaterThan(0);
  });

  it('leaves category and severity null outside complaints', () => {
    const a = analyse('隔夜菜还能吃吗', J);
    expect(a).toMatchObject({ intent: 'consult', category: null, severity: null });
    expect(a.confidence.category).toBeUndefined();
  });

  it.each([
    ['查一下 TS20261129-0001', 'progress'],
    ['听说虾和维C一起吃会砒霜中毒是真的吗', 'rumor'],
    ['XX超市有没有被处罚过', 'credit'],
    ['我想接收西湖区的食品安全预警', 'subscribe'],
    ['你好', 'greeting'],
    ['明天天气怎么样', 'other'],
  ])('%s → %s', (text, intent) => {
    expect(analyse(text, J).intent).toBe(intent);
  });

  it('reads Traditional Chinese and English', () => {
    expect(analyse('我在拱墅區的全家便利店買的飯糰已經過期兩天了', J)).toMatchObject({ intent: 'complaint', category: 'spoiled', region: '330105' });
    expect(analyse('I got food poisoning after eating at Lucky Star Restaurant in Binjiang', J)).toMatchObject({
      intent: 'complaint', category: 'illness', severity: 'high', region: '330108', enterprise: 'Lucky Star Restaurant',
    });
  });

  it('reports a Traditional business name as written', () => {
    expect(analyse('這家餐廳有沒有被罰過？叫金滿堂', J)).toMatchObject({ intent: 'credit', enterprise: '金滿堂' });
  });

  it('marks an illness as illness whatever else was wrong', () => {
    expect(analyse('面包发霉了 我吃了以后拉肚子', J).category).toBe('illness');
  });

  it.each([
    '我们宿舍四个人吃了同一家的外卖全都拉肚子了',
    '吃了路边摊的烤串 现在在医院挂水',
    '幼儿园好多小朋友发烧呕吐',
    '我发现一个地沟油加工的作坊 每天晚上收泔水炼油',
    'several kids at my son\'s school are vomiting after lunch, please check the canteen',
    '食堂吃完饭有五六个工人肚子痛 这个要去哪里说',
  ])('never misses an urgent report: %s', (text) => {
    expect(analyse(text, J)).toMatchObject({ intent: 'complaint', severity: 'urgent' });
  });

  it('does not raise an alarm for one person or for figures of speech', () => {
    expect(analyse('吃了那家的凉皮以后肚子一直不舒服', J).severity).toBe('high');
    expect(analyse('菜里有只蟑螂 恶心死了', J).severity).toBe('normal');
  });

  it('gives an empty or emoji-only message a record rather than failing', () => {
    expect(analyse('', J)).toMatchObject({ intent: 'other', category: null, region: null, enterprise: null });
    expect(analyse('👍', J).intent).toBe('greeting');
  });

  it('returns the same record for the same text', () => {
    const text = '萧山区一家叫好味道的饭店，我们一家三口吃完都拉肚子';
    expect(analyse(text, J)).toEqual(analyse(text, J));
  });
});
