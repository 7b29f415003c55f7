/**
 * The time-limit policy (办理时限): per ticket kind and stage, in working or
 * calendar days, with its legal source. Data, not code: an office switches to
 * other rules (e.g. the 2026 《市场监督管理投诉举报处理办法》) by editing a
 * copy of time-limits.json and pointing TIME_LIMIT_POLICY at it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { addWorkingDays, endOfLocalDay, localDate } from '../workdays.js';
import type { TicketKind } from './lifecycle.js';

export const DEFAULT_POLICY_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'time-limits.json');

export interface StageLimit {
  label: string;
  kinds: TicketKind[];
  days: number;
  unit: 'working' | 'calendar';
  /** The event the period counts from: "received" | "accepted" | "caseDecision". */
  from: string;
  /** Days a stage may be extended by, once. */
  extensionDays?: number;
  basis?: string;
}

export interface TimeLimitPolicy {
  name: string;
  /** The legal source, shown in the admin web. */
  source: string;
  /** A ticket is "due soon" this many working days before its limit. */
  dueSoonWorkingDays: number;
  stages: Record<string, StageLimit>;
  rejectReasons: { code: string; label: string }[];
}

const schema = {
  type: 'object',
  required: ['name', 'source', 'dueSoonWorkingDays', 'stages', 'rejectReasons'],
  properties: {
    name: { type: 'string', minLength: 1 },
    source: { type: 'string', minLength: 1 },
    dueSoonWorkingDays: { type: 'integer', minimum: 0, maximum: 30 },
    stages: {
      type: 'object',
      required: ['accept'],
      additionalProperties: {
        type: 'object',
        required: ['label', 'kinds', 'days', 'unit', 'from'],
        properties: {
          label: { type: 'string' },
          kinds: { type: 'array', minItems: 1, items: { enum: ['complaint', 'report'] } },
          days: { type: 'integer', minimum: 1, maximum: 3650 },
          unit: { enum: ['working', 'calendar'] },
          from: { type: 'string' },
          extensionDays: { type: 'integer', minimum: 1, maximum: 3650 },
          basis: { type: 'string' },
        },
      },
    },
    rejectReasons: {
      type: 'array',
      minItems: 1,
      items: { type: 'object', required: ['code', 'label'], properties: { code: { type: 'string', minLength: 1 }, label: { type: 'string', minLength: 1 } } },
    },
  },
} as const;

const validate = new Ajv({ allErrors: true }).compile(schema);

/** Reads and validates a policy file; throws naming the file and the bad field. */
export function loadTimeLimitPolicy(file = DEFAULT_POLICY_FILE): TimeLimitPolicy {
  const data = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`time-limit policy ${file}: ${e?.instancePath || '/'} ${e?.message ?? 'is invalid'}`);
  }
  return data as unknown as TimeLimitPolicy;
}

/** The stage a ticket of this kind enters once accepted (mediation for a complaint, check for a report). */
export function stageAfterAccept(policy: TimeLimitPolicy, kind: string): string | null {
  const entry = Object.entries(policy.stages).find(([, s]) => s.from === 'accepted' && (s.kinds as string[]).includes(kind));
  return entry ? entry[0] : null;
}

/** The end of the day the stage's limit falls on, counting from `start`. */
export function stageDue(policy: TimeLimitPolicy, stage: string, start: Date, timeZone: string, extraDays = 0): Date {
  const s = policy.stages[stage];
  if (!s) throw new Error(`time-limit policy has no stage "${stage}"`);
  const days = s.days + extraDays;
  let ymd: string;
  if (s.unit === 'working') ymd = addWorkingDays(start, days, timeZone);
  else {
    const d = new Date(`${localDate(start, timeZone)}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    ymd = d.toISOString().slice(0, 10);
  }
  return endOfLocalDay(ymd, timeZone);
}

/** "ok" | "soon" | "overdue" for a limit at `due`, seen at `now`. */
export function dueState(policy: TimeLimitPolicy, due: Date | null, now: Date, timeZone: string): 'ok' | 'soon' | 'overdue' {
  if (!due) return 'ok';
  if (now.getTime() > due.getTime()) return 'overdue';
  const soonLine = addWorkingDays(now, policy.dueSoonWorkingDays, timeZone);
  return localDate(due, timeZone) <= soonLine ? 'soon' : 'ok';
}
