/**
 * The output layer: a flat softmax over the V symbols, or, for large alphabets, a softmax
 * factored through classes of symbols:
 *
 *   P(c | h) = P(k | h) · P(c | k, h),   k = class(c)
 *   P(k | h)    = softmax(h·Wc + bc)[k]                      over the classes
 *   P(c | k, h) = softmax(h·W2[:, k's symbols] + b2[…])[c]    over the symbols of class k
 *
 * Classes by frequency binning (Goodman 2001, "Classes for fast maximum entropy training";
 * Mikolov et al. 2011, "Extensions of recurrent neural network language model"): the symbols
 * sorted by their count in the training split, the cumulative count cut into about √V equal
 * parts. Frequent symbols get small classes (the end of a word, which alone fills more than a
 * part, a class of its own) and rare ones share large ones — the frequency-sorted clusters of
 * the adaptive softmax (Grave et al. 2017, "Efficient softmax approximation for GPUs"), on two
 * levels. A class of one symbol costs nothing beyond its class's logit.
 *
 * Both factors are softmaxes, so the product is exactly normalised: losses compare with the flat
 * softmax and the bigram baseline. An example costs H·(classes + size of its target's class)
 * instead of H·V; with frequency binning the expected class size is ≈ V / classes, so ≈ 2·H·√V.
 *
 * The parameters are those of the flat layer (W2 [H, V], b2 [V]: column c is symbol c's) plus
 * Wc [H, classes] and bc [classes]; a flat model has no classes (Wc and bc are empty). The model
 * shape's `classes` (model.ts) holds each symbol's class; a checkpoint stores it.
 */
import { logSumExp } from './loss';
import type { OutputLayerNote } from './progress';

/** Symbols grouped by class: class k's symbols are members[start[k] .. start[k + 1]). */
export class ClassLayout {
  /** Number of classes. */
  readonly count: number;
  readonly classOf: Int32Array;
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** Index of each symbol within its class. */
  readonly position: Int32Array;
  /** Size of the largest class. */
  readonly largest: number;

  constructor(classes: ArrayLike<number>) {
    const V = classes.length;
    let count = 0;
    for (let v = 0; v < V; v++) count = Math.max(count, classes[v]! + 1);
    this.count = count;
    this.classOf = Int32Array.from(classes);
    this.start = new Int32Array(count + 1);
    for (let v = 0; v < V; v++) this.start[classes[v]! + 1]!++;
    for (let k = 0; k < count; k++) this.start[k + 1]! += this.start[k]!;
    this.members = new Int32Array(V);
    this.position = new Int32Array(V);
    const fill = this.start.slice(0, count);
    for (let v = 0; v < V; v++) {
      const k = classes[v]!;
      this.position[v] = fill[k]! - this.start[k]!;
      this.members[fill[k]!++] = v;
    }
    let largest = 0;
    for (let k = 0; k < count; k++) largest = Math.max(largest, this.size(k));
    this.largest = largest;
  }

  size(k: number): number {
    return this.start[k + 1]! - this.start[k]!;
  }
}

/** The class layout of a model shape, or undefined for a flat output layer. */
export function layoutOf(shape: { classes?: readonly number[] }): ClassLayout | undefined {
  return shape.classes && shape.classes.length > 0 ? new ClassLayout(shape.classes) : undefined;
}

/** Number of classes of a shape (0: flat). */
export function classCount(shape: { classes?: readonly number[] }): number {
  let count = 0;
  for (const k of shape.classes ?? []) count = Math.max(count, k + 1);
  return count;
}

/** Classes aimed at for V symbols: about √V (the cost per example is ≈ H·(classes + V / classes)). */
export function classTarget(vocabSize: number): number {
  return Math.max(1, Math.round(Math.sqrt(vocabSize)));
}

/**
 * Frequency binning (Mikolov et al. 2011): symbols sorted by count (most frequent first, ties by
 * index), each class closed when the cumulative share passes the next multiple of 1/parts. Every
 * symbol gets a class, unseen ones (count 0) the last; classes are numbered from the most
 * frequent. Returns the class of each symbol.
 */
