/**
 * The model's exact next-symbol probabilities, outside training: the one place every probability
 * the product shows comes from — the explorer's bars, a name read letter by letter, the best-first
 * search of complete names, the typicality scores of a list's lines, the editor's hover and the
 * CLI's `score` and `explore`.
 *
 * Two functions, on one forward pass:
 *
 *   logProbabilities(model, contexts, n, out)                  out[i·V + v] = log P(v | context i)
 *   targetLogProbabilities(model, contexts, targets, n, out)   out[i]       = log P(targets[i] | context i)
 *
 * over every symbol of the vocabulary, the boundary (end of the name) included, normalised in
 * float64, for either output layer (outputLayer.ts): the log-softmax of the logits (flat), or
 * log P(class) + log P(symbol | class) (factored). A context is `blockSize` symbol indices, padded
 * with the boundary at the start of a name, as in training (dataset.ts).
 *
 * `Predictions` keeps what the model needs prepared between calls: in plain JavaScript, model.ts
 * `Predictor` (one context at a time: what a click in the explorer asks); on the TensorFlow.js
 * backend, step.ts `ForwardPass` with its weights uploaded once and its exact
 * `logProbabilities` / `targetLogProbabilities` (batches: a list's lines). Each distinct context of
 * a call is run once (lists repeat contexts a lot, evaluate.ts `prepareEval`), and the
 * log-probabilities of the contexts met are kept (up to CACHE_BYTES): scoring a list after its own
 * items were scored for the percentiles, or a hover after a ranking, runs only the contexts not
 * met yet. A factored model's targets are scored the cheap way (the target's class only, per
 * distinct (context, target) pair), and kept per pair. The batched engine needs the backend
 * initialised (backend.ts `initBackend`); the plain one needs nothing.
 */
import type { ModelShape, Params } from './model';
import { Predictor } from './model';
import { logSumExp } from './loss';
import { layoutOf } from './outputLayer';
import { ForwardPass } from './step';

/** What the predictions need of a model: its shape and its parameters. */
export interface PredictionModel {
  shape: ModelShape;
  params: Params;
}

/** Contexts per forward pass of the batched engine. */
const CHUNK = 4096;
/** Most memory the log-probabilities of the contexts met may take (64 MB: 240,000 contexts of 27 symbols). */
export const CACHE_BYTES = 64 * 1024 * 1024;
/** Cached contexts per page of memory (pages are allocated as the cache fills). */
const PAGE_ROWS = 4096;

/**
 * The log-probabilities of the contexts met (float64, as computed), kept until full: served from
 * here, a context's probabilities are the very numbers computed the first time. Keyed by the
 * context's symbols (a number while V^blockSize < 2^52).
 */
class ContextCache {
  private readonly slots = new Map<number | string, number>();
  private readonly pages: Float64Array[] = [];
  private readonly capacity: number;

  constructor(
    private readonly V: number,
    bytes: number,
  ) {
    // A row's log-probabilities, and about 48 bytes of its key in the map.
    this.capacity = Math.max(0, Math.floor(bytes / (V * 8 + 48)));
  }

  get(key: number | string): number | undefined {
    return this.slots.get(key);
  }

  /** Where a slot's log-probabilities are. */
  at(slot: number): { page: Float64Array; offset: number } {
    return { page: this.pages[Math.floor(slot / PAGE_ROWS)]!, offset: (slot % PAGE_ROWS) * this.V };
  }

  put(key: number | string, source: Float64Array, offset: number): void {
    const slot = this.slots.size;
    if (slot >= this.capacity) return;
    const p = Math.floor(slot / PAGE_ROWS);
    if (p === this.pages.length) this.pages.push(new Float64Array(PAGE_ROWS * this.V));
    this.pages[p]!.set(source.subarray(offset, offset + this.V), (slot % PAGE_ROWS) * this.V);
    this.slots.set(key, slot);
  }
}

export type Engine = 'plain' | 'batched';

export class Predictions {
  readonly V: number;
  readonly blockSize: number;
  /** A factored output layer (targets scored by their class only). */
  readonly factored: boolean;
  private predictor: Predictor | undefined;
  private forward: ForwardPass | undefined;
  private readonly logits: Float32Array;
  private readonly row: Float64Array;
  /** Log-probabilities of the contexts met (a list's lines share most of theirs with the list itself). */
  private readonly cache: ContextCache;
  /** A factored model: log P(target | context) per (context, target) pair met. */
  private readonly pairs = new Map<number | string, number>();
  private readonly maxPairs: number;

