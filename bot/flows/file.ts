/**
 * Filing a complaint (投诉) or report (举报): what happened, which business,
 * where, when, photos; then for a complaint the name and phone the regulation
 * requires, for a report a phone or anonymity; a summary to confirm; then the
 * ticket, committed before its number is told.
 */
import { districtsOf, isWithin, regionFullName, regionName, findRegion } from '../../core/analyser/regions.js';
import { isWord, words } from '../../core/i18n.js';
import type { Flow, ParseResult, Reply, SlotStep, TurnContext, TurnInput } from '../../core/dialog/types.js';
import { createTicket, ACCEPT_DECISION_WORKING_DAYS } from '../../core/domain/tickets.js';
import { findPhone, parseIncidentTime, parseName, parsePhone } from '../parsers.js';

export const FILE_FLOW = 'file';

type Slots = Record<string, unknown>;

const ok = (value: unknown, also?: Slots): ParseResult => ({ ok: true, value, ...(also ? { also } : {}) });
const fail = (error: string, params?: Record<string, string | number>): ParseResult => ({ ok: false, error, ...(params ? { params } : {}) });

function opt(ctx: TurnContext, key: string, value: string) {
  return { label: ctx.t(`file.options.${key}`), value };
}

/** 不知道叫什么, 不清楚具体地址, not sure … : the answer is "unknown". */
const UNKNOWN_START = /^(我也)?(不知道|不清楚|不记得|记不清|忘了|不确定|没注意)|^(i )?(don'?t|do not) (know|remember)|^not sure|^no idea/i;

/** Free-text answer of a minimum length; "不知道" gives null when allowed. */
function textAnswer(input: TurnInput, min: number, max: number, error: string, allowUnknown: boolean): ParseResult {
  if (input.kind !== 'text' && input.kind !== 'choice') return fail('error.textExpected');
  const s = input.text.trim();
  if (allowUnknown && (isWord(s, 'words.unknown') || UNKNOWN_START.test(s))) return ok(null);
  if ([...s].length < min || [...s].length > max) return fail(error);
  return ok(s);
}

/**
 * A choice among options: by value, by the option's catalog words, or by the
 * first of those words the answer contains and does not negate
 * (我要投诉 → complaint; 不是投诉，是举报 → report).
 */
function choice(input: TurnInput, table: [string, string][]): string | null {
  const s = input.text.trim().toLowerCase();
  for (const [value, wordsKey] of table) {
    if (s === value || isWord(s, wordsKey)) return value;
  }
  let best: { value: string; at: number } | null = null;
  for (const [value, wordsKey] of table) {
    for (const w of words(wordsKey)) {
      if (w.length < 2) continue;
      // A negated mention (不是投诉, 不用匿名, not anonymous) is no choice of it;
      // Latin words count only as whole words ("no" is not in "know").
      const latin = /^[a-z]/.test(w);
      for (let at = s.indexOf(w); at >= 0; at = s.indexOf(w, at + 1)) {
        if (latin && (/[a-z]/.test(s[at - 1] ?? '') || /[a-z]/.test(s[at + w.length] ?? ''))) continue;
        if (/[不别没]|\bnot? $|n't $/.test(s.slice(Math.max(0, at - 4), at))) continue;
        if (!best || at < best.at) best = { value, at };
        break;
      }
    }
  }
  return best?.value ?? null;
}

const steps: SlotStep[] = [
  {
    slot: 'kind',
    ask: (ctx) => ({ text: ctx.t('file.ask.kind'), options: [opt(ctx, 'complaint', 'complaint'), opt(ctx, 'report', 'report')] }),
    parse: (input, ctx) => {
      const v = choice(input, [['complaint', 'words.complaint'], ['report', 'words.report']]);
      return v ? ok(v) : fail('error.choice', { options: `${ctx.t('file.options.complaint')} / ${ctx.t('file.options.report')}` });
    },
  },
  {
    slot: 'description',
    ask: (ctx) => ({ text: ctx.t('file.ask.description') }),
    parse: (input, ctx) => {
      const r = textAnswer(input, 4, 2000, 'error.descriptionShort', false);
      // What the description already says is not asked again.
      return r.ok ? ok(r.value, { ...prefillFrom(ctx), analysis: ctx.analysis }) : r;
    },
  },
  {
    slot: 'business',
    ask: (ctx) => ({ text: ctx.t('file.ask.business') }),
    parse: (input, ctx) => {
      // "一家叫老王烧烤的店" names 老王烧烤; a bare answer is the name itself.
      if (/叫|名字是|店名是|名叫|called|named/i.test(input.text) && ctx.analysis.enterprise) return ok(ctx.analysis.enterprise);
      return textAnswer(input, 2, 50, 'error.business', true);
    },
  },
  {
    slot: 'address',
    ask: (ctx) => ({ text: ctx.t('file.ask.address') }),
    parse: (input, ctx) => {
      if (input.kind === 'location' && input.location) {
        const { latitude, longitude, label } = input.location;
        return ok(label ? `${label} (${latitude.toFixed(5)}, ${longitude.toFixed(5)})` : `${latitude.toFixed(5)}, ${longitude.toFixed(5)}`);
      }
      const r = textAnswer(input, 2, 200, 'error.address', true);
      const region = r.ok && r.value ? findRegion(String(r.value), ctx.config.jurisdiction) : null;
      return r.ok && region ? ok(r.value, { region }) : r;
    },
  },
  {
    slot: 'region',
    ask: (ctx) => ({
      text: ctx.t('file.ask.district'),
      options: districtsOf(ctx.config.jurisdiction).map((d) => ({ label: d.name, value: d.code })),
    }),
    parse: (input, ctx) => {
      const s = input.text.trim();
      if (/^\d{6}$/.test(s) && regionName(s)) return ok(s);
      if (isWord(s, 'words.unknown')) return ok(null);
      const code = findRegion(s, ctx.config.jurisdiction);
      return code ? ok(code) : fail('error.district');
    },
  },
  {
    slot: 'time',
    ask: (ctx) => ({ text: ctx.t('file.ask.time') }),
    parse: (input) => textAnswer(input, 1, 100, 'error.time', true),
  },
  {
    slot: 'photos',
    ask: (ctx, slots) => ({
      text: ctx.t('file.ask.photos'),
      options: [photoCount(slots) ? opt(ctx, 'done', 'done') : opt(ctx, 'none', 'none')],
    }),
    collect: (input, ctx, slots) => {
      if (!input.attachmentIds.length) return null;
      const list = [...((slots.pendingPhotos as string[] | undefined) ?? []), ...input.attachmentIds];
      slots.pendingPhotos = list;
      return { text: ctx.t('file.photoReceived', { n: list.length }), options: [opt(ctx, 'done', 'done')] };
    },
    // Photos are optional: any answer in words moves on ("完成", "没有", but also
    // "有的但是不会发"); a photo sent later is still kept (keepStrayPhotos).
    parse: (input, _ctx, slots) => {
      const pending = (slots.pendingPhotos as string[] | undefined) ?? [];
      delete slots.pendingPhotos;
      return ok(pending);
    },
  },
  {
    slot: 'anonymous',
    when: (s) => s.kind === 'report',
    ask: (ctx) => ({ text: ctx.t('file.ask.anonymous'), options: [opt(ctx, 'realname', 'named'), opt(ctx, 'anonymous', 'anonymous')] }),
    parse: (input, ctx) => {
      const v = choice(input, [['anonymous', 'words.anonymous'], ['named', 'words.realname']]);
      if (v) return ok(v === 'anonymous');
      const phone = parsePhone(input.text);
      if (phone) return ok(false);
      return fail('error.choice', { options: `${ctx.t('file.options.realname')} / ${ctx.t('file.options.anonymous')}` });
    },
  },
  {
    slot: 'name',
    when: (s) => s.kind === 'complaint',
    ask: (ctx) => ({ text: ctx.t('file.ask.name') }),
    parse: (input) => {
      const n = parseName(input.text);
      return n ? ok(n) : fail('error.name');
    },
  },
  {
    slot: 'phone',
    when: (s) => s.kind === 'complaint' || s.anonymous === false,
    ask: (ctx, slots) => ({ text: ctx.t(slots.kind === 'complaint' ? 'file.ask.phone' : 'file.ask.reportPhone') }),
    parse: (input) => {
      const p = parsePhone(input.text) ?? findPhone(input.text);
      return p ? ok(p) : fail('error.phone');
    },
  },
];

/** Slots the analysis of the current text fills: business, district, category. */
export function prefillFrom(ctx: TurnContext): Slots {
  const a = ctx.analysis;
  const out: Slots = {};
  if (a.enterprise) out.business = a.enterprise;
  if (a.region) out.region = a.region;
  return out;
}

function photoCount(slots: Slots): number {
  return ((slots.photos as string[] | undefined) ?? (slots.pendingPhotos as string[] | undefined) ?? []).length;
}

/** An image sent at any other step is kept as evidence too. */
function keepStrayPhotos(step: SlotStep): SlotStep {
  if (step.collect) return step;
  return {
    ...step,
    collect: (input, ctx, slots) => {
      if (!input.attachmentIds.length) return null;
      const key = 'photos' in slots ? 'photos' : 'pendingPhotos';
      const list = [...((slots[key] as string[] | undefined) ?? []), ...input.attachmentIds];
      slots[key] = list;
      const ask = step.ask(ctx, slots);
      return { text: `${ctx.t('file.photoKept', { n: list.length })}\n\n${ask.text}`, ...(ask.options ? { options: ask.options } : {}) };
    },
  };
}

function summary(ctx: TurnContext, slots: Slots): Reply {
  const unknown = ctx.t('file.unknown');
  const contact = slots.anonymous ? ctx.t('file.anonymousContact') : [slots.name, maskPhone(slots.phone as string | undefined)].filter(Boolean).join(' ') || unknown;
  const region = slots.region as string | null | undefined;
  const outside = region && !isWithin(region, ctx.config.jurisdiction) ? ` ${ctx.t('file.outsideJurisdiction')}` : '';
  return {
    text: ctx.t('file.summary', {
      kind: ctx.t(`kind.${slots.kind}`),
      description: String(slots.description),
      business: (slots.business as string | null) ?? unknown,
      address: (slots.address as string | null) ?? unknown,
      district: (regionFullName(region) ?? unknown) + outside,
      time: (slots.time as string | null) ?? unknown,
      photos: photoCount(slots),
      contact,
    }),
    options: [opt(ctx, 'confirm', 'yes'), opt(ctx, 'back', '返回'), opt(ctx, 'cancel', '取消')],
  };
}

/** 138****8000: the citizen sees their own number masked in a summary, as on a receipt. */
function maskPhone(p: string | undefined): string | undefined {
  return p && p.length >= 7 ? `${p.slice(0, 3)}****${p.slice(-4)}` : p;
}

export const fileFlow: Flow = {
  name: FILE_FLOW,
  steps: steps.map(keepStrayPhotos),
  confirm: summary,
  async complete(ctx, slots) {
    const analysis = slots.analysis as TurnContext['analysis'] | undefined;
    const timeText = (slots.time as string | null) ?? null;
    const { ticket, acceptDue } = await createTicket(
      ctx.tx,
      {
        kind: slots.kind as 'complaint' | 'report',
        anonymous: slots.anonymous === true,
        description: String(slots.description),
        category: analysis?.category ?? null,
        severity: analysis?.severity ?? 'normal',
        businessName: (slots.business as string | null) ?? null,
        address: (slots.address as string | null) ?? null,
        regionCode: (slots.region as string | null) ?? null,
        incidentText: timeText,
        incidentAt: timeText ? parseIncidentTime(timeText, ctx.now, ctx.config.timeZone) : null,
        reporterName: (slots.name as string | undefined) ?? null,
        reporterPhone: (slots.phone as string | undefined) ?? null,
        analysis: analysis ?? null,
        contactId: ctx.contactId,
        conversationId: ctx.conversationId,
        attachmentIds: (slots.photos as string[] | undefined) ?? [],
      },
      ctx.now,
      ctx.config.timeZone,
    );
    const lines = [ctx.t('file.done', { number: ticket.number, due: acceptDue, days: ACCEPT_DECISION_WORKING_DAYS })];
    if (ticket.severity === 'urgent') lines.push(ctx.t('file.urgent'));
    return { text: lines.join('\n\n') };
  },
};
