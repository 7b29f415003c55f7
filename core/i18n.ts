/**
 * Message catalogs: every text the bot says lives in bot/texts/<locale>.json,
 * never in code. Keys are dotted paths; `{name}` placeholders are filled from
 * params.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

type Catalog = { [key: string]: string | string[] | Catalog };

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../bot/texts');
const catalogs: Record<Locale, Catalog> = {
  'zh-CN': JSON.parse(readFileSync(path.join(dir, 'zh-CN.json'), 'utf8')),
  en: JSON.parse(readFileSync(path.join(dir, 'en.json'), 'utf8')),
};

export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

function lookup(locale: Locale, key: string): string | string[] | Catalog | undefined {
  let node: string | string[] | Catalog | undefined = catalogs[locale];
  for (const part of key.split('.')) {
    if (!node || typeof node === 'string' || Array.isArray(node)) return undefined;
    node = node[part];
  }
  return node;
}

/** The text for a key, with `{param}`s filled; falls back to zh-CN, then to the key itself. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  let node = lookup(locale, key) ?? lookup('zh-CN', key);
  if (Array.isArray(node)) node = node.join('\n');
  if (typeof node !== 'string') return key;
  return node.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** A list of words from the catalog (e.g. the words that mean "yes"), in every locale. */
export function words(key: string): string[] {
  const out: string[] = [];
  for (const l of LOCALES) {
    const node = lookup(l, key);
    if (Array.isArray(node)) out.push(...node.map((w) => w.toLowerCase()));
  }
  return out;
}

/** Is the whole message one of the catalog's words for `key` (ignoring case and end punctuation)? */
export function isWord(text: string, key: string): boolean {
  const s = text.trim().toLowerCase().replace(/[。.!！?？~～,，]+$/u, '');
  return words(key).includes(s);
}
