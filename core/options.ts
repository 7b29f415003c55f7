/**
 * Quick-reply options on channels without buttons (WeChat): the options are
 * rendered as a numbered list under the text, and a reply of the number or
 * of the label picks the option. Flows never see the difference: they get
 * the option's value as on a channel with buttons.
 */
import type { ReplyOption } from '../channels/types.js';

/** The text with its options appended as "1. label" lines. */
export function renderNumbered(text: string, options: ReplyOption[]): string {
  return `${text}\n\n${options.map((o, i) => `${i + 1}. ${o.label}`).join('\n')}`;
}

/**
 * The option a reply picks: "2", "2.", "２", "第2个" or the label itself
 * (case and end punctuation ignored); null when it picks none.
 */
export function matchOption(text: string, options: ReplyOption[]): ReplyOption | null {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/[。.!！?？、,，]+$/u, '')
    .toLowerCase();
  const num = /^(?:第)?(\d{1,2})(?:个|项)?$/.exec(s);
  if (num) return options[Number(num[1]) - 1] ?? null;
  return options.find((o) => o.label.trim().toLowerCase() === s) ?? null;
}
