/**
 * Run events: what happens during a job (shared/jobKinds.ts), as every UI sees it. The worker
 * reports most of them; the host adds a few of its own (a stop was asked for, a model was
 * stored, a rate was applied). The host and every webview fold them, in order, into the same
 * RunState (runState.ts) — so a webview that was hidden or reloaded is handed the host's state
 * and carries on from there.
 *
 * Types only, like the rest of src/shared's vocabulary: the engine's values are imported as
 * types from the pure modules of src/core, never mirrored.
 */
import type { CasingInfo } from '../core/casing';
import type { TrainingConfig } from '../core/config';
import type { AutoChoice } from '../core/honesty';
import type { ListReading } from '../core/listFormat';
import type { EvalPoint, OutputLayerNote, RunPhase, RunSummary, TrainProgress } from '../core/progress';
import type { SplitName } from '../core/splits';
import type { Diagnosis, SweepKey, SweepRun, SweepSetting } from '../core/sweepPlan';
import type { RunJobKind } from './jobKinds';
import type { RunCurve } from './runRecord';

/** Which backend runs the job, and a warning when it is the slow fallback. */
interface BackendReport {
  backend: string;
  warning?: string;
}

/**
 * What the job read, as every started event says it: the list's format, the column read and
 * the columns there are, the "Reading column 'name' of a CSV file: …" description, a
 * stray-structure warning; and what the run does about case.
 */
export interface ListReport {
  // Optional: a state saved by an older version (restored after a reload) lacks them.
  listReading?: ListReading;
  casing?: CasingInfo;
  /** Seconds since the job began (reading the list, building the examples). */
  preparedSeconds?: number;
  /** The key of the word list's runs (the request's `listKey`): which list the job is on. */
  listKey?: string;
}

// ---------------------------------------------------------------- training

export interface TrainStartedEvent extends BackendReport, ListReport {
  type: 'trainStarted';
  /** The job's id: tells one run's state (an embedding point picked in it) from the next. */
  jobId: number;
  listName: string;
  words: number;
  /** Printable label of every symbol, index 0 (the boundary) first. */
  symbols: string[];
  examples: Record<SplitName, number>;
  config: TrainingConfig;
  paramCount: number;
  /** Automatic choices the vocabulary moved far from the usual (core/honesty.ts autoChoices); absent: none. */
  auto?: AutoChoice[];
  /** The output layer (absent in a state saved by an older version: flat). */
  outputLayer?: OutputLayerNote;
}

/** Training progress, about every 100 ms. */
export interface TrainProgressEvent extends TrainProgress {
  type: 'trainProgress';
}

/** A dev evaluation during training. */
export interface TrainEvalEvent extends EvalPoint {
  type: 'trainEval';
}

/**
 * The run is over (finished, or stopped with the best model so far); with its notes (RunNotes:
 * early stopping, the train-loss sample, the dev sample, the time cap) when they apply.
 */
export interface TrainFinishedEvent extends RunSummary {
  type: 'trainFinished';
}

/** Fresh names from a model: the run's after training, and the active model's for the panel's "More". */
export interface SamplesEvent {
  type: 'samples';
  words: string[];
  /** The model they come from (shared/runRecord.ts runLabel); absent: the run being trained. */
  from?: string;
}

// ---------------------------------------------------------------- the hyperparameter sweep

export interface SweepStartedEvent extends BackendReport, ListReport {
  type: 'sweepStarted';
  listName: string;
  words: number;
  settings: SweepSetting[];
  /** The settings that vary, in SWEEP_KEYS order. */
  varied: SweepKey[];
  /** The configuration every run starts from. */
  config: TrainingConfig;
}

export interface SweepRunStartedEvent {
  type: 'sweepRunStarted';
  index: number;
  paramCount: number;
}

export interface SweepRunProgressEvent {
  type: 'sweepRunProgress';
  index: number;
  /** 0..1 within the run. */
  progress: number;
  smoothLoss: number;
  /** Seconds since the job began. */
  jobSeconds?: number;
}

export interface SweepRunFinishedEvent {
  type: 'sweepRunFinished';
  run: SweepRun;
  /** The diagnosis of every finished run so far (core/sweepPlan.ts diagnose). */
  diagnosis: Diagnosis[];
}

