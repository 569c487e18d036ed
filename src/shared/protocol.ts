/**
 * The one message protocol of Makemore, shared by the extension host, the training worker and
 * the webviews (panel and sidebar).
 *
 *   worker  ──WorkerEvent──▶  host  ──ToWebview──▶  webview
 *   worker  ◀─ToWorker─────   host  ◀─FromWebview─  webview
 *
 * Training events (RunEvent) flow from the worker through the host to the webviews unchanged
 * (the host batches progress to ≤ 10 Hz); the host and every webview fold them into the same
 * RunState with `applyRunEvent` (runState.ts), so a webview that was hidden or reloaded gets the
 * host's state as one `snapshot` and carries on from there.
 *
 * This module imports only types (its own, and the engine's configuration type): it type-checks
 * under both the Node and the DOM tsconfig and adds nothing to a bundle.
 */
import type { TrainingConfig } from '../core/config';
import type { EvalPoint, TrainProgress } from '../core/progress';
import type { SplitLosses, SplitName } from '../core/splits';
import type { Diagnosis, SweepKey, SweepRun, SweepSetting } from '../core/sweepPlan';
import type { RunState } from './runState';

/** The hyperparameters of a run: the engine's own type (a type-only import, erased at build). */
export type RunConfig = TrainingConfig;

// ---------------------------------------------------------------- run events (worker → host → webview)

export interface StartedEvent {
  type: 'started';
  runId: number;
  sourceName: string;
  words: number;
  /** Printable label of every symbol, index 0 (the boundary) first. */
  symbols: string[];
  examples: Record<SplitName, number>;
  config: RunConfig;
  paramCount: number;
  backend: string;
  /** Set when training falls back to the slow cpu backend. */
  warning?: string;
}

/** Training progress, about every 100 ms (core/progress.ts). */
export interface ProgressEvent extends TrainProgress {
  type: 'progress';
}

/** A dev evaluation of the training run. */
export interface EvalEvent extends EvalPoint {
  type: 'eval';
}

export interface StoppingEvent {
  type: 'stopping';
}

export interface FinishedEvent {
  type: 'finished';
  losses: SplitLosses;
  bigram: SplitLosses;
  steps: number;
  keptStep: number;
  seconds: number;
  examplesPerSecond: number;
  stopped: boolean;
  /** The stored model's display name. */
  modelName: string;
}

export interface FailedEvent {
  type: 'failed';
  message: string;
}

/** Fresh samples from the current model (the panel's "More" button, or after training). */
export interface SamplesEvent {
  type: 'samples';
  words: string[];
}

// ---------------------------------------------------------------- experiments: sweep and learning-rate finder

export interface SweepStartedEvent {
  type: 'sweepStarted';
  sourceName: string;
  words: number;
  settings: SweepSetting[];
  /** The settings that vary, in SWEEP_KEYS order. */
  varied: SweepKey[];
  /** The configuration every run starts from. */
  config: RunConfig;
  backend: string;
  warning?: string;
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
}

export interface SweepRunFinishedEvent {
  type: 'sweepRunFinished';
  run: SweepRun;
  /** The diagnosis of every finished run so far (core/sweep.ts diagnose). */
  diagnosis: Diagnosis[];
}

export interface SweepFinishedEvent {
  type: 'sweepFinished';
  /** Index in `runs` of the lowest dev loss (-1 when no run finished). */
  best: number;
  diagnosis: Diagnosis[];
  stopped: boolean;
}

/** The host stored the sweep's best run as the file's model. */
export interface SweepKeptEvent {
  type: 'sweepKept';
  modelName: string;
}

export interface LrFindStartedEvent {
  type: 'lrFindStarted';
  sourceName: string;
  optimizer: RunConfig['optimizer'];
  minLr: number;
  maxLr: number;
  steps: number;
  backend: string;
  warning?: string;
}

/** Points of the curve since the previous event. */
export interface LrFindProgressEvent {
  type: 'lrFindProgress';
  learningRates: number[];
  losses: number[];
  smoothed: number[];
}

export interface LrFindFinishedEvent {
  type: 'lrFindFinished';
  suggestion: number;
  minimum: number;
  stopped: boolean;
}

/** The host wrote the suggested rate into the `makemore.training.learningRate` setting. */
export interface LrAppliedEvent {
  type: 'lrApplied';
  learningRate: number;
}

export type ExperimentEvent =
  | SweepStartedEvent
  | SweepRunStartedEvent
  | SweepRunProgressEvent
  | SweepRunFinishedEvent
  | SweepFinishedEvent
  | SweepKeptEvent
  | LrFindStartedEvent
  | LrFindProgressEvent
  | LrFindFinishedEvent
  | LrAppliedEvent;

export type RunEvent = StartedEvent | ProgressEvent | EvalEvent | StoppingEvent | FinishedEvent | FailedEvent | SamplesEvent | ExperimentEvent;

