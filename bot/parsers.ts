import { findPhoneNumbers } from '../core/analyser/contacts.js';

/**
 * Validators and extractors for what citizens type: phone numbers, names,
 * incident times in everyday words. Each returns null when the input is not
 * of its kind.
 */

/** Mainland mobile (13800138000, +86 138 0013 8000) or landline with area code (0571-87654321). */
export function parsePhone(text: string): string | null {
  const s = text.replace(/[\s()（）-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return s;
  if (/^0\d{2,3}\d{7,8}$/.test(s)) return s;
  return null;
}

/** The first mobile number anywhere in a text (the analyser's rule). */
export function findPhone(text: string): string | null {
  return findPhoneNumbers(text)[0] ?? null;
}

/**
 * A person's name: 2–20 CJK characters (· allowed), or 2–40 Latin letters
 * and spaces; taken from a sentence that introduces it (我叫张三, 我姓王，叫王小明,
 * 姓名：李四, my name is John Smith).
 */
export function parseName(text: string): string | null {
  let s = text.trim().replace(/[。.!！~～]+$/u, '').trim();
  const intro = /(?:我叫|叫我|我是|名字是|名字叫|姓名是|姓名[:：]?|名字[:：]?|叫|my name is|i am|i'm|this is)\s*([^,，;；]+)$/i.exec(s);
  if (intro) s = intro[1]!.trim();
  if (/^[\u4e00-\u9fa5·•]{2,20}$/.test(s)) return s;
  if (/^[A-Za-z][A-Za-z .'-]{1,39}$/.test(s) && !/\b(no|none|not|don'?t|skip)\b/i.test(s)) return s;
  return null;
}

const CN_NUM: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function cnToInt(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s.length === 1) return CN_NUM[s] ?? NaN;
  if (s.startsWith('十')) return 10 + (CN_NUM[s[1]!] ?? 0);
  if (s.endsWith('十')) return (CN_NUM[s[0]!] ?? NaN) * 10;
  if (s.length === 3 && s[1] === '十') return (CN_NUM[s[0]!] ?? NaN) * 10 + (CN_NUM[s[2]!] ?? NaN);
  return NaN;
}

/** Calendar parts of an instant in a time zone. */
function partsIn(at: Date, timeZone: string) {
  const f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short' }).formatToParts(at);
  const get = (t: string) => f.find((p) => p.type === t)!.value;
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), wd: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday')) };
}

/** An instant for a local wall time in a zone (China has no DST). */
function atLocal(y: number, m: number, d: number, hour: number, timeZone: string): Date {
  const guess = new Date(Date.UTC(y, m - 1, d, hour));
  const local = new Date(guess.toLocaleString('en-US', { timeZone }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (local.getTime() - utc.getTime()));
}

const DAY_WORDS: [RegExp, number][] = [
  [/大前天/, -3],
  [/前天|the day before yesterday/i, -2],
  [/昨天|昨晚|昨日|yesterday|last night/i, -1],
  [/今天|今早|今晚|今日|刚才|刚刚|中午|today|tonight|this morning|just now/i, 0],
];

/**
 * The time of an incident as people say it (昨天晚上7点, 11月27日中午,
 * 2026-11-27, 上周五, yesterday), or null. Never in the future.
 */
export function parseIncidentTime(text: string, now: Date, timeZone: string): Date | null {
  const today = partsIn(now, timeZone);
  let y = today.y;
  let m = today.m;
  let d: number | null = null;

  const iso = /(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/.exec(text);
  const md = /(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})[日号]/.exec(text);
  const lastWeek = /上(?:个)?(?:周|星期|礼拜)([一二三四五六日天])/.exec(text);
  if (iso) {
    [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (md) {
    [m, d] = [cnToInt(md[1]!), cnToInt(md[2]!)];
    if (m > today.m || (m === today.m && d > today.d)) y -= 1;
  } else if (lastWeek) {
    const target = '日一二三四五六'.indexOf(lastWeek[1] === '天' ? '日' : lastWeek[1]!);
    const back = ((today.wd - target + 7) % 7) + 7;
    const base = atLocal(today.y, today.m, today.d, 12, timeZone);
    const p = partsIn(new Date(base.getTime() - back * 86_400_000), timeZone);
    [y, m, d] = [p.y, p.m, p.d];
  } else {
    const rel = DAY_WORDS.find(([re]) => re.test(text));
    if (!rel) return null;
    const base = atLocal(today.y, today.m, today.d, 12, timeZone);
    const p = partsIn(new Date(base.getTime() + rel[1] * 86_400_000), timeZone);
    [y, m, d] = [p.y, p.m, p.d];
  }
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;

  let hour = 12;
  const clock = /(\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:点|时|:\d{2}|am|pm)/i.exec(text);
  if (clock) hour = cnToInt(clock[1]!);
  if (/下午|晚上|傍晚|夜里|pm|evening|night/i.test(text) && hour < 12) hour += 12;
  else if (!clock && /早上|上午|早饭|早餐|morning/i.test(text)) hour = 9;
  else if (!clock && /中午|午饭|午餐|noon|lunch/i.test(text)) hour = 12;
  if (!(hour >= 0 && hour <= 23)) hour = 12;
  const at = atLocal(y, m, d, hour, timeZone);
  return at.getTime() > now.getTime() ? now : at;
}

const TIME_PHRASE =
  /(大前天|前天|昨天|昨晚|昨日|今天|今早|今晚|今日|刚才|刚刚|上(?:个)?(?:周|星期|礼拜)[一二三四五六日天]|\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}[日号]?|(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号])(?:早上|上午|中午|下午|晚上|傍晚|夜里)?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})[点时](?:半|\d{1,2}分)?)?|\b(?:yesterday|today|tonight|last night|this morning)\b/i;

/** The words naming a time in a text (昨天晚上7点), or null. */
export function findTimePhrase(text: string): string | null {
  return TIME_PHRASE.exec(text)?.[0] ?? null;
}

/** 2026-11-29 10:05 in the given zone. */
export function formatTime(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at);
}
