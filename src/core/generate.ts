/**
 * Batched generation: many names advanced together, one matrix product per character position,
 * on the TensorFlow.js backend (wasm), with the constraints of core/constraints.ts.
 *
 * Every active row is one candidate name. At each step the rows' contexts go through the forward
 * pass of step.ts (two fused matrix products), each row draws its next character in JavaScript
 * (temperature, top-k: sample.ts `draw`), and rows that end or break a constraint make room for
 * new candidates at once, so the batch stays full. Contexts repeat a lot — every name starts from
 * the same empty context, most share their first characters — so the logits of each distinct
 * context are computed once per step and kept in a cache (bounded) for later steps and requests.
 * (Folding the first layer into per-position tables, as model.ts `Predictor` does, measured
 * slower here: summing the tables' rows in JavaScript took 8.8 µs per row at 1,024 rows, the
 * XNNPACK product 4.8 µs.)
 *
 * - "starts with" is fed: at each of its positions a row draws among the case variants of the
 *   typed character that the vocabulary has (one variant: that one), with the model's odds.
 * - Everything else rejects: a row is dropped as soon as it is longer than the maximum length
 *   or holds an excluded text, and at its end when it is too short, does not end with or contain
 *   what it must, is in the list or too close to it, or repeats a name already found. A name is
 *   never truncated. The budget of tries (candidates started) bounds the work: generation always
 *   ends, with the names found and an honest shortfall message when they are too few.
 * - Each name's typicality is its mean log-probability per character under the model itself
 *   (temperature 1, no top-k), the end of the word included.
 *
 * Call initBackend() first, and dispose() a NameGenerator when done with it (its weights stay on
 * the backend until then). Async only to yield to the event loop (every ~25 ms), so that a
 * worker sees a stop request: `signal` stops at the next step.
 */
import * as tf from '@tensorflow/tfjs-core';
import { restoreWith } from './casing';
import type { Checkpoint } from './checkpoint';
import {
  asIs,
  fold,
  nameViolation,
  planRequest,
  shortfallMessage,
  type ConstraintPlan,
  type DisplayForm,
  type GenerateRequest,
  type ListFacts,
  type RejectReason,
  type RequestLimits,
} from './constraints';
import type { GeneratedName, GenerateEnd, GenerateProgress, GenerateResult } from './generated';
import { ListIndex } from './listIndex';
import { nextTask } from './nextTask';
import { logSumExp } from './loss';
import { drawIndex, type ModelShape, type Params } from './model';
import type { ClassLayout } from './outputLayer';
import { Rng } from './rng';
import { draw } from './sample';
import { ForwardPass, readTensor } from './step';
import { spacingOf, straySpacing, type ListSpacing } from './symbols';
import { BOUNDARY, type Vocabulary } from './vocabulary';

export interface GeneratorModel {
  shape: ModelShape;
  params: Params;
  vocabulary: Vocabulary;
  /** The training file's distinct words (novelty, tags, the default length range). */
  trainingWords: readonly string[];
  /** The split of each training word (listIndex.ts SPLIT_CODES); without it tags say 'list'. */
  wordSplits?: ArrayLike<number>;
  /** How a word of the model is shown (constraints.ts DisplayForm); default: as it is. */
  display?: DisplayForm;
}

export interface GenerateOptions {
  /** One seed, one list of names. Default: a random seed. */
  seed?: number;
  signal?: AbortSignal;
  /**
   * Names as they are found: the first batch as soon as there is one, then at most every
   * `flushMs`, and the rest at the end. Every name of the result is passed exactly once.
   */
  onNames?(names: GeneratedName[], progress: GenerateProgress): void;
  /** Default 50 ms. */
  flushMs?: number;
  /** Give up after this long (default: only the tries budget limits the work). */
  timeLimitMs?: number;
  limits?: RequestLimits;
  /** Names that must not come out — those already in the document being written to (compared ignoring case). */
  avoid?: Iterable<string>;
}

/** Rows advanced together (the batch of the forward pass). */
export const MAX_ROWS = 1024;
/** Cached logits, in floats (8 MB). */
const CACHE_FLOATS = 1 << 21;
const YIELD_MS = 25;