  /**
   * `engine`: 'plain' runs everything in JavaScript; 'batched' runs batches of more than a few
   * contexts on the TensorFlow.js backend (initialise it first) and single contexts in JavaScript.
   */
  constructor(
    readonly model: PredictionModel,
    private readonly engine: Engine = 'plain',
    cacheBytes = CACHE_BYTES,
  ) {
    this.V = model.shape.vocabSize;
    this.blockSize = model.shape.blockSize;
    this.factored = layoutOf(model.shape) !== undefined;
    this.logits = new Float32Array(this.V);
    this.row = new Float64Array(this.V);
    this.cache = new ContextCache(this.V, cacheBytes);
    this.maxPairs = Math.floor(cacheBytes / 64);
  }

  /** Log-probabilities of every symbol after each of `n` contexts (n × blockSize symbols) into `out` (n × V). */
  logProbabilities(contexts: ArrayLike<number>, n: number, out: Float32Array | Float64Array): void {
    const V = this.V;
    this.serve(contexts, n, (members, lp, offset) => {
      for (const i of members) for (let v = 0; v < V; v++) out[i * V + v] = lp[offset + v]!;
    });
  }

  /**
   * Log-probability of `targets[i]` after context i, for n (context, target) pairs, into `out`.
   * Each distinct context (factored: each distinct pair) is run once.
   */
  targetLogProbabilities(contexts: ArrayLike<number>, targets: ArrayLike<number>, n: number, out: Float64Array): void {
    if (this.factored && this.engine === 'batched') {
      this.factoredTargets(contexts, targets, n, out);
      return;
    }
    this.serve(contexts, n, (members, lp, offset) => {
      for (const i of members) out[i] = lp[offset + targets[i]!]!;
    });
  }

  /** Frees the weights kept on the backend (the plain engine holds none). */
  dispose(): void {
    this.forward?.dispose();
    this.forward = undefined;
  }

  /**
   * Calls `each` once per distinct context among n with the rows that have it and its
   * log-probabilities (`lp[offset .. offset + V)`, read at once): from the cache, else computed —
   * in batches on the backend (ForwardPass.logProbabilities), or one at a time in JavaScript —
   * then kept.
   */
  private serve(contexts: ArrayLike<number>, n: number, each: (members: Int32Array, lp: Float64Array, offset: number) => void): void {
    const { V, blockSize: T } = this;
    const { unique, first, members, starts, keys } = groupContexts(contexts, n, T, V);
    const rowsOf = (u: number): Int32Array => members.subarray(starts[u]!, starts[u + 1]!);
    const missing: number[] = [];
    for (let u = 0; u < unique; u++) {
      const slot = this.cache.get(keys[u]!);
      if (slot === undefined) missing.push(u);
      else {
        const { page, offset } = this.cache.at(slot);
        each(rowsOf(u), page, offset);
      }
    }
    if (missing.length === 0) return;
    const fresh = (u: number, lp: Float64Array, offset: number): void => {
      this.cache.put(keys[u]!, lp, offset);
      each(rowsOf(u), lp, offset);
    };
    if (this.useBatches(missing.length)) {
      const f = this.batched();
      const out = new Float64Array(Math.min(CHUNK, missing.length) * V);
      for (let from = 0; from < missing.length; from += CHUNK) {
        const count = Math.min(CHUNK, missing.length - from);
        const distinct = gatherRows(
          contexts,
          Int32Array.from(missing.slice(from, from + count), (u) => first[u]!),
          T,
        );
        f.logProbabilities(this.model.params, distinct, 0, count, out);
        for (let r = 0; r < count; r++) fresh(missing[from + r]!, out, r * V);
      }
      return;
    }
    const predictor = this.plain();
    const context = new Int32Array(T);
    for (const u of missing) {
      const i = first[u]!;
      for (let p = 0; p < T; p++) context[p] = contexts[i * T + p]!;
      // Logits whose softmax is the model's distribution (a factored model's are its log-probabilities).
      predictor.logits(context, this.logits);
      const lse = logSumExp(this.logits, 0, V);
      for (let v = 0; v < V; v++) this.row[v] = this.logits[v]! - lse;
      fresh(u, this.row, 0);
    }
  }

