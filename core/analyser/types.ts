/**
 * The analyser's record for one inbound message: the contract between the
 * analyser, the dialog flows, triage and the evaluation
 * (labels: ../shared/nlu-taxonomy.md).
 */
export const INTENTS = ['complaint', 'progress', 'consult', 'rumor', 'credit', 'subscribe', 'greeting', 'other'] as const;
export type Intent = (typeof INTENTS)[number];

export const CATEGORIES = ['spoiled', 'foreign_object', 'illness', 'hygiene', 'unlicensed', 'additive', 'labeling', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const SEVERITIES = ['urgent', 'high', 'normal'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Confidence in [0, 1] for each label that was filled. */
export interface Confidence {
  intent: number;
  category?: number;
  severity?: number;
  region?: number;
  enterprise?: number;
}

export interface Analysis {
  intent: Intent;
  /** Only for `complaint`, else null. */
  category: Category | null;
  /** Only for `complaint`, else null. */
  severity: Severity | null;
  /** GB/T 2260 code of the most specific division named, or null. */
  region: string | null;
  /** The business's own name as written, or null. */
  enterprise: string | null;
  confidence: Confidence;
}

export interface AnalyseOptions {
  /** GB/T 2260 code of the configured jurisdiction; breaks ties between same-named districts. */
  jurisdiction?: string;
}

/** Below this confidence a flow asks a clarifying question instead of guessing. */
export const CONFIDENCE_THRESHOLD = 0.5;
