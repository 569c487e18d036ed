/**
 * The messages between Makemore's three parts — one typed protocol for all of them:
 *
 *   worker  ──WorkerMessage──▶  host  ──ToWebview──▶  webview (panel, sidebar)
 *   worker  ◀──ToWorker───────  host  ◀─FromWebview─  webview
 *
 * The worker's run events reach the webviews unchanged (the host batches progress to ≤ 10
 * messages a second): `runEventOf` is the one function that says which worker messages are run
 * events, and `endsJob` which of them end a job. Messages from another context are checked by
 * the guards below before they are trusted; each guard's table must name every message type
 * (`satisfies Record<…['type'], …>`), so a new message cannot be forgotten.
 */
import type { TrainingConfig } from '../core/config';
import type { SweepSetting } from '../core/sweepPlan';
import type { RunEvent, WorkerRunEvent } from './events';
import { JOBS, type JobKind } from './jobs';
import type { ActiveModel, FileRuns } from './runs';
import type { RunState } from './runState';

// ---------------------------------------------------------------- host → worker

interface JobRequestBase {
  /** Tags every message of the job. */
  jobId: number;
  /** The document's text, as in the editor (unsaved edits included). */
  text: string;
  sourceName: string;
  /** Settings the user set; the rest follow the data's size (core/config.ts defaultsFor). */
  config: Partial<TrainingConfig>;
}

export interface TrainRequest extends JobRequestBase {
  type: 'train';
}

/** One run per setting, on the same split and seed; judged on dev only. */
export interface SweepRequest extends JobRequestBase {
  type: 'sweep';
  settings: SweepSetting[];
}

export interface LrFindRequest extends JobRequestBase {
  type: 'lrFind';
  /** Defaults: SGD 1e-3 → 1, Adam 1e-5 → 0.1 (core/lrFindPlan.ts), 1000 steps. */
  minLr?: number;
  maxLr?: number;
  steps?: number;
}

/** A job for the worker; its `type` is its kind (shared/jobs.ts). */
export type JobRequest = TrainRequest | SweepRequest | LrFindRequest;

/** Ends the running job with what it has so far. */
export interface StopRequest {
  type: 'stop';
}

export type ToWorker = JobRequest | StopRequest;

// ---------------------------------------------------------------- worker → host

/**
 * A trained model as a checkpoint file's bytes (transferred, not copied): a training run's,
 * sent before `trainFinished`, or a sweep's best run, sent before `sweepFinished`.
 */
export interface ModelMessage {
  type: 'model';
  jobId: number;
  bytes: Uint8Array;
}

/**
 * The job was turned down before it started — a bad word list or setting — so no view ever
 * heard of it: `message` is for the user as it is. (A job that fails once started reports a
 * `failed` run event instead.)
 */
export interface RejectedMessage {
  type: 'rejected';
  jobId: number;
  job: JobKind;
  message: string;
}

export type WorkerMessage = (WorkerRunEvent & { jobId: number }) | ModelMessage | RejectedMessage;

