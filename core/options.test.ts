import { describe, expect, it } from 'vitest';
import { matchOption, renderNumbered } from './options.js';

const options = [
  { label: '投诉', value: 'complaint' },
  { label: '举报', value: 'report' },
];

describe('numbered options', () => {
  it('renders the options under the text', () => {
    expect(renderNumbered('请选择：', options)).toBe('请选择：\n\n1. 投诉\n2. 举报');
  });

  it.each([
    ['2', 'report'],
    ['２', 'report'],
    ['1。', 'complaint'],
    ['第1个', 'complaint'],
    ['举报', 'report'],
  ])('"%s" picks %s', (text, value) => {
    expect(matchOption(text, options)?.value).toBe(value);
  });

  it.each(['3', '0', '我要举报', '13800138000'])('"%s" picks nothing', (text) => {
    expect(matchOption(text, options)).toBeNull();
  });
});
