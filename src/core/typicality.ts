/**
 * How typical a list's items are under a model: each item's log-probability (its characters and
 * its end, as in training) and its mean surprisal per symbol — comparable across lengths — and a
 * score's percentile among the model's own list.
 *
 * The mean surprisal over a split's words, weighted by their symbols, is the loss the run reports
 * on that split (the same examples, the same forward pass). It ranks strings unlike the list well
 * (random letters, names from another language); a one-letter typo in a real name barely moves
 * it: "least like the rest of the list", never "errors".
 *
 * Scoring is batched: all the items' (context, next symbol) pairs go through
 * predictions.ts `targetLogProbabilities`, each distinct context once.
 */
import { foldCase } from './casing';
import { percentileAmong } from './distribution';
import type { Predictions } from './predictions';
import { Rng } from './rng';
import { BOUNDARY, type Vocabulary } from './vocabulary';
import { symbolsOf } from './symbols';

/** Items scored per batch (bounds the memory of a long list's examples). */
export const SCORE_CHUNK = 20_000;

export interface ScoreArrays {
  /** ln P(item), NaN for an item with characters the model does not know. */
  logProb: Float64Array;
  /** Characters + 1 (the end). */
  symbols: Int32Array;
  /** Unknown characters of item i (those not scored). */
  unknown: Map<number, string[]>;
}

export function scoreArrays(n: number): ScoreArrays {
  return { logProb: new Float64Array(n), symbols: new Int32Array(n), unknown: new Map() };
}

/** The symbols of `item` as the model reads it (folded when it is), or the characters it does not know. */
export function encodeItem(vocabulary: Vocabulary, item: string, folded: boolean): { symbols: number[] } | { unknown: string[] } {
  const text = folded ? foldCase(item) : item;
  const symbols: number[] = [];
  const unknown: string[] = [];
  // Symbols are user-perceived characters (an emoji with its skin tone is one), as the vocabulary's.
  for (const c of symbolsOf(text)) {
    const s = vocabulary.indexOf(c);
    if (s < 0) {
      if (!unknown.includes(c)) unknown.push(c);
    } else symbols.push(s);
  }
  return unknown.length > 0 ? { unknown } : { symbols };
}

/**
 * Scores items[from .. to) into `out` (at the same positions). Synchronous: call it chunk by chunk
 * (SCORE_CHUNK) to yield between chunks.
 */
export function scoreRange(
  predictions: Predictions,
  vocabulary: Vocabulary,
  folded: boolean,
  items: readonly string[],
  from: number,
  to: number,
  out: ScoreArrays,
): void {
  const T = predictions.blockSize;
  const encoded: (number[] | null)[] = [];
  let examples = 0;
  for (let i = from; i < to; i++) {
    const e = encodeItem(vocabulary, items[i]!, folded);
    if ('unknown' in e) {
      out.unknown.set(i, e.unknown);
      out.logProb[i] = NaN;
      out.symbols[i] = 0;
      encoded.push(null);
      continue;
    }
    encoded.push(e.symbols);
    examples += e.symbols.length + 1;
  }
  const contexts = new Int32Array(examples * T);
  const targets = new Int32Array(examples);
  let row = 0;
  for (const symbols of encoded) {
    if (!symbols) continue;
    const n = symbols.length;
    for (let k = 0; k <= n; k++) {
      for (let p = 0; p < T; p++) {
        const j = k - T + p;
        contexts[row * T + p] = j >= 0 ? symbols[j]! : BOUNDARY;
      }
      targets[row++] = k < n ? symbols[k]! : BOUNDARY;
    }
  }
  const lp = new Float64Array(examples);
  predictions.targetLogProbabilities(contexts, targets, examples, lp);
  row = 0;
  for (let i = from; i < to; i++) {
    const symbols = encoded[i - from];
    if (!symbols) continue;
    let total = 0;
    for (let k = 0; k <= symbols.length; k++) total += lp[row++]!;
    out.logProb[i] = total;
    out.symbols[i] = symbols.length + 1;
  }
}