/** What a request's batch needs of its generator. */
interface Engine {
  model: GeneratorModel;
  index: ListIndex;
  display: DisplayForm;
  /** Whether the list has doubled spaces (samples never gain spaces it does not have). */
  spacing: ListSpacing;
  cache: LogitCache;
  /** A factored model's distributions (then `cache` and `logits` are unused). */
  classes?: ClassDistributions;
  maxRows: number;
  /** The logits of `n` contexts (the first n rows of X) into `out`. */
  logits(X: Int32Array, n: number, out: Float32Array): void;
  /** Factored: the hidden states (s, [n, H]) and class logits ([n, classes]) of `n` contexts. */
  hiddenAndHead(X: Int32Array, n: number, sOut: Float32Array, sOffset: number, headOut: Float32Array, headOffset: number): void;
  /** Factored: ForwardPass.pairLogits. */
  pairLogits(sv: Float32Array, rows: Int32Array, classes: Int32Array, n: number, out: Float32Array, offsets: Int32Array): void;
}

/**
 * A model ready to generate: its list index, weights on the backend and logits cache are built
 * once and reused by every request (a view that regenerates as controls change keeps one).
 * Requests may overlap: each step runs synchronously, between the awaits of the others.
 */
export class NameGenerator {
  readonly facts: ListFacts;
  readonly index: ListIndex;
  private readonly forward: ForwardPass;
  private readonly engine: Engine;

  constructor(
    readonly model: GeneratorModel,
    maxRows = MAX_ROWS,
  ) {
    this.index = new ListIndex(model.trainingWords, model.wordSplits);
    this.facts = { characters: model.vocabulary.characters, lengths: this.index.lengths };
    const forward = new ForwardPass(model.shape, maxRows);
    forward.loadParams(model.params);
    forward.keepWeights(model.params.W1);
    this.forward = forward;
    const V = model.shape.vocabSize;
    const H = model.shape.hiddenSize;
    const layout = forward.layout;
    this.engine = {
      model,
      index: this.index,
      display: model.display ?? asIs,
      spacing: spacingOf(model.trainingWords),
      cache: new LogitCache(model.shape, layout ? 0 : CACHE_FLOATS),
      ...(layout ? { classes: new ClassDistributions(layout, H, maxRows, model.shape.blockSize) } : {}),
      maxRows,
      logits(X, n, out) {
        forward.loadContexts(model.params.C, X, 0, n);
        tf.engine().startScope();
        try {
          out.set(readTensor(forward.run(model.params.W1, n).logits).subarray(0, n * V));
        } finally {
          tf.engine().endScope();
        }
      },
      hiddenAndHead(X, n, sOut, sOffset, headOut, headOffset) {
        forward.loadContexts(model.params.C, X, 0, n);
        tf.engine().startScope();
        try {
          const s = forward.hidden(model.params.W1, n);
          const head = forward.head(s);
          headOut.set(readTensor(head).subarray(0, n * layout!.count), headOffset);
          sOut.set(readTensor(s).subarray(0, n * H), sOffset);
        } finally {
          tf.engine().endScope();
        }
      },
      pairLogits(sv, rows, classes, n, out, offsets) {
        forward.pairLogits(sv, rows, classes, n, out, offsets);
      },
    };
  }

  /** Frees the model's tensors on the backend; the generator cannot be used afterwards. */
  dispose(): void {
    this.forward.dispose();
  }

  /** Generates `request.count` names (fewer on a shortfall). Throws ConstraintError on bad input. */
  async generate(request: GenerateRequest, options: GenerateOptions = {}): Promise<GenerateResult> {
    const plan = planRequest(request, this.facts, options.limits);
    return new Batch(this.engine, plan, options).generate();
  }
}

/**
 * A stored model as the generator takes it. The names are shown as the model spells them; a
 * model trained on a case-folded list gets its casing restored here (issue 14's `restoreCase`
 * with the pattern of the checkpoint's header), the one place a display form is chosen.
 */
export function generatorModelOf(ck: Checkpoint): GeneratorModel {
  return {
    shape: ck.shape,
    params: ck.params,
    vocabulary: ck.vocabulary,
    trainingWords: ck.trainingWords,
    ...(ck.wordSplits ? { wordSplits: ck.wordSplits } : {}),
    // A case-folded model's words get the list's pattern back (Title Case…): the name as shown.
    display: ck.casing?.restored ? (word) => restoreWith(ck.casing, word) : asIs,
  };
}

/** One request, in one call: builds a NameGenerator and runs it. */
export async function generateNames(
  model: GeneratorModel,
  request: GenerateRequest,
  options: GenerateOptions = {},
): Promise<GenerateResult> {
  const generator = new NameGenerator(model);
  try {
    return await generator.generate(request, options);
  } finally {
    generator.dispose();
  }
}

/**
 * Logits per distinct context, with their log-sum-exp, kept until full (the first contexts met
 * are the most shared ones: short prefixes).
 */
class LogitCache {
  readonly V: number;
  readonly logits: Float32Array;
  readonly lse: Float64Array;
  private readonly slots = new Map<number | string, number>();
  private readonly numericKeys: boolean;
  readonly capacity: number;

