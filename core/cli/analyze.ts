/**
 * `wst analyze [--jurisdiction CODE] ["text"]`: prints the analyser's record
 * as one JSON line. Without text, reads stdin one message per line and
 * writes one JSON line per input line, in order. An empty line gives the
 * record of an empty message (intent `other`, everything else null), so
 * output line N always answers input line N.
 */
import { createInterface } from 'node:readline';
import type { Command } from './main.js';

const USAGE = `Usage: wst analyze [--jurisdiction CODE] ["message"]

Prints {"intent","category","severity","region","enterprise","confidence":{…}}
as one JSON line. With no message, reads stdin one message per line and
writes one JSON line per line, in order (an empty line gives intent "other").

  --jurisdiction CODE  GB/T 2260 code that breaks ties between same-named
                       districts (default: $JURISDICTION, else 330100)`;

export const command: Command = {
  summary: 'Analyse messages: intent, category, severity, region, business',
  usage: USAGE,
  async run(args) {
    let jurisdiction = process.env.JURISDICTION || '330100';
    const texts: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--jurisdiction' || a === '-j') {
        const v = args[++i];
        if (!v || !/^\d{6}$/.test(v)) {
          console.error('wst analyze: --jurisdiction needs a 6-digit GB/T 2260 code');
          return 2;
        }
        jurisdiction = v;
      } else if (a.startsWith('--jurisdiction=')) jurisdiction = a.slice('--jurisdiction='.length);
      else texts.push(a);
    }
    const { analyse, warmUp } = await import('../analyser/index.js');
    warmUp();
    const line = (text: string) => JSON.stringify(analyse(text, { jurisdiction }));
    if (texts.length) {
      process.stdout.write(line(texts.join(' ')) + '\n');
      return 0;
    }
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const text of rl) {
      if (!process.stdout.write(line(text) + '\n')) await new Promise((r) => process.stdout.once('drain', r));
    }
    return 0;
  },
};
