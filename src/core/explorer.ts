/**
 * A model explored: the answers to explored.ts `ExploreQuery` — the next-symbol distribution after
 * a prefix, a name read letter by letter, the most probable complete names (nameSearch.ts), the
 * typicality scores of a list's items with their percentiles among the model's own list
 * (typicality.ts) — every probability from predictions.ts.
 *
 * Text is read as the model reads it: case-folded when the model was trained on folded text
 * (casing.ts), and names found are shown with the list's case pattern restored. Characters the
 * model does not know are reported, never guessed at.
 *
 * The list's own scores (the reference of the percentiles) are computed once, on first need, and
 * kept: the generation worker keeps one explorer per model it holds (worker/runGeneration.ts).
 */
import { foldCase, restoreWith, type CasingInfo } from './casing';
import type { Checkpoint } from './checkpoint';
import { entropy, rankBucket, rankOf, topIndices } from './distribution';
import { InputError } from './errors';
import type { ItemScores, NextAnswer, Reading, SearchAnswer, SymbolTable } from './explored';
import { ListIndex } from './listIndex';
import type { ModelShape, Params } from './model';
import { bestNames, type SearchOptions } from './nameSearch';
import { Predictions, type Engine } from './predictions';
import { encodeItem, referenceItems, scoreItems, scoreRange, TypicalityReference, type ScoreArrays } from './typicality';
import { BOUNDARY, type Vocabulary } from './vocabulary';
import { MAX_LINE_LENGTH } from './wordlist';

export interface ExplorerModel {
  shape: ModelShape;
  params: Params;
  vocabulary: Vocabulary;
  /** The list's distinct words as trained on (the reference of the percentiles, and the tags). */
  trainingWords: readonly string[];
  wordSplits?: ArrayLike<number>;
  casing?: Pick<CasingInfo, 'folded' | 'pattern' | 'restored'>;
}

export function explorerModelOf(ck: Checkpoint): ExplorerModel {
  return {
    shape: ck.shape,
    params: ck.params,
    vocabulary: ck.vocabulary,
    trainingWords: ck.trainingWords,
    ...(ck.wordSplits ? { wordSplits: ck.wordSplits } : {}),
    ...(ck.casing ? { casing: ck.casing } : {}),
  };
}

/** Most complete names one search returns. */
export const MAX_SEARCH_COUNT = 100;
/** How many guesses are listed under each letter of a reading. */
export const GUESSES = 5;

export class ModelExplorer {
  readonly predictions: Predictions;
  readonly table: SymbolTable;
  private readonly folded: boolean;
  private reference: TypicalityReference | undefined;
  private index: ListIndex | undefined;

  /** `engine`: 'batched' (the TensorFlow.js backend, initialised) for scoring many items; 'plain' otherwise. */
  constructor(
    readonly model: ExplorerModel,
    engine: Engine = 'batched',
    private readonly listIndex?: () => ListIndex | undefined,
  ) {
    this.predictions = new Predictions(model, engine);
    this.folded = model.casing?.folded ?? false;
    const { vocabulary } = model;
    this.table = { symbols: [...vocabulary.symbols], labels: vocabulary.symbols.map((_, v) => vocabulary.label(v)) };
  }

  dispose(): void {
    this.predictions.dispose();
  }

  /** The text as the model reads it. */
  fold(text: string): string {
    return this.folded ? foldCase(text) : text;
  }

  /** Symbols of a prefix; throws an InputError naming the characters the model does not know. */
  private prefixSymbols(prefix: string): number[] {
    const e = encodeItem(this.model.vocabulary, prefix, this.folded);
    if ('unknown' in e) throw new InputError(unknownMessage(e.unknown));
    return e.symbols;
  }

  /** The context the model sees after `symbols`: the last blockSize of them, padded with the boundary. */
  context(symbols: readonly number[]): Int32Array {
    const T = this.model.shape.blockSize;
    const ctx = new Int32Array(T);
    for (let p = 0; p < T; p++) {
      const j = symbols.length - T + p;
      ctx[p] = j >= 0 ? symbols[j]! : BOUNDARY;
    }
    return ctx;
  }

  next(prefix: string): NextAnswer {
    const symbols = this.prefixSymbols(prefix);
    const ctx = this.context(symbols);
    const V = this.model.shape.vocabSize;
    const logp = new Float64Array(V);
    this.predictions.logProbabilities(ctx, 1, logp);
    const T = ctx.length;
    return {
      kind: 'next',
      prefix: this.fold(prefix),
      context: Array.from(ctx, (s) => this.table.labels[s]!),
      padding: Array.from({ length: T }, (_, p) => symbols.length - T + p < 0),
      table: this.table,
      logp: Array.from(logp),
      entropy: entropy(logp),
    };
  }

