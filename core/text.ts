/**
 * Inbound text, read once before anything else: normalisation is the
 * analyser's (Traditional → Simplified, full-width → half-width, emoji and
 * control characters dropped, white space collapsed), so flows and the
 * analyser see the same text.
 */
export { normalise as normalizeText } from './analyser/normalise.js';

const CJK = /[\u3400-\u9fff]/;

/** Does the text read as English (Latin words, no Chinese characters)? */
export function looksEnglish(text: string): boolean {
  if (CJK.test(text)) return false;
  const words = text.match(/[A-Za-z]{2,}/g) ?? [];
  return words.length >= 2 || (words.length === 1 && words[0]!.length >= 4 && !/^(TS\d)/i.test(text));
}
