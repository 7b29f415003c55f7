import { describe, expect, it } from 'vitest';
import { findPhone, findTimePhrase, parseIncidentTime, parseName, parsePhone } from './parsers.js';

const TZ = 'Asia/Shanghai';
const now = new Date('2026-11-29T10:00:00+08:00'); // a Sunday

describe('parsers', () => {
  it.each([
    ['13800138000', '13800138000'],
    ['138 0013 8000', '13800138000'],
    ['+86 138-0013-8000', '13800138000'],
    ['0571-87654321', '057187654321'],
    ['12800138000', null],
    ['1380013800', null],
    ['电话', null],
  ])('phone %s → %s', (input, want) => expect(parsePhone(input)).toBe(want));

  it('finds a phone inside a sentence', () => {
    expect(findPhone('我的电话是13912345678，谢谢')).toBe('13912345678');
    expect(findPhone('订单号 213912345678901')).toBeNull();
  });

  it.each([
    ['张三', '张三'],
    ['我叫欧阳娜娜', '欧阳娜娜'],
    ['阿卜杜·热合曼', '阿卜杜·热合曼'],
    ['John Smith', 'John Smith'],
    ['我姓王，叫王小明', '王小明'],
    ['姓名：李四。', '李四'],
    ['my name is Anna Lee', 'Anna Lee'],
    ['张', null],
    ['13800138000', null],
  ])('name %s → %s', (input, want) => expect(parseName(input)).toBe(want));

  it.each([
    ['昨天晚上7点', '2026-11-28T19:00'],
    ['前天中午', '2026-11-27T12:00'],
    ['11月27日', '2026-11-27T12:00'],
    ['十一月二十日上午', '2026-11-20T09:00'],
    ['2026-11-03', '2026-11-03T12:00'],
    ['上周五', '2026-11-20T12:00'],
    ['12月25日', '2025-12-25T12:00'],
    ['今天', '2026-11-29T10:00'],
    ['yesterday', '2026-11-28T12:00'],
  ])('incident time %s → %s (Beijing time)', (input, want) => {
    const at = parseIncidentTime(input, now, TZ)!;
    const local = new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
    expect(local).toBe(want);
  });

  it('gives no time for words that name none', () => {
    expect(parseIncidentTime('不记得了', now, TZ)).toBeNull();
    expect(findTimePhrase('在西湖区老张面馆吃出了头发')).toBeNull();
    expect(findTimePhrase('我昨天晚上7点在老张面馆吃面')).toBe('昨天晚上7点');
  });
});