  /** `floats` 0: no room (a factored model keeps its own, ClassDistributions). */
  constructor(shape: ModelShape, floats: number) {
    this.V = shape.vocabSize;
    this.capacity = floats > 0 ? Math.max(1024, Math.floor(floats / this.V)) : 0;
    this.logits = new Float32Array(this.capacity * this.V);
    this.lse = new Float64Array(this.capacity);
    this.numericKeys = Math.pow(this.V, shape.blockSize) < 2 ** 52;
  }

  key(ctx: Int32Array, offset: number, T: number): number | string {
    if (this.numericKeys) {
      let k = 0;
      for (let p = 0; p < T; p++) k = k * this.V + ctx[offset + p]!;
      return k;
    }
    return String.fromCharCode(...ctx.subarray(offset, offset + T));
  }

  get(key: number | string): number | undefined {
    return this.slots.get(key);
  }

  /** Stores a row of logits; returns its slot, or -1 when full. */
  put(key: number | string, source: Float32Array, offset: number, lse: number): number {
    const slot = this.slots.size;
    if (slot >= this.capacity) return -1;
    this.logits.set(source.subarray(offset, offset + this.V), slot * this.V);
    this.lse[slot] = lse;
    this.slots.set(key, slot);
    return slot;
  }
}

/**
 * Draws index j with probability exp(logp[offset + j]), the n values being normalised
 * log-probabilities: one pass, stopping at the draw (rounding left over goes to the last index
 * with a probability above 0).
 */
function drawNormalised(logp: Float32Array, offset: number, n: number, rng: Rng): number {
  let r = rng.next();
  let last = n - 1;
  for (let j = 0; j < n; j++) {
    const p = Math.exp(logp[offset + j]!);
    if (p > 0) last = j;
    r -= p;
    if (r < 0) return j;
  }
  return last;
}

/**
 * A factored model's distributions for the generator: per distinct context its hidden state and
 * class log-probabilities, per (context, class) pair the log-probabilities within the class —
 * each computed once, when first needed, and kept (up to a bound) for later steps and requests.
 * Contexts and pairs beyond the bound live in scratch space for one step.
 */
class ClassDistributions {
  readonly nC: number;
  /** Contexts kept; scratch contexts get ids from `capacity` up. */
  private readonly capacity: number;
  readonly hidden: Float32Array;
  readonly classLogProbs: Float32Array;
  private readonly contexts = new Map<number | string, number>();
  private readonly stepContexts = new Map<number | string, number>();
  private kept = 0;
  private scratch = 0;
  private readonly numericKeys: boolean;
  private readonly pendingIds: Int32Array;
  private pending = 0;
  /** Pair log-probabilities: kept ones in [0, pairCapacity), this step's scratch ones after. */
  store: Float32Array;
  private readonly pairCapacity: number;
  private pairUsed = 0;
  private scratchUsed = 0;
  private readonly pairs = new Map<number, number>();
  // This step's pairs (handles): context, class, offset in `store` (-1 until computed).
  private readonly stepPairs = new Map<number, number>();
  private pairCtx = new Int32Array(1024);
  private pairCls = new Int32Array(1024);
  private pairOff = new Int32Array(1024);
  private handles = 0;
  private readonly V: number;

  constructor(
    readonly layout: ClassLayout,
    private readonly H: number,
    private readonly rows: number,
    blockSize: number,
  ) {
    this.nC = layout.count;
    this.V = layout.classOf.length;
    this.capacity = Math.max(1024, Math.floor(CACHE_FLOATS / 4 / (H + this.nC)));
    this.hidden = new Float32Array((this.capacity + rows) * H);
    this.classLogProbs = new Float32Array((this.capacity + rows) * this.nC);
    this.numericKeys = Math.pow(layout.classOf.length, blockSize) < 2 ** 52;
    this.pendingIds = new Int32Array(rows);
    this.pairCapacity = CACHE_FLOATS;
    this.store = new Float32Array(this.pairCapacity + rows * this.V);
  }

  beginStep(): void {
    this.stepContexts.clear();
    this.stepPairs.clear();
    this.scratch = 0;
    this.scratchUsed = 0;
    this.handles = 0;
    this.pending = 0;
  }

  private key(ctx: Int32Array, offset: number, T: number): number | string {
    if (this.numericKeys) {
      let k = 0;
      for (let p = 0; p < T; p++) k = k * this.V + ctx[offset + p]!;
      return k;
    }
    return String.fromCharCode(...ctx.subarray(offset, offset + T));
  }

