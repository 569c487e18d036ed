/** Loss of a model on whole splits, and the count-based bigram baseline. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Examples } from './dataset';
import type { ModelShape, Params } from './model';
import type { SplitLosses, SplitName } from './splits';
import { logSumExp } from './loss';
import { ForwardPass, readTensor } from './step';
import { BOUNDARY, type Vocabulary } from './vocabulary';
import { MAX_LINE_LENGTH } from './listFormat';

const CHUNK = 4096;

/**
 * A split's examples grouped by context, ready to evaluate: each distinct context is run through
 * the model once, and the loss of every example that has it is read off its logits. Lists repeat
 * contexts a lot (names.txt's dev split: 40 % distinct at block 3; a 3-million-line list of names:
 * 5 %), so evaluation costs a fraction of the examples' count.
 */
export interface EvalSet {
  /** The distinct contexts, `unique × blockSize` symbols. */
  readonly contexts: ArrayLike<number>;
  readonly unique: number;
  /** The targets of distinct context u are targets[offsets[u] .. offsets[u + 1]). */
  readonly offsets: Int32Array;
  readonly targets: ArrayLike<number>;
  /** Examples (targets) in all. */
  readonly count: number;
}

/** Groups examples by context (see EvalSet). Contexts that cannot be keyed exactly are kept as they are. */
export function prepareEval(examples: Examples, vocabSize: number): EvalSet {
  const { X, Y, count, blockSize } = examples;
  const exact = blockSize * Math.log2(Math.max(2, vocabSize)) <= 52;
  if (!exact || count === 0) {
    return { contexts: X, unique: count, offsets: Int32Array.from({ length: count + 1 }, (_, i) => i), targets: Y, count };
  }
  const ids = new Map<number, number>();
  const uid = new Int32Array(count);
  const firstRow: number[] = [];
  for (let i = 0; i < count; i++) {
    let key = 0;
    const o = i * blockSize;
    for (let p = 0; p < blockSize; p++) key = key * vocabSize + X[o + p]!;
    let u = ids.get(key);
    if (u === undefined) {
      u = firstRow.length;
      ids.set(key, u);
      firstRow.push(i);
    }
    uid[i] = u;
  }
  const unique = firstRow.length;
  const contexts = X instanceof Uint8Array ? new Uint8Array(unique * blockSize) : new Uint16Array(unique * blockSize);
  for (let u = 0; u < unique; u++) {
    const r = firstRow[u]!;
    contexts.set(X.subarray(r * blockSize, (r + 1) * blockSize), u * blockSize);
  }
  // Counting sort of the targets by context.
  const offsets = new Int32Array(unique + 1);
  for (let i = 0; i < count; i++) offsets[uid[i]! + 1]!++;
  for (let u = 0; u < unique; u++) offsets[u + 1]! += offsets[u]!;
  const fill = offsets.slice(0, unique);
  const targets = Y instanceof Uint8Array ? new Uint8Array(count) : new Uint16Array(count);
  for (let i = 0; i < count; i++) targets[fill[uid[i]!]!++] = Y[i]!;
  return { contexts, unique, offsets, targets, count };
}

/**
 * Mean cross-entropy of the model over an EvalSet (null when it is empty). With a factored output
 * layer, a context's targets need their own classes only: each distinct (context, class) pair is
 * computed once.
 */
export function evaluateSet(shape: ModelShape, params: Params, set: EvalSet, forward?: ForwardPass): number | null {
  if (set.count === 0) return null;
  const f = forward ?? new ForwardPass(shape, Math.min(CHUNK, Math.max(1, set.unique)));
  if (f.layout) return evaluateFactored(f, params, set);
  f.loadParams(params);
  const V = shape.vocabSize;
  const { offsets, targets } = set;
  let total = 0;
  for (let offset = 0; offset < set.unique; offset += f.capacity) {
    const n = Math.min(f.capacity, set.unique - offset);
    f.loadContexts(params.C, set.contexts, offset, n);
    tf.engine().startScope();
    try {
      const { logits } = f.run(params.W1, n);
      const l = readTensor(logits);
      for (let r = 0; r < n; r++) {
        const o = r * V;
        const lse = logSumExp(l, o, V);
        const u = offset + r;
        for (let k = offsets[u]!; k < offsets[u + 1]!; k++) total += lse - l[o + targets[k]!]!;
      }
    } finally {
      tf.engine().endScope();
    }
  }
  return total / set.count;
}

