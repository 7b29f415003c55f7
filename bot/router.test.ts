/**
 * Routing outside a flow, with analyses built by hand: what the first
 * message pre-fills, and a clarifying question when the analyser is unsure.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../core/analyser/types.js';
import { loadConfig } from '../core/config.js';
import type { TurnContext } from '../core/dialog/types.js';
import { t } from '../core/i18n.js';
import { router } from './router.js';

function ctx(analysis: Partial<Analysis>): TurnContext {
  return {
    locale: 'zh-CN',
    config: loadConfig({}),
    t: (k: string, p?: Record<string, string | number>) => t('zh-CN', k, p),
    analysis: { intent: 'other', category: null, severity: null, region: null, enterprise: null, confidence: { intent: 0.9 }, ...analysis },
  } as unknown as TurnContext;
}

const text = (s: string) => ({ kind: 'text' as const, text: s, attachmentIds: [] });

describe('router', () => {
  it('starts filing with what the first message says', async () => {
    const msg = '我要投诉，昨天晚上在西湖区老张面馆吃出了头发';
    const r = await router.route(text(msg), ctx({ intent: 'complaint', category: 'foreign_object', severity: 'normal', region: '330106', enterprise: '老张面馆', confidence: { intent: 0.95 } }));
    expect(r).toMatchObject({ start: 'file', slots: { kind: 'complaint', description: msg, business: '老张面馆', region: '330106', time: '昨天晚上' } });
  });

  it('a bare "我要举报" only sets the kind', async () => {
    const r = await router.route(text('我要举报'), ctx({ intent: 'complaint', confidence: { intent: 0.99 } }));
    expect(r).toEqual({ start: 'file', slots: { kind: 'report' } });
  });

  it('does not take "I want to complain about a shop" for a description of the problem', async () => {
    const r = await router.route(text('你好，我想投诉一家外卖店'), ctx({ intent: 'complaint', category: 'other', confidence: { intent: 0.9 } }));
    expect(r).toEqual({ start: 'file', slots: { kind: 'complaint' } });
    const en = await router.route(text('Hi, I want to report a restaurant'), ctx({ intent: 'complaint', category: 'other', confidence: { intent: 0.9 } }));
    expect(en).toEqual({ start: 'file', slots: { kind: 'report' } });
    const enDescribed = 'I want to complain, the chicken they sold me was raw inside';
    expect(await router.route(text(enDescribed), ctx({ intent: 'complaint', category: 'other', confidence: { intent: 0.9 } }))).toMatchObject({ slots: { description: enDescribed } });
    const described = '我要投诉这家店服务态度太差还缺斤少两';
    const d = await router.route(text(described), ctx({ intent: 'complaint', category: 'other', confidence: { intent: 0.9 } }));
    expect(d).toMatchObject({ start: 'file', slots: { kind: 'complaint', description: described } });
  });

  it('asks instead of guessing when the analyser is unsure', async () => {
    const r = await router.route(text('那个店的东西有问题吧'), ctx({ intent: 'complaint', confidence: { intent: 0.3 } }));
    expect('reply' in r && r.reply.text).toBe(t('zh-CN', 'clarify'));
    expect('reply' in r && r.reply.options?.map((o) => o.value)).toEqual(['menu:file', 'menu:mine', 'menu:help']);
  });

  it('is sure enough at the threshold', async () => {
    const r = await router.route(text('那个店的东西有问题'), ctx({ intent: 'complaint', confidence: { intent: 0.5 } }));
    expect(r).toMatchObject({ start: 'file' });
  });

  it('answers what it cannot do yet honestly, and small talk kindly', async () => {
    const consult = await router.route(text('隔夜菜还能吃吗'), ctx({ intent: 'consult' }));
    expect('reply' in consult && consult.reply.text).toBe(t('zh-CN', 'unsupported'));
    const thanks = await router.route(text('谢谢'), ctx({ intent: 'greeting' }));
    expect('reply' in thanks && thanks.reply.text).toBe(t('zh-CN', 'thanks'));
    const other = await router.route(text('明天天气怎么样'), ctx({ intent: 'other' }));
    expect('reply' in other && other.reply.text).toBe(t('zh-CN', 'other'));
  });
});