/** Scores every item at once. */
export function scoreItems(predictions: Predictions, vocabulary: Vocabulary, folded: boolean, items: readonly string[]): ScoreArrays {
  const out = scoreArrays(items.length);
  for (let from = 0; from < items.length; from += SCORE_CHUNK)
    scoreRange(predictions, vocabulary, folded, items, from, Math.min(items.length, from + SCORE_CHUNK), out);
  return out;
}

/** Items of the list a reference is built from at most (a fixed random sample of longer lists). */
export const REFERENCE_SIZE = 100_000;
/** Fewest items of a length bin of the per-length percentile (neighbouring lengths are pooled). */
export const LENGTH_BIN_ITEMS = 200;

/**
 * The model's own list, scored, to compare with: the mean surprisals of its items sorted, overall
 * and per length (lengths with few items pooled with their neighbours, so each bin has at least
 * LENGTH_BIN_ITEMS items).
 */
export class TypicalityReference {
  readonly sorted: Float64Array;
  /** Sorted surprisals of each bin, and the bin of each length (index: characters). */
  private readonly bins: Float64Array[];
  private readonly binOfLength: Int32Array;

  constructor(surprisals: ArrayLike<number>, lengths: ArrayLike<number>) {
    const finite: number[] = [];
    const byLength = new Map<number, number[]>();
    for (let i = 0; i < surprisals.length; i++) {
      const s = surprisals[i]!;
      if (!Number.isFinite(s)) continue;
      finite.push(s);
      const L = lengths[i]!;
      let list = byLength.get(L);
      if (!list) byLength.set(L, (list = []));
      list.push(s);
    }
    this.sorted = Float64Array.from(finite).sort();
    // Consecutive lengths pooled until a bin holds enough items; a small last bin joins the one before.
    const lengthsSeen = [...byLength.keys()].sort((a, b) => a - b);
    const groups: number[][] = [];
    let current: number[] = [];
    let items = 0;
    for (const L of lengthsSeen) {
      current.push(L);
      items += byLength.get(L)!.length;
      if (items >= LENGTH_BIN_ITEMS) {
        groups.push(current);
        current = [];
        items = 0;
      }
    }
    if (current.length > 0) {
      if (groups.length > 0) groups[groups.length - 1]!.push(...current);
      else groups.push(current);
    }
    const maxLength = lengthsSeen.at(-1) ?? 0;
    this.binOfLength = new Int32Array(maxLength + 1).fill(-1);
    this.bins = groups.map((group, b) => {
      for (const L of group) this.binOfLength[L] = b;
      return Float64Array.from(group.flatMap((L) => byLength.get(L)!)).sort();
    });
    // Lengths between bins' lengths take the nearest shorter bin.
    let last = 0;
    for (let L = 0; L <= maxLength; L++) {
      if (this.binOfLength[L]! >= 0) last = this.binOfLength[L]!;
      else this.binOfLength[L] = last;
    }
  }

  get size(): number {
    return this.sorted.length;
  }

  /** More typical than this share (0–100) of the list (null: nothing to compare with). */
  percentile(surprisal: number): number | null {
    return percentileAmong(this.sorted, surprisal);
  }

  /** The same among the list's items of about `length` characters. */
  lengthPercentile(surprisal: number, length: number): number | null {
    if (this.bins.length === 0) return null;
    const bin = this.binOfLength[Math.min(Math.max(0, length), this.binOfLength.length - 1)]!;
    return percentileAmong(this.bins[bin]!, surprisal);
  }
}

/** The list's items a reference is built from: all of them, or a fixed random sample of REFERENCE_SIZE. */
export function referenceItems(words: readonly string[], max = REFERENCE_SIZE): readonly string[] {
  if (words.length <= max) return words;
  const rng = new Rng(0x7e5e7);
  const order = Int32Array.from({ length: words.length }, (_, i) => i);
  for (let i = 0; i < max; i++) {
    const j = i + rng.int(words.length - i);
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return Array.from(order.subarray(0, max), (i) => words[i]!);
}
