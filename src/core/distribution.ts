/**
 * What is read off a next-symbol distribution (core/predictions.ts gives it exactly): its entropy,
 * the distribution sampling draws from once the creativity (temperature) and top-k are applied,
 * the rank the model gave a symbol and its bucket, and a score's percentile among a list's own.
 *
 * Pure: no TensorFlow.js, so the webviews use it on the log-probabilities the worker sends.
 */

/** Entropy in nats of a distribution given as log-probabilities (−Σ p log p). */
export function entropy(logp: ArrayLike<number>): number {
  let h = 0;
  for (let v = 0; v < logp.length; v++) {
    const l = logp[v]!;
    if (l > -Infinity) h -= Math.exp(l) * l;
  }
  return Math.max(0, h);
}

/** Entropy as "about N equally likely choices": e^H. */
export function equallyLikelyChoices(entropyNats: number): number {
  return Math.exp(entropyNats);
}

/**
 * The distribution sampling draws from: p^(1/temperature), renormalised, among the `topK` most
 * probable symbols (0: all; symbols tied with the k-th are kept, as sample.ts `draw` keeps them).
 * Returns probabilities (0 outside the top k).
 */
export function samplingDistribution(logp: ArrayLike<number>, temperature: number, topK: number): Float64Array {
  const V = logp.length;
  let threshold = -Infinity;
  if (topK > 0 && topK < V) threshold = Array.from(logp).sort((a, b) => b - a)[topK - 1]!;
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (logp[v]! >= threshold && logp[v]! > max) max = logp[v]!;
  const out = new Float64Array(V);
  let sum = 0;
  for (let v = 0; v < V; v++) {
    const l = logp[v]!;
    const p = l >= threshold && l > -Infinity ? Math.exp((l - max) / temperature) : 0;
    out[v] = p;
    sum += p;
  }
  for (let v = 0; v < V; v++) out[v]! /= sum;
  return out;
}

/** Draws an index from probabilities (summing to 1) with a uniform number u in [0, 1). */
export function drawFrom(probabilities: ArrayLike<number>, u: number): number {
  let r = u;
  let last = -1;
  for (let v = 0; v < probabilities.length; v++) {
    const p = probabilities[v]!;
    if (p <= 0) continue;
    last = v;
    r -= p;
    if (r < 0) return v;
  }
  return last;
}

/** The rank the model gave symbol `target` (1: its most probable; ties share the better rank). */
export function rankOf(logp: ArrayLike<number>, target: number): number {
  const l = logp[target]!;
  let above = 0;
  for (let v = 0; v < logp.length; v++) if (logp[v]! > l) above++;
  return above + 1;
}

/** Rank buckets, as GLTR colours tokens (for 27–300 symbols: top 1, top 3, top 10, beyond). */
export const RANK_BUCKETS = ['top1', 'top3', 'top10', 'beyond'] as const;
export type RankBucket = (typeof RANK_BUCKETS)[number];

export function rankBucket(rank: number): RankBucket {
  return rank <= 1 ? 'top1' : rank <= 3 ? 'top3' : rank <= 10 ? 'top10' : 'beyond';
}

/** How each bucket is named in a legend, and its sign (so colour is never the only cue). */
export const RANK_BUCKET_LABELS: Record<RankBucket, { label: string; sign: string }> = {
  top1: { label: 'the model’s first guess', sign: '●' },
  top3: { label: 'among its top 3', sign: '◐' },
  top10: { label: 'among its top 10', sign: '○' },
  beyond: { label: 'beyond its top 10', sign: '✕' },
};

/** The indices of the k largest values, largest first (ties: lower index first). */
export function topIndices(values: ArrayLike<number>, k: number): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i);
  order.sort((a, b) => values[b]! - values[a]! || a - b);
  return order.slice(0, Math.max(0, k));
}

/**
 * A score's percentile among reference scores sorted in ascending order of surprisal: the share
 * (0–100) of them that are *less* typical (higher surprisal), ties counting half — "more typical
 * than 62 % of the list". An empty reference gives null.
 */
export function percentileAmong(sortedSurprisals: ArrayLike<number>, surprisal: number): number | null {
  const n = sortedSurprisals.length;
  if (n === 0 || !Number.isFinite(surprisal)) return Number.isFinite(surprisal) || n === 0 ? null : 0;
  // First index with a value ≥ surprisal, and first with a value > surprisal.
  const lower = bound(sortedSurprisals, surprisal, false);
  const upper = bound(sortedSurprisals, surprisal, true);
  const above = n - upper;
  const ties = upper - lower;
  return (100 * (above + ties / 2)) / n;
}

function bound(a: ArrayLike<number>, x: number, strict: boolean): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? a[mid]! <= x : a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
