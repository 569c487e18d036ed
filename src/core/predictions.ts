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
 * float64 (log-softmax of the logits: logit − log Σ exp logits). A context is `blockSize` symbol
 * indices, padded with the boundary at the start of a name, as in training (dataset.ts).
 *
 * `Predictions` keeps what the model needs prepared between calls: in plain JavaScript, model.ts
 * `Predictor`'s folded first layer (one context at a time: what a click in the explorer asks); on
 * the TensorFlow.js backend, step.ts `ForwardPass` with its weights uploaded once (batches: a
 * list's lines). Each distinct context of a call is run once (lists repeat contexts a lot,
 * evaluate.ts `prepareEval`), and the logits of the contexts met are kept (up to CACHE_BYTES):
 * scoring a list after its own items were scored for the percentiles, or a hover after a
 * ranking, runs only the contexts not met yet. The batched engine needs the backend initialised
 * (backend.ts `initBackend`); the plain one needs nothing.
 *
 * The model here is the flat softmax of model.ts; a factored output layer changes this file only.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelShape, Params } from './model';
import { Predictor } from './model';
import { logSumExp } from './loss';
import { ForwardPass, readTensor } from './step';

/** What the predictions need of a model: its shape and its parameters. */
export interface PredictionModel {
  shape: ModelShape;
  params: Params;
}

/** Contexts per forward pass of the batched engine. */
const CHUNK = 4096;
/** Most memory the logits of the contexts met may take (64 MB: 580,000 contexts of 27 symbols). */
export const CACHE_BYTES = 64 * 1024 * 1024;
/** Cached contexts per page of memory (pages are allocated as the cache fills). */
const PAGE_ROWS = 4096;

/**
 * The logits (as the forward pass gave them, float32) and their log-sum-exp of the contexts met,
 * kept until full: served from here, a context's probabilities are the very numbers computed the
 * first time. Keyed by the context's symbols (a number while V^blockSize < 2^52).
 */
class ContextCache {
  private readonly slots = new Map<number | string, number>();
  private readonly pages: Float32Array[] = [];
  private readonly lsePages: Float64Array[] = [];
  private readonly capacity: number;

  constructor(
    private readonly V: number,
    bytes: number,
  ) {
    // A row's logits and log-sum-exp, and about 48 bytes of its key in the map.
    this.capacity = Math.max(0, Math.floor(bytes / (V * 4 + 8 + 48)));
  }

  get(key: number | string): number | undefined {
    return this.slots.get(key);
  }

  /** Where a slot's logits are, and their log-sum-exp. */
  at(slot: number): { page: Float32Array; offset: number; lse: number } {
    const p = Math.floor(slot / PAGE_ROWS);
    const r = slot % PAGE_ROWS;
    return { page: this.pages[p]!, offset: r * this.V, lse: this.lsePages[p]![r]! };
  }

  put(key: number | string, source: Float32Array, offset: number, lse: number): void {
    const slot = this.slots.size;
    if (slot >= this.capacity) return;
    const p = Math.floor(slot / PAGE_ROWS);
    const r = slot % PAGE_ROWS;
    if (p === this.pages.length) {
      this.pages.push(new Float32Array(PAGE_ROWS * this.V));
      this.lsePages.push(new Float64Array(PAGE_ROWS));
    }
    this.pages[p]!.set(source.subarray(offset, offset + this.V), r * this.V);
    this.lsePages[p]![r] = lse;
    this.slots.set(key, slot);
  }
}

export type Engine = 'plain' | 'batched';

