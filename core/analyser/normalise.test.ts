import { describe, expect, it } from 'vitest';
import { normalise } from './normalise.js';

describe('normalise', () => {
  it('folds Traditional to Simplified, full-width to half-width, and drops emoji', () => {
    expect(normalise('臺北的餐廳，吃出頭髮😡！')).toBe('台北的餐厅,吃出头发 !');
    expect(normalise('ＴＳ２０２６　麵包發霉')).toBe('TS2026 面包发霉');
  });

  it('keeps English case (names are reported as written)', () => {
    expect(normalise('  Lucky Star   Restaurant ')).toBe('Lucky Star Restaurant');
  });
});