  /** The id of a context (its rows in `hidden` and `classLogProbs`), computed by computeContexts if new. */
  context(ctx: Int32Array, offset: number, T: number): number {
    const key = this.key(ctx, offset, T);
    const id = this.contexts.get(key) ?? this.stepContexts.get(key);
    if (id !== undefined) return id;
    let fresh: number;
    if (this.kept < this.capacity) {
      fresh = this.kept++;
      this.contexts.set(key, fresh);
    } else {
      fresh = this.capacity + this.scratch++;
      this.stepContexts.set(key, fresh);
    }
    const X2 = this.contextRows(T);
    for (let p = 0; p < T; p++) X2[this.pending * T + p] = ctx[offset + p]!;
    this.pendingIds[this.pending++] = fresh;
    return fresh;
  }

  private X = new Int32Array(0);
  private contextRows(T: number): Int32Array {
    if (this.X.length < this.rows * T) this.X = new Int32Array(this.rows * T);
    return this.X;
  }

  private sTmp = new Float32Array(0);
  private headTmp = new Float32Array(0);

  /** Runs the forward pass for the contexts met since beginStep that were not known. */
  computeContexts(engine: Engine): void {
    const n = this.pending;
    if (n === 0) return;
    const { H, nC } = this;
    if (this.sTmp.length < n * H) this.sTmp = new Float32Array(this.rows * H);
    if (this.headTmp.length < n * nC) this.headTmp = new Float32Array(this.rows * nC);
    engine.hiddenAndHead(this.X, n, this.sTmp, 0, this.headTmp, 0);
    for (let i = 0; i < n; i++) {
      const id = this.pendingIds[i]!;
      this.hidden.set(this.sTmp.subarray(i * H, (i + 1) * H), id * H);
      const lse = logSumExp(this.headTmp, i * nC, nC);
      for (let k = 0; k < nC; k++) this.classLogProbs[id * nC + k] = this.headTmp[i * nC + k]! - lse;
    }
    this.pending = 0;
  }

  /** A handle on the log-probabilities within class k after context c (computed by computePairs if new). */
  need(c: number, k: number): number {
    const key = c * this.nC + k;
    const known = this.stepPairs.get(key);
    if (known !== undefined) return known;
    if (this.handles === this.pairCtx.length) {
      const grow = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.pairCtx = grow(this.pairCtx);
      this.pairCls = grow(this.pairCls);
      this.pairOff = grow(this.pairOff);
    }
    const handle = this.handles++;
    this.pairCtx[handle] = c;
    this.pairCls[handle] = k;
    this.pairOff[handle] = c < this.capacity ? (this.pairs.get(key) ?? -1) : -1;
    this.stepPairs.set(key, handle);
    return handle;
  }

  private rowsTmp = new Int32Array(0);
  private clsTmp = new Int32Array(0);
  private handleTmp = new Int32Array(0);
  private outTmp = new Float32Array(0);
  private offTmp = new Int32Array(0);

  /** Computes the pairs needed since beginStep that were not known: one product per class. */
  computePairs(engine: Engine): void {
    let n = 0;
    for (let h = 0; h < this.handles; h++) if (this.pairOff[h]! < 0) n++;
    if (n === 0) return;
    if (this.rowsTmp.length < n) {
      this.rowsTmp = new Int32Array(n * 2);
      this.clsTmp = new Int32Array(n * 2);
      this.handleTmp = new Int32Array(n * 2);
      this.offTmp = new Int32Array(n * 2 + 1);
    }
    let size = 0;
    let j = 0;
    for (let h = 0; h < this.handles; h++) {
      if (this.pairOff[h]! >= 0) continue;
      this.rowsTmp[j] = this.pairCtx[h]!;
      this.clsTmp[j] = this.pairCls[h]!;
      this.handleTmp[j++] = h;
      size += this.layout.size(this.pairCls[h]!);
    }
    if (this.outTmp.length < size) this.outTmp = new Float32Array(size * 2);
    engine.pairLogits(this.hidden, this.rowsTmp, this.clsTmp, n, this.outTmp, this.offTmp);
    for (let i = 0; i < n; i++) {
      const h = this.handleTmp[i]!;
      const c = this.pairCtx[h]!;
      const m = this.layout.size(this.pairCls[h]!);
      const from = this.offTmp[i]!;
      const lse = logSumExp(this.outTmp, from, m);
      let at: number;
      if (c < this.capacity && this.pairUsed + m <= this.pairCapacity) {
        at = this.pairUsed;
        this.pairUsed += m;
        this.pairs.set(c * this.nC + this.pairCls[h]!, at);
      } else {
        at = this.pairCapacity + this.scratchUsed;
        this.scratchUsed += m;
        if (at + m > this.store.length) {
          const bigger = new Float32Array(Math.max(this.store.length * 2, at + m));
          bigger.set(this.store);
          this.store = bigger;
        }
      }
      for (let t = 0; t < m; t++) this.store[at + t] = this.outTmp[from + t]! - lse;
      this.pairOff[h] = at;
    }
  }