function evaluateFactored(f: ForwardPass, params: Params, set: EvalSet): number {
  const layout = f.layout!;
  const H = f.shape.hiddenSize;
  const n = layout.count;
  f.loadParams(params, false);
  const { offsets, targets } = set;
  // Pairs (row of the chunk, class) to compute, and for each target the pair it reads.
  const pairOf = new Int32Array(set.count);
  const lastRow = new Int32Array(n).fill(-1);
  const slot = new Int32Array(n);
  let total = 0;
  for (let offset = 0; offset < set.unique; offset += f.capacity) {
    const cn = Math.min(f.capacity, set.unique - offset);
    f.loadContexts(params.C, set.contexts, offset, cn);
    // At most one pair per target.
    const rows = new Int32Array(offsets[offset + cn]! - offsets[offset]!);
    const pairClasses = new Int32Array(rows.length);
    let pairs = 0;
    tf.engine().startScope();
    let sv: Float32Array;
    try {
      const s = f.hidden(params.W1, cn);
      const head = f.head(s);
      const hv = readTensor(head);
      for (let r = 0; r < cn; r++) {
        const o = r * n;
        const lse = logSumExp(hv, o, n);
        const u = offset + r;
        for (let t = offsets[u]!; t < offsets[u + 1]!; t++) {
          const k = layout.classOf[targets[t]!]!;
          total += lse - hv[o + k]!;
          if (layout.size(k) === 1) {
            pairOf[t] = -1;
            continue;
          }
          if (lastRow[k] !== r + offset) {
            lastRow[k] = r + offset;
            slot[k] = pairs;
            rows[pairs] = r;
            pairClasses[pairs] = k;
            pairs++;
          }
          pairOf[t] = slot[k]!;
        }
      }
      sv = readTensor(s).slice(0, cn * H);
    } finally {
      tf.engine().endScope();
    }
    if (pairs === 0) continue;
    const pairOffsets = new Int32Array(pairs + 1);
    let size = 0;
    for (let i = 0; i < pairs; i++) size += layout.size(pairClasses[i]!);
    const logits = new Float32Array(size);
    f.pairLogits(sv, rows, pairClasses, pairs, logits, pairOffsets);
    const lse = new Float64Array(pairs);
    for (let i = 0; i < pairs; i++) lse[i] = logSumExp(logits, pairOffsets[i]!, pairOffsets[i + 1]! - pairOffsets[i]!);
    for (let u = offset; u < offset + cn; u++) {
      for (let t = offsets[u]!; t < offsets[u + 1]!; t++) {
        const p = pairOf[t]!;
        if (p >= 0) total += lse[p]! - logits[pairOffsets[p]! + layout.position[targets[t]!]!]!;
      }
    }
  }
  return total / set.count;
}

/** Mean cross-entropy of the model over all examples of a split (null for an empty split). */
export function evaluateLoss(shape: ModelShape, params: Params, examples: Examples, forward?: ForwardPass): number | null {
  if (examples.count === 0) return null;
  return evaluateSet(shape, params, prepareEval(examples, shape.vocabSize), forward);
}

/** Losses on the given splits (the others are left untouched and reported as null). */
export function evaluateSplits(
  shape: ModelShape,
  params: Params,
  data: Pick<Dataset, SplitName>,
  splits: readonly SplitName[] = ['train', 'dev', 'test'],
): SplitLosses {
  const forward = new ForwardPass(shape, Math.min(CHUNK, Math.max(1, ...splits.map((s) => data[s].count))));
  const losses: SplitLosses = { train: null, dev: null, test: null };
  for (const s of splits) losses[s] = evaluateLoss(shape, params, data[s], forward);
  return losses;
}

/**
 * The count-based bigram model of makemore part 1: P(next | previous symbol) from the training
 * split's counts with add-one smoothing. The baseline every result is read against.
 */
export class BigramModel {
  private readonly logProb: Float64Array;

  constructor(
    private readonly vocabulary: Vocabulary,
    trainWords: readonly string[],
  ) {
    const V = vocabulary.size;
    const counts = new Float64Array(V * V).fill(1);
    let buf = new Int32Array(2 * MAX_LINE_LENGTH + 2);
    for (const w of trainWords) {
      if (w.length >= buf.length) buf = new Int32Array(w.length + 1);
      let prev = BOUNDARY;
      const n = symbolsOf(vocabulary, w, buf);
      for (let i = 0; i < n; i++) {
        const next = buf[i]!;
        counts[prev * V + next]++;
        prev = next;
      }
    }
    this.logProb = new Float64Array(V * V);
    for (let a = 0; a < V; a++) {
      let sum = 0;
      for (let b = 0; b < V; b++) sum += counts[a * V + b];
      for (let b = 0; b < V; b++) this.logProb[a * V + b] = Math.log(counts[a * V + b] / sum);
    }
  }

  /** Mean negative log-likelihood per symbol (end of word included) over the words. */
  loss(words: readonly string[]): number | null {
    const V = this.vocabulary.size;
    let total = 0;
    let n = 0;
    let buf = new Int32Array(2 * MAX_LINE_LENGTH + 2);
    for (const w of words) {
      if (w.length >= buf.length) buf = new Int32Array(w.length + 1);
      let prev = BOUNDARY;
      const k = symbolsOf(this.vocabulary, w, buf);
      for (let i = 0; i < k; i++) {
        const next = buf[i]!;
        total -= this.logProb[prev * V + next]!;
        prev = next;
      }
      n += k;
    }
    return n === 0 ? null : total / n;
  }

  splitLosses(splitWords: Readonly<Record<SplitName, readonly string[]>>): SplitLosses {
    return { train: this.loss(splitWords.train), dev: this.loss(splitWords.dev), test: this.loss(splitWords.test) };
  }
}

/** Writes the symbols of a word followed by the boundary into `out`; returns their number. */
function symbolsOf(vocabulary: Vocabulary, word: string, out: Int32Array): number {
  const n = vocabulary.encodeInto(word, out);
  out[n] = BOUNDARY;
  return n + 1;
}
