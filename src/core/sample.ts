/**
 * Sampling: one symbol at a time from the model's distribution over the next symbol, until the
 * boundary (end of word); a word longer than the maximum length is rejected, never cut. Plain
 * JavaScript, without TensorFlow.js: the samples of a run as it trains and ends, and the
 * one-at-a-time reference the batched generator with constraints (core/generate.ts) is measured
 * and tested against.
 */
import { foldCase, restoreWith, type CasingInfo } from './casing';
import type { Checkpoint } from './checkpoint';
import { InputError } from './errors';
import { Predictor, type ModelShape, type Params } from './model';
import { Rng } from './rng';
import { spacingOf, straySpacing, type ListSpacing } from './symbols';
import { BOUNDARY, type Vocabulary } from './vocabulary';
import { MAX_LINE_LENGTH } from './wordlist';

export interface SampleOptions {
  count: number;
  /** Divides the logits: < 1 is more conservative, > 1 more adventurous. Default 1. */
  temperature?: number;
  /** Sample only among the k most likely symbols (0: all). */
  topK?: number;
  /** Longest word, in characters, prefix included: longer samples are rejected, never cut. */
  maxLength?: number;
  /** Words start with this text and the model continues it. */
  prefix?: string;
  /** Reject words that are in `trainingWords`. */
  novel?: boolean;
  /** Return distinct words. */
  unique?: boolean;
  seed?: number;
}

export interface SamplingModel {
  shape: ModelShape;
  params: Params;
  vocabulary: Vocabulary;
  /** The training file's words (as trained on: case-folded when the model was), for `novel`. */
  trainingWords?: ReadonlySet<string>;
  /**
   * What the run did about case (the checkpoint's `casing`). A folded model continues the
   * case-folded prefix, and each word gets the list's pattern back (casing.ts `restoreCase`).
   */
  casing?: Pick<CasingInfo, 'folded' | 'pattern' | 'restored'>;
  /** Whether the list has doubled spaces (symbols.ts `straySpacing`); default: from `trainingWords`, else none. */
  spacing?: ListSpacing;
}

/**
 * The sampling model of a checkpoint: parameters, vocabulary, training words and casing (files
 * from before `casing` was stored: folded when their configuration says foldCase on, nothing to
 * restore).
 */
export function samplingModelOf(ck: Checkpoint): SamplingModel {
  const casing = ck.casing ?? (ck.config.foldCase === 'on' ? { folded: true, pattern: 'mixed' as const, restored: false } : undefined);
  return {
    shape: ck.shape,
    params: ck.params,
    vocabulary: ck.vocabulary,
    trainingWords: new Set(ck.trainingWords),
    ...(casing ? { casing } : {}),
  };
}

export interface SampleResult {
  words: string[];
  /** Samples thrown away (empty, too long, not novel, repeated). */
  rejected: number;
  /** False when the attempts ran out before `count` words were found. */
  complete: boolean;
}

/**
 * Draws up to `options.count` words. With a folded model (`model.casing`), the prefix is folded
 * before the model continues it, novelty and uniqueness are judged on the folded words, and every
 * returned word has the list's case pattern restored.
 */
