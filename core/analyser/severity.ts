/**
 * Severity (智能分级) by rule: the taxonomy defines it by facts that rules
 * find reliably (how many people fell ill, hospital, school, scale), and an
 * urgent report must never be missed, so these cues lean towards alarm.
 * Cue patterns live in data/severity.json.
 */
import { createRequire } from 'node:module';
import type { Category, Severity } from './types.js';

const require = createRequire(import.meta.url);
const raw: Record<string, string> = require('./data/severity.json');
const cue = (name: string) => new RegExp(raw[name]!, 'i');

const ILLNESS = cue('illness');
const PLURAL = cue('plural');
const HOSPITAL = cue('hospital');
const ADMITTED = /住院|送医|急诊|icu|抢救|进.{0,2}医院|送.{0,4}医院|在医院|in hospital|hospitali[sz]|\ber\b|emergency/i;
const DEATH = cue('death');
const INSTITUTION = cue('institution');
const SCHOOL = cue('school');
const LARGE_SCALE = cue('largeScale');
const DANGEROUS = cue('dangerous');
const ILLEGAL_ADDITIVE = cue('illegalAdditive');
const FOOD_CONTEXT = cue('foodContext');

/** Does the (normalised) text talk about eating or food at all? */
export function mentionsFood(text: string): boolean {
  return FOOD_CONTEXT.test(text);
}

/** Classifier probability of `urgent` above which a complaint is urgent even without a rule cue. */
export const URGENT_BAR = Number(process.env.WST_URGENT_BAR ?? 0.6);

/** Does the (normalised) text say someone fell ill? */
export function mentionsIllness(text: string): boolean {
  return ILLNESS.test(text);
}

/**
 * Facts that make a report urgent whatever its intent looks like: two or more
 * ill, anyone in hospital or dead, an outbreak at a school, kindergarten or
 * canteen, a large-scale hazard such as a gutter-oil workshop.
 */
export function urgentCue(text: string): boolean {
  const ill = ILLNESS.test(text);
  if (ill && PLURAL.test(text)) return true;
  if (HOSPITAL.test(text) && (ill || ADMITTED.test(text))) return true;
  if (DEATH.test(text) && (ill || /吃|食|饭|eat|food/i.test(text))) return true;
  if (INSTITUTION.test(text) && ill) return true;
  // A blade or glass in children's food is treated as urgent even for one child.
  if (SCHOOL.test(text) && DANGEROUS.test(text)) return true;
  return LARGE_SCALE.test(text);
}

/** Severity of a complaint, given its (normalised) text, category and the classifier's P(urgent). */
export function severityOf(text: string, category: Category, pUrgent = 0): { severity: Severity; confidence: number } {
  if (urgentCue(text)) return { severity: 'urgent', confidence: 0.9 };
  // The classifier's second opinion can only raise the alarm, at a low bar: a missed outbreak costs more than a false alarm.
  if (pUrgent >= URGENT_BAR && category === 'illness' && ILLNESS.test(text)) return { severity: 'urgent', confidence: Math.round(pUrgent * 100) / 100 };
  if (category === 'illness' || ILLNESS.test(text)) return { severity: 'high', confidence: 0.85 };
  if (DANGEROUS.test(text) && (category === 'foreign_object' || category === 'other')) return { severity: 'high', confidence: 0.8 };
  if (category === 'additive' && ILLEGAL_ADDITIVE.test(text)) return { severity: 'high', confidence: 0.8 };
  if (category === 'additive') return { severity: 'normal', confidence: 0.5 };
  return { severity: 'normal', confidence: 0.75 };
}
