/** Loss of a model on whole splits, and the count-based bigram baseline. */
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Examples } from './dataset';
import { softmaxCrossEntropy } from './loss';
import type { ModelShape, Params } from './model';
import type { SplitLosses, SplitName } from './splits';
import { ForwardPass, readTensor } from './step';
import { BOUNDARY, type Vocabulary } from './vocabulary';

const CHUNK = 4096;

/** Mean cross-entropy of the model over all examples of a split (null for an empty split). */
export function evaluateLoss(shape: ModelShape, params: Params, examples: Examples, forward?: ForwardPass): number | null {
  if (examples.count === 0) return null;
  const f = forward ?? new ForwardPass(shape, Math.min(CHUNK, examples.count));
  f.loadParams(params);
  let total = 0;
  for (let offset = 0; offset < examples.count; offset += f.capacity) {
    const n = Math.min(f.capacity, examples.count - offset);
    f.loadContexts(params.C, examples.X, offset, n);
    tf.engine().startScope();
    try {
      const { logits } = f.run(params.W1, n);
      total += softmaxCrossEntropy(readTensor(logits), examples.Y, n, shape.vocabSize, undefined, offset);
    } finally {
      tf.engine().endScope();
    }
  }
  return total / examples.count;
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
    for (const w of trainWords) {
      let prev = BOUNDARY;
      for (const next of [...vocabulary.encode(w), BOUNDARY]) {
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
    for (const w of words) {
      let prev = BOUNDARY;
      for (const next of [...this.vocabulary.encode(w), BOUNDARY]) {
        total -= this.logProb[prev * V + next];
        prev = next;
        n++;
      }
    }
    return n === 0 ? null : total / n;
  }

  splitLosses(splitWords: Readonly<Record<SplitName, readonly string[]>>): SplitLosses {
    return { train: this.loss(splitWords.train), dev: this.loss(splitWords.dev), test: this.loss(splitWords.test) };
  }
}
