/**
 * The messages between Makemore's three parts — one typed protocol for all of them:
 *
 *   worker  ──WorkerMessage──▶  host  ──ToWebview──▶  webview (panel, sidebar)
 *   worker  ◀──ToWorker───────  host  ◀─FromWebview─  webview
 *
 * Runs (training, sweep, learning-rate search: shared/jobKinds.ts) report run events, which every
 * view folds into the same RunState. Generation answers only whoever asked: names in batches,
 * then one end message, point to point (worker → host → the view or command).
 *
 * The worker's run events reach the webviews unchanged (the host batches progress to ≤ 10
 * messages a second): `runEventOf` is the one function that says which worker messages are run
 * events, and `endsJob` which of them end a job. Messages from another context are checked by
 * the guards below before they are trusted; each guard's table must name every message type
 * (`satisfies Record<…['type'], …>`), so a new message cannot be forgotten.
 */
import type { TrainingConfig } from '../core/config';
import type { GenerateRequest, ListFacts } from '../core/constraints';
import type { ExploreAnswer, ExploreQuery } from '../core/explored';
import type { GeneratedName, GenerateProgress, GenerateSummary } from '../core/generated';
import type { ListOptions } from '../core/listFormat';
import { MAX_LINE_LENGTH } from '../core/wordlist';
import type { SweepSetting } from '../core/sweepPlan';
import type { RunEvent, WorkerRunEvent } from './events';
import { JOBS, type JobKind, type RunJobKind } from './jobKinds';
import { isGenerateControls, type GenerateControls } from './generateControls';
import type { Focus } from './focus';
import type { FileRuns } from './runRecord';
import type { RunState } from './runState';

// ---------------------------------------------------------------- host → worker

