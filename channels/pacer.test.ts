import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer.js';

describe('Pacer', () => {
  it('spaces sends per chat and overall, in call order', () => {
    let now = 1_000;
    const p = new Pacer({ globalMs: 34, now: () => now });
    expect(p.reserve('a', 1000)).toBe(0);
    expect(p.reserve('b', 1000)).toBe(34); // another chat: only the global gap
    expect(p.reserve('a', 1000)).toBe(1000); // same chat: one a second
    now += 1000;
    expect(p.reserve('c', 1000)).toBe(34); // global slot after a's second send
  });

  it('pause pushes every slot back', () => {
    const now = 0;
    const p = new Pacer({ globalMs: 10, now: () => now });
    p.pause(5000);
    expect(p.reserve('x', 1000)).toBe(5000);
  });
});
