/**
 * What a training run reports while it runs — progress (about every 100 ms), each dev
 * evaluation, and a named phase for every wait that is not training steps ("reading 135,233
 * lines", "final evaluation on the whole dev split") — and how it ended. Pure types: the worker
 * posts them as they are, the host and the webviews read them.
 */
import type { SplitLosses, SplitName } from './splits';

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
  /**
   * Estimated seconds until the model is ready: the rest of the steps at the current pace, plus
   * the final evaluation (measured from the dev evaluations so far). Absent before the first
   * measurement.
   */
  etaSeconds?: number;
  /** Estimated total seconds of the run, from its start to the model being ready (same estimate). */
  totalSeconds?: number;
}

/** Set when early stopping ended a run. */
export interface EarlyStop {
  /** The step the run ended at. */
  step: number;
  /** Step of the best dev evaluation. */
  bestStep: number;
  patience: number;
  /** "stopped early at step 450: no improvement on dev for 300 steps" */
  message: string;
}

/**
 * What bounded a run and its evaluations, when something did — for the run's summary, and
 * stored with the model (checkpoint.ts RunInfo). Each is absent when it does not apply.
 */
/**
 * The output layer a run trained (outputLayer.ts) and what decides it: `classes` 0 for the flat
 * softmax; `costRatio` a step's cost with a factored layer over its cost with a flat one, at this
 * model and vocabulary (config.ts stepCost: the automatic choice takes factored from ≤ 0.8).
 */
export interface OutputLayerNote {
  classes: number;
  symbols: number;
  costRatio: number;
}

export interface RunNotes {
  /** Set when early stopping ended the run. */
  earlyStop?: EarlyStop;
  /** Set when the final train loss was measured on a sample of the train split (a large list). */
  trainLossSample?: { examples: number; total: number };
  /** Dev examples each evaluation during training covered (a fixed sample of a larger dev split). */
  devSampleExamples?: number;
  /** Set when the schedule followed time because the automatic step count would have overrun. */
  timeCapped?: { seconds: number; reason: string };
  /** A stopped run's final losses, each measured on a sample of its split (so the stop ends in seconds). */
  sampledLosses?: Partial<Record<SplitName, { examples: number; total: number }>>;
  /** How 1,000 samples of the kept model relate to the list (SampleTags), measured once after training. */
  sampleTags?: SampleTags;
  /** The output layer (absent in older files: flat). */
  outputLayer?: OutputLayerNote;
}

/** How 1,000 samples of a run relate to its list (the Generate view's tags), as counts (core/honesty.ts reads them). */
export interface SampleTags {
  samples: number;
  /** Not in the list. */
  new: number;
  /** In the list's train split. */
  train: number;
  /** In its dev or test split. */
  heldout: number;
}

/** How a training run ended. */
export interface RunSummary extends RunNotes {
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
  /** Dev loss on the evaluation sample (the whole dev split when it is small; see `devExamples`). */
  dev: number;
  /** Smoothed train loss at that step, for the chart. */
  trainSmooth: number;
  samples: string[];
  /** Dev examples evaluated (at most 20,000: a fixed random sample of a larger dev split). */
  devExamples?: number;
}

/** The stages of a run that can each take a while. */
export type PhaseName = 'reading' | 'building' | 'training' | 'final-evaluation' | 'baseline' | 'sampling' | 'saving';

/** "reading 135,233 lines": a stage of the run starting, for a status line. */
export interface RunPhase {
  phase: PhaseName;
  /** Lower-case, short, with the numbers that make it concrete. */
  label: string;
}

export type PhaseListener = (phase: RunPhase) => void;

/**
 * A text this long (characters) takes a while to read: its stages are named from the start (in
 * the worker: worker/jobPhases.ts; before it, in the extension host: training/preparing.ts).
 */
export const LARGE_TEXT = 1_000_000;

/**
 * The stages of preparing a list, passed on to `show` only once the text is at least `largeText`
 * characters long or preparing has taken `slowMs`: a small (or bad) list starts, or is turned
 * down, without a flash of stages. Timed from the call.
 */
export function gatedPhases(show: PhaseListener, textLength: number, largeText: number, slowMs = 300): PhaseListener {
  const start = performance.now();
  let shown = false;
  return (phase) => {
    if (!shown && textLength < largeText && performance.now() - start < slowMs) return;
    shown = true;
    show(phase);
  };
}
