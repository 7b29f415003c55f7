/**
 * What the bot does with a message outside any flow: start filing, answer a
 * progress question, greet, or explain what it can do. The analyser decides
 * the intent; below its confidence threshold the bot asks instead of guessing.
 */
import { CONFIDENCE_THRESHOLD, findTicketNumbers } from '../core/analyser/index.js';
import { isWord } from '../core/i18n.js';
import type { Reply, Router, TurnContext, TurnInput } from '../core/dialog/types.js';
import { FILE_FLOW, prefillFrom } from './flows/file.js';
import { RATE_FLOW, parseRateChoice } from './flows/rate.js';
import { linkReply } from './link.js';
import { findTimePhrase } from './parsers.js';
import { ownTickets, ticketDetail } from './progress.js';

/** Asking after something already filed, whatever words it shares with a complaint. */
const PROGRESS_CUES = /进度|进展|查询.{0,6}(投诉|举报|工单)|(投诉|举报|工单).{0,6}(怎么样了|处理得|结果|到哪|受理了吗|有回复)|处理(结果|情况|得怎么样|到哪)|有(结果|回复|消息|进展)了吗|受理了吗|\b(status|progress)\b|my (complaint|report|ticket)s?\b/i;

/** Menu option values (sent back as `choice`). */
const MENU = { file: 'menu:file', progress: 'menu:progress', mine: 'menu:mine', help: 'menu:help' } as const;

/** Words that only say "I want to complain", without saying what happened. */
const TRIGGER_ONLY = /^(你好|您好)?[,，\s]*(我)?(要|想|想要|需要)?(投诉|举报|反映|反馈)(一下|一家|一个|个|一些)?(食品安全)?(问题|情况|商家|商户|饭店|餐厅|店)?[。.!！]*$|^(i\s+)?(want|would like|need)\s+to\s+(complain|report)[\w\s]*?[.!]*$|^(complaint|report|complain)$/i;

function menu(ctx: TurnContext): Reply {
  return {
    text: ctx.t('menu.text'),
    options: [
      { label: ctx.t('menu.file'), value: MENU.file },
      { label: ctx.t('menu.mine'), value: MENU.mine },
      { label: ctx.t('menu.help'), value: MENU.help },
    ],
  };
}

function help(ctx: TurnContext): Reply {
  return { text: ctx.t('help.text'), options: menu(ctx).options };
}

/** Slots the first message already gives: kind, description, business, district, time. */
/** Greetings, the wish to complain, and words that only point at a business. */
const NOT_A_PROBLEM = /你好|您好|请问|麻烦|我|要|想|需要|投诉|举报|反映|反馈|一下|一家|一个|这家|那家|家|个|店|商家|商户|饭店|餐厅|外卖|超市|的|了|[,，.。!！?？\s]/g;

const NOT_A_PROBLEM_EN = /\b(hi|hello|hey|please|i|i'd|we|want|would|like|to|make|file|a|an|the|about|on|at|against|this|that|one|complain|complaint|report|restaurant|shop|store|business|place|seller|vendor)\b/gi;

/** Does the message say what went wrong (not only that the person wants to complain)? */
function describesProblem(text: string, ctx: TurnContext): boolean {
  if (ctx.analysis.category && ctx.analysis.category !== 'other') return true;
  const rest = text.replace(ctx.analysis.enterprise ?? '\u0000', '').replace(NOT_A_PROBLEM_EN, ' ').replace(NOT_A_PROBLEM, ' ');
  return [...rest.replace(/[^\p{L}\p{N}]/gu, '')].length >= 6 || (rest.match(/[a-z]{2,}/gi) ?? []).length >= 3;
}

function prefill(text: string, ctx: TurnContext): Record<string, unknown> {
  const slots: Record<string, unknown> = {};
  if (/举报|report/i.test(text)) slots.kind = 'report';
  else if (/投诉|complain/i.test(text)) slots.kind = 'complaint';
  if (TRIGGER_ONLY.test(text.trim())) return slots;
  Object.assign(slots, prefillFrom(ctx));
  // "你好，我想投诉一家外卖店" names whom, not what happened: still ask what happened.
  if (!describesProblem(text, ctx)) return slots;
  slots.description = text;
  slots.analysis = ctx.analysis;
  const when = findTimePhrase(text);
  if (when) slots.time = when;
  return slots;
}

export const router: Router = {
  menu,
  help,
  async route(input: TurnInput, ctx: TurnContext) {
    const text = input.text.trim();
    if (input.attachmentIds.length) {
      // A photo first: start filing with it as evidence.
      return { start: FILE_FLOW, slots: { pendingPhotos: input.attachmentIds }, lead: ctx.t('file.photoKept', { n: input.attachmentIds.length }) };
    }
    if (text === MENU.file) return { start: FILE_FLOW, slots: {} };
    const rating = parseRateChoice(text);
    if (rating) return { start: RATE_FLOW, slots: { number: rating.number, score: rating.score } };
    const link = await linkReply(text, ctx);
    if (link) return { reply: link };
    if (text === MENU.help) return { reply: help(ctx) };
    if (text === MENU.mine || isWord(text, 'words.mine')) return { reply: await ownTickets(ctx) };

    const numbers = findTicketNumbers(text);
    if (numbers.length) {
      const replies = await Promise.all(numbers.slice(0, 5).map((n) => ticketDetail(ctx, n)));
      return { reply: { text: replies.map((r) => r.text).join('\n\n') } };
    }
    if (text === MENU.progress || isWord(text, 'words.progress')) return { reply: await ownTickets(ctx) };
    if (isWord(text, 'words.complaint')) return { start: FILE_FLOW, slots: { kind: 'complaint' } };
    if (isWord(text, 'words.report')) return { start: FILE_FLOW, slots: { kind: 'report' } };

    if (PROGRESS_CUES.test(text) && ctx.analysis.intent !== 'complaint') return { reply: await ownTickets(ctx) };
    if (PROGRESS_CUES.test(text) && text.length <= 20) return { reply: await ownTickets(ctx) };
    // "我要投诉" / "我想反映一个问题": filing, whatever else the analyser thinks.
    if (TRIGGER_ONLY.test(text)) return { start: FILE_FLOW, slots: prefill(text, ctx) };

    const a = ctx.analysis;
    if (a.intent !== 'other' && a.intent !== 'greeting' && a.confidence.intent < CONFIDENCE_THRESHOLD) {
      return { reply: { text: ctx.t('clarify'), options: [{ label: ctx.t('menu.file'), value: MENU.file }, { label: ctx.t('menu.mine'), value: MENU.mine }, { label: ctx.t('menu.help'), value: MENU.help }] } };
    }
    switch (a.intent) {
      case 'complaint':
        return { start: FILE_FLOW, slots: prefill(text, ctx) };
      case 'progress':
        return { reply: await ownTickets(ctx) };
      case 'greeting':
        return { reply: { text: /谢|thank/i.test(text) ? ctx.t('thanks') : ctx.t('greeting'), options: menu(ctx).options } };
      case 'consult':
      case 'rumor':
      case 'credit':
      case 'subscribe':
        return { reply: { text: ctx.t('unsupported'), options: menu(ctx).options } };
      default:
        return { reply: { text: ctx.t('other'), options: menu(ctx).options } };
    }
  },
};