  /** A factored model's targets: each distinct (context, target) pair once, its class only (ForwardPass.targetLogProbabilities). */
  private factoredTargets(contexts: ArrayLike<number>, targets: ArrayLike<number>, n: number, out: Float64Array): void {
    const { V, blockSize: T } = this;
    const { unique, first, members, starts, keys } = groupContexts(contexts, n, T, V);
    const missing: { row: number; key: string; target: number }[] = [];
    const waiting = new Map<string, number[]>();
    for (let u = 0; u < unique; u++) {
      for (let k = starts[u]!; k < starts[u + 1]!; k++) {
        const i = members[k]!;
        const key = `${keys[u]}:${targets[i]}`;
        const known = this.pairs.get(key);
        if (known !== undefined) {
          out[i] = known;
          continue;
        }
        const rows = waiting.get(key);
        if (rows) rows.push(i);
        else {
          waiting.set(key, [i]);
          missing.push({ row: first[u]!, key, target: targets[i]! });
        }
      }
    }
    if (missing.length === 0) return;
    const X = gatherRows(
      contexts,
      Int32Array.from(missing, (m) => m.row),
      T,
    );
    const Y = Int32Array.from(missing, (m) => m.target);
    const lp = new Float64Array(missing.length);
    this.batched().targetLogProbabilities(this.model.params, X, Y, 0, missing.length, lp);
    missing.forEach((m, j) => {
      if (this.pairs.size < this.maxPairs) this.pairs.set(m.key, lp[j]!);
      for (const i of waiting.get(m.key)!) out[i] = lp[j]!;
    });
  }

  private useBatches(n: number): boolean {
    return this.engine === 'batched' && n > 8;
  }

  private plain(): Predictor {
    return (this.predictor ??= new Predictor(this.model.shape, this.model.params));
  }

  /** The forward pass on the backend, its weights uploaded once. */
  private batched(): ForwardPass {
    if (!this.forward) {
      const { params, shape } = this.model;
      const forward = new ForwardPass(shape, CHUNK);
      forward.loadParams(params);
      forward.keepWeights(params.W1);
      this.forward = forward;
    }
    return this.forward;
  }
}

/** One-off: log-probabilities of every symbol after `n` contexts (plain JavaScript). */
export function logProbabilities(model: PredictionModel, contexts: ArrayLike<number>, n: number, out: Float32Array | Float64Array): void {
  new Predictions(model).logProbabilities(contexts, n, out);
}

/**
 * One-off: log-probability of each target after its context, `engine` 'batched' on the
 * TensorFlow.js backend (initialised), else in plain JavaScript.
 */
export function targetLogProbabilities(
  model: PredictionModel,
  contexts: ArrayLike<number>,
  targets: ArrayLike<number>,
  n: number,
  out: Float64Array,
  engine: Engine = 'plain',
): void {
  const p = new Predictions(model, engine);
  try {
    p.targetLogProbabilities(contexts, targets, n, out);
  } finally {
    p.dispose();
  }
}

/**
 * The distinct contexts among n: `first[u]` is the first row of distinct context u, `keys[u]` its
 * key, and the rows that have it are members[starts[u] .. starts[u + 1]).
 */
function groupContexts(
  contexts: ArrayLike<number>,
  n: number,
  T: number,
  V: number,
): { unique: number; first: Int32Array; members: Int32Array; starts: Int32Array; keys: (number | string)[] } {
  const numeric = T * Math.log2(Math.max(2, V)) <= 52;
  const ids = new Map<number | string, number>();
  const uid = new Int32Array(n);
  const firstRows: number[] = [];
  const keys: (number | string)[] = [];
  for (let i = 0; i < n; i++) {
    let key: number | string;
    if (numeric) {
      let k = 0;
      for (let p = 0; p < T; p++) k = k * V + contexts[i * T + p]!;
      key = k;
    } else {
      let s = '';
      for (let p = 0; p < T; p++) s += String.fromCharCode(contexts[i * T + p]!);
      key = s;
    }
    let u = ids.get(key);
    if (u === undefined) {
      u = firstRows.length;
      ids.set(key, u);
      firstRows.push(i);
      keys.push(key);
    }
    uid[i] = u;
  }
  const unique = firstRows.length;
  const starts = new Int32Array(unique + 1);
  for (let i = 0; i < n; i++) starts[uid[i]! + 1]!++;
  for (let u = 0; u < unique; u++) starts[u + 1]! += starts[u]!;
  const fill = starts.slice(0, unique);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[uid[i]!]!++] = i;
  return { unique, first: Int32Array.from(firstRows), members, starts, keys };
}

function gatherRows(contexts: ArrayLike<number>, rows: Int32Array, T: number): Int32Array {
  const out = new Int32Array(rows.length * T);
  for (let u = 0; u < rows.length; u++) for (let p = 0; p < T; p++) out[u * T + p] = contexts[rows[u]! * T + p]!;
  return out;
}
