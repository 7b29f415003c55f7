/**
 * Summarises a V8 CPU profile (`node --cpu-prof`): self time by function and
 * by file or package, so a reader sees what bounds a figure.
 *
 *   node --import tsx bench/profile-top.ts tmp/profiles/turns-*.cpuprofile [top]
 */
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

// Several files (node writes one per thread, e.g. tsx's loader thread) are summed.
const args = process.argv.slice(2);
const files = args.filter((a) => !/^\d+$/.test(a));
const topArg = args.find((a) => /^\d+$/.test(a));
if (!files.length) {
  console.error('usage: node --import tsx bench/profile-top.ts <file.cpuprofile>… [top]');
  process.exit(64);
}
const self = new Map<number, number>();
const nodes: Node[] = [];
for (const [k, file] of files.entries()) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const base = k * 1e7;
  for (const n of prof.nodes) nodes.push({ ...n, id: n.id + base });
  prof.samples.forEach((id, i) => self.set(id + base, (self.get(id + base) ?? 0) + (prof.timeDeltas[i] ?? 0)));
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const n of nodes) {
  const t = self.get(n.id) ?? 0;
  if (!t) continue;
  const url = n.callFrame.url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'npm:');
  const where = url ? `${url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}` : '(native)';
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${where}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  const pkg = !url ? `(${n.callFrame.functionName || 'native'})` : url.startsWith('npm:') ? url.split('/').slice(0, url.startsWith('npm:@') ? 2 : 1).join('/') : url.startsWith('node:') ? 'node:*' : url.replace(/^.*?\/(core|bot|channels|bench)\//, '$1/');
  byFile.set(pkg, (byFile.get(pkg) ?? 0) + t);
}
const top = Number(topArg ?? 25);
// Shares of the busy time: what the threads did when they were not waiting.
const idle = [...byFn].filter(([k]) => k.startsWith('(idle)')).reduce((n, [, t]) => n + t, 0);
const busy = total - idle;
byFn.forEach((_, k) => k.startsWith('(idle)') && byFn.delete(k));
byFile.delete('((idle))');
const pct = (t: number) => `${((100 * t) / busy).toFixed(1).padStart(5)}%`;
console.log(`${(total / 1e6).toFixed(2)} s of samples, ${(busy / 1e6).toFixed(2)} s busy; shares below are of the busy time`);
console.log('\nby file or package (self time)');
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
console.log('\nby function (self time)');
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(t)}  ${k}`);
