/**
 * The learning-rate finder's range and its reading (makemore part 2): where the search starts
 * and ends for each optimiser, and the rate it suggests from the smoothed loss curve. Pure: no
 * TensorFlow.js, so the extension host checks a search's options without the engine. The
 * search itself runs in lrFind.ts.
 */
import type { TrainingConfig } from './config';

export function defaultLrRange(optimizer: TrainingConfig['optimizer']): [number, number] {
  return optimizer === 'sgd' ? [1e-3, 1] : [1e-5, 1e-1];
}

/**
 * The rate at which the smoothed loss is lowest — where the notebook reads its choice off the
 * plot — rounded down to the 1-2-5 series (0.15 → 0.1), a step on the safe side of the blow-up.
 */
export function suggestLearningRate(
  learningRates: readonly number[],
  smoothed: readonly number[],
): { suggestion: number; minimum: number } {
  if (smoothed.length === 0) return { suggestion: NaN, minimum: NaN };
  let minIndex = 0;
  for (let i = 1; i < smoothed.length; i++) if (smoothed[i]! < smoothed[minIndex]!) minIndex = i;
  const minimum = learningRates[minIndex]!;
  return { suggestion: roundDown125(minimum), minimum };
}

/** The largest of 1, 2, 5 × 10^k not above x. */
export function roundDown125(x: number): number {
  const decade = 10 ** Math.floor(Math.log10(x));
  const m = x / decade;
  const step = m >= 5 ? 5 : m >= 2 ? 2 : 1;
  return Number((step * decade).toPrecision(1));
}
