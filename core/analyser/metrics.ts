/**
 * Scoring of analyser output against labelled examples, shared by
 * scripts/eval-nlu.ts and the tests.
 */
import type { Analysis } from './types.js';
import type { Example } from './corpus.js';

/** Precision, recall, F1 and support of one label. */
export interface LabelScore { label: string; precision: number; recall: number; f1: number; support: number }

/** Per-label scores over pairs of (gold, predicted); `null` counts as no label. */
export function perLabel(pairs: [string | null, string | null][], labels: readonly string[]): LabelScore[] {
  return labels.map((label) => {
    const tp = pairs.filter(([g, p]) => g === label && p === label).length;
    const fp = pairs.filter(([g, p]) => g !== label && p === label).length;
    const fn = pairs.filter(([g, p]) => g === label && p !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 1;
    const recall = tp + fn ? tp / (tp + fn) : 1;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
}

/** Macro-F1 over the labels that occur in the gold data. */
export function macroF1(scores: LabelScore[]): number {
  const used = scores.filter((s) => s.support > 0);
  return used.reduce((a, s) => a + s.f1, 0) / (used.length || 1);
}

/** The headline figures of the bar. */
export interface Summary {
  n: number;
  intentAccuracy: number;
  categoryMacroF1: number;
  urgentRecall: number;
  urgentPrecision: number;
  regionExact: number;
  businessExact: number;
}

/** Scores predictions (same order as the examples). */
export function summarise(examples: Example[], predicted: Analysis[], categories: readonly string[]): Summary {
  const n = examples.length;
  const rate = (f: (e: Example, p: Analysis) => boolean) => examples.filter((e, i) => f(e, predicted[i]!)).length / (n || 1);
  const cat = perLabel(examples.map((e, i) => [e.category, predicted[i]!.category]), categories);
  const urgent = perLabel(examples.map((e, i) => [e.severity, predicted[i]!.severity]), ['urgent'])[0]!;
  return {
    n,
    intentAccuracy: rate((e, p) => e.intent === p.intent),
    categoryMacroF1: macroF1(cat),
    urgentRecall: urgent.recall,
    urgentPrecision: urgent.precision,
    regionExact: rate((e, p) => e.region === p.region),
    businessExact: rate((e, p) => e.enterprise === p.enterprise),
  };
}

/** A confusion matrix as text: rows gold, columns predicted. */
export function confusion(pairs: [string, string][], labels: readonly string[]): string {
  const w = Math.max(...labels.map((l) => l.length), 5) + 1;
  const head = ''.padEnd(w) + labels.map((l) => l.slice(0, 7).padStart(8)).join('');
  const rows = labels.map((g) => g.padEnd(w) + labels.map((p) => String(pairs.filter(([a, b]) => a === g && b === p).length).padStart(8)).join(''));
  return [`${'gold \\ predicted'}`, head, ...rows].join('\n');
}
