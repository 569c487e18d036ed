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
 * This module imports only types: it type-checks under both the Node and the DOM tsconfig.
 */
import type { RunState } from './runState';

// ---------------------------------------------------------------- shared value types

export type SplitName = 'train' | 'dev' | 'test';
export type SplitLosses = Record<SplitName, number | null>;

/** Mirrors core/config.ts TrainingConfig (checked equal by the type test in test/unit). */
export interface RunConfig {
  blockSize: number;
  embeddingSize: number;
  hiddenSize: number;
  steps: number;
  batchSize: number;
  learningRate: number;
  optimizer: 'adam' | 'sgd';
  lrDrops: number[];
  lrDropFactor: number;
  weightDecay: number;
  seed: number;
  foldCase: boolean;
  timeBudget: number;
  evalEvery: number;
  init: 'scaled' | 'randn';
}

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

export interface ProgressEvent {
  type: 'progress';
  step: number;
  totalSteps: number;
  /** 0..1, by steps or by the time budget. */
  progress: number;
  seconds: number;
  learningRate: number;
  /** Raw minibatch losses of the steps since the previous progress event, ending at `step`. */
  losses: number[];
  smoothLoss: number;
  examplesPerSecond: number;
  /** The embedding table C, row-major [vocabulary size, embedding size]. */
  embedding: number[];
}

export interface EvalEvent {
  type: 'eval';
  step: number;
  seconds: number;
  dev: number;
  trainSmooth: number;
  samples: string[];
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

export type RunEvent = StartedEvent | ProgressEvent | EvalEvent | StoppingEvent | FinishedEvent | FailedEvent | SamplesEvent;

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

export type ToWorker = TrainRequest | StopRequest;

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

/** What the worker sends: run events tagged with their run, the result, or an input error. */
export type WorkerEvent =
  | ((StartedEvent | ProgressEvent | EvalEvent | StoppingEvent | FailedEvent) & { runId: number })
  | ResultMessage
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

export type WebviewCommand = 'train' | 'stop' | 'moreSamples' | 'insertSample' | 'showPanel';

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
      return ['train', 'stop', 'moreSamples', 'insertSample', 'showPanel'].includes(msg.command as string);
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
    ['started', 'progress', 'eval', 'stopping', 'failed', 'result', 'inputError'].includes(t)
  );
}