  pairClass(handle: number): number {
    return this.pairCls[handle]!;
  }

  pairOffset(handle: number): number {
    return this.pairOff[handle]!;
  }

  /** log P(v | context c), v in the class of `handle`. */
  logProb(c: number, handle: number, v: number): number {
    return this.classLogProbs[c * this.nC + this.layout.classOf[v]!]! + this.store[this.pairOff[handle]! + this.layout.position[v]!]!;
  }
}

/**
 * One generate request as it is worked through: its rows of candidates, sampled a symbol at a time
 * until it has its names (a "run" is a training run: docs/architecture.md#glossary).
 */
class Batch {
  private readonly V: number;
  private readonly T: number;
  private readonly rows: number;
  private readonly rng: Rng;
  // Per slot (a row of the batch): context, symbols so far, log-probability, folded text.
  private readonly ctx: Int32Array;
  private readonly len: Int32Array;
  private readonly symbols: Int32Array;
  private readonly lp: Float64Array;
  private readonly text: string[];
  private readonly active: Int32Array;
  private nActive = 0;
  private readonly free: Int32Array;
  private nFree: number;
  // This step's logits: each active row points into the cache or into `fresh`.
  private readonly rowFromCache: Uint8Array;
  private readonly rowOffset: Int32Array;
  private readonly rowLse: Float64Array;
  private readonly Xf: Int32Array;
  private readonly fresh: Float32Array;
  private readonly freshLse: Float64Array;
  private readonly pending = new Map<number | string, number>();
  private readonly probs: Float64Array;
  private readonly order: number[];
  // A factored model's step: each row's context (ClassDistributions), the (context, class)
  // pairs it needs (rowNeeds[needStart[i] .. needStart[i + 1])), a whole distribution.
  private readonly rowContext: Int32Array;
  private readonly needStart: Int32Array;
  private readonly rowNeeds: Int32Array;
  private readonly full: Float32Array;
  // The constraints as symbols.
  private readonly prefix: number[][];
  private readonly banned: Uint8Array;
  private readonly longExcludes: string[];
  private readonly foldedSymbols: string[];

  private tries = 0;
  private finished = 0;
  /** `finished` when the last new name was found: a search that finds nothing for `plan.stallTries` gives up. */
  private finishedAtFound = 0;
  /** Try number of each slot's candidate: names are kept in the order their tries began. */
  private readonly seq: Float64Array;
  /** Finished tries not yet committed (an earlier one still runs): a name, or null if rejected. */
  private readonly done = new Map<number, GeneratedName | null>();
  private nextSeq = 0;
  private acceptedPending = 0;
  private readonly found: GeneratedName[] = [];
  private readonly seen = new Set<string>();
  /** Folded names that must not come out. */
  private readonly avoid: ReadonlySet<string>;
  private readonly rejected: Partial<Record<RejectReason, number>> = {};
  private flushed = 0;

  constructor(
    private readonly engine: Engine,
    private readonly plan: ConstraintPlan,
    private readonly options: GenerateOptions,
  ) {
    const { vocabulary, shape } = engine.model;
    this.V = shape.vocabSize;
    this.T = shape.blockSize;
    this.rows = engine.maxRows;
    this.rng = new Rng(options.seed ?? Date.now() ^ (Math.random() * 0x7fffffff));
    const R = this.rows;
    this.ctx = new Int32Array(R * this.T);
    this.len = new Int32Array(R);
    this.symbols = new Int32Array(R * (plan.maxLength + 1));
    this.lp = new Float64Array(R);
    this.text = new Array<string>(R).fill('');
    this.active = new Int32Array(R);
    this.seq = new Float64Array(R);
    this.free = Int32Array.from({ length: R }, (_, i) => R - 1 - i);
    this.nFree = R;
    this.rowFromCache = new Uint8Array(R);
    this.rowOffset = new Int32Array(R);
    this.rowLse = new Float64Array(R);
    this.Xf = new Int32Array(R * this.T);
    const classes = engine.classes;
    this.fresh = new Float32Array(classes ? 0 : R * this.V);
    this.rowContext = new Int32Array(classes ? R : 0);
    this.needStart = new Int32Array(classes ? R + 1 : 0);
    // A row needs at most every class, or one class per allowed symbol.
    this.rowNeeds = new Int32Array(classes ? R * Math.max(classes.layout.count, ...plan.prefix.map((p) => p.length), 1) : 0);
    this.full = new Float32Array(classes ? this.V : 0);
    this.freshLse = new Float64Array(R);
    this.probs = new Float64Array(this.V);
    this.order = Array.from({ length: this.V }, (_, i) => i);
    this.avoid = new Set(Array.from(options.avoid ?? [], fold));

    this.prefix = plan.prefix.map((chars) => chars.map((c) => vocabulary.encode(c)[0]!));
    this.foldedSymbols = vocabulary.symbols.map((s) => fold(s));
    this.banned = new Uint8Array(this.V);
    this.longExcludes = [];
    for (const x of plan.excludes) {
      if ([...x].length === 1) {
        this.foldedSymbols.forEach((s, v) => {
          if (v !== BOUNDARY && s.includes(x)) this.banned[v] = 1;
        });
      } else this.longExcludes.push(x);
    }
  }

