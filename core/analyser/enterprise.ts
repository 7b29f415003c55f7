/**
 * Business-name extraction (the `enterprise` label): the business's own name
 * as written, without the place and the descriptive words around it.
 * 一家叫甜蜜蜜的奶茶店 → 甜蜜蜜; 建德市百姓超市 → 百姓超市; 楼下那家快餐店 → null.
 * Word lists live in data/enterprise.json.
 */
import { createRequire } from 'node:module';
import { segmenter } from './features.js';
import { findRegion } from './regions.js';

const require = createRequire(import.meta.url);
const data: { brands: string[]; shopWords: string[]; generic: string[]; cut: string[]; platforms: string[] } = require('./data/enterprise.json');

const byLength = (a: string, b: string) => b.length - a.length;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alt = (words: string[]) => [...words].sort(byLength).map(escape).join('|');

const SHOP = alt(data.shopWords);
const GENERIC = new Set(data.generic);
const CUT = alt(data.cut);
const PLATFORMS = new Set(data.platforms.map((p) => p.toLowerCase()));
// Case-sensitive: lower-case 'metro' is a train, 'Metro' the cash-and-carry.
const BRAND = new RegExp(`(${alt(data.brands)})(?!人|都|老小|大小|一起|[一二三四五六七八九十两几]口)((?:${SHOP}))?`, 'u');
/** 叫甜蜜蜜的 / 名叫「甜蜜蜜」 / 店名是甜蜜蜜 */
const CALLED = /(?:名叫|叫做|叫作|名字叫|名字是|店名是|店名叫|招牌是|商家是|商家叫|店家是|店家叫|老板是|叫)[「“"'《]?([\p{Script=Han}A-Za-z0-9·&' ]{2,16}?)[」”"'》]?(?=的|,|,|。|\s|$|店|餐厅|饭店|超市|有|卖|在|被)/u;
const SHOP_AT_START = new RegExp(`^(?:${SHOP})`, 'u');
const SHOP_CONTEXT = new RegExp(`${SHOP}|家|商家|餐|饭`, 'u');
const QUOTED = /[「“《]([^」”》]{2,16})[」”》]/u;
/** A run of Han characters ending in a shop word: the candidate is cut from its right end. */
const SHOP_RUN = new RegExp(`([\\p{Script=Han}A-Za-z0-9]{0,10}?)(${SHOP})`, 'gu');
const CUT_TAIL = new RegExp(`^.*(?:${CUT})`, 'u');
/** An English business name: capitalised words ending in a shop word. */
const EN_SHOP = /\b((?:[A-Z][\w'&-]*\s+){0,4}(?:Restaurant|Cafe|Café|Kitchen|Bakery|House|Bar|Diner|Grill|Bistro|Noodles?|Supermarket|Mart|Store|Shop|Hotpot|BBQ|Canteen|Eatery|Dumplings?|Tea))\b/;
const COUNTRIES = /^(New Zealand|Australia|Japan|Korea|South Korea|Thailand|Vietnam|America|the US|USA|UK|England|France|Germany|Italy|Spain|Canada|Chile|Brazil|Russia|India|Malaysia|Singapore|Indonesia|Norway|Mexico|Europe|Asia|Taiwan|Hong Kong|Macau)$/;
/** 王记小笼包, 李记: a surname + 记 starts a shop's name. */
const JI_NAME = /([\p{Script=Han}]{1,2}记[\p{Script=Han}]{0,5}?)(?=的|店|吃|买|卖|点|家|里|有|被|,|。|\s|$)/u;
const NOT_JI = /(忘|日|登|标|笔|书|印|惦|牢|切|铭|传|游|后|前|札|速|熟|强|默|暗|胎|簿|摘|杂|手|周)记|记[录者忆住得账性号载]/;
/** An English name opening the message: Din Tai Fung in Hangzhou served … */
const EN_LEADING = /^((?:[A-Z][\w'&-]*)(?:\s+[A-Z][\w'&-]*){1,3})\s+(?:in|at|on|near|served|sold|sells|gave|has|is|was|uses|used)\b/;
const EN_AFTER = /\b(?:at|from|called|named)\s+((?:[A-Z][\w'&-]*)(?:\s+[A-Z][\w'&-]*){0,3})/g;
const EN_STOP = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'Hangzhou', 'China', 'WeChat', 'Meituan', 'Taobao', 'Eleme', 'Douyin', 'The', 'A', 'An', 'This', 'That', 'These', 'Those', 'My', 'Our', 'Your', 'I', 'We', 'You', 'They', 'It', 'Has', 'Have', 'Had', 'Is', 'Are', 'Was', 'Were', 'Does', 'Do', 'Did', 'Can', 'Could', 'Should', 'Would', 'Will', 'What', 'Which', 'Who', 'Why', 'How', 'Where', 'When', 'There', 'Please', 'Pls', 'Hi', 'Hello', 'Check', 'Show', 'Found', 'Got', 'Bought', 'Ate', 'At', 'In', 'From', 'Near', 'Today', 'Yesterday', 'Last', 'So', 'And', 'But', 'Also', 'Just']);
/** Parts of speech that never occur in a shop's own name (verbs, adverbs, pronouns, particles). */
const NOT_IN_NAME = new Set(['v', 'vd', 'ad', 'd', 'p', 'c', 'r', 'rr', 'rz', 'uj', 'ul', 'uz', 'ug', 'uv', 'ud', 'y', 'e', 'f', 'm', 'q', 'mq']);
/** A word that cannot be part of a name: a numeral or measure word, or a verb/adverb/pronoun of two characters or more (再来 in 好再来 may be). */
const notInName = (w: { word: string; tag: string }) => /^(m|q|mq)$/.test(w.tag) || (NOT_IN_NAME.has(w.tag) && w.word.length >= 2);

/** The subject of a credit question: 请问香满楼的信用怎么样, 渔人码头有没有被处罚. */
const CREDIT_SUBJECT = /(?:^|请问|查一下|查查|查询|想知道|我想查|帮我查一下|帮我查)\s*([\p{Script=Han}]{2,6}?)(?:的(?:信用|许可证|营业执照|卫生|食品|抽检|检查|量化|评级|等级|处罚)|有没有|是不是|被处罚|被罚|有证|有营业)/u;

/** A business name with a confidence. */
export interface EnterpriseMatch {
  name: string;
  confidence: number;
}

/** Is the candidate only description (一家日料店, 特产店, 公司楼下)? */
function isGeneric(name: string, shopWord: string): boolean {
  const head = name.slice(0, name.length - shopWord.length);
  if (!head || GENERIC.has(head)) return true;
  if (findRegion(head) && segmenter().cut(head, false).every((w) => findRegion(w) || GENERIC.has(w))) return true;
  return segmenter().cut(head, false).every((w) => GENERIC.has(w) || /^[一那这某][家个]?$/.test(w));
}

/** Drops a leading place (建德市百姓超市 → 百姓超市) and leading function words. */
function stripPlace(name: string): string {
  for (let k = name.length - 1; k >= 2; k--) {
    const prefix = name.slice(0, k);
    if (/[省市区县]$/.test(prefix) && findRegion(prefix)) {
      name = name.slice(k);
      break;
    }
  }
  const words = segmenter().cut(name, false);
  let i = 0;
  while (i < words.length - 1 && (findRegion(words[i]!) || /^(的|在|市|区|县)$/.test(words[i]!))) i++;
  return words.slice(i).join('');
}

function chinese(text: string, intent?: string): EnterpriseMatch | null {
  const called = CALLED.exec(text);
  if (called && !GENERIC.has(called[1]!.trim()) && SHOP_CONTEXT.test(text)) {
    // 叫惠民超市 → 惠民超市 (the shop word is part of the name); 叫甜蜜蜜的奶茶店 → 甜蜜蜜.
    const fused = SHOP_AT_START.exec(text.slice(called.index + called[0].length));
    const name = called[1]!.trim() + (fused && fused[0] !== '店' ? fused[0] : '');
    return { name, confidence: 0.9 };
  }
  const quoted = QUOTED.exec(text);
  if (quoted && /店|馆|厅|超市|餐|饭|吃|买|卖|商家|企业|公司/.test(text)) return { name: quoted[1]!, confidence: 0.8 };
  const brand = BRAND.exec(text);
  if (brand) return { name: brand[0], confidence: 0.9 };
  for (const m of text.matchAll(SHOP_RUN)) {
    const shopWord = m[2]!;
    const head = m[1]!.replace(CUT_TAIL, '');
    const name = stripPlace(head + shopWord);
    if (!name.endsWith(shopWord) || isGeneric(name, shopWord) || PLATFORMS.has(name)) continue;
    if (name.length - shopWord.length < 2) continue;
    if (segmenter().tag(name.slice(0, -shopWord.length), true).some(notInName)) continue;
    return { name, confidence: 0.7 };
  }
  const ji = JI_NAME.exec(text);
  if (ji && !NOT_JI.test(ji[1]!)) {
    const name = stripPlace(ji[1]!.replace(CUT_TAIL, ''));
    if (/^[\p{Script=Han}]{1,2}记/u.test(name)) return { name, confidence: 0.7 };
  }
  const subject = intent === 'credit' ? CREDIT_SUBJECT.exec(text) : null;
  if (subject && !isGeneric(subject[1]! + '店', '店') && !findRegion(subject[1]!) && !/^[这那哪某一]/.test(subject[1]!)) {
    if (!segmenter().tag(subject[1]!, true).some(notInName)) return { name: subject[1]!, confidence: 0.5 };
  }
  return null;
}

function english(text: string): EnterpriseMatch | null {
  const m = EN_SHOP.exec(text);
  if (m) {
    const words = m[1]!.split(/\s+/);
    while (words.length > 1 && EN_STOP.has(words[0]!)) words.shift();
    if (words.length > 1 && /^[A-Z]/.test(words[0]!)) return { name: words.join(' '), confidence: 0.8 };
  }
  const brand = BRAND.exec(text);
  if (brand && /^[A-Za-z]/.test(brand[0])) return { name: brand[0], confidence: 0.9 };
  // at Happy Lemon / from Uncle Li's: capitalised words after a preposition that are not a place.
  const leading = EN_LEADING.exec(text);
  if (leading && !EN_STOP.has(leading[1]!.split(' ')[0]!) && !COUNTRIES.test(leading[1]!) && !findRegion(leading[1]!)) return { name: leading[1]!, confidence: 0.6 };
  for (const p of text.matchAll(EN_AFTER)) {
    const words = p[1]!.split(/\s+/);
    while (words.length && (EN_STOP.has(words.at(-1)!) || /^(District|Road|Street|City|Mall|Station|Airport|Lake)$/.test(words.at(-1)!))) words.pop();
    const name = words.join(' ');
    if (name && !EN_STOP.has(words[0]!) && !COUNTRIES.test(name) && !findRegion(name) && !PLATFORMS.has(name.toLowerCase())) return { name, confidence: 0.6 };
  }
  return null;
}

/**
 * The business named in a normalised message, or null when none is named
 * (a business only described, or a delivery platform, is not a name).
 * Knowing the intent lets a credit question's bare subject count as a name.
 */
export function extractEnterprise(text: string, intent?: string): EnterpriseMatch | null {
  return english(text) ?? chinese(text, intent);
}

/**
 * The name as it was written in the original message (Traditional stays
 * Traditional: 金滿堂), given the name found in the normalised text.
 */
export function asWritten(name: string, original: string, fold: (s: string) => string): string {
  const o = original.normalize('NFKC');
  if (o.includes(name)) return name;
  // Folding is character for character for almost all text; where it is not, keep the folded name.
  const folded = fold(o);
  const at = folded.indexOf(name);
  return at >= 0 && folded.length === o.length ? o.slice(at, at + name.length) : name;
}
