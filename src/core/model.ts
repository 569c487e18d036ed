/**
 * The model of Bengio et al. 2003 ("A Neural Probabilistic Language Model"), as in Karpathy's
 * makemore part 2:
 *
 *   C   [V, E]   embedding table: one learned vector per symbol
 *   W1  [K, H]   hidden layer, K = blockSize·E (the context's embeddings, concatenated)
 *   b1  [H]
 *   W2  [H, V]   output layer, logits over the vocabulary
 *   b2  [V]
 *   Wc  [H, n]   a factored output layer's class logits (n classes; empty when flat)
 *   bc  [n]
 *
 *   h = tanh(concat(C[x₁], …, C[x_block]) · W1 + b1),  logits = h · W2 + b2
 *
 * With classes (outputLayer.ts), P(c | h) = softmax(h·Wc + bc)[class(c)] · softmax over the
 * logits of c's class only.
 *
 * Parameters live in plain Float32Arrays (row-major); the training step hands them to
 * TensorFlow.js kernels, and inference for sampling runs on them directly.
 */
import { classCount, fullLogProbabilities, layoutOf, type ClassLayout } from './outputLayer';
import type { Rng } from './rng';

export interface ModelShape {
  vocabSize: number;
  blockSize: number;
  embeddingSize: number;
  hiddenSize: number;
  /**
   * A factored output layer (outputLayer.ts): the class of each symbol, classes numbered from 0.
   * Absent: the flat softmax.
   */
  classes?: number[];
}

export const PARAM_NAMES = ['C', 'W1', 'b1', 'W2', 'b2', 'Wc', 'bc'] as const;
export type ParamName = (typeof PARAM_NAMES)[number];
export type Params = Record<ParamName, Float32Array>;

export function paramShapes(s: ModelShape): Record<ParamName, number[]> {
  const K = s.blockSize * s.embeddingSize;
  return {
    C: [s.vocabSize, s.embeddingSize],
    W1: [K, s.hiddenSize],
    b1: [s.hiddenSize],
    W2: [s.hiddenSize, s.vocabSize],
    b2: [s.vocabSize],
    Wc: [s.hiddenSize, classCount(s)],
    bc: [classCount(s)],
  };
}

export function countParams(s: ModelShape): number {
  return Object.values(paramShapes(s)).reduce((n, dims) => n + dims.reduce((a, b) => a * b, 1), 0);
}

export function zerosLike(s: ModelShape): Params {
  const shapes = paramShapes(s);
  const out = {} as Params;
  for (const name of PARAM_NAMES) out[name] = new Float32Array(shapes[name].reduce((a, b) => a * b, 1));
  return out;
}

export function cloneParams(p: Params): Params {
  const out = {} as Params;
  for (const name of PARAM_NAMES) out[name] = p[name].slice();
  return out;
}

/**
 * The default, 'scaled' initialisation (the one makemore part 3 arrives at): tanh units start
 * in their linear range (Kaiming gain 5/3 over √fan-in), and the output layer starts near zero
 * so the first loss is close to −log(1/V) instead of ≈27. 'randn' is the seed notebook's: every
 * parameter drawn from N(0, 1).
 */
export function initParams(s: ModelShape, rng: Rng, init: 'scaled' | 'randn' = 'scaled'): Params {
  const p = zerosLike(s);
  const K = s.blockSize * s.embeddingSize;
  const fill = (a: Float32Array, scale: number): void => {
    for (let i = 0; i < a.length; i++) a[i] = rng.normal() * scale;
  };
  const seed = init === 'randn';
  fill(p.C, 1);
  fill(p.W1, seed ? 1 : 5 / 3 / Math.sqrt(K));
  fill(p.b1, seed ? 1 : 0.01);
  fill(p.W2, seed ? 1 : 0.01);
  if (seed) fill(p.b2, 1);
  // A flat model has no class parameters: nothing is drawn, the runs of flat models are unchanged.
  fill(p.Wc, seed ? 1 : 0.01);
  if (seed) fill(p.bc, 1);
  return p;
}

/**
 * Inference on one context at a time, in plain JavaScript, for sampling. The first layer is
 * folded into per-position tables: T[p][v] = C[v] · W1[p·E:(p+1)·E], so a context's hidden
 * pre-activation is the sum of `blockSize` table rows (no matrix product per symbol).
 */
export class Predictor {
  private readonly tables: Float32Array;
  private readonly hidden: Float32Array;
  /** A factored output layer's classes (undefined: flat). */
  readonly layout: ClassLayout | undefined;
  private readonly head: Float64Array;
  private readonly tail: Float64Array;