export class Predictions {
  readonly V: number;
  readonly blockSize: number;
  private predictor: Predictor | undefined;
  private forward: ForwardPass | undefined;
  private readonly logits: Float32Array;
  /** Logits of the contexts met so far (a list's lines share most of theirs with the list itself). */
  private readonly cache: ContextCache;

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
    this.logits = new Float32Array(this.V);
    this.cache = new ContextCache(this.V, cacheBytes);
  }

  /** Log-probabilities of every symbol after each of `n` contexts (n × blockSize symbols) into `out` (n × V). */
  logProbabilities(contexts: ArrayLike<number>, n: number, out: Float32Array | Float64Array): void {
    const V = this.V;
    this.serve(contexts, n, (members, l, offset, lse) => {
      for (const i of members) for (let v = 0; v < V; v++) out[i * V + v] = l[offset + v]! - lse;
    });
  }

  /**
   * Log-probability of `targets[i]` after context i, for n (context, target) pairs, into `out`.
   * Each distinct context is run once.
   */
  targetLogProbabilities(contexts: ArrayLike<number>, targets: ArrayLike<number>, n: number, out: Float64Array): void {
    this.serve(contexts, n, (members, l, offset, lse) => {
      for (const i of members) out[i] = l[offset + targets[i]!]! - lse;
    });
  }

  /**
   * Calls `each` once per distinct context among n with the rows that have it, and its logits
   * (`l[offset .. offset + V)`, read at once) and their log-sum-exp: from the cache, else from the
   * forward pass — in batches on the backend, or one at a time in JavaScript — then kept.
   */
  private serve(contexts: ArrayLike<number>, n: number, each: (members: Int32Array, l: Float32Array, offset: number, lse: number) => void): void {
    const { V, blockSize: T } = this;
    const { unique, first, members, starts, keys } = groupContexts(contexts, n, T, V);
    const rowsOf = (u: number): Int32Array => members.subarray(starts[u]!, starts[u + 1]!);
    const missing: number[] = [];
    for (let u = 0; u < unique; u++) {
      const slot = this.cache.get(keys[u]!);
      if (slot === undefined) missing.push(u);
      else {
        const { page, offset, lse } = this.cache.at(slot);
        each(rowsOf(u), page, offset, lse);
      }
    }
    if (missing.length === 0) return;
    const fresh = (u: number, l: Float32Array, offset: number): void => {
      const lse = logSumExp(l, offset, V);
      this.cache.put(keys[u]!, l, offset, lse);
      each(rowsOf(u), l, offset, lse);
    };
    if (this.useBatches(missing.length)) {
      const distinct = gatherRows(contexts, Int32Array.from(missing, (u) => first[u]!), T);
      this.batches(distinct, missing.length, (l, from, count) => {
        for (let r = 0; r < count; r++) fresh(missing[from + r]!, l, r * V);
      });
      return;
    }
    const predictor = this.plain();
    const context = new Int32Array(T);
    for (const u of missing) {
      const i = first[u]!;
      for (let p = 0; p < T; p++) context[p] = contexts[i * T + p]!;
      predictor.logits(context, this.logits);
      fresh(u, this.logits, 0);
    }
  }

  /** Frees the weights kept on the backend (the plain engine holds none). */
  dispose(): void {
    this.forward?.dispose();
    this.forward = undefined;
  }

  private useBatches(n: number): boolean {
    return this.engine === 'batched' && n > 8;
  }

  private plain(): Predictor {
    return (this.predictor ??= new Predictor(this.model.shape, this.model.params));
  }

  /** Runs n contexts through the forward pass in chunks; `each` gets each chunk's logits (a view, read at once). */
  private batches(contexts: ArrayLike<number>, n: number, each: (logits: Float32Array, from: number, count: number) => void): void {
    const { params, shape } = this.model;
    if (!this.forward) {
      const forward = new ForwardPass(shape, CHUNK);
      forward.loadParams(params);
      forward.keepWeights(params.W1);
      this.forward = forward;
    }
    const f = this.forward;
    for (let from = 0; from < n; from += CHUNK) {
      const count = Math.min(CHUNK, n - from);
      f.loadContexts(params.C, contexts, from, count);
      tf.engine().startScope();
      try {
        each(readTensor(f.run(params.W1, count).logits), from, count);
      } finally {
        tf.engine().endScope();
      }
    }
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
