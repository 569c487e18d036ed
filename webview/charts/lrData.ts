/** The learning-rate chart's data: its loss axis, and the point nearest a rate. Pure (no DOM). */

/**
 * The loss axis of the finder's chart: from the lowest loss to a little above the highest
 * smoothed loss (the start, or the blow-up), so a raw spike does not flatten the curve.
 */
export function lrLossRange(losses: readonly number[], smoothed: readonly number[]): [number, number] {
  const finite = (xs: readonly number[]): number[] => xs.filter((x) => Number.isFinite(x));
  const raw = finite(losses);
  const smooth = finite(smoothed);
  if (raw.length === 0 || smooth.length === 0) return [0, 1];
  const lo = Math.min(...raw, ...smooth);
  const hi = Math.max(Math.min(Math.max(...raw), Math.max(...smooth) * 1.1), lo + 0.1);
  const pad = (hi - lo) * 0.04;
  return [Math.max(0, lo - pad), hi + pad];
}

/** Index of the finder's point nearest `rate` on the log axis (-1 when the curve is empty). */
export function nearestRate(learningRates: readonly number[], rate: number): number {
  let best = -1;
  let distance = Infinity;
  for (let i = 0; i < learningRates.length; i++) {
    const d = Math.abs(Math.log(learningRates[i] / rate));
    if (d < distance) {
      best = i;
      distance = d;
    }
  }
  return best;
}