  constructor(
    readonly shape: ModelShape,
    private readonly params: Params,
  ) {
    const { vocabSize: V, blockSize: T, embeddingSize: E, hiddenSize: H } = shape;
    this.tables = new Float32Array(T * V * H);
    for (let p = 0; p < T; p++) {
      for (let v = 0; v < V; v++) {
        const row = (p * V + v) * H;
        for (let e = 0; e < E; e++) {
          const c = params.C[v * E + e];
          const w = (p * E + e) * H;
          for (let h = 0; h < H; h++) this.tables[row + h] += c * params.W1[w + h];
        }
      }
    }
    this.hidden = new Float32Array(H);
    this.layout = layoutOf(shape);
    this.head = new Float64Array(this.layout?.count ?? 0);
    this.tail = new Float64Array(this.layout?.largest ?? 0);
  }

  /**
   * Writes the logits of the next symbol after `context` (blockSize indices) into `out`: values
   * whose softmax is the model's distribution. A factored model writes its exact
   * log-probabilities (which are such logits), computing every class (H·V, as flat).
   */
  logits(context: ArrayLike<number>, out: Float32Array): void {
    const { vocabSize: V, hiddenSize: H } = this.shape;
    const { W2, b2 } = this.params;
    const hidden = this.hiddenOf(context);
    const layout = this.layout;
    if (layout) this.classLogits(hidden);
    out.set(b2);
    for (let h = 0; h < H; h++) {
      const a = hidden[h];
      const w = h * V;
      for (let v = 0; v < V; v++) out[v] += a * W2[w + v];
    }
    if (layout) fullLogProbabilities(layout, this.head, 0, out, 0, out);
  }

  /**
   * A factored model: draws the next symbol from the model's distribution (temperature 1, no
   * top-k) in two draws — the class, then the symbol within it — computing the one class drawn
   * only (H·(classes + class size)). Returns the symbol and its log-probability.
   */
  drawFactored(context: ArrayLike<number>, rng: Rng): { symbol: number; logProb: number } {
    const layout = this.layout!;
    const { vocabSize: V, hiddenSize: H } = this.shape;
    const { W2, b2 } = this.params;
    const hidden = this.hiddenOf(context);
    const head = this.classLogits(hidden);
    const first = drawIndex(head, 0, layout.count, rng);
    const k = first.index;
    const from = layout.start[k]!;
    const m = layout.size(k);
    const tail = this.tail;
    for (let j = 0; j < m; j++) {
      const v = layout.members[from + j]!;
      let z = b2[v];
      for (let h = 0; h < H; h++) z += hidden[h] * W2[h * V + v];
      tail[j] = z;
    }
    const second = drawIndex(tail, 0, m, rng);
    return { symbol: layout.members[from + second.index]!, logProb: first.logProb + second.logProb };
  }

  private hiddenOf(context: ArrayLike<number>): Float32Array {
    const { vocabSize: V, blockSize: T, hiddenSize: H } = this.shape;
    const hidden = this.hidden;
    hidden.set(this.params.b1);
    for (let p = 0; p < T; p++) {
      const row = (p * V + context[p]) * H;
      for (let h = 0; h < H; h++) hidden[h] += this.tables[row + h];
    }
    for (let h = 0; h < H; h++) hidden[h] = Math.tanh(hidden[h]);
    return hidden;
  }

  /** The class logits h·Wc + bc, into `head`. */
  private classLogits(hidden: Float32Array): Float64Array {
    const n = this.head.length;
    const H = this.shape.hiddenSize;
    const { Wc, bc } = this.params;
    const head = this.head;
    for (let k = 0; k < n; k++) head[k] = bc[k];
    for (let h = 0; h < H; h++) {
      const a = hidden[h];
      for (let k = 0; k < n; k++) head[k] += a * Wc[h * n + k];
    }
    return head;
  }
}

/** Draws index j of softmax(a[offset … offset+n)); returns it and its log-probability. */
export function drawIndex(a: ArrayLike<number>, offset: number, n: number, rng: Rng): { index: number; logProb: number } {
  let max = -Infinity;
  for (let j = 0; j < n; j++) max = Math.max(max, a[offset + j]!);
  let sum = 0;
  for (let j = 0; j < n; j++) sum += Math.exp(a[offset + j]! - max);
  let r = rng.next() * sum;
  let index = n - 1;
  for (let j = 0; j < n; j++) {
    r -= Math.exp(a[offset + j]! - max);
    if (r < 0) {
      index = j;
      break;
    }
  }
  return { index, logProb: a[offset + index]! - max - Math.log(sum) };
}
