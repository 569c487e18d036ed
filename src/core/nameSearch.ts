/**
 * The most probable complete names after a prefix, by an exact best-first search.
 *
 * A name's probability given the prefix is the product of its next-symbol probabilities, the end
 * of the name included, so its log-probability only falls as it grows: a partial name is at least
 * as probable as every name it can become. The search keeps partial and complete names in one
 * priority queue, most probable first, and expands the best partial one (all its next symbols,
 * from predictions.ts); a complete name that reaches the head of the queue is more probable than
 * anything still in it or yet to come, so the names come out exactly in order of probability.
 * Once `count` complete names are known, anything less probable than the `count`-th is dropped.
 *
 * The work is bounded (`maxExpansions` contexts evaluated, `maxNodes` names kept): when a bound
 * is hit the search stops and says how many of its names are exact (those that had reached the
 * head of the queue); the rest are the most probable complete names it had met.
 */
import FlatQueue from 'flatqueue';
import type { Predictions } from './predictions';
import { BOUNDARY } from './vocabulary';

export interface SearchOptions {
  /** How many names (default 10). */
  count?: number;
  /** Longest name in symbols, prefix included (longer ones are never names). */
  maxLength: number;
  /** Contexts evaluated at most (default 20,000). */
  maxExpansions?: number;
  /** Partial and complete names kept at most (default 1,000,000). */
  maxNodes?: number;
  /** Partial names expanded together (one batch of the forward pass; default 32). */
  batch?: number;
}

export interface FoundName {
  /** The symbols after the prefix (the end of the name not included). */
  symbols: number[];
  /** Natural log-probability of these symbols and the end, given the prefix. */
  logProb: number;
}

export interface SearchResult {
  names: FoundName[];
  /** How many of `names`, from the first, are exactly the most probable (all of them unless a bound was hit). */
  exact: number;
  /** Contexts evaluated. */
  expansions: number;
  /** Which bound stopped the search, if one did. */
  bounded: 'expansions' | 'nodes' | null;
}

export const DEFAULT_MAX_EXPANSIONS = 20_000;
const DEFAULT_MAX_NODES = 1_000_000;

/**
 * The `count` most probable complete names that continue `prefix` (symbol indices), with their
 * log-probabilities given the prefix.
 */
export function bestNames(predictions: Predictions, prefix: readonly number[], options: SearchOptions): SearchResult {
  const count = options.count ?? 10;
  const maxExpansions = options.maxExpansions ?? DEFAULT_MAX_EXPANSIONS;
  const maxNodes = options.maxNodes ?? DEFAULT_MAX_NODES;
  const batch = Math.max(1, options.batch ?? 32);
  const { V, blockSize: T } = predictions;

  // Nodes: a name so far (its parent and last symbol), its log-probability, its length, ended or not.
  const parent: number[] = [-1];
  const symbol: number[] = [-1];
  const logProb: number[] = [0];
  const length: number[] = [prefix.length];
  const ended: boolean[] = [false];
  const queue = new FlatQueue<number>();
  queue.push(0, 0);

  /** The best `count` complete log-probabilities met so far, descending: the last is the bar to clear. */
  const best: number[] = [];
  const bar = (): number => (best.length >= count ? best[count - 1]! : -Infinity);
  const noteComplete = (lp: number): void => {
    let i = best.length;
    while (i > 0 && best[i - 1]! < lp) i--;
    best.splice(i, 0, lp);
    if (best.length > count) best.length = count;
  };

  const found: number[] = [];
  let expansions = 0;
  let bounded: SearchResult['bounded'] = null;
  const contexts = new Int32Array(batch * T);
  const out = new Float64Array(batch * V);
  const taken: number[] = [];

  const symbolsOf = (node: number): number[] => {
    const s: number[] = [];
    for (let n = node; n > 0; n = parent[n]!) s.push(symbol[n]!);
    return s.reverse();
  };

  while (found.length < count && queue.length > 0) {
    const head = queue.peek()!;
    if (ended[head]) {
      queue.pop();
      found.push(head);
      continue;
    }
    // The best partial names (all at least as probable as anything left in the queue).
    taken.length = 0;
    while (taken.length < batch && queue.length > 0 && !ended[queue.peek()!]) {
      const node = queue.pop()!;
      if (logProb[node]! >= bar()) taken.push(node);
    }
    if (taken.length === 0) continue;
    if (expansions + taken.length > maxExpansions) {
      bounded = 'expansions';
      for (const node of taken) queue.push(node, -logProb[node]!);
      break;
    }
    for (let b = 0; b < taken.length; b++) {
      const full = [...prefix, ...symbolsOf(taken[b]!)];
      for (let p = 0; p < T; p++) {
        const i = full.length - T + p;
        contexts[b * T + p] = i >= 0 ? full[i]! : BOUNDARY;
      }
    }
    predictions.logProbabilities(contexts, taken.length, out);
    expansions += taken.length;
    for (let b = 0; b < taken.length && !bounded; b++) {
      const node = taken[b]!;
      for (let v = 0; v < V; v++) {
        const lp = logProb[node]! + out[b * V + v]!;
        if (!(lp >= bar())) continue;
        const end = v === BOUNDARY;
        if (!end && length[node]! + 1 > options.maxLength) continue;
        if (parent.length >= maxNodes) {
          bounded = 'nodes';
          break;
        }
        const id = parent.length;
        parent.push(node);
        symbol.push(v);
        logProb.push(lp);
        length.push(end ? length[node]! : length[node]! + 1);
        ended.push(end);
        queue.push(id, -lp);
        if (end) noteComplete(lp);
      }
    }
    if (bounded) break;
  }

  const exact = found.length;
  // A bound was hit: complete with the most probable complete names still in the queue.
  if (found.length < count) {
    const rest: number[] = [];
    while (queue.length > 0) {
      const node = queue.pop()!;
      if (ended[node]) rest.push(node);
    }
    found.push(...rest.slice(0, count - found.length));
  }
  // A complete node's symbol is the end: its name is its parent's symbols.
  return {
    names: found.map((node) => ({ symbols: symbolsOf(parent[node]!), logProb: logProb[node]! })),
    exact: bounded ? exact : found.length,
    expansions,
    bounded,
  };
}