export function frequencyClasses(counts: ArrayLike<number>, parts: number): number[] {
  const V = counts.length;
  const order = Array.from({ length: V }, (_, v) => v).sort((a, b) => counts[b]! - counts[a]! || a - b);
  let total = 0;
  for (let v = 0; v < V; v++) total += counts[v]!;
  const classes = new Array<number>(V).fill(0);
  let k = 0;
  let cumulative = 0;
  for (let i = 0; i < V; i++) {
    const v = order[i]!;
    classes[v] = k;
    cumulative += counts[v]!;
    // Close the class at the boundary (a new one opens only for a seen symbol: unseen ones join the last).
    if (total > 0 && cumulative / total >= (k + 1) / parts - 1e-12 && i < V - 1 && counts[order[i + 1]!]! > 0) k++;
  }
  return classes;
}

/** How often each symbol is a target in `Y` (the training split's next symbols). */
export function symbolCounts(Y: ArrayLike<number>, count: number, vocabSize: number): Float64Array {
  const counts = new Float64Array(vocabSize);
  for (let i = 0; i < count; i++) counts[Y[i]!]!++;
  return counts;
}

/**
 * Starts a factored layer at the training split's unigram distribution: bc[k] = log P(class k),
 * b2[c] = log P(c | its class), from the counts with add-one smoothing (the output weights start
 * near zero, so the first loss is the unigram entropy instead of ≈ log V). The class layer then
 * learns what the context adds to the frequencies, not the frequencies themselves.
 */
export function initClassBiases(layout: ClassLayout, counts: ArrayLike<number>, b2: Float32Array, bc: Float32Array): void {
  let total = 0;
  for (let k = 0; k < layout.count; k++) {
    let inClass = 0;
    for (let j = layout.start[k]!; j < layout.start[k + 1]!; j++) inClass += counts[layout.members[j]!]! + 1;
    for (let j = layout.start[k]!; j < layout.start[k + 1]!; j++)
      b2[layout.members[j]!] = Math.log((counts[layout.members[j]!]! + 1) / inClass);
    bc[k] = Math.log(inClass);
    total += inClass;
  }
  for (let k = 0; k < layout.count; k++) bc[k] = bc[k]! - Math.log(total);
}

/**
 * Exact log-probabilities of all V symbols from one context's class logits (`head`, from
 * `headOffset`, layout.count values) and its within-class logits of every symbol (`tail`, in
 * symbol order, from `tailOffset`, V values): log P(k) + log P(c | k).
 */
export function fullLogProbabilities(
  layout: ClassLayout,
  head: ArrayLike<number>,
  headOffset: number,
  tail: ArrayLike<number>,
  tailOffset: number,
  out: Float32Array | Float64Array,
  outOffset = 0,
): void {
  const headLse = logSumExp(head, headOffset, layout.count);
  const { start, members } = layout;
  for (let k = 0; k < layout.count; k++) {
    const logClass = head[headOffset + k]! - headLse;
    let max = -Infinity;
    for (let j = start[k]!; j < start[k + 1]!; j++) max = Math.max(max, tail[tailOffset + members[j]!]!);
    let sum = 0;
    for (let j = start[k]!; j < start[k + 1]!; j++) sum += Math.exp(tail[tailOffset + members[j]!]! - max);
    const lse = max + Math.log(sum);
    for (let j = start[k]!; j < start[k + 1]!; j++) {
      const v = members[j]!;
      out[outOffset + v] = logClass + tail[tailOffset + v]! - lse;
    }
  }
}

/**
 * The output layer in words, where a model's architecture is listed (CLI, panel): "flat softmax
 * over 27 symbols", "factored softmax: 46 classes over 2,080 symbols (a step costs 0.29× a flat
 * layer's)". A model from before the choice was recorded is flat.
 */
export function describeOutputLayer(note: OutputLayerNote | undefined, symbols: number): string {
  if (!note || note.classes === 0) return `flat softmax over ${symbols.toLocaleString('en-US')} symbols`;
  return `factored softmax: ${note.classes} classes over ${note.symbols.toLocaleString('en-US')} symbols (a step costs ${note.costRatio.toFixed(2)}× a flat layer's)`;
}
