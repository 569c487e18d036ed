/**
 * The dataset: words shuffled with a seed and split 80/10/10 by word into train/dev/test, each
 * split turned into (context, next symbol) examples. A context is the `blockSize` previous
 * symbols, padded with the boundary at the start of a word; every word ends with the boundary.
 *
 *   "emma", block 3:  ...→e  ..e→m  .em→m  emm→a  mma→.
 *
 * Examples are stored compactly: one byte per symbol under 256 symbols (Uint8Array), two bytes
 * otherwise (Uint16Array) — a 30 MB list's 27 million examples take 160 MB at block 5, not 650.
 */
import type { CasingInfo } from './casing';
import { Rng } from './rng';
import type { SplitName } from './splits';
import { symbolCount } from './symbols';
import { BOUNDARY, Vocabulary } from './vocabulary';

/** Symbol indices, as compact as the vocabulary allows. */
export type SymbolArray = Uint8Array | Uint16Array;

export interface Examples {
  /** Contexts, `count × blockSize` symbol indices, row-major. */
  readonly X: SymbolArray;
  /** Next symbol of each context. */
  readonly Y: SymbolArray;
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
  /** What was done about case (the pipeline sets it; samples during training restore it). */
  readonly casing?: CasingInfo;
  /**
   * Set by the pipeline when the step count was left to the engine: `train` then keeps the whole
   * run (data preparation and final evaluation included) within a bound relative to the default
   * run on names.txt, following time when the steps would overrun (see train.ts).
   */
  readonly autoSchedule?: { preparedAt: number };
}

/** The array type for symbols of a vocabulary of `size` symbols. */
export function symbolArray(size: number, length: number): SymbolArray {
  return size <= 256 ? new Uint8Array(length) : new Uint16Array(length);
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
  // Fisher–Yates on indices (the same permutation as shuffling a copy of the words, without the copy).
  const n = words.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const rng = new Rng(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const sizes = splitSizes(n);
  const pick = (from: number, to: number): string[] => {
    const out = new Array<string>(to - from);
    for (let i = from; i < to; i++) out[i - from] = words[order[i]!]!;
    return out;
  };
  return { train: pick(0, sizes.train), dev: pick(sizes.train, sizes.train + sizes.dev), test: pick(sizes.train + sizes.dev, n) };
}

/**
 * Number of examples `words` give: one per symbol (symbols.ts) plus the end of each word. With
 * the words' vocabulary at hand, a list whose symbols are all one code unit is counted by length
 * alone.
 */
export function countExamples(words: readonly string[], vocabulary?: Vocabulary): number {
  let count = 0;
  for (const w of words) count += (vocabulary ? vocabulary.symbolCount(w) : symbolCount(w)) + 1;
  return count;
}

/** Turns words into examples. */
export function buildExamples(words: readonly string[], vocabulary: Vocabulary, blockSize: number): Examples {
  const count = countExamples(words, vocabulary);
  const X = symbolArray(vocabulary.size, count * blockSize);
  const Y = symbolArray(vocabulary.size, count);
  let row = 0;
  for (const w of words) {
    // The context of each position is the previous blockSize symbols, read back from Y.
    const first = row;
    row += vocabulary.encodeInto(w, Y, row);
    Y[row++] = BOUNDARY;
    for (let r = first; r < row; r++) {
      const base = r * blockSize;
      for (let p = 0; p < blockSize; p++) {
        const src = r - blockSize + p;
        X[base + p] = src >= first ? Y[src]! : BOUNDARY;
      }
    }
  }
  return { X, Y, count, blockSize, words: words.length };
}

/** Builds the vocabulary from all words, then the three splits. */
export function buildDataset(words: readonly string[], blockSize: number, seed: number): Dataset {
  return datasetOfSplit(Vocabulary.fromWords(words), splitWords(words, seed), blockSize);
}

/** The dataset of an existing split (the pipeline splits once and reuses it). */
export function datasetOfSplit(vocabulary: Vocabulary, split: Record<SplitName, string[]>, blockSize: number): Dataset {
  return {
    vocabulary,
    blockSize,
    train: buildExamples(split.train, vocabulary, blockSize),
    dev: buildExamples(split.dev, vocabulary, blockSize),
    test: buildExamples(split.test, vocabulary, blockSize),
    splitWords: split,
  };
}

/** Largest dev sample evaluated during training. */
export const EVAL_SAMPLE_SIZE = 20_000;
/** Largest train sample of the final train loss. */
export const TRAIN_LOSS_SAMPLE_SIZE = 100_000;

/**
 * A fixed random sample of `max` examples (all of them when there are no more): the same for a
 * seed, drawn without replacement, kept in their original order. Evaluating on it costs the same
 * whatever the size of the list.
 */
export function sampleExamples(examples: Examples, max: number, seed: number): Examples {
  if (examples.count <= max) return examples;
  const rng = new Rng((seed ^ 0x5eed5a3e) >>> 0);
  // Floyd's algorithm: `max` distinct indices, then sorted.
  const chosen = new Set<number>();
  for (let j = examples.count - max; j < examples.count; j++) {
    const t = rng.int(j + 1);
    chosen.add(chosen.has(t) ? j : t);
  }
  const rows = Int32Array.from(chosen).sort();
  const { blockSize } = examples;
  const X = examples.X instanceof Uint8Array ? new Uint8Array(max * blockSize) : new Uint16Array(max * blockSize);
  const Y = examples.Y instanceof Uint8Array ? new Uint8Array(max) : new Uint16Array(max);
  for (let i = 0; i < max; i++) {
    const r = rows[i]!;
    Y[i] = examples.Y[r]!;
    X.set(examples.X.subarray(r * blockSize, (r + 1) * blockSize), i * blockSize);
  }
  return { X, Y, count: max, blockSize, words: examples.words };
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
      this.Y[i] = Y[j]!;
      for (let p = 0; p < blockSize; p++) this.X[i * blockSize + p] = X[j * blockSize + p]!;
    }
  }
}