export interface SweepFinishedEvent {
  type: 'sweepFinished';
  /** Index in `runs` of the lowest dev loss (-1 when no run finished). */
  best: number;
  diagnosis: Diagnosis[];
  stopped: boolean;
  /** The best run's curve (its smoothed train loss and dev loss at each evaluation), kept with it as a run. */
  bestCurve?: RunCurve;
  /** Names sampled from the best run's model at its last evaluation. */
  bestSamples?: string[];
}

// ---------------------------------------------------------------- the learning-rate finder

export interface LrFindStartedEvent extends BackendReport, ListReport {
  type: 'lrFindStarted';
  listName: string;
  optimizer: TrainingConfig['optimizer'];
  minLr: number;
  maxLr: number;
  steps: number;
}

/** Points of the curve since the previous event. */
export interface LrFindProgressEvent {
  type: 'lrFindProgress';
  learningRates: number[];
  losses: number[];
  smoothed: number[];
  /** Seconds since the job began. */
  jobSeconds?: number;
}

export interface LrFindFinishedEvent {
  type: 'lrFindFinished';
  suggestion: number;
  minimum: number;
  stopped: boolean;
}

// ---------------------------------------------------------------- any job

/**
 * A stage of the job that is not its steps starting — "reading 135,233 lines", "building
 * examples from 135,233 items", "final evaluation on the whole dev split (…)" — so that no wait
 * goes unnamed. The worker reports the stages before its started event only once reading takes
 * a while (a large list), so a small or bad file never shows them; the steps themselves (the
 * job's progress events) end a phase.
 */
export interface PhaseEvent extends RunPhase {
  type: 'phase';
  job: RunJobKind;
  /** Seconds since the job began, when the stage started. */
  jobSeconds: number;
  /** The word list the job is on (its name and its runs' key), for a stage before the started event. */
  listName?: string;
  listKey?: string;
}

/**
 * The job failed: a bad input (`cause: 'input'`, the word list or a setting — the message is
 * for the user as it is) or anything else (`cause: 'error'`).
 */
export interface FailedEvent {
  type: 'failed';
  job: RunJobKind;
  cause: 'input' | 'error';
  message: string;
  /** For the log: where an unexpected error came from (its stack). */
  detail?: string;
}

/** The worker reports these. */
export type WorkerRunEvent =
  | PhaseEvent
  | TrainStartedEvent
  | TrainProgressEvent
  | TrainEvalEvent
  | SamplesEvent
  | TrainFinishedEvent
  | SweepStartedEvent
  | SweepRunStartedEvent
  | SweepRunProgressEvent
  | SweepRunFinishedEvent
  | SweepFinishedEvent
  | LrFindStartedEvent
  | LrFindProgressEvent
  | LrFindFinishedEvent
  | FailedEvent;

// ---------------------------------------------------------------- the host's own

/** The user asked the running job to stop; it ends with what it has so far. */
export interface StoppingEvent {
  type: 'stopping';
}

/** The host stored a run: a training's, or a sweep's best run the user kept. */
export interface ModelStoredEvent extends StoredRun {
  type: 'modelStored';
  job: Extract<RunJobKind, 'train' | 'sweep'>;
}

/** A run as stored: its name, its id, and whether it became its file's active model. */
export interface StoredRun {
  /** How the model is named (shared/runRecord.ts runLabel: "names.txt · 28 Nov 14:02 · dev 2.081"). */
  modelName: string;
  /** The word list's key and the run's id (src/extension/runs/runStore.ts). */
  fileKey: string;
  runId: string;
  active: boolean;
}

/** The host wrote the suggested rate where the user asked: a word list's next runs, or the `makemore.training.learningRate` setting. */
export interface LrAppliedEvent {
  type: 'lrApplied';
  learningRate: number;
  /** Where: "the next runs of names.txt", "the workspace settings", "the user settings". */
  where?: string;
}

export type HostEvent = StoppingEvent | ModelStoredEvent | LrAppliedEvent | SamplesEvent | FailedEvent;

export type RunEvent = WorkerRunEvent | HostEvent;
