/**
 * Dialog engine types. A flow is a declarative list of slot steps; the engine
 * asks for the first unfilled slot, validates the answer, re-prompts on bad
 * input, and handles the global words (取消, 返回, 帮助, 菜单) at any step.
 */
import type { ReplyOption } from '../../channels/types.js';
import type { Analysis } from '../analyser/types.js';
import type { Locale } from '../i18n.js';
import type { Tx } from '../storage/db.js';
import type { Config } from '../config.js';

/** Persisted per conversation (Conversation.state). */
export interface DialogState {
  /** The flow in progress, if any. */
  flow?: string;
  /** Slots filled so far. */
  slots?: Record<string, unknown>;
  /** Slot names in the order they were filled, for 返回 (back). */
  filled?: string[];
  /** The slot (or "confirm") whose answer is awaited. */
  awaiting?: string;
  /** Failed answers to the awaited question in a row. */
  retries?: number;
}

/** A normalised user turn as the engine sees it. */
export interface TurnInput {
  kind: 'text' | 'image' | 'location' | 'choice';
  /** Normalised text (Traditional folded to Simplified, NFKC). For a choice: the option value. */
  text: string;
  /** Ids of attachments stored for this message. */
  attachmentIds: string[];
  location?: { latitude: number; longitude: number; label?: string };
}

/** One reply: text plus optional quick-reply options. */
export interface Reply {
  text: string;
  options?: ReplyOption[];
}

/** What a flow and its steps can use. */
export interface TurnContext {
  locale: Locale;
  config: Config;
  /** The contact writing. */
  contactId: string;
  conversationId: string;
  channel: string;
  now: Date;
  tx: Tx;
  t(key: string, params?: Record<string, string | number>): string;
  /** Analysis of the current input text (computed once per turn). */
  analysis: Analysis;
}

/** `also` fills other slots the answer happened to give (kept if already filled). */
export type ParseResult = { ok: true; value: unknown; also?: Record<string, unknown> } | { ok: false; error: string; params?: Record<string, string | number> };

/** One slot of a flow. */
export interface SlotStep {
  slot: string;
  /** Asked only when this holds (e.g. the name only for a complaint). */
  when?: (slots: Record<string, unknown>) => boolean;
  /** The question. */
  ask(ctx: TurnContext, slots: Record<string, unknown>): Reply;
  /** Validates and converts the answer; an error key from the catalog on failure. */
  parse(input: TurnInput, ctx: TurnContext, slots: Record<string, unknown>): ParseResult;
  /**
   * For a step that collects several inputs (photos): returns the reply for an
   * input that adds to the slot without finishing it, or null to parse normally.
   */
  collect?(input: TurnInput, ctx: TurnContext, slots: Record<string, unknown>): Reply | null;
}

/** A guided conversation that fills slots, confirms, and completes. */
export interface Flow {
  name: string;
  steps: SlotStep[];
  /** The summary shown before completing; without it the flow completes when the last slot is filled. */
  confirm?(ctx: TurnContext, slots: Record<string, unknown>): Reply;
  /** Runs inside the turn's transaction; its reply ends the flow. */
  complete(ctx: TurnContext, slots: Record<string, unknown>): Promise<Reply>;
}

/** The bot's routing for messages outside any flow. */
export interface Router {
  /**
   * Answers a message outside a flow: either a reply, or a flow to start with
   * prefilled slots (and an optional lead-in text).
   */
  route(input: TurnInput, ctx: TurnContext): Promise<{ reply: Reply } | { start: string; slots: Record<string, unknown>; lead?: string }>;
  menu(ctx: TurnContext): Reply;
  help(ctx: TurnContext): Reply;
}
