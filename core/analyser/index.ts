/**
 * The message analyser: one call per inbound message, returning the record
 * of core/analyser/types.ts (labels: ../shared/nlu-taxonomy.md).
 *
 * Intent and complaint category come from softmax classifiers trained on
 * corpus/ (model.ts); severity, region, business, ticket and phone numbers
 * from rules and data, where rules are exact or must never miss (a severity
 * classifier may only raise an illness report to urgent).
 *
 * Confidence: the classifiers' probabilities for intent and category; fixed
 * values per rule for severity, region and business (lower where the rule
 * had to guess, e.g. a district name shared by several cities).
 */
import { findTicketNumbers } from './contacts.js';
import { asWritten, extractEnterprise } from './enterprise.js';
import { getModels } from './model.js';
import { normalise, simplify } from './normalise.js';
import { features } from './features.js';
import { locateRegion } from './regions.js';
import { mentionsFood, mentionsIllness, severityOf, urgentCue } from './severity.js';
import type { AnalyseOptions, Analysis, Category, Confidence, Intent, Severity } from './types.js';

export * from './types.js';
export { findTicketNumbers, findPhoneNumbers } from './contacts.js';
export { extractEnterprise } from './enterprise.js';
export { normalise } from './normalise.js';

/** Longer inputs are cut before analysis: the labels are decided early in a message, and cost stays bounded. */
const MAX_CHARS = 2000;

const POSITIVE_EMOJI = /[👍🙏😊😄🙂👌❤💐🌹✌😀😁🤝💪🥰😘]/u;

/** Intents that a report of an outbreak overrides: it is filed as a complaint. */
const OVERRIDABLE: ReadonlySet<Intent> = new Set(['consult', 'other', 'greeting', 'subscribe', 'credit']);

/**
 * Analyses one message. Synchronous; the first call trains the models
 * (see `warmUp`).
 *
 * `analyse('我在老张面馆吃完拉肚子', { jurisdiction: '330100' })` →
 * `{ intent: 'complaint', category: 'illness', severity: 'high', region: null, enterprise: '老张面馆', confidence: {…} }`
 */
export function analyse(text: string, opts: AnalyseOptions = {}): Analysis {
  const t = normalise(text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text);
  const models = getModels();
  const f = features(t);
  const ip = models.intent.classify(f);
  let intent = ip.label;
  let intentConfidence = ip.confidence;
  if (!t) {
    // Nothing but emoji or punctuation: a thumbs-up is a thank-you, anything else is noise.
    intent = POSITIVE_EMOJI.test(text) ? 'greeting' : 'other';
    intentConfidence = text.trim() ? 0.6 : 1;
  } else if (intent !== 'complaint' && (OVERRIDABLE.has(intent) || (intent === 'progress' && mentionsIllness(t) && !findTicketNumbers(t).length)) && urgentCue(t) && mentionsFood(t)) {
    // An outbreak must never be missed: file it, and let the flow confirm.
    intent = 'complaint';
    intentConfidence = Math.max(0.5, ip.ranked.find((r) => r.label === 'complaint')!.p);
  }
  let category: Category | null = null;
  let severity: Severity | null = null;
  const confidence: Confidence = { intent: round(intentConfidence) };
  if (intent === 'complaint') {
    const cp = models.category.classify(f);
    category = cp.label;
    confidence.category = round(cp.confidence);
    // Taxonomy: someone fell ill → illness, whatever else was wrong.
    if (category !== 'illness' && mentionsIllness(t)) {
      category = 'illness';
      confidence.category = round(Math.max(0.6, cp.ranked.find((r) => r.label === 'illness')!.p));
    }
    const pUrgent = models.severity.classify(f).ranked.find((r) => r.label === 'urgent')!.p;
    const s = severityOf(t, category, pUrgent);
    severity = s.severity;
    confidence.severity = s.confidence;
  }
  const enterprise = extractEnterprise(t, intent);
  // A place inside a business name (沙县小吃, 杭州酒家) is not where it happened.
  const region = locateRegion(enterprise ? t.replace(enterprise.name, '，') : t, opts.jurisdiction);
  if (region) confidence.region = region.confidence;
  if (enterprise) confidence.enterprise = enterprise.confidence;
  return { intent, category, severity, region: region?.code ?? null, enterprise: enterprise ? asWritten(enterprise.name, text.slice(0, MAX_CHARS), simplify) : null, confidence };
}

/** Trains the models now instead of on the first `analyse` call. */
export function warmUp(): void {
  getModels();
  analyse('你好');
}

const round = (x: number) => Math.round(x * 1000) / 1000;