  async generate(): Promise<GenerateResult> {
    const { plan, options } = this;
    const start = performance.now();
    let lastYield = start;
    let lastFlush = start;
    let ended: GenerateEnd = 'done';
    while (this.found.length < plan.count) {
      if (options.signal?.aborted) {
        ended = 'stopped';
        break;
      }
      const now = performance.now();
      if (options.timeLimitMs !== undefined && now - start >= options.timeLimitMs) {
        ended = 'time';
        break;
      }
      this.fill();
      if (this.nActive === 0 || this.stalled()) {
        ended = 'tries';
        break;
      }
      this.step();
      if (this.found.length > this.flushed && (this.flushed === 0 || now - lastFlush >= (options.flushMs ?? 50))) {
        this.flush();
        lastFlush = now;
      }
      if (performance.now() - lastYield >= YIELD_MS) {
        await nextTask();
        lastYield = performance.now();
      }
    }
    const names = this.found.slice(0, plan.count);
    this.found.length = names.length;
    this.flush();
    const complete = names.length >= plan.count;
    let mostly: RejectReason | undefined;
    for (const [reason, n] of Object.entries(this.rejected) as [RejectReason, number][]) {
      if (mostly === undefined || n > this.rejected[mostly]!) mostly = reason;
    }
    return {
      names,
      requested: plan.count,
      tries: this.tries,
      ended: complete ? 'done' : ended,
      rejected: { ...this.rejected },
      ...(complete
        ? {}
        : {
            shortfall: shortfallMessage(names.length, plan.count, this.tries, {
              mostly,
              ended: ended === 'done' ? 'tries' : ended,
              ...(this.stalled() && this.tries < plan.maxTries ? { stalled: plan.stallTries } : {}),
            }),
          }),
      seconds: (performance.now() - start) / 1000,
    };
  }

  /** Whether `plan.stallTries` tries in a row brought no new name (the search gives up: constraints.ts STALL_TRIES). */
  private stalled(): boolean {
    return this.finished - this.finishedAtFound >= this.plan.stallTries;
  }

  private flush(): void {
    if (this.found.length <= this.flushed) return;
    const batch = this.found.slice(this.flushed);
    this.flushed = this.found.length;
    this.options.onNames?.(batch, { found: this.found.length, requested: this.plan.count, tries: this.tries });
  }

  /** Rows wanted: enough to find the rest at the acceptance rate seen so far. */
  private desiredRows(): number {
    const accepted = this.found.length + this.acceptedPending;
    const need = this.plan.count - accepted;
    if (need <= 0) return 0;
    const rate = (accepted + 1) / (this.finished + 2);
    return Math.min(this.rows, Math.ceil(need / rate));
  }

  /** Starts new candidates in free rows, within the budget of tries. */
  private fill(): void {
    const want = this.desiredRows();
    while (this.nActive < want && this.nFree > 0 && this.tries < this.plan.maxTries) {
      const s = this.free[--this.nFree]!;
      this.ctx.fill(BOUNDARY, s * this.T, (s + 1) * this.T);
      this.len[s] = 0;
      this.lp[s] = 0;
      this.text[s] = '';
      this.active[this.nActive++] = s;
      this.seq[s] = this.tries++;
    }
  }