  read(text: string): Reading {
    const { vocabulary, shape } = this.model;
    const tag = this.tagOf(text);
    const e = encodeItem(vocabulary, text, this.folded);
    if ('unknown' in e) {
      return {
        kind: 'read',
        text,
        unknown: e.unknown,
        letters: [],
        logProb: NaN,
        surprisal: NaN,
        percentile: null,
        lengthPercentile: null,
        tag,
      };
    }
    const symbols = e.symbols;
    const n = symbols.length;
    const V = shape.vocabSize;
    const T = shape.blockSize;
    const contexts = new Int32Array((n + 1) * T);
    for (let k = 0; k <= n; k++) contexts.set(this.context(symbols.slice(0, k)), k * T);
    const logp = new Float64Array((n + 1) * V);
    this.predictions.logProbabilities(contexts, n + 1, logp);
    // The characters as typed, when folding kept them one for one; else as the model reads them.
    const typed = [...text];
    const shown = typed.length === n ? typed : [...this.fold(text)];
    let total = 0;
    const letters = Array.from({ length: n + 1 }, (_, k) => {
      const row = logp.subarray(k * V, (k + 1) * V);
      const target = k < n ? symbols[k]! : BOUNDARY;
      const lp = row[target]!;
      total += lp;
      const rank = rankOf(row, target);
      return {
        char: k < n ? shown[k]! : '',
        label: this.table.labels[target]!,
        p: Math.exp(lp),
        surprisal: -lp,
        rank,
        bucket: rankBucket(rank),
        top: topIndices(row, GUESSES).map((v) => ({ label: this.table.labels[v]!, char: this.table.symbols[v]!, p: Math.exp(row[v]!) })),
      };
    });
    const surprisal = -total / (n + 1);
    const reference = this.typicalityReference();
    return {
      kind: 'read',
      text,
      unknown: [],
      letters,
      logProb: total,
      surprisal,
      percentile: reference.percentile(surprisal),
      lengthPercentile: reference.lengthPercentile(surprisal, n),
      tag,
    };
  }

  search(prefix: string, count = 10, options: Partial<SearchOptions> = {}): SearchAnswer {
    const symbols = this.prefixSymbols(prefix);
    const k = Math.min(MAX_SEARCH_COUNT, Math.max(1, Math.floor(count)));
    const result = bestNames(this.predictions, symbols, { maxLength: MAX_LINE_LENGTH, ...options, count: k });
    const { vocabulary } = this.model;
    return {
      kind: 'search',
      prefix: this.fold(prefix),
      names: result.names.map((n) => ({
        name: restoreWith(this.model.casing, vocabulary.decode([...symbols, ...n.symbols])),
        p: Math.exp(n.logProb),
      })),
      exact: result.exact,
      expansions: result.expansions,
      bounded: result.bounded,
    };
  }

  /** Scores items[from .. to) into `out` (typicality.ts scoreRange). */
  scoreRange(items: readonly string[], from: number, to: number, out: ScoreArrays): void {
    scoreRange(this.predictions, this.model.vocabulary, this.folded, items, from, to, out);
  }

  /** The answer of a `score` query, once `arrays` hold every item's score. */
  itemScores(arrays: ScoreArrays): ItemScores {
    const reference = this.typicalityReference();
    const n = arrays.logProb.length;
    const percentile = new Float64Array(n);
    const lengthPercentile = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const symbols = arrays.symbols[i]!;
      if (symbols === 0) {
        percentile[i] = NaN;
        lengthPercentile[i] = NaN;
        continue;
      }
      const s = -arrays.logProb[i]! / symbols;
      percentile[i] = reference.percentile(s) ?? NaN;
      lengthPercentile[i] = reference.lengthPercentile(s, symbols - 1) ?? NaN;
    }
    return {
      kind: 'score',
      logProb: arrays.logProb,
      symbols: arrays.symbols,
      percentile,
      lengthPercentile,
      unknown: Object.fromEntries(arrays.unknown),
      referenceSize: reference.size,
    };
  }

  /** Scores items in one go. */
  score(items: readonly string[]): ItemScores {
    return this.itemScores(scoreItems(this.predictions, this.model.vocabulary, this.folded, items));
  }

  /** The list's own scores (computed once). */
  typicalityReference(): TypicalityReference {
    if (!this.reference) {
      const arrays = scoreItems(this.predictions, this.model.vocabulary, this.folded, referenceItems(this.model.trainingWords));
      const surprisals = Float64Array.from(arrays.logProb, (lp, i) => -lp / arrays.symbols[i]!);
      this.reference = new TypicalityReference(
        surprisals,
        Int32Array.from(arrays.symbols, (s) => s - 1),
      );
    }
    return this.reference;
  }

  private tagOf(text: string) {
    this.index ??= this.listIndex?.() ?? new ListIndex(this.model.trainingWords, this.model.wordSplits);
    return this.index.tagOf(this.fold(text));
  }
}

export function unknownMessage(unknown: readonly string[]): string {
  return `The model does not know ${unknown.map((c) => JSON.stringify(c)).join(', ')}: its word list has no such character.`;
}
