/**
 * Text normalisation before any analysis: Traditional → Simplified
 * (opencc-js), full-width → half-width (NFKC), emoji and control characters
 * removed, whitespace collapsed. Case is kept: business names are reported
 * as written, so lower-casing happens only in the feature extractor.
 */
import * as OpenCC from 'opencc-js/t2cn';

// 'hk' folds both Taiwan and Hong Kong variants well enough for folding to cn.
const toSimplified = OpenCC.Converter({ from: 'hk', to: 'cn' });

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u{FE0F}\u{200D}\u{20E3}\u{1F3FB}-\u{1F3FF}]/gu;
const CONTROL = /[\p{Cc}\p{Cf}]/gu;
const HAN = /\p{Script=Han}/u;

/** Traditional → Simplified alone (no width or emoji changes); keeps length. */
export function simplify(text: string): string {
  return HAN.test(text) ? toSimplified(text) : text;
}

/**
 * The normalised text: 臺北的餐廳，吃出頭髮😡 → 台北的餐厅,吃出头发.
 * Length is not preserved.
 */
export function normalise(text: string): string {
  let t = text.normalize('NFKC').replace(EMOJI, ' ').replace(CONTROL, ' ');
  if (HAN.test(t)) t = toSimplified(t);
  return t.replace(/\s+/g, ' ').trim();
}