  private step(): void {
    if (this.engine.classes) {
      this.stepFactored(this.engine.classes);
      return;
    }
    const { V, T, engine, plan } = this;
    const { cache } = engine;
    // 1. Which contexts need the forward pass: distinct, not cached.
    this.pending.clear();
    let nf = 0;
    for (let i = 0; i < this.nActive; i++) {
      const s = this.active[i]!;
      const key = cache.key(this.ctx, s * T, T);
      const slot = cache.get(key);
      if (slot !== undefined) {
        this.rowFromCache[i] = 1;
        this.rowOffset[i] = slot * V;
        this.rowLse[i] = cache.lse[slot]!;
        continue;
      }
      let f = this.pending.get(key);
      if (f === undefined) {
        f = nf++;
        this.pending.set(key, f);
        for (let p = 0; p < T; p++) this.Xf[f * T + p] = this.ctx[s * T + p]!;
      }
      this.rowFromCache[i] = 0;
      this.rowOffset[i] = f * V;
    }
    // 2. One forward pass for them; keep what fits in the cache.
    if (nf > 0) {
      engine.logits(this.Xf, nf, this.fresh);
      for (const [key, f] of this.pending) {
        const lse = logSumExp(this.fresh, f * V, V);
        this.freshLse[f] = lse;
        cache.put(key, this.fresh, f * V, lse);
      }
      for (let i = 0; i < this.nActive; i++) if (!this.rowFromCache[i]) this.rowLse[i] = this.freshLse[this.rowOffset[i]! / V]!;
    }
    // 3. Each row draws its next symbol, then goes on, ends, or is rejected; rows that stop
    // free their slot for a new candidate (started by the next fill()).
    let kept = 0;
    for (let i = 0; i < this.nActive; i++) {
      const s = this.active[i]!;
      if (this.found.length >= plan.count) break;
      const source = this.rowFromCache[i] ? cache.logits : this.fresh;
      const offset = this.rowOffset[i]!;
      const n = this.len[s]!;
      const next =
        n < this.prefix.length
          ? this.drawAmong(source, offset, this.prefix[n]!)
          : draw(source, plan.temperature, plan.topK, this.probs, this.order, this.rng, offset);
      this.lp[s] += source[offset + next]! - this.rowLse[i]!;
      if (this.advance(s, next)) this.active[kept++] = s;
    }
    this.nActive = kept;
  }

  /**
   * A factored model's step (core/outputLayer.ts): the same as step() with the distributions of
   * ClassDistributions — each row needs its context's class probabilities and, at temperature 1
   * without top-k, the one class it draws (class, then symbol: the model's distribution exactly);
   * a "starts with" position needs the classes of its allowed symbols; a temperature or top-k
   * needs every class (they act on the whole distribution, as for a flat model).
   */
  private stepFactored(dist: ClassDistributions): void {
    const { T, plan } = this;
    const { layout } = dist;
    const nC = layout.count;
    dist.beginStep();
    const R = this.nActive;
    for (let i = 0; i < R; i++) this.rowContext[i] = dist.context(this.ctx, this.active[i]! * T, T);
    dist.computeContexts(this.engine);
    const twoDraws = plan.temperature === 1 && plan.topK === 0;
    const needs = this.rowNeeds;
    let used = 0;
    for (let i = 0; i < R; i++) {
      const s = this.active[i]!;
      const c = this.rowContext[i]!;
      const n = this.len[s]!;
      this.needStart[i] = used;
      if (n < this.prefix.length) {
        for (const v of this.prefix[n]!) needs[used++] = dist.need(c, layout.classOf[v]!);
      } else if (twoDraws) {
        const k = drawNormalised(dist.classLogProbs, c * nC, nC, this.rng);
        needs[used++] = dist.need(c, k);
      } else {
        for (let k = 0; k < nC; k++) needs[used++] = dist.need(c, k);
      }
    }
    this.needStart[R] = used;
    dist.computePairs(this.engine);
    let kept = 0;
    for (let i = 0; i < R; i++) {
      const s = this.active[i]!;
      if (this.found.length >= plan.count) break;
      const c = this.rowContext[i]!;
      const n = this.len[s]!;
      const from = this.needStart[i]!;
      let next: number;
      let logProb: number;
      if (n < this.prefix.length) {
        // Among the allowed symbols, with the model's (tempered) odds.
        const allowed = this.prefix[n]!;
        const lp = allowed.map((v, j) => dist.logProb(c, needs[from + j]!, v));
        const pick =
          allowed.length === 1
            ? 0
            : drawIndex(
                lp.map((x) => x / plan.temperature),
                0,
                lp.length,
                this.rng,
              ).index;
        next = allowed[pick]!;
        logProb = lp[pick]!;
      } else if (twoDraws) {
        const pair = needs[from]!;
        const k = dist.pairClass(pair);
        const j = drawNormalised(dist.store, dist.pairOffset(pair), layout.size(k), this.rng);
        next = layout.members[layout.start[k]! + j]!;
        logProb = dist.logProb(c, pair, next);
      } else {
        const full = this.full;
        for (let k = 0; k < nC; k++) {
          const pair = needs[from + k]!;
          const o = dist.pairOffset(pair);
          const head = dist.classLogProbs[c * nC + k]!;
          for (let j = 0; j < layout.size(k); j++) full[layout.members[layout.start[k]! + j]!] = head + dist.store[o + j]!;
        }
        next = draw(full, plan.temperature, plan.topK, this.probs, this.order, this.rng);
        logProb = full[next]!;
      }
      this.lp[s] += logProb;
      if (this.advance(s, next)) this.active[kept++] = s;
    }
    this.nActive = kept;
  }