export function sampleWords(model: SamplingModel, options: SampleOptions): SampleResult {
  const { shape, vocabulary } = model;
  const temperature = options.temperature ?? 1;
  const topK = options.topK ?? 0;
  const maxLength = options.maxLength ?? MAX_LINE_LENGTH;
  const folded = model.casing?.folded ?? false;
  const prefix = folded ? foldCase(options.prefix ?? '') : (options.prefix ?? '');
  if (!(temperature > 0)) throw new InputError('The temperature must be a number above 0.');
  if (!Number.isInteger(topK) || topK < 0) throw new InputError('top-k must be a whole number ≥ 0 (0 means all symbols).');
  const unknown = vocabulary.unknown(prefix);
  if (unknown.length > 0) {
    throw new InputError(`The prefix contains ${unknown.map((c) => JSON.stringify(c)).join(', ')}, not in the model's vocabulary.`);
  }
  if (options.novel && !model.trainingWords)
    throw new InputError('This model has no training words stored, so it cannot tell novel words.');

  const rng = new Rng(options.seed ?? Date.now() ^ (Math.random() * 0x7fffffff));
  const predictor = new Predictor(shape, model.params);
  // A factored model draws the class, then the symbol, computing the drawn class only — exactly
  // the model's distribution. A temperature or top-k acts on the whole distribution (the
  // product over classes: a tempered class's weight is Σ over its symbols of P(c)^(1/T), and the
  // top k are the k most likely symbols of all classes), so those compute every class.
  const twoDraws = predictor.layout !== undefined && temperature === 1 && topK === 0;
  const V = vocabulary.size;
  const logits = new Float32Array(V);
  const probs = new Float64Array(V);
  const order = Array.from({ length: V }, (_, i) => i);
  const prefixSymbols = vocabulary.encode(prefix);
  const context = new Int32Array(shape.blockSize);
  const seen = new Set<string>();
  const words: string[] = [];
  let rejected = 0;
  const maxAttempts = options.count * 50 + 100;
  const spacing = model.spacing ?? (model.trainingWords ? spacingOf(model.trainingWords) : undefined);

  for (let attempt = 0; attempt < maxAttempts && words.length < options.count; attempt++) {
    context.fill(BOUNDARY);
    const symbols = [...prefixSymbols];
    for (const s of prefixSymbols) push(context, s);
    let tooLong = false;
    for (;;) {
      let next: number;
      if (twoDraws) next = predictor.drawFactored(context, rng).symbol;
      else {
        predictor.logits(context, logits);
        next = draw(logits, temperature, topK, probs, order, rng);
      }
      if (next === BOUNDARY) break;
      if (symbols.length >= maxLength) {
        tooLong = true;
        break;
      }
      symbols.push(next);
      push(context, next);
    }
    const word = vocabulary.decode(symbols);
    const bad =
      tooLong ||
      word.length === 0 ||
      straySpacing(word, spacing) ||
      (options.novel && model.trainingWords!.has(word)) ||
      (options.unique && seen.has(word));
    if (bad) {
      rejected++;
      continue;
    }
    seen.add(word);
    words.push(restoreWith(model.casing, word));
  }
  return { words, rejected, complete: words.length === options.count };
}

function push(context: Int32Array, symbol: number): void {
  context.copyWithin(0, 1);
  context[context.length - 1] = symbol;
}

/**
 * Draws a symbol from softmax(logits / temperature), restricted to the top k when k > 0. The
 * logits are `logits[offset … offset+V)`, V = probs.length; `probs` (scratch) and `order`
 * (0 … V−1, reordered in place) have V entries.
 */
export function draw(
  logits: Float32Array,
  temperature: number,
  topK: number,
  probs: Float64Array,
  order: number[],
  rng: Rng,
  offset = 0,
): number {
  const V = probs.length;
  let max = -Infinity;
  for (let v = 0; v < V; v++) max = Math.max(max, logits[offset + v]);
  let threshold = -Infinity;
  if (topK > 0 && topK < V) {
    order.sort((a, b) => logits[offset + b] - logits[offset + a]);
    threshold = logits[offset + order[topK - 1]];
  }
  let sum = 0;
  for (let v = 0; v < V; v++) {
    const l = logits[offset + v];
    const p = l >= threshold ? Math.exp((l - max) / temperature) : 0;
    probs[v] = p;
    sum += p;
  }
  let r = rng.next() * sum;
  for (let v = 0; v < V; v++) {
    r -= probs[v];
    if (r < 0 && probs[v] > 0) return v;
  }
  for (let v = V - 1; v >= 0; v--) if (probs[v] > 0) return v;
  return BOUNDARY;
}
