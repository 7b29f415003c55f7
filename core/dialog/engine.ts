/**
 * The dialog engine: turns one input and the persisted state into one reply
 * and the next state. It holds no state of its own; the caller loads and
 * saves DialogState with the conversation, so a conversation survives a
 * restart and can move between instances.
 */
import { isWord } from '../i18n.js';
import type { DialogState, Flow, Reply, Router, SlotStep, TurnContext, TurnInput } from './types.js';

/** After this many bad answers in a row, the re-prompt adds how to get out. */
const HINT_AFTER_RETRIES = 2;

export interface TurnResult {
  state: DialogState;
  reply: Reply;
}

/** Joins replies into one message; options come from the last that has them. */
export function joinReplies(...replies: (Reply | string | undefined)[]): Reply {
  const parts = replies.filter((r): r is Reply | string => r !== undefined && r !== '');
  const text = parts.map((r) => (typeof r === 'string' ? r : r.text)).filter(Boolean).join('\n\n');
  const options = [...parts].reverse().find((r): r is Reply => typeof r !== 'string' && !!r.options?.length)?.options;
  return options ? { text, options } : { text };
}

export class DialogEngine {
  private readonly flows: Map<string, Flow>;

  constructor(
    flows: Flow[],
    private readonly router: Router,
  ) {
    this.flows = new Map(flows.map((f) => [f.name, f]));
  }

  /** The question awaiting an answer, or the menu outside a flow (after a language switch). */
  prompt(state: DialogState, ctx: TurnContext): Reply {
    const flow = state.flow ? this.flows.get(state.flow) : undefined;
    return flow ? this.askAgain(flow, state, ctx) : this.router.menu(ctx);
  }

  /** Handles one turn. `expired` means the conversation sat idle too long: any flow starts over. */
  async turn(prev: DialogState, input: TurnInput, ctx: TurnContext, opts: { expired?: boolean } = {}): Promise<TurnResult> {
    let state: DialogState = prev;
    let lead: string | undefined;
    if (opts.expired && state.flow) {
      state = {};
      lead = ctx.t('timeout', { minutes: Math.round(ctx.config.sessionIdleMs / 60_000) });
    }
    const res = await this.dispatch(state, input, ctx);
    return lead ? { state: res.state, reply: joinReplies(lead, res.reply) } : res;
  }

  private async dispatch(state: DialogState, input: TurnInput, ctx: TurnContext): Promise<TurnResult> {
    const text = input.kind === 'text' || input.kind === 'choice' ? input.text : '';
    const flow = state.flow ? this.flows.get(state.flow) : undefined;

    if (text && isWord(text, 'words.cancel')) {
      return { state: {}, reply: joinReplies(ctx.t(flow ? 'cancel.done' : 'cancel.nothing'), this.router.menu(ctx)) };
    }
    if (text && isWord(text, 'words.menu')) return { state: {}, reply: this.router.menu(ctx) };
    if (text && isWord(text, 'words.help')) {
      return { state, reply: joinReplies(this.router.help(ctx), flow && state.awaiting ? this.askAgain(flow, state, ctx) : undefined) };
    }
    if (!flow) return this.route(input, ctx);
    if (text && isWord(text, 'words.back')) return this.back(flow, state, ctx);
    return this.answer(flow, state, input, ctx);
  }

  private async route(input: TurnInput, ctx: TurnContext): Promise<TurnResult> {
    const r = await this.router.route(input, ctx);
    if ('reply' in r) return { state: {}, reply: r.reply };
    const flow = this.flows.get(r.start);
    if (!flow) throw new Error(`unknown flow ${r.start}`);
    const state: DialogState = { flow: flow.name, slots: { ...r.slots }, filled: [], retries: 0 };
    const next = await this.advance(flow, state, ctx);
    return { state: next.state, reply: joinReplies(r.lead, next.reply) };
  }