  /** The row in slot s drew `next`: it goes on (true), or ends or is rejected (its slot freed). */
  private advance(s: number, next: number): boolean {
    const { T, plan } = this;
    const stride = plan.maxLength + 1;
    const n = this.len[s]!;
    let outcome: RejectReason | 'accepted' | undefined;
    if (next === BOUNDARY) outcome = this.finish(s);
    else if (n + 1 > plan.maxLength) outcome = 'tooLong';
    else if (this.banned[next]) outcome = 'excludes';
    else {
      this.symbols[s * stride + n] = next;
      this.len[s] = n + 1;
      const ctx = this.ctx;
      const o = s * T;
      for (let p = o; p < o + T - 1; p++) ctx[p] = ctx[p + 1]!;
      ctx[o + T - 1] = next;
      if (this.longExcludes.length > 0 && this.hitsExclude(s, next)) outcome = 'excludes';
    }
    if (outcome === undefined) return true;
    this.finished++;
    if (outcome === 'accepted') this.acceptedPending++;
    else this.reject(outcome, s);
    this.free[this.nFree++] = s;
    this.commit();
    return false;
  }

  /** Appends the symbol to the row's folded text; true when an excluded text now occurs in it. */
  private hitsExclude(s: number, next: number): boolean {
    const piece = this.foldedSymbols[next]!;
    const t = this.text[s] + piece;
    this.text[s] = t;
    for (const x of this.longExcludes) if (t.slice(-(x.length + piece.length - 1)).includes(x)) return true;
    return false;
  }

  /** Draws among `allowed` symbols with the model's (tempered) odds. */
  private drawAmong(source: Float32Array, offset: number, allowed: number[]): number {
    if (allowed.length === 1) return allowed[0]!;
    let max = -Infinity;
    for (const v of allowed) max = Math.max(max, source[offset + v]!);
    let sum = 0;
    for (const v of allowed) sum += Math.exp((source[offset + v]! - max) / this.plan.temperature);
    let r = this.rng.next() * sum;
    for (const v of allowed) {
      r -= Math.exp((source[offset + v]! - max) / this.plan.temperature);
      if (r < 0) return v;
    }
    return allowed.at(-1)!;
  }

  /** A row drew the end of the word: its name, or why it is rejected. */
  private finish(s: number): RejectReason | 'accepted' {
    const { plan, engine } = this;
    const n = this.len[s]!;
    const stride = plan.maxLength + 1;
    const word = engine.model.vocabulary.decode(this.symbols.subarray(s * stride, s * stride + n));
    const name = engine.display(word);
    const broken = nameViolation(plan, name);
    if (broken) return broken;
    if (straySpacing(name, engine.spacing)) return 'spacing';
    const { index } = engine;
    if (plan.newOnly && index.has(name)) return 'inList';
    if (this.avoid.size > 0 && this.avoid.has(fold(name))) return 'avoided';
    if (plan.minEdits >= 2 && !index.isFarFrom(name, plan.minEdits)) return 'tooClose';
    this.done.set(this.seq[s]!, { name, tag: index.tagOf(name), logProbPerChar: this.lp[s]! / (n + 1) });
    return 'accepted';
  }

  private reject(reason: RejectReason, s?: number): void {
    this.rejected[reason] = (this.rejected[reason] ?? 0) + 1;
    if (s !== undefined) this.done.set(this.seq[s]!, null);
  }

  /**
   * Keeps finished names in the order their tries began, as drawing one candidate at a time
   * would (taking them as they finish would favour short names), dropping repeats.
   */
  private commit(): void {
    for (;;) {
      const entry = this.done.get(this.nextSeq);
      if (entry === undefined) return;
      this.done.delete(this.nextSeq++);
      if (entry === null) continue;
      this.acceptedPending--;
      if (this.found.length >= this.plan.count) continue;
      const key = fold(entry.name);
      if (this.seen.has(key)) {
        this.reject('repeat');
        continue;
      }
      this.seen.add(key);
      this.found.push(entry);
      this.finishedAtFound = this.finished;
    }
  }
}
