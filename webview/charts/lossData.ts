/**
 * The loss chart's data, as uPlot wants it: one ascending x (steps) shared by every series,
 * built by merging the downsampled train-loss history with the dev evaluations (each series is
 * `null` at the other's steps; the lines span those gaps).
 */
import { trend, type LossHistory, type RunState } from '../../src/shared/runState';

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

/** Index of the last evaluation at or before `step` (-1 if none). */
export function lastEvalAt(evals: RunState['evals'], step: number): number {
  let found = -1;
  for (let k = 0; k < evals.length && evals[k].step <= step; k++) found = k;
  return found;
}
