/**
 * The loss chart's data, as uPlot wants it: one ascending x (steps) shared by every series,
 * built by merging the downsampled train-loss history with the dev evaluations (each series is
 * `null` at the other's steps; the lines span those gaps).
 */
import type { LossHistory, RunState } from '../../src/shared/runState';

export interface LossSeries {
  step: number[];
  /** Per bucket of steps: the lowest, highest and mean minibatch loss. */
  min: (number | null)[];
  max: (number | null)[];
  mean: (number | null)[];
  /** The train-loss trend: a centred moving average of the minibatch losses (see `trend`). */
  trend: (number | null)[];
  dev: (number | null)[];
  /** The bigram model's dev loss (a constant), when known. */
  bigram: (number | null)[];
}

export function lossSeries(history: LossHistory, evals: RunState['evals'], bigramDev: number | null): LossSeries {
  const out: LossSeries = { step: [], min: [], max: [], mean: [], trend: [], dev: [], bigram: [] };
  const n = history.step.length;
  const trendLine = trend(history.mean, history.count);
  // A run stopped right after an evaluation evaluates that step again: keep the later one.
  const devs = evals.filter((e, k) => Number.isFinite(e.dev) && evals[k + 1]?.step !== e.step);
  let i = 0;
  let j = 0;
  while (i < n || j < devs.length) {
    const hs = i < n ? history.step[i] : Infinity;
    const es = j < devs.length ? devs[j].step : Infinity;
    const step = Math.min(hs, es);
    out.step.push(step);
    if (hs === step) {
      out.min.push(history.min[i]);
      out.max.push(history.max[i]);
      out.mean.push(history.mean[i]);
      out.trend.push(trendLine[i]);
      i++;
    } else {
      out.min.push(null);
      out.max.push(null);
      out.mean.push(null);
      out.trend.push(null);
    }
    if (es === step) {
      out.dev.push(devs[j].dev);
      j++;
    } else {
      out.dev.push(null);
    }
  }
  const baseline = bigramDev !== null && Number.isFinite(bigramDev) ? bigramDev : null;
  out.bigram = out.step.map(() => baseline);
  return out;
}

/**
 * The train-loss trend: a moving average of the bucket means, weighted by their step counts,
 * over ±2.5% of the buckets (at least ±2). Centred, so it does not lag behind a fast-falling
 * loss the way an exponential moving average does; the window narrows towards the first bucket
 * (so the line starts where the losses start) and turns trailing at the last (so the newest
 * point stays smooth).
 */
export function trend(mean: readonly number[], count: readonly number[]): number[] {
  const n = mean.length;
  const half = Math.max(2, Math.round(n * 0.025));
  const weighted = [0];
  const steps = [0];
  for (let i = 0; i < n; i++) {
    weighted.push(weighted[i] + mean[i] * count[i]);
    steps.push(steps[i] + count[i]);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i - Math.min(half, i);
    const hi = Math.min(n, i + Math.min(half, i) + 1);
    out.push((weighted[hi] - weighted[lo]) / (steps[hi] - steps[lo]));
  }
  return out;
}

/** The train loss now, as the chart's trend line ends (null before the first step). */
export function latestTrainLoss(history: LossHistory): number | null {
  return history.mean.length ? trend(history.mean, history.count)[history.mean.length - 1] : null;
}

/** Index of the last evaluation at or before `step` (-1 if none). */
export function lastEvalAt(evals: RunState['evals'], step: number): number {
  let found = -1;
  for (let k = 0; k < evals.length && evals[k].step <= step; k++) found = k;
  return found;
}
