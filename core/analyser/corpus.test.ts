import { describe, expect, it } from 'vitest';
import { loadCorpus, split } from './corpus.js';
import { divisions } from './regions.js';
import { CATEGORIES, INTENTS, SEVERITIES } from './types.js';

const corpus = loadCorpus();

describe('corpus', () => {
  it('labels every example with the taxonomy’s labels', () => {
    for (const e of corpus) {
      expect(INTENTS, e.source).toContain(e.intent);
      if (e.intent === 'complaint') {
        expect(CATEGORIES, e.source).toContain(e.category);
        expect(SEVERITIES, e.source).toContain(e.severity);
      } else {
        expect([e.category, e.severity], e.source).toEqual([null, null]);
      }
      if (e.region) expect(divisions.has(e.region), `${e.source} ${e.region}`).toBe(true);
    }
  });

  it('has no duplicate messages and covers every label', () => {
    expect(new Set(corpus.map((e) => e.text)).size).toBe(corpus.length);
    for (const i of INTENTS) expect(corpus.filter((e) => e.intent === i).length, i).toBeGreaterThan(30);
    for (const c of CATEGORIES) expect(corpus.filter((e) => e.category === c).length, c).toBeGreaterThan(30);
  });

  it('splits the same way every time, about a fifth held out', () => {
    const a = split(corpus);
    expect(split(corpus).test.map((e) => e.text)).toEqual(a.test.map((e) => e.text));
    expect(a.test.length / corpus.length).toBeGreaterThan(0.15);
    expect(a.test.length / corpus.length).toBeLessThan(0.25);
  });
});
