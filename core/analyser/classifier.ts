/**
 * A multinomial logistic-regression (softmax) classifier over sparse binary
 * features, trained with AdaGrad. Measured against natural's Bayes and
 * logistic-regression classifiers in scripts/eval-nlu.ts; it is more accurate
 * on the held-out split and classifies in microseconds (the others walk the
 * whole vocabulary per call).
 */

/** A label with its probability. */
export interface Prediction<L extends string> {
  label: L;
  confidence: number;
  /** Every label's probability, best first. */
  ranked: { label: L; p: number }[];
}

export interface TrainOptions {
  epochs?: number;
  learningRate?: number;
  /** L2 penalty per update. */
  l2?: number;
  seed?: number;
  /** Weight each class by 1/frequency^balance (0 = none, 1 = fully balanced). */
  balance?: number;
}

/** A trained softmax classifier; build with `SoftmaxClassifier.train`. */
export class SoftmaxClassifier<L extends string> {
  private constructor(
    private readonly labels: readonly L[],
    private readonly weights: Map<string, Float64Array>,
    private readonly bias: Float64Array,
  ) {}

  /** Trains on (features, label) pairs; deterministic for a given seed. */
  static train<L extends string>(labels: readonly L[], data: { features: string[]; label: L }[], opts: TrainOptions = {}): SoftmaxClassifier<L> {
    const { epochs = 30, learningRate = 0.2, l2 = 1e-4, seed = 42, balance = 0 } = opts;
    const k = labels.length;
    const index = new Map(labels.map((l, i) => [l, i] as const));
    const weights = new Map<string, Float64Array>();
    const grads = new Map<string, Float64Array>();
    const bias = new Float64Array(k);
    const biasG = new Float64Array(k).fill(1e-8);
    const rows = data.map((d) => ({ f: [...new Set(d.features)], y: index.get(d.label)! }));
    const counts = labels.map((_, c) => rows.filter((r) => r.y === c).length || 1);
    const mean = rows.length / k;
    const classWeight = counts.map((n) => (mean / n) ** balance);
    for (const r of rows) for (const f of r.f) if (!weights.has(f)) { weights.set(f, new Float64Array(k)); grads.set(f, new Float64Array(k).fill(1e-8)); }
    let rnd = seed;
    const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2147483648) / 2147483648);
    const model = new SoftmaxClassifier(labels, weights, bias);
    for (let e = 0; e < epochs; e++) {
      const order = rows.map((_, i) => i).sort(() => random() - 0.5);
      for (const i of order) {
        const r = rows[i]!;
        const p = model.probabilities(r.f);
        for (let c = 0; c < k; c++) {
          const g = (p[c]! - (c === r.y ? 1 : 0)) * classWeight[r.y]!;
          biasG[c]! += g * g;
          bias[c]! -= (learningRate * g) / Math.sqrt(biasG[c]!);
          for (const f of r.f) {
            const w = weights.get(f)!;
            const gw = g + l2 * w[c]!;
            const acc = grads.get(f)!;
            acc[c]! += gw * gw;
            w[c]! -= (learningRate * gw) / Math.sqrt(acc[c]!);
          }
        }
      }
    }
    return model;
  }

  private probabilities(features: Iterable<string>): Float64Array {
    const z = Float64Array.from(this.bias);
    for (const f of features) {
      const w = this.weights.get(f);
      if (w) for (let c = 0; c < z.length; c++) z[c]! += w[c]!;
    }
    const max = Math.max(...z);
    let sum = 0;
    for (let c = 0; c < z.length; c++) sum += z[c] = Math.exp(z[c]! - max);
    for (let c = 0; c < z.length; c++) z[c]! /= sum;
    return z;
  }

  /** The most probable label and the full ranking. */
  classify(features: string[]): Prediction<L> {
    const p = this.probabilities(new Set(features));
    const ranked = this.labels.map((label, i) => ({ label, p: p[i]! })).sort((a, b) => b.p - a.p);
    return { label: ranked[0]!.label, confidence: ranked[0]!.p, ranked };
  }
}
