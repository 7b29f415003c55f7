/**
 * The labelled corpus (corpus/*.jsonl, one example a line; a missing
 * category/severity/region/enterprise means null) and its fixed
 * train/held-out split.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Category, Intent, Severity } from './types.js';

/** One labelled message. */
export interface Example {
  text: string;
  intent: Intent;
  category: Category | null;
  severity: Severity | null;
  region: string | null;
  enterprise: string | null;
  /** File it came from, for error reports. */
  source: string;
}

const DIR = fileURLToPath(new URL('./corpus/', import.meta.url));

/** Every example in corpus/, in file then line order. */
export function loadCorpus(dir = DIR): Example[] {
  const out: Example[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    readFileSync(join(dir, file), 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const r = JSON.parse(line) as Partial<Example>;
      if (!r.text || !r.intent) throw new Error(`${file}:${i + 1}: text and intent are required`);
      out.push({ text: r.text, intent: r.intent, category: r.category ?? null, severity: r.severity ?? null, region: r.region ?? null, enterprise: r.enterprise ?? null, source: `${file}:${i + 1}` });
    });
  }
  return out;
}

/** FNV-1a of the text: a stable fold assignment that does not depend on file order. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The fold (0..k-1) an example belongs to. */
export function foldOf(e: Example, k: number): number {
  return hash(e.text) % k;
}

/** Train / held-out split: fold 0 of 5 (about 20 %) is held out. */
export function split(examples: Example[], k = 5, heldOutFold = 0): { train: Example[]; test: Example[] } {
  const train: Example[] = [];
  const test: Example[] = [];
  for (const e of examples) (foldOf(e, k) === heldOutFold ? test : train).push(e);
  return { train, test };
}
