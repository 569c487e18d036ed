/**
 * The dataset: words shuffled with a seed and split 80/10/10 by word into train/dev/test, each
 * split turned into (context, next symbol) examples. A context is the `blockSize` previous
 * symbols, padded with the boundary at the start of a word; every word ends with the boundary.
 *
 *   "emma", block 3:  ...→e  ..e→m  .em→m  emm→a  mma→.
 */
import { Rng } from './rng';
import type { SplitName } from './splits';
import { BOUNDARY, Vocabulary } from './vocabulary';

export interface Examples {
  /** Contexts, `count × blockSize` symbol indices, row-major. */
  readonly X: Int32Array;
  /** Next symbol of each context. */
  readonly Y: Int32Array;
  readonly count: number;
  readonly blockSize: number;
  /** Number of words the examples come from. */
  readonly words: number;
}


export interface Dataset {
  readonly vocabulary: Vocabulary;
  readonly blockSize: number;
  readonly train: Examples;
  readonly dev: Examples;
  readonly test: Examples;
  /** The words of each split, after shuffling. */
  readonly splitWords: Readonly<Record<SplitName, readonly string[]>>;
}

/**
 * Sizes of an 80/10/10 split of n words (as makemore: first 80 % train, next 10 % dev, rest test),
 * keeping at least one word for training and one for dev when n is tiny.
 */
export function splitSizes(n: number): Record<SplitName, number> {
  let n1 = Math.floor(0.8 * n);
  let n2 = Math.floor(0.9 * n);
  n1 = Math.min(Math.max(n1, 1), n - 1);
  n2 = Math.min(Math.max(n2, n1 + 1), n);
  return { train: n1, dev: n2 - n1, test: n - n2 };
}

/** Shuffles `words` with `seed` and splits them by word. */
export function splitWords(words: readonly string[], seed: number): Record<SplitName, string[]> {
  const shuffled = new Rng(seed).shuffle([...words]);
  const sizes = splitSizes(shuffled.length);
  return {
    train: shuffled.slice(0, sizes.train),
    dev: shuffled.slice(sizes.train, sizes.train + sizes.dev),
    test: shuffled.slice(sizes.train + sizes.dev),
  };
}

/** Turns words into examples. */
export function buildExamples(words: readonly string[], vocabulary: Vocabulary, blockSize: number): Examples {
  const encoded = words.map((w) => vocabulary.encode(w));
  let count = 0;
  for (const e of encoded) count += e.length + 1;
  const X = new Int32Array(count * blockSize);
  const Y = new Int32Array(count);
  const context = new Int32Array(blockSize);
  let row = 0;
  for (const symbols of encoded) {
    context.fill(BOUNDARY);
    for (let i = 0; i <= symbols.length; i++) {
      const next = i < symbols.length ? symbols[i] : BOUNDARY;
      X.set(context, row * blockSize);
      Y[row] = next;
      row++;
      context.copyWithin(0, 1);
      context[blockSize - 1] = next;
    }
  }
  return { X, Y, count, blockSize, words: words.length };
}

/** Builds the vocabulary from all words, then the three splits. */
export function buildDataset(words: readonly string[], blockSize: number, seed: number): Dataset {
  const vocabulary = Vocabulary.fromWords(words);
  const split = splitWords(words, seed);
  return {
    vocabulary,
    blockSize,
    train: buildExamples(split.train, vocabulary, blockSize),
    dev: buildExamples(split.dev, vocabulary, blockSize),
    test: buildExamples(split.test, vocabulary, blockSize),
    splitWords: split,
  };
}

/** Random minibatches (with replacement, as in makemore) of a split's examples. */
export class Minibatches {
  readonly X: Int32Array;
  readonly Y: Int32Array;

  constructor(
    private readonly examples: Examples,
    readonly batchSize: number,
    private readonly rng: Rng,
  ) {
    this.X = new Int32Array(batchSize * examples.blockSize);
    this.Y = new Int32Array(batchSize);
  }

  /** Fills X and Y with the next minibatch. */
  next(): void {
    const { X, Y, count, blockSize } = this.examples;
    for (let i = 0; i < this.batchSize; i++) {
      const j = this.rng.int(count);
      this.Y[i] = Y[j];
      for (let p = 0; p < blockSize; p++) this.X[i * blockSize + p] = X[j * blockSize + p];
    }
  }
}
