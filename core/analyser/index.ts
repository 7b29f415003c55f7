/**
 * The message analyser: one call per inbound message, returning the record
 * of core/analyser/types.ts. This first version is rule-based; the trained
 * analyser replaces it behind the same `analyse` function.
 */
import type { AnalyseOptions, Analysis, Category, Intent, Severity } from './types.js';
import { findRegion } from './regions.js';

export * from './types.js';

const TICKET_NUMBER = /TS\d{8}-\d{4}/i;

const INTENT_RULES: [Intent, RegExp][] = [
  ['progress', /进度|进展|结果了吗|处理得怎么样|我的投诉|我的举报|查询.*(投诉|举报|工单)|progress|status|my (complaints|reports|tickets)/i],
  ['subscribe', /订阅|退订|预警|subscribe|alert/i],
  ['rumor', /谣言|辟谣|真的吗|是真的|是不是真的|rumou?r|is it true/i],
  ['credit', /信用|处罚|许可证|黑名单|卫生等级|licen[cs]e|penalt/i],
  ['complaint', /投诉|举报|吃出|变质|发霉|过期|异物|头发|虫|拉肚子|腹泻|呕吐|中毒|不舒服|脏|无证|地沟油|蟑螂|老鼠|complain|report|food poisoning|sick|hair|bug|mou?ldy|expired|dirty/i],
  ['consult', /咨询|专家|能吃吗|能不能吃|还能吃|可以吃吗|安全吗|怎么|如何|ask an expert|safe to eat/i],
  ['greeting', /^(你好|您好|hi|hello|hey|谢谢|感谢|thanks?|thank you|在吗|早上好|晚上好)[!！。.~ ]*$/i],
];

const CATEGORY_RULES: [Category, RegExp][] = [
  ['illness', /拉肚子|腹泻|呕吐|中毒|不舒服|肚子疼|住院|发烧|sick|ill|vomit|diarrh|poison/i],
  ['foreign_object', /头发|虫|异物|玻璃|金属|塑料|钢丝|指甲|hair|insect|bug|glass|metal|plastic/i],
  ['spoiled', /变质|发霉|过期|馊|臭|腐烂|spoil|mou?ld|expired|rotten/i],
  ['additive', /地沟油|添加剂|非法添加|工业|苏丹红|gutter oil|additive/i],
  ['unlicensed', /无证|没有许可证|没有营业执照|unlicen[sc]ed/i],
  ['hygiene', /脏|卫生|蟑螂|老鼠|苍蝇|健康证|dirty|cockroach|rat|hygien/i],
  ['labeling', /标签|假冒|虚假|山寨|label|counterfeit|fake/i],
];

const URGENT = /(\d+|两|二|三|四|五|六|七|八|九|十|几|多)\s*(个|名|位)?人.*(不舒服|拉肚子|腹泻|呕吐|中毒|住院|发烧)|住院|死亡|去世|学校|幼儿园|食堂.*(中毒|呕吐|腹泻)|集体|地沟油.*(作坊|工厂)/;
const HIGH = /拉肚子|腹泻|呕吐|中毒|不舒服|肚子疼|玻璃|金属|刀片|钢丝|非法添加|地沟油|sick|vomit|glass|metal|blade/i;

/** A business named before a shop word: 老张面馆, 百姓超市, 甜蜜蜜奶茶店 → 甜蜜蜜. */
const SHOP = /([\u4e00-\u9fa5A-Za-z0-9]{1,8}?)(面馆|饭店|餐厅|酒店|超市|便利店|奶茶店|水果店|蛋糕店|小吃店|快餐店|火锅店|烧烤店|食堂|面包店|餐馆|饭馆|酒楼|菜馆|大排档|店)/;
const PLACE_WORDS = /^(在|到|去|从|于|我在|我们在|楼下|附近|一家|那家|这家|家|的)+/;

function extractEnterprise(text: string): string | null {
  const m = SHOP.exec(text.replace(/[省市区县]/g, ' '));
  if (!m) return null;
  let name = m[1]!.replace(PLACE_WORDS, '');
  const shop = m[2]!;
  if (!name || /^(一家|那家|这家|楼下|附近|家|个)$/.test(name)) return null;
  // 奶茶店/水果店 are descriptions: the name is what comes before them.
  if (['店', '奶茶店', '水果店', '蛋糕店', '小吃店', '快餐店', '便利店'].includes(shop)) return name;
  return name + shop;
}

/** Analyses one message (rule-based first version). */
export function analyse(text: string, opts: AnalyseOptions = {}): Analysis {
  const t = text.trim();
  let intent: Intent = 'other';
  if (TICKET_NUMBER.test(t)) intent = 'progress';
  else for (const [label, re] of INTENT_RULES) if (re.test(t)) { intent = label; break; }
  let category: Category | null = null;
  let severity: Severity | null = null;
  if (intent === 'complaint') {
    category = CATEGORY_RULES.find(([, re]) => re.test(t))?.[0] ?? 'other';
    severity = URGENT.test(t) ? 'urgent' : HIGH.test(t) ? 'high' : 'normal';
  }
  const region = findRegion(t, opts.jurisdiction);
  const enterprise = extractEnterprise(t);
  return {
    intent,
    category,
    severity,
    region,
    enterprise,
    confidence: { intent: intent === 'other' ? 0.4 : 0.8, ...(category ? { category: 0.7, severity: 0.7 } : {}), ...(region ? { region: 0.9 } : {}), ...(enterprise ? { enterprise: 0.6 } : {}) },
  };
}

/** Ticket numbers (TSyyyymmdd-NNNN) in the text, upper-cased. */
export function findTicketNumbers(text: string): string[] {
  return [...text.matchAll(new RegExp(TICKET_NUMBER.source, 'gi'))].map((m) => m[0].toUpperCase());
}