  /** Asks the next unfilled slot, or confirms, or completes. */
  private async advance(flow: Flow, state: DialogState, ctx: TurnContext): Promise<TurnResult> {
    const slots = state.slots ?? {};
    const step = nextStep(flow, slots);
    if (step) return { state: { ...state, awaiting: step.slot, retries: 0 }, reply: step.ask(ctx, slots) };
    if (flow.confirm && state.awaiting !== 'confirm') {
      return { state: { ...state, awaiting: 'confirm', retries: 0 }, reply: flow.confirm(ctx, slots) };
    }
    return { state: {}, reply: await flow.complete(ctx, slots) };
  }

  private async answer(flow: Flow, state: DialogState, input: TurnInput, ctx: TurnContext): Promise<TurnResult> {
    const slots = { ...(state.slots ?? {}) };
    if (state.awaiting === 'confirm') {
      if (isAffirmative(input.text)) return { state: {}, reply: await flow.complete(ctx, slots) };
      return this.retry(flow, state, ctx, ctx.t('error.choice', { options: [ctx.t('file.options.confirm'), ctx.t('file.options.back'), ctx.t('file.options.cancel')].join(' / ') }));
    }
    const step = flow.steps.find((s) => s.slot === state.awaiting) ?? nextStep(flow, slots);
    if (!step) return this.advance(flow, state, ctx);
    const collected = step.collect?.(input, ctx, slots);
    if (collected) return { state: { ...state, slots, awaiting: step.slot, retries: 0 }, reply: collected };
    const parsed = step.parse(input, ctx, slots);
    if (!parsed.ok) return this.retry(flow, { ...state, slots }, ctx, ctx.t(parsed.error, parsed.params));
    for (const [k, v] of Object.entries(parsed.also ?? {})) if (!(k in slots)) slots[k] = v;
    slots[step.slot] = parsed.value;
    const filled = [...(state.filled ?? []).filter((s) => s !== step.slot), step.slot];
    return this.advance(flow, { ...state, slots, filled, awaiting: undefined }, ctx);
  }

  /** 返回: forget the last answer and ask it again. */
  private back(flow: Flow, state: DialogState, ctx: TurnContext): TurnResult {
    const filled = [...(state.filled ?? [])];
    const last = filled.pop();
    if (!last) return { state, reply: joinReplies(ctx.t('back.nothing'), this.askAgain(flow, state, ctx)) };
    const slots = { ...(state.slots ?? {}) };
    delete slots[last];
    const step = flow.steps.find((s) => s.slot === last)!;
    return { state: { ...state, slots, filled, awaiting: last, retries: 0 }, reply: step.ask(ctx, slots) };
  }

  private retry(flow: Flow, state: DialogState, ctx: TurnContext, error: string): TurnResult {
    const retries = (state.retries ?? 0) + 1;
    const hint = retries >= HINT_AFTER_RETRIES ? ctx.t('retryHint') : undefined;
    return { state: { ...state, retries }, reply: joinReplies(error, hint, this.askAgain(flow, state, ctx)) };
  }

  private askAgain(flow: Flow, state: DialogState, ctx: TurnContext): Reply {
    const slots = state.slots ?? {};
    if (state.awaiting === 'confirm' && flow.confirm) return flow.confirm(ctx, slots);
    const step = flow.steps.find((s) => s.slot === state.awaiting) ?? nextStep(flow, slots);
    return step ? step.ask(ctx, slots) : { text: '' };
  }
}

/** 确认, 好的提交吧, 对的没问题, yes please … but not 不对 / 不要提交. */
function isAffirmative(text: string): boolean {
  if (!text) return false;
  if (isWord(text, 'words.yes')) return true;
  if (/不|没有|别|no\b|not|don'?t/i.test(text.replace(/没问题/g, ''))) return false;
  return /确认|提交|没问题|正确|对的|是的|好的|可以|yes|ok|confirm|submit|correct/i.test(text);
}

function nextStep(flow: Flow, slots: Record<string, unknown>): SlotStep | undefined {
  return flow.steps.find((s) => !(s.slot in slots) && (!s.when || s.when(slots)));
}
