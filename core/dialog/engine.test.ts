/**
 * The engine on a small flow, read as a transcript.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { t } from '../i18n.js';
import { DialogEngine, joinReplies } from './engine.js';
import type { DialogState, Flow, Router, TurnContext, TurnInput } from './types.js';

const completed: Record<string, unknown>[] = [];

const flow: Flow = {
  name: 'order',
  steps: [
    { slot: 'dish', ask: () => ({ text: 'Q:dish' }), parse: (i) => (i.text.length >= 2 ? { ok: true, value: i.text } : { ok: false, error: 'error.descriptionShort' }) },
    { slot: 'count', ask: () => ({ text: 'Q:count' }), parse: (i) => (/^\d+$/.test(i.text) ? { ok: true, value: Number(i.text) } : { ok: false, error: 'error.phone' }) },
    { slot: 'note', when: (s) => (s.count as number) > 1, ask: () => ({ text: 'Q:note' }), parse: (i) => ({ ok: true, value: i.text }) },
  ],
  confirm: (_ctx, s) => ({ text: `Q:confirm ${s.dish}×${s.count}` }),
  async complete(_ctx, s) {
    completed.push(s);
    return { text: `DONE ${s.dish}` };
  },
};

const router: Router = {
  menu: () => ({ text: 'MENU', options: [{ label: 'Order', value: 'order' }] }),
  help: () => ({ text: 'HELP' }),
  async route(input) {
    if (input.text.startsWith('order')) return { start: 'order', slots: input.text === 'order noodles' ? { dish: 'noodles' } : {}, lead: 'OK' };
    return { reply: { text: 'ROUTED' } };
  },
};

/** A conversation against the engine, keeping state as the service would. */
function conversation() {
  const engine = new DialogEngine([flow], router);
  const ctx = { locale: 'zh-CN', config: loadConfig({}), t: (k: string, p?: Record<string, string | number>) => t('zh-CN', k, p) } as unknown as TurnContext;
  let state: DialogState = {};
  return {
    get state() {
      return state;
    },
    async send(text: string, opts: { expired?: boolean } = {}) {
      const input: TurnInput = { kind: 'text', text, attachmentIds: [] };
      const r = await engine.turn(state, input, ctx, opts);
      state = r.state;
      return r.reply.text;
    },
  };
}

describe('dialog engine', () => {
  it('fills slots in order, skips what does not apply, confirms, completes', async () => {
    const c = conversation();
    expect(await c.send('order')).toBe('OK\n\nQ:dish');
    expect(await c.send('rice')).toBe('Q:count');
    expect(await c.send('1')).toBe('Q:confirm rice×1');
    expect(await c.send('确认')).toBe('DONE rice');
    expect(completed.at(-1)).toEqual({ dish: 'rice', count: 1 });
    expect(c.state).toEqual({});
  });

  it('does not ask what was prefilled, and asks a conditional slot when it applies', async () => {
    const c = conversation();
    expect(await c.send('order noodles')).toBe('OK\n\nQ:count');
    expect(await c.send('3')).toBe('Q:note');
    expect(await c.send('spicy')).toMatch(/^Q:confirm noodles×3/);
  });

  it('re-prompts with the error and, after repeated failures, how to get out', async () => {
    const c = conversation();
    await c.send('order');
    const first = await c.send('x');
    expect(first).toContain(t('zh-CN', 'error.descriptionShort'));
    expect(first).toMatch(/Q:dish$/);
    expect(first).not.toContain(t('zh-CN', 'retryHint'));
    const second = await c.send('y');
    expect(second).toContain(t('zh-CN', 'retryHint'));
    expect(await c.send('soup')).toBe('Q:count');
  });

  it('返回 forgets the last answer and asks it again; at the first question says so', async () => {
    const c = conversation();
    await c.send('order');
    expect(await c.send('返回')).toBe(`${t('zh-CN', 'back.nothing')}\n\nQ:dish`);
    await c.send('rice');
    await c.send('2');
    expect(await c.send('返回')).toBe('Q:count');
    expect(c.state.slots).toEqual({ dish: 'rice' });
    await c.send('1');
    expect(await c.send('back')).toBe('Q:count');
  });

  it('取消 ends the flow, 帮助 keeps it, 菜单 leaves it', async () => {
    const c = conversation();
    await c.send('order');
    expect(await c.send('帮助')).toBe('HELP\n\nQ:dish');
    expect(c.state.flow).toBe('order');
    expect(await c.send('取消')).toBe(`${t('zh-CN', 'cancel.done')}\n\nMENU`);
    expect(c.state).toEqual({});
    expect(await c.send('cancel')).toBe(`${t('zh-CN', 'cancel.nothing')}\n\nMENU`);
    await c.send('order');
    expect(await c.send('菜单')).toBe('MENU');
    expect(c.state).toEqual({});
  });

  it('does not complete on a non-affirmative answer at the confirmation', async () => {
    const c = conversation();
    await c.send('order noodles');
    await c.send('1');
    const n = completed.length;
    expect(await c.send('不对')).toMatch(/Q:confirm/);
    expect(await c.send('好的，提交吧')).toBe('DONE noodles');
    expect(completed.length).toBe(n + 1);
  });

  it('an expired conversation starts over and reads the message afresh', async () => {
    const c = conversation();
    await c.send('order');
    const r = await c.send('hello', { expired: true });
    expect(r).toMatch(/30 分钟/);
    expect(r).toMatch(/ROUTED$/);
    expect(c.state).toEqual({});
  });

  it('joins replies, keeping the last options', () => {
    expect(joinReplies('a', { text: 'b', options: [{ label: 'x', value: 'x' }] }, { text: 'c' })).toEqual({ text: 'a\n\nb\n\nc', options: [{ label: 'x', value: 'x' }] });
  });
});
