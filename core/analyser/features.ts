/**
 * Features for the statistical classifiers: jieba words, Han characters and
 * character bigrams (robust to typos and to words jieba splits differently), Porter
 * stems of English words, and placeholder tokens for ticket numbers, phone
 * numbers and other numbers. Input must already be normalised.
 */
import { createRequire } from 'node:module';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const require = createRequire(import.meta.url);
// The stemmer module alone: importing `natural` whole costs ~0.7 s and prints to stdout.
const stemmer: { stem(word: string): string } = require('natural/lib/natural/stemmers/porter_stemmer.js');

const cueData: Record<string, string> = require('./data/cues.json');
const CUES = Object.entries(cueData).filter(([k]) => !k.startsWith('_')).map(([name, re]) => ['cue:' + name, new RegExp(re, 'i')] as const);

let jieba: Jieba | null = null;

/** The shared jieba segmenter, created on first use (~150 ms). */
export function segmenter(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Jieba words of a normalised text, punctuation and spaces dropped. */
export function words(text: string): string[] {
  return segmenter().cut(text, true).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

const TICKET = /ts\d{8}-\d{4}/gi;
const PHONE = /(?<!\d)1[3-9]\d{9}(?!\d)/g;
const HAN_RUN = /\p{Script=Han}+/gu;
const STOP_EN = new Set(['the', 'a', 'an', 'and', 'or', 'to', 'of', 'in', 'on', 'at', 'is', 'it', 'i', 'my', 'me', 'was', 'for', 'from', 'with', 'this', 'that']);

/** The feature tokens of a normalised text (with duplicates; callers may dedupe). */
export function features(text: string): string[] {
  const t = text.toLowerCase().replace(TICKET, ' 〔ticket〕 ').replace(PHONE, ' 〔phone〕 ');
  const out: string[] = [];
  for (const w of words(t)) {
    if (/^[a-z][a-z'-]*$/.test(w)) {
      if (!STOP_EN.has(w)) out.push('e:' + stemmer.stem(w.replace(/'s$/, '')));
    } else if (/^\d+$/.test(w)) out.push('〔num〕');
    else out.push(w);
  }
  if (t.includes('〔ticket〕')) out.push('〔ticket〕');
  for (const run of t.match(HAN_RUN) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push('b:' + run.slice(i, i + 2));
    for (const ch of run) out.push('u:' + ch);
  }
  for (const [name, re] of CUES) if (re.test(t)) out.push(name);
  const len = [...t].length;
  out.push(len <= 4 ? 'len:tiny' : len <= 10 ? 'len:short' : len <= 40 ? 'len:mid' : 'len:long');
  if (!out.length) out.push('〔empty〕');
  return out;
}
