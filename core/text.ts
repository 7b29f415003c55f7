/**
 * Normalises inbound text before anything reads it: Traditional Chinese is
 * folded to Simplified (opencc-js), full-width letters and digits become
 * half-width (NFKC), and runs of white space collapse.
 */
import * as OpenCC from 'opencc-js/t2cn';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

export function normalizeText(text: string): string {
  return toSimplified(text.normalize('NFKC')).replace(/[\s\u3000]+/g, ' ').trim();
}

const CJK = /[\u3400-\u9fff]/;

/** Does the text read as English (Latin words, no Chinese characters)? */
export function looksEnglish(text: string): boolean {
  if (CJK.test(text)) return false;
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 2 || (words.length === 1 && words[0]!.length >= 4 && !/^(TS\d)/i.test(text));
}
