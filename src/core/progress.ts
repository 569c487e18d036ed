/**
 * What a training run reports while it runs — progress (about every 100 ms) and each dev
 * evaluation — and how it ended. Pure types: the worker posts them as they are, the host and the
 * webviews read them.
 */
import type { SplitLosses } from './splits';

export interface TrainProgress {
  step: number;
  totalSteps: number;
  /** Fraction of the run done, by steps or by the time budget. */
  progress: number;
  seconds: number;
  learningRate: number;
  /** Raw minibatch losses of the steps since the previous event (the last one is `step`'s). */
  losses: number[];
  /** Exponential moving average of the minibatch loss: "the train loss now". */
  smoothLoss: number;
  examplesPerSecond: number;
  /** The embedding table C, row-major [V, E]. */
  embedding: number[];
}

/** How a training run ended. */
export interface RunSummary {
  /** The kept model's loss on each split evaluated. */
  losses: SplitLosses;
  /** The count-based bigram baseline on the same splits. */
  bigram: SplitLosses;
  /** Steps run. */
  steps: number;
  /** Step of the kept parameters (the best dev evaluation). */
  keptStep: number;
  seconds: number;
  examplesPerSecond: number;
  /** The user stopped it (it kept the best model so far). */
  stopped: boolean;
}

export interface EvalPoint {
  step: number;
  seconds: number;
  dev: number;
  /** Smoothed train loss at that step, for the chart. */
  trainSmooth: number;
  samples: string[];
}
