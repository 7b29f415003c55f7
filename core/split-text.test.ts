import { describe, expect, it } from 'vitest';
import { splitText } from './split-text.js';

describe('splitText', () => {
  it('keeps a short text whole', () => {
    expect(splitText('你好。', 10)).toEqual(['你好。']);
  });

  it('cuts at the last sentence end that fits, and loses nothing', () => {
    const text = '第一句话说完了。第二句也说完了。第三句很长很长很长。';
    const parts = splitText(text, 17);
    expect(parts).toEqual(['第一句话说完了。第二句也说完了。', '第三句很长很长很长。']);
    expect(parts.join('')).toBe(text);
  });

  it('falls back to a hard cut without sentence ends, never over the limit', () => {
    const text = '啊'.repeat(10_000);
    const parts = splitText(text, 4096);
    expect(parts.map((p) => p.length)).toEqual([4096, 4096, 1808]);
  });

  it('never splits a surrogate pair', () => {
    const text = 'a'.repeat(9) + '😀' + 'b'.repeat(5);
    const parts = splitText(text, 10);
    expect(parts[0]).toBe('a'.repeat(9));
    expect(parts.join('')).toBe(text);
  });
});
