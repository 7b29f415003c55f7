/**
 * `npm run eval:nlu`: trains the analyser on the training split of
 * core/analyser/corpus and scores it on the held-out split (per-label
 * precision/recall/F1, the issue's headline figures, confusion matrices),
 * then 5-fold cross-validation. `--errors` lists the held-out mistakes;
 * `--file other.jsonl` scores a separate labelled file with the model trained
 * on the whole corpus; `--compare-natural` also scores natural's
 * BayesClassifier on the same features.
 */
import { analyse } from '../core/analyser/index.js';
import { loadCorpus, split, type Example } from '../core/analyser/corpus.js';
import { setModels, trainModels } from '../core/analyser/model.js';
import { confusion, perLabel, summarise, type LabelScore, type Summary } from '../core/analyser/metrics.js';
import { CATEGORIES, INTENTS, SEVERITIES, type Analysis } from '../core/analyser/types.js';

const JURISDICTION = '330100';
const showErrors = process.argv.includes('--errors');
const pct = (x: number) => (x * 100).toFixed(1).padStart(5) + '%';

function run(train: Example[], test: Example[]): Analysis[] {
  setModels(trainModels(train));
  return test.map((e) => analyse(e.text, { jurisdiction: JURISDICTION }));
}

function table(title: string, scores: LabelScore[]): void {
  console.log(`\n${title}\n${'label'.padEnd(16)}precision  recall      F1  support`);
  for (const s of scores) console.log(`${s.label.padEnd(16)}${pct(s.precision).padStart(9)}${pct(s.recall).padStart(8)}${pct(s.f1).padStart(8)}${String(s.support).padStart(9)}`);
}

function headline(s: Summary): string {
  return [
    `intent accuracy      ${pct(s.intentAccuracy)}  (bar 92%)`,
    `category macro-F1    ${pct(s.categoryMacroF1)}  (bar 85%)`,
    `urgent recall        ${pct(s.urgentRecall)}  (bar 100%)`,
    `urgent precision     ${pct(s.urgentPrecision)}  (bar 80%)`,
    `region exact         ${pct(s.regionExact)}  (bar 90%)`,
    `business exact       ${pct(s.businessExact)}  (bar 80%)`,
  ].join('\n');
}

const extra = process.argv.indexOf('--file');
if (extra > 0) {
  // Score a separate labelled file with the model trained on the whole corpus.
  const { basename, dirname } = await import('node:path');
  const file = basename(process.argv[extra + 1]!);
  const examples = loadCorpus(dirname(process.argv[extra + 1]!)).filter((e) => e.source.startsWith(file + ':'));
  setModels(trainModels());
  const p = examples.map((e) => analyse(e.text, { jurisdiction: JURISDICTION }));
  console.log(`${file}: ${examples.length} messages, model trained on the whole corpus\n` + headline(summarise(examples, p, CATEGORIES)));
  table('category', perLabel(examples.map((e, i) => [e.category, p[i]!.category]), CATEGORIES));
  examples.forEach((e, i) => {
    const diff = (['intent', 'category', 'severity', 'region', 'enterprise'] as const).filter((k) => e[k] !== p[i]![k]);
    if (diff.length) console.log(`${e.source}  ${e.text}\n    ${diff.map((k) => `${k}: ${e[k]} → ${p[i]![k]}`).join('; ')}`);
  });
  process.exit(0);
}

const corpus = loadCorpus();
const { train, test } = split(corpus);
const predicted = run(train, test);
console.log(`corpus ${corpus.length} messages; train ${train.length}, held out ${test.length} (fold 0 of 5 by text hash); jurisdiction ${JURISDICTION}`);
table('intent', perLabel(test.map((e, i) => [e.intent, predicted[i]!.intent]), INTENTS));
table('category (complaints)', perLabel(test.map((e, i) => [e.category, predicted[i]!.category]), CATEGORIES));
table('severity (complaints)', perLabel(test.map((e, i) => [e.severity, predicted[i]!.severity]), SEVERITIES));
console.log('\nintent confusion\n' + confusion(test.map((e, i) => [e.intent, predicted[i]!.intent]), INTENTS));
const both = test.map((e, i) => [e.category, predicted[i]!.category] as const).filter(([g, p]) => g && p) as [string, string][];
console.log('\ncategory confusion (gold and predicted complaints)\n' + confusion(both, CATEGORIES));
console.log('\nheld-out summary\n' + headline(summarise(test, predicted, CATEGORIES)));

const folds: Summary[] = [];
for (let k = 0; k < 5; k++) {
  const s = split(corpus, 5, k);
  folds.push(summarise(s.test, run(s.train, s.test), CATEGORIES));
}
const mean = Object.fromEntries(Object.keys(folds[0]!).map((key) => [key, folds.reduce((a, f) => a + (f as never as Record<string, number>)[key]!, 0) / folds.length])) as never as Summary;
const min = (key: keyof Summary) => pct(Math.min(...folds.map((f) => f[key])));
console.log('\n5-fold cross-validation (mean; worst fold)\n' + headline(mean).split('\n').map((l, i) => `${l}; worst ${min((['intentAccuracy', 'categoryMacroF1', 'urgentRecall', 'urgentPrecision', 'regionExact', 'businessExact'] as const)[i]!)}`).join('\n'));

if (showErrors) {
  setModels(trainModels(train));
  console.log('\nheld-out mistakes');
  test.forEach((e, i) => {
    const p = predicted[i]!;
    const diff = (['intent', 'category', 'severity', 'region', 'enterprise'] as const).filter((k) => e[k] !== p[k]);
    if (diff.length) console.log(`${e.source}  ${e.text}\n    ${diff.map((k) => `${k}: ${e[k]} → ${p[k]}`).join('; ')}`);
  });
}
if (process.argv.includes('--compare-natural')) {
  // The same features through natural's BayesClassifier (intent, held-out split): why the analyser has its own classifier.
  const { createRequire } = await import('node:module');
  const natural = createRequire(import.meta.url)('natural');
  const { features } = await import('../core/analyser/features.js');
  const { normalise } = await import('../core/analyser/normalise.js');
  const bayes = new natural.BayesClassifier();
  for (const e of train) bayes.addDocument(features(normalise(e.text)), e.intent);
  const t0 = performance.now();
  bayes.train();
  const trainMs = performance.now() - t0;
  const t1 = performance.now();
  const acc = test.filter((e) => bayes.classify(features(normalise(e.text))) === e.intent).length / test.length;
  const ms = (performance.now() - t1) / test.length;
  console.log(`\nnatural BayesClassifier, same features: intent accuracy ${pct(acc)}, training ${(trainMs / 1000).toFixed(1)} s, ${ms.toFixed(2)} ms per message`);
}
setModels(null);
