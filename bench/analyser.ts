/**
 * `npm run bench:nlu`: analyser speed on one core (Node runs the analyser on
 * its main thread). Reports model-ready start-up time (import + training),
 * analyses per second and latency percentiles over the corpus messages, and
 * the latency of a 10,000-character message. Targets: p99 < 2 ms, start-up < 3 s.
 */
import os from 'node:os';

const t0 = performance.now();
const { analyse, warmUp } = await import('../core/analyser/index.js');
warmUp();
const startup = performance.now() - t0;
const { loadCorpus } = await import('../core/analyser/corpus.js');

const texts = loadCorpus().map((e) => e.text);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
for (const t of texts.slice(0, 200)) analyse(t, { jurisdiction: '330100' }); // JIT warm-up

const times: number[] = [];
const started = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  for (const t of texts) {
    const s = performance.now();
    analyse(t, { jurisdiction: '330100' });
    times.push(performance.now() - s);
  }
}
const total = performance.now() - started;
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;

// Best of 5 per message: the analyser's own cost, without the scheduler and GC noise of a shared machine.
const best: number[] = [];
for (const t of texts) {
  let m = Infinity;
  for (let i = 0; i < 5; i++) {
    const s = performance.now();
    analyse(t, { jurisdiction: '330100' });
    m = Math.min(m, performance.now() - s);
  }
  best.push(m);
}
best.sort((a, b) => a - b);

const long = '我在老张面馆吃出了头发，'.repeat(900).slice(0, 10_000);
const longTimes: number[] = [];
for (let i = 0; i < 50; i++) {
  const s = performance.now();
  analyse(long, { jurisdiction: '330100' });
  longTimes.push(performance.now() - s);
}
longTimes.sort((a, b) => a - b);

const f = (x: number) => x.toFixed(3);
console.log(`start-up (import + train, model ready) ${(startup / 1000).toFixed(2)} s   (target < 3 s)`);
console.log(`${times.length} analyses of ${texts.length} corpus messages x ${ROUNDS}, one core`);
console.log(`throughput   ${Math.round(times.length / (total / 1000))} analyses/s`);
console.log(`latency ms   p50 ${f(pct(50))}   p90 ${f(pct(90))}   p99 ${f(pct(99))}   max ${f(times.at(-1)!)}   (target p99 < 2 ms)`);
console.log(`best of 5 per message: p99 ${f(best[Math.floor(0.99 * best.length)]!)} ms, max ${f(best.at(-1)!)} ms`);
console.log(`machine load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} on ${os.availableParallelism()} cores`);
console.log(`10,000-character message: median ${f(longTimes[25]!)} ms, max ${f(longTimes.at(-1)!)} ms`);
