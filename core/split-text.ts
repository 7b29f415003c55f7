/**
 * Splits a text longer than a channel allows into ordered parts, cutting at
 * the last sentence end that fits (。！？.!? or a line break), else at a
 * space, else hard at the limit. Lengths count UTF-16 code units, as the
 * Telegram Bot API does (4,096 per message); a surrogate pair is never cut.
 */
const SENTENCE_END = /[。！？!?；;…]|\.(?=\s|$)|\n/g;

export function splitText(text: string, max: number): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max);
    let cut = lastMatchEnd(window, SENTENCE_END);
    // A cut in the first fifth makes a tiny part; prefer a space, then a hard cut.
    if (cut < max / 5) cut = Math.max(window.lastIndexOf(' ') + 1, 0);
    if (cut < max / 5) cut = max;
    // Never split a surrogate pair.
    const code = rest.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest || !parts.length) parts.push(rest);
  return parts;
}

function lastMatchEnd(s: string, re: RegExp): number {
  let end = 0;
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) end = m.index + m[0].length;
  return end;
}
