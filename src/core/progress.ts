/**
 * What a training run reports while it runs: progress (about every 100 ms) and each dev
 * evaluation. Pure types: the worker posts them as they are, the host and the webviews read them.
 */

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

export interface EvalPoint {
  step: number;
  seconds: number;
  dev: number;
  /** Smoothed train loss at that step, for the chart. */
  trainSmooth: number;
  samples: string[];
}