// ---------------------------------------------------------------- host ↔ worker

export interface TrainRequest {
  type: 'train';
  runId: number;
  /** The document's text, as in the editor (unsaved edits included). */
  text: string;
  sourceName: string;
  /** Settings the user set; the rest follow the data's size (core/config.ts defaultsFor). */
  config: Partial<RunConfig>;
  /** Directory of the tfjs-backend-wasm `.wasm` files. */
  wasmDir: string;
}

export interface StopRequest {
  type: 'stop';
}

/** One run per setting, on the same split and seed; judged on dev only. */
export interface SweepRequest {
  type: 'sweep';
  runId: number;
  text: string;
  sourceName: string;
  /** The base configuration (as for training; each run's time budget in `timeBudget`). */
  config: Partial<RunConfig>;
  settings: SweepSetting[];
  wasmDir: string;
}

export interface LrFindRequest {
  type: 'lrFind';
  runId: number;
  text: string;
  sourceName: string;
  config: Partial<RunConfig>;
  /** Defaults: SGD 1e-3 → 1, Adam 1e-5 → 0.1, 1000 steps (core/lrFind.ts). */
  minLr?: number;
  maxLr?: number;
  steps?: number;
  wasmDir: string;
}

export type ToWorker = TrainRequest | StopRequest | SweepRequest | LrFindRequest;

/**
 * Training is over (finished or stopped): the summary and the checkpoint file's bytes
 * (transferred, not copied). The host stores the model, then tells the webviews `finished`.
 */
export interface ResultMessage {
  type: 'result';
  runId: number;
  summary: Omit<FinishedEvent, 'type' | 'modelName'>;
  samples: string[];
  bytes: Uint8Array;
}

/** A bad input (the word list, a setting): `message` is for the user as it is. */
export interface InputErrorMessage {
  type: 'inputError';
  runId: number;
  message: string;
}

/**
 * The sweep's best run as a checkpoint (sent before `sweepFinished` when a run finished), for
 * the host to store when the user keeps it.
 */
export interface SweepModelMessage {
  type: 'sweepModel';
  runId: number;
  bytes: Uint8Array;
}

/** What the worker sends: run events tagged with their run, the result, or an input error. */
export type WorkerEvent =
  | ((StartedEvent | ProgressEvent | EvalEvent | StoppingEvent | FailedEvent) & { runId: number })
  | (Exclude<ExperimentEvent, SweepKeptEvent | LrAppliedEvent> & { runId: number })
  | ResultMessage
  | SweepModelMessage
  | InputErrorMessage;

// ---------------------------------------------------------------- host ↔ webview

export interface RunSnapshotMessage {
  type: 'snapshot';
  state: RunState;
}

/** Events since the previous message, in order (batched by the host, ≤ 10 messages a second). */
export interface RunEventsMessage {
  type: 'events';
  events: RunEvent[];
}

/** Information about the model that Insert Sampled Name would use. */
export interface ActiveModelMessage {
  type: 'activeModel';
  name: string | null;
}

export type ToWebview = RunSnapshotMessage | RunEventsMessage | ActiveModelMessage;

export const WEBVIEW_COMMANDS = [
  'train',
  'stop',
  'moreSamples',
  'insertSample',
  'showPanel',
  /** Start a sweep (the host asks what to vary) / the learning-rate finder. */
  'sweep',
  'findLearningRate',
  /** Store the finished sweep's best run as the file's model. */
  'keepSweepBest',
  /** Write the finder's suggestion into the learning-rate setting. */
  'useLearningRate',
] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

export type FromWebview =
  | { type: 'ready' }
  | { type: 'command'; command: WebviewCommand }
  /** Insert this text at the cursor(s) of the last active text editor. */
  | { type: 'insert'; text: string };

/** Runtime check of a message from a webview (its content is not trusted blindly). */
export function isFromWebview(m: unknown): m is FromWebview {
  if (typeof m !== 'object' || m === null) return false;
  const msg = m as Record<string, unknown>;
  switch (msg.type) {
    case 'ready':
      return true;
    case 'command':
      return (WEBVIEW_COMMANDS as readonly unknown[]).includes(msg.command);
    case 'insert':
      return typeof msg.text === 'string' && msg.text.length > 0 && msg.text.length <= 1000;
    default:
      return false;
  }
}

/** Runtime check of a message from the worker. */
export function isWorkerEvent(m: unknown): m is WorkerEvent {
  if (typeof m !== 'object' || m === null) return false;
  const t = (m as { type?: unknown }).type;
  return (
    typeof t === 'string' &&
    [
      'started', 'progress', 'eval', 'stopping', 'failed', 'result', 'inputError', 'sweepModel',
      'sweepStarted', 'sweepRunStarted', 'sweepRunProgress', 'sweepRunFinished', 'sweepFinished',
      'lrFindStarted', 'lrFindProgress', 'lrFindFinished',
    ].includes(t)
  );
}