/** How the worker's job code posts to the host, transferring `transfer` (a model's bytes) instead of copying. */
export type PostToHost = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** The run event a worker message stands for (undefined: it is not one — a model's bytes, a rejection). */
export function runEventOf(message: WorkerMessage): WorkerRunEvent | undefined {
  return message.type === 'model' || message.type === 'rejected' ? undefined : message;
}

/** Whether `event` ends a job of kind `job`: its finished event, or a failure. */
export function endsJob(job: JobKind, event: RunEvent): boolean {
  return event.type === JOBS[job].finishedEvent || event.type === 'failed';
}

const WORKER_MESSAGE_TYPES = {
  trainStarted: true,
  trainProgress: true,
  trainEval: true,
  samples: true,
  trainFinished: true,
  sweepStarted: true,
  sweepRunStarted: true,
  sweepRunProgress: true,
  sweepRunFinished: true,
  sweepFinished: true,
  lrFindStarted: true,
  lrFindProgress: true,
  lrFindFinished: true,
  failed: true,
  model: true,
  rejected: true,
} as const satisfies Record<WorkerMessage['type'], true>;

/** Runtime check of a message from the worker. */
export function isWorkerMessage(m: unknown): m is WorkerMessage {
  if (!isRecord(m)) return false;
  return typeof m.type === 'string' && Object.hasOwn(WORKER_MESSAGE_TYPES, m.type) && typeof m.jobId === 'number';
}

// ---------------------------------------------------------------- a Web Worker's start-up

/**
 * What a Web Worker's host sends before any job: the backend's `.wasm` binaries by file name
 * (core/backend.ts WASM_FILES), which the worker may not fetch itself. Every file the host could
 * not read is missing (the worker then trains on the slow cpu backend, and says so). A Node
 * worker needs none of this: it reads the files next to its script.
 */
export interface WorkerInit {
  type: 'init';
  wasm: Record<string, ArrayBuffer>;
}

/**
 * A Web Worker's first message: its script ran and it serves jobs. An error before it means
 * the worker could not load.
 */
export interface WorkerReady {
  type: 'ready';
}

export function isWorkerInit(m: unknown): m is WorkerInit {
  return isRecord(m) && m.type === 'init' && isRecord(m.wasm) && Object.values(m.wasm).every((b) => b instanceof ArrayBuffer);
}

export function isWorkerReady(m: unknown): m is WorkerReady {
  return isRecord(m) && m.type === 'ready' && !('jobId' in m);
}

// ---------------------------------------------------------------- host ↔ webview

/** The host's whole RunState: on `ready`, and whenever a webview must start over. */
export interface SnapshotMessage {
  type: 'snapshot';
  state: RunState;
}

/** Run events since the previous message, in order (batched by the host, ≤ 10 messages a second). */
export interface EventsMessage {
  type: 'events';
  events: RunEvent[];
}

/** The model every view and command uses for the current document (src/extension/runs/runs.ts `active`). */
export interface ActiveModelMessage {
  type: 'activeModel';
  model: ActiveModel | null;
}

/** The runs of the word list the panel's Runs view shows (null: none stored). */
export interface RunsMessage {
  type: 'runs';
  runs: FileRuns | null;
}

/** The panel's views: one per job (shared/jobs.ts), and the runs of a word list. */
export type PanelView = JobKind | 'runs';
export const PANEL_VIEWS: readonly PanelView[] = ['train', 'runs', 'sweep', 'lrFind'];

/** Show one of the panel's views (Makemore: Compare Runs shows the runs). */
export interface ShowViewMessage {
  type: 'showView';
  view: PanelView;
}

export type ToWebview = SnapshotMessage | EventsMessage | ActiveModelMessage | RunsMessage | ShowViewMessage;

const TO_WEBVIEW_TYPES = { snapshot: true, events: true, activeModel: true, runs: true, showView: true } as const satisfies Record<ToWebview['type'], true>;

/** Runtime check of a message from the host (in a webview). */
export function isToWebview(m: unknown): m is ToWebview {
  return isRecord(m) && typeof m.type === 'string' && Object.hasOwn(TO_WEBVIEW_TYPES, m.type);
}

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
  /** Use the finder's suggestion (the host asks where: this file's runs, the workspace, the user settings). */
  'useLearningRate',
  /** Show the runs of the current word list (Makemore: Compare Runs). */
  'compareRuns',
] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** Longest text a webview may ask to insert. */
const MAX_INSERT_LENGTH = 1000;

/** What a webview may ask the host to save (the host shows a Save dialog). */
export const EXPORT_FORMATS = ['png', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** Largest export a webview may send (a PNG's base64 or a CSV's text), in characters. */
export const MAX_EXPORT_LENGTH = 32 * 1024 * 1024;

export type RunAction = 'activate' | 'delete';

export type FromWebview =
  | { type: 'ready' }
  | { type: 'command'; command: WebviewCommand }
  /** Insert this text at the cursor(s) of the last active text editor. */
  | { type: 'insert'; text: string }
  /** Make a run its file's active model, or delete it (the host confirms). */
  | { type: 'runAction'; action: RunAction; fileKey: string; runId: string }
  /** Forget the settings a word list's next runs use over the user's (Find Learning Rate's "this file"). */
  | { type: 'clearFileSettings'; fileKey: string }
  /** Save a file the webview made: `data` is base64 for a PNG, text otherwise; `fileName` is a suggestion. */
  | { type: 'export'; format: ExportFormat; fileName: string; data: string };

const isKey = (x: unknown): boolean => typeof x === 'string' && /^[0-9a-f]{16}$/.test(x);
const isRunId = (x: unknown): boolean => typeof x === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(x);

const FROM_WEBVIEW_CHECKS = {
  ready: () => true,
  command: (m) => (WEBVIEW_COMMANDS as readonly unknown[]).includes(m.command),
  insert: (m) => typeof m.text === 'string' && m.text.length > 0 && m.text.length <= MAX_INSERT_LENGTH,
  runAction: (m) => (m.action === 'activate' || m.action === 'delete') && isKey(m.fileKey) && isRunId(m.runId),
  clearFileSettings: (m) => isKey(m.fileKey),
  export: (m) =>
    (EXPORT_FORMATS as readonly unknown[]).includes(m.format) &&
    typeof m.fileName === 'string' && /^[^/\\:*?"<>|]{1,120}$/.test(m.fileName) &&
    typeof m.data === 'string' && m.data.length > 0 && m.data.length <= MAX_EXPORT_LENGTH,
} as const satisfies Record<FromWebview['type'], (m: Record<string, unknown>) => boolean>;

/** Runtime check of a message from a webview (its content is not trusted blindly). */
export function isFromWebview(m: unknown): m is FromWebview {
  if (!isRecord(m) || typeof m.type !== 'string' || !Object.hasOwn(FROM_WEBVIEW_CHECKS, m.type)) return false;
  return FROM_WEBVIEW_CHECKS[m.type as FromWebview['type']](m);
}

function isRecord(m: unknown): m is Record<string, unknown> {
  return typeof m === 'object' && m !== null;
}