interface JobRequestBase {
  /** Tags every message of the job. */
  jobId: number;
  /** The document's text, as in the editor (unsaved edits included). */
  text: string;
  listName: string;
  /**
   * The key of the word list's runs (src/extension/runs/runs.ts `keyOf`), echoed in the job's
   * started and phase events so every view can tell which list the job is on (absent: the CLI's).
   */
  listKey?: string;
  /** Settings the user set; the rest follow the data's size (core/config.ts defaultsFor). */
  config: Partial<TrainingConfig>;
  /**
   * How to read the list, when the user chose (the format, the CSV column or JSON field); else
   * detected (`listName`'s extension helps).
   */
  list?: ListChoice;
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

/** The user's choice of how to read a word list: a format, a column of a CSV file or a field of a JSON one, only a list's marked lines. */
export type ListChoice = Pick<ListOptions, 'format' | 'column' | 'markedOnly'>;

/** A run for the worker (one at a time); its `type` is its kind (shared/jobKinds.ts). */
export type RunRequest = TrainRequest | SweepRequest | LrFindRequest;

/**
 * Names from a model, with constraints (core/constraints.ts). The worker keeps the last model it
 * was given, ready to generate (core/generate.ts NameGenerator): the host sends the checkpoint's
 * bytes only when the worker does not hold the model of `model.key` yet. Requests may overlap;
 * each is answered with `names` batches, then `generated` (or `rejected`, `generateFailed`).
 */
export interface GenerateJobRequest {
  type: 'generate';
  jobId: number;
  model: { key: string; bytes?: Uint8Array };
  request: GenerateRequest;
  /** Names that must not come out (those already in the document being written to). */
  avoid?: string[];
  /** One seed, one list of names (default: a random seed). */
  seed?: number;
}

/**
 * A question about a model (core/explored.ts), answered by the generation worker from the model it
 * holds (the same `model.key` and bytes rule as `generate`): one `explored`, or `rejected` (a
 * character the model does not know…), or `exploreFailed`. A long one (scoring a list) can be
 * stopped by its id.
 */
export interface ExploreJobRequest {
  type: 'explore';
  jobId: number;
  model: { key: string; bytes?: Uint8Array };
  query: ExploreQuery;
}

/** A job for a worker; its `type` is its kind (shared/jobKinds.ts). */
export type JobRequest = RunRequest | GenerateJobRequest | ExploreJobRequest;

/**
 * Ends a job with what it has so far: the running run (no `jobId`), or the job `jobId` (a
 * generation superseded by the next request).
 */
export interface StopRequest {
  type: 'stop';
  jobId?: number;
}

export type ToWorker = JobRequest | StopRequest;

/** Checks of what the host sends a worker, by type: the worker trusts no message unchecked. */
const isModelRef = (m: unknown): boolean =>
  isRecord(m) && typeof m.key === 'string' && (m.bytes === undefined || m.bytes instanceof Uint8Array);
const isRunRequest = (m: Record<string, unknown>): boolean =>
  typeof m.jobId === 'number' &&
  typeof m.text === 'string' &&
  typeof m.listName === 'string' &&
  isRecord(m.config) &&
  (m.listKey === undefined || typeof m.listKey === 'string') &&
  (m.list === undefined || isRecord(m.list));
const TO_WORKER: { [K in ToWorker['type']]: (m: Record<string, unknown>) => boolean } = {
  train: isRunRequest,
  sweep: (m) => isRunRequest(m) && Array.isArray(m.settings),
  lrFind: isRunRequest,
  generate: (m) =>
    typeof m.jobId === 'number' &&
    isModelRef(m.model) &&
    isRecord(m.request) &&
    (m.avoid === undefined || (Array.isArray(m.avoid) && m.avoid.every((a) => typeof a === 'string'))),
  explore: (m) => typeof m.jobId === 'number' && isModelRef(m.model) && isRecord(m.query),
  stop: (m) => m.jobId === undefined || typeof m.jobId === 'number',
};

/** Runtime check of a message from the host to a worker (serve.ts checks every one). */
export function isToWorker(m: unknown): m is ToWorker {
  return isRecord(m) && typeof m.type === 'string' && Object.hasOwn(TO_WORKER, m.type) && TO_WORKER[m.type as ToWorker['type']](m);
}

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
 * A long training run's best model so far, as a checkpoint file's bytes (transferred): posted at
 * a dev evaluation that found a better model, past the run's first minute and at most once a
 * minute, so that a run cut short by a window reload or a crash keeps it (the host stores it as a
 * stopped run, replaced by the run's own at its end). `step`: the step reached; `keptStep`: the
 * step of the kept parameters.
 */
export interface CheckpointMessage {
  type: 'checkpoint';
  jobId: number;
  bytes: Uint8Array;
  step: number;
  keptStep: number;
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

/** Names a generation found since its previous batch (each name is sent once). */
export interface NamesMessage {
  type: 'names';
  jobId: number;
  names: GeneratedName[];
  progress: GenerateProgress;
}

/** A generation ended: how, after how many tries, and what was short. */
export interface GeneratedMessage {
  type: 'generated';
  jobId: number;
  summary: GenerateSummary;
}

/** A generation failed for a reason other than its input (`detail`: the stack, for the log). */
export interface GenerateFailedMessage {
  type: 'generateFailed';
  jobId: number;
  message: string;
  detail?: string;
}

/** The answer to an `explore` request. */
export interface ExploredMessage {
  type: 'explored';
  jobId: number;
  answer: ExploreAnswer;
}

/** An `explore` request failed for a reason other than its input (`detail`: the stack, for the log). */
export interface ExploreFailedMessage {
  type: 'exploreFailed';
  jobId: number;
  message: string;
  detail?: string;
}

export type GenerationMessage = NamesMessage | GeneratedMessage | GenerateFailedMessage | ExploredMessage | ExploreFailedMessage;

export type WorkerMessage = (WorkerRunEvent & { jobId: number }) | ModelMessage | CheckpointMessage | RejectedMessage | GenerationMessage;

/** How the worker's job code posts to the host, transferring `transfer` (a model's bytes) instead of copying. */
export type PostToHost = (message: WorkerMessage, transfer?: ArrayBuffer[]) => void;

/** Worker messages that are not run events. */
const NOT_RUN_EVENTS = {
  model: true,
  checkpoint: true,
  rejected: true,
  names: true,
  generated: true,
  generateFailed: true,
  explored: true,
  exploreFailed: true,
} as const satisfies Record<Exclude<WorkerMessage['type'], WorkerRunEvent['type']>, true>;

/** The run event a worker message stands for (undefined: it is not one — a model's bytes, a rejection, generation). */
export function runEventOf(message: WorkerMessage): WorkerRunEvent | undefined {
  return Object.hasOwn(NOT_RUN_EVENTS, message.type) ? undefined : (message as WorkerRunEvent & { jobId: number });
}

/** Whether `event` ends a run of kind `job`: its finished event, or a failure. */
export function endsJob(job: RunJobKind, event: RunEvent): boolean {
  return event.type === JOBS[job].finishedEvent || event.type === 'failed';
}

const WORKER_MESSAGE_TYPES = {
  phase: true,
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
  ...NOT_RUN_EVENTS,
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

/**
 * The list in focus (src/extension/editors.ts), the model it uses (src/extension/runs/runs.ts
 * `active`) and its active run, as every view shows them (shared/focus.ts): on `ready`, and
 * whenever any of them changes.
 */
export interface FocusMessage {
  type: 'focus';
  focus: Focus;
}

/** The model the Generate views use, as they show it and check their controls against it. */
export interface GenerationModelInfo {
  /** How the model is named ("names.txt · dev 2.081"): ActiveModelLabel.label. */
  label: string;
  /** The name of the list it was trained on ("names.txt"). */
  listName: string;
  /** When it was trained (ISO 8601). */
  createdAt: string;
  dev: number | null;
  /** Its characters and its list's length range (core/constraints.ts checkRequest). */
  facts: ListFacts;
  /** Trained on the current word list (false: another list's model, used for a document without one). */
  own: boolean;
  /** Why another list's model is used (shared/runRecord.ts activeModelReason); null when it is the document's own. */
  note: string | null;
}

/**
 * What the Generate views generate from: the model of the current document (that of the last
 * active editor) and the word list it was trained on, whose favourites they show.
 */
export interface GenerationTarget {
  /** The current document's name (null: no editor). */
  document: string | null;
  /** Names the favourites' list: the model's word list, else the current document (null: neither). */
  key: string | null;
  /** That list's name. */
  list: string | null;
  model: GenerationModelInfo | null;
}

export interface GenerationTargetMessage {
  type: 'generationTarget';
  target: GenerationTarget;
  /**
   * The controls the user last left for this list in this view (per workspace; none: the
   * defaults, with the view's own count, creativity and novelty): controls belong to a list, so
   * what was typed for one does not carry over to another.
   */
  controls?: GenerateControls;
}

/** Names found for the view's request `id` since the previous message. */
export interface GeneratedNamesMessage {
  type: 'generatedNames';
  id: number;
  names: GeneratedName[];
  progress: GenerateProgress;
}

/** The view's request `id` ended: how (`summary`), or the message saying why it could not run. */
export interface GenerateEndedMessage {
  type: 'generateEnded';
  id: number;
  summary?: GenerateSummary;
  error?: string;
}

/** The favourites of the list `key` (after every change, and on `ready`). */
export interface FavouritesMessage {
  type: 'favourites';
  key: string | null;
  names: GeneratedName[];
}

/** The runs of the word list the panel's Runs view shows (null: none stored). */
export interface RunsMessage {
  type: 'runs';
  runs: FileRuns | null;
}

/** The panel's tabs: one per job (shared/jobKinds.ts), and the runs of a word list; in the panel's order. */
export type PanelTab = JobKind | 'runs';
export const PANEL_TABS: readonly PanelTab[] = ['train', 'runs', 'sweep', 'lrFind', 'generate', 'explore'];

/** Show this tab of the panel (a command asked for its view: Makemore: Show Generate View, Makemore: Compare Runs). */
export interface ShowTabMessage {
  type: 'showTab';
  tab: PanelTab;
}

/** The answer to the view's explore request `id` (webview/explore), or why there is none. */
export interface ExploredAnswerMessage {
  type: 'exploredAnswer';
  id: number;
  answer?: ExploreAnswer;
  error?: string;
}

/**
 * Explore this text in the panel's Explore tab (a command, Rank Lines by Typicality, a name of the
 * sidebar): read it letter by letter (`read`), or make it the explorer's prefix.
 */
export interface ExploreTextMessage {
  type: 'exploreText';
  text: string;
  mode: ExploreMode;
}

export type ExploreMode = 'read' | 'prefix';

export type ToWebview =
  | ShowTabMessage
  | ExploredAnswerMessage
  | ExploreTextMessage
  | SnapshotMessage
  | EventsMessage
  | FocusMessage
  | GenerationTargetMessage
  | GeneratedNamesMessage
  | GenerateEndedMessage
  | FavouritesMessage
  | RunsMessage;

const TO_WEBVIEW_TYPES = {
  showTab: true,
  exploredAnswer: true,
  exploreText: true,
  snapshot: true,
  events: true,
  focus: true,
  generationTarget: true,
  generatedNames: true,
  generateEnded: true,
  favourites: true,
  runs: true,
} as const satisfies Record<ToWebview['type'], true>;

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
  /** Pick the model to generate from (Makemore: Select Model). */
  'selectModel',
  /** Makemore: Generate Names… (the quick inputs, then a new document). */
  'generateNames',
  /** Open the panel on its Generate tab. */
  'showGenerate',
  /** Choose how the last run's word list is read: its column or field, or its format. */
  'chooseColumn',
  /** Makemore: Open a Sample List… (a ready list to start from). */
  'openSampleList',
] as const;
export type WebviewCommand = (typeof WEBVIEW_COMMANDS)[number];

/** Longest text a webview may ask to insert. */
const MAX_INSERT_LENGTH = 1000;
/** Most names in one message from a webview (favourites included). */
export const MAX_NAMES_PER_MESSAGE = 10_000;

/** Which names a webview sends: the results shown, or the favourites. */
export type NameSet = 'results' | 'favourites';

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
  | { type: 'saveFile'; format: ExportFormat; fileName: string; data: string }
  /** Insert these names at the cursor(s), each once, one per line (extension/names/insertNames.ts), in one edit. */
  | { type: 'insertNames'; names: string[] }
  /**
   * Generate names from the model of the list in focus. A view has one request at a time: a new one
   * stops its previous one (whose results are no longer sent).
   */
  | { type: 'generate'; id: number; request: GenerateRequest }
  /** Stop the view's request (the names found so far stay). */
  | { type: 'stopGenerating' }
  /** The user changed the Generate view's controls for the list `key`: the host remembers them (per workspace, per view, per list). */
  | { type: 'saveGenerateControls'; key: string | null; controls: GenerateControls }
  /** Bring the word list `key` into focus (its editor to the front): a job line's "Show", a borrowed model's list. */
  | { type: 'showList'; key: string }
  | { type: 'copy'; text: string }
  /** Add names to (or remove them from) the favourites of the list `key`. */
  | { type: 'favourite'; key: string; action: 'add' | 'remove'; names: GeneratedName[] }
  /** Export names: the host asks for the format and where to. */
  | { type: 'export'; from: NameSet; names: GeneratedName[] }
  /** A question about the model of the list in focus (the Explore tab); answered by `exploredAnswer` with the same id. */
  | { type: 'explore'; id: number; query: ExploreQuery }
  /** Open the panel's Explore tab on this text (from the sidebar's names). */
  | { type: 'showExplorer'; text: string; mode: ExploreMode };

const isKey = (x: unknown): boolean => typeof x === 'string' && /^[0-9a-f]{16}$/.test(x);
const isRunId = (x: unknown): boolean => typeof x === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(x);

const NAME_TAGS: readonly unknown[] = ['new', 'train', 'heldout', 'list'];

/** A generated name as a webview sends it back. */
function isGeneratedName(n: unknown): n is GeneratedName {
  return (
    isRecord(n) &&
    typeof n.name === 'string' &&
    n.name.length > 0 &&
    n.name.length <= MAX_LINE_LENGTH * 2 &&
    NAME_TAGS.includes(n.tag) &&
    typeof n.logProbPerChar === 'number' &&
    Number.isFinite(n.logProbPerChar)
  );
}

const isNameList = (a: unknown, each: (n: unknown) => boolean): boolean =>
  Array.isArray(a) && a.length > 0 && a.length <= MAX_NAMES_PER_MESSAGE && a.every(each);
const isName = (n: unknown): boolean => typeof n === 'string' && n.length > 0 && n.length <= MAX_LINE_LENGTH * 2;

const FROM_WEBVIEW_CHECKS = {
  ready: () => true,
  command: (m) => (WEBVIEW_COMMANDS as readonly unknown[]).includes(m.command),
  insert: (m) => typeof m.text === 'string' && m.text.length > 0 && m.text.length <= MAX_INSERT_LENGTH,
  runAction: (m) => (m.action === 'activate' || m.action === 'delete') && isKey(m.fileKey) && isRunId(m.runId),
  clearFileSettings: (m) => isKey(m.fileKey),
  saveFile: (m) =>
    (EXPORT_FORMATS as readonly unknown[]).includes(m.format) &&
    typeof m.fileName === 'string' &&
    /^[^/\\:*?"<>|]{1,120}$/.test(m.fileName) &&
    typeof m.data === 'string' &&
    m.data.length > 0 &&
    m.data.length <= MAX_EXPORT_LENGTH,
  insertNames: (m) => isNameList(m.names, isName),
  // The request's fields are checked by core/constraints.ts before it is generated.
  generate: (m) => Number.isSafeInteger(m.id) && isRecord(m.request),
  stopGenerating: () => true,
  saveGenerateControls: (m) => (m.key === null || isKey(m.key)) && isGenerateControls(m.controls),
  showList: (m) => isKey(m.key),
  copy: (m) => typeof m.text === 'string' && m.text.length > 0 && m.text.length <= MAX_NAMES_PER_MESSAGE * (MAX_LINE_LENGTH * 2 + 1),
  favourite: (m) => typeof m.key === 'string' && (m.action === 'add' || m.action === 'remove') && isNameList(m.names, isGeneratedName),
  export: (m) => (m.from === 'results' || m.from === 'favourites') && isNameList(m.names, isGeneratedName),
  explore: (m) => Number.isSafeInteger(m.id) && isExploreQuery(m.query),
  showExplorer: (m) => typeof m.text === 'string' && m.text.length <= MAX_LINE_LENGTH * 2 && (m.mode === 'read' || m.mode === 'prefix'),
} as const satisfies Record<FromWebview['type'], (m: Record<string, unknown>) => boolean>;

/** Runtime check of a message from a webview (its content is not trusted blindly). */
export function isFromWebview(m: unknown): m is FromWebview {
  if (!isRecord(m) || typeof m.type !== 'string' || !Object.hasOwn(FROM_WEBVIEW_CHECKS, m.type)) return false;
  return FROM_WEBVIEW_CHECKS[m.type as FromWebview['type']](m);
}

/** Most items one `score` query from a webview may hold. */
export const MAX_SCORE_ITEMS = 100;

/** A webview's explore query, checked (the worker checks the text against the model). */
function isExploreQuery(q: unknown): boolean {
  if (!isRecord(q)) return false;
  const text = (t: unknown): boolean => typeof t === 'string' && t.length <= MAX_LINE_LENGTH * 2;
  switch (q.kind) {
    case 'next':
      return text(q.prefix);
    case 'read':
      return text(q.text);
    case 'search':
      return text(q.prefix) && Number.isInteger(q.count) && (q.count as number) >= 1 && (q.count as number) <= 100;
    case 'score':
      return Array.isArray(q.items) && q.items.length <= MAX_SCORE_ITEMS && q.items.every(text);
    default:
      return false;
  }
}

function isRecord(m: unknown): m is Record<string, unknown> {
  return typeof m === 'object' && m !== null;
}
