/**
 * Records real streams of host → webview messages at test time: runs the worker's jobs
 * in-process (`runJob`, as the worker does) on a slice of names.txt, turns their messages into
 * run events the way the host does — `runEventOf`, the one mapping; a training kept as a run in
 * a real RunStore (in a temporary directory) and announced (`modelStored`), a sweep's best
 * model held back until the user keeps it — and batches them into `events` messages (one per
 * 100 ms, like the host). Nothing derived from names.txt is committed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TrainingConfig } from '../../src/core/config';
import { initNodeBackend } from '../../src/core/nodeBackend';
import type { SweepSetting } from '../../src/core/sweepPlan';
import type {
  LrFindFinishedEvent,
  LrFindProgressEvent,
  LrFindStartedEvent,
  RunEvent,
  SweepFinishedEvent,
  SweepRunFinishedEvent,
  SweepStartedEvent,
  TrainFinishedEvent,
  TrainStartedEvent,
} from '../../src/shared/events';
import { runEventOf, type RunRequest, type ToWebview, type WorkerMessage } from '../../src/shared/messages';
import type { FocusedList } from '../../src/shared/focus';
import { activeModelLabel, runCurve, runLabel, type ActiveModelLabel, type FileRuns, type RunRecord } from '../../src/shared/runRecord';
import { applyRunEvent, initialRunState, type RunState } from '../../src/shared/runState';
import { RunStore, becameActive, fileKeyOf, fileRunsOf } from '../../src/extension/runs/runStore';
import { runJob } from '../../src/worker/serve';
import { namesList } from '../unit/helpers/data';
import { diskDir, memento } from '../unit/extension/helpers';

export interface Recording {
  /** What the host would post after the webview's `ready` (snapshot first). */
  messages: ToWebview[];
  /** The same events, unbatched. */
  events: RunEvent[];
  started: TrainStartedEvent;
  finished: TrainFinishedEvent;
  /** The `samples` event sent after training. */
  finalSamples: string[];
  /** The embedding table of the last progress event. */
  finalEmbedding: number[];
  /** The run as the host keeps it (in the recorder's RunStore). */
  run: RunRecord;
}

export interface RecordOptions {
  /** Take every n-th name of names.txt… */
  every?: number;
  /** …or train on this text (a list made at test time). */
  text?: string;
  config: Partial<TrainingConfig>;
  listName?: string;
}

const BATCH_MS = 100;

let store: { runs: RunStore; dir: string } | undefined;

/** The recorder's run store, in a temporary directory removed when the process exits. */
export function recordStore(): RunStore {
  if (!store) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-browser-runs-'));
    process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    store = { runs: new RunStore(diskDir(dir), memento()), dir };
  }
  return store.runs;
}

/** The document URI a recording's word list stands for. */
export const documentOf = (listName: string): string => `file:///work/${listName}`;

/** The key of the runs of a recording's word list (its jobs' events carry it). */
export const listKeyOf = (listName: string): string => fileKeyOf(documentOf(listName));

/** The runs of a recorded word list, as the host sends them to the Runs view. */
export async function fileRuns(listName: string): Promise<FileRuns> {
  const { group } = await recordStore().file(fileKeyOf(documentOf(listName)));
  const runs = fileRunsOf(group, null, await recordStore().storage(group));
  if (!runs) throw new Error(`No runs recorded for ${listName}.`);
  return runs;
}

/**
 * A `focus` message: the model in use, and no list in focus (so the views show the latest run as
 * it is) unless `list` is given, with its stored active run `run`.
 */
export function focusMessage(model: ActiveModelLabel | null, list: FocusedList | null = null, run: RunRecord | null = null): ToWebview {
  return { type: 'focus', focus: { list, model, run, details: null, samples: null } };
}

/** The list in focus a recorded word list stands for. */
export function focusedList(listName: string): FocusedList {
  return { name: listName, key: fileKeyOf(documentOf(listName)), document: documentOf(listName), open: true };
}

/** The model (`activeModel`) of a recorded word list: its active run. */
export async function activeModelLabelOf(listName: string): Promise<ActiveModelLabel> {
  const { group } = await recordStore().file(fileKeyOf(documentOf(listName)));
  if (!group.active) throw new Error(`No runs recorded for ${listName}.`);
  return activeModelLabel(group.active, group.chosen, 'ownList', null);
}
const WASM_DIR = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));

function words(options: Pick<RecordOptions, 'every' | 'text'>): string {
  if (options.text !== undefined) return options.text;
  const every = options.every ?? 1;
  return namesList()
    .filter((_, i) => i % every === 0)
    .join('\n');
}

/**
 * Runs a worker job in-process and returns what the host would send: its run events (from
 * `runEventOf`, and the host's `modelStored` for a training's model) batched into `events`
 * messages.
 */
async function recordJob(request: RunRequest): Promise<Pick<Recording, 'messages' | 'events'> & { run?: RunRecord }> {
  const events: RunEvent[] = [];
  const messages: ToWebview[] = [];
  let batch: RunEvent[] = [];
  let lastFlush = performance.now();
  const flush = (): void => {
    if (batch.length) messages.push({ type: 'events', events: batch });
    batch = [];
    lastFlush = performance.now();
  };
  const emit = (event: RunEvent): void => {
    events.push(event);
    batch.push(event);
    if (performance.now() - lastFlush >= BATCH_MS) flush();
  };
  const state = initialRunState();
  let model: Uint8Array | undefined;
  let finished = false;
  await runJob(
    request,
    (message: WorkerMessage) => {
      if (message.type === 'model') model = message.bytes.slice();
      const event = runEventOf(message);
      if (!event) return;
      applyRunEvent(state, event);
      emit(event);
      if (event.type === 'trainFinished') finished = true;
    },
    new AbortController().signal,
    { initBackend: () => initNodeBackend({ wasmDir: WASM_DIR }) },
  );
  // The host keeps a training as a run once it has ended, and says so.
  let run: RunRecord | undefined;
  if (finished && model) {
    const saved = await recordStore().save({
      fileKey: fileKeyOf(documentOf(request.listName)),
      document: documentOf(request.listName),
      fileName: request.listName,
      bytes: model,
      origin: 'train',
      curve: runCurve(state.history, state.evals),
      samples: state.samples,
    });
    run = saved.run;
    emit({
      type: 'modelStored',
      job: 'train',
      modelName: runLabel(run),
      fileKey: run.fileKey,
      runId: run.id,
      active: becameActive(saved.verdict),
    });
  }
  flush();
  return { messages, events, ...(run ? { run } : {}) };
}

/** Runs training as `options` say and returns what the host would send, however the run ends. */
export function recordEvents(options: RecordOptions): Promise<Pick<Recording, 'messages' | 'events'> & { run?: RunRecord }> {
  const listName = options.listName ?? 'names.txt';
  return recordJob({ type: 'train', jobId: 1, text: words(options), listName, listKey: listKeyOf(listName), config: options.config });
}

export interface SweepRecording {
  messages: ToWebview[];
  events: RunEvent[];
  started: SweepStartedEvent;
  /** Every `sweepRunFinished`, in order. */
  finishedRuns: SweepRunFinishedEvent[];
  finished: SweepFinishedEvent;
}

/** Runs a sweep (the worker's job, in-process) over `settings` and returns what the host would send. */
export async function recordSweep(options: RecordOptions & { settings: SweepSetting[] }): Promise<SweepRecording> {
  const listName = options.listName ?? 'names.txt';
  const { messages, events } = await recordJob({
    type: 'sweep',
    jobId: 2,
    text: words(options),
    listName,
    listKey: listKeyOf(listName),
    config: options.config,
    settings: options.settings,
  });
  const started = events.find((e): e is SweepStartedEvent => e.type === 'sweepStarted');
  const finished = events.find((e): e is SweepFinishedEvent => e.type === 'sweepFinished');
  if (!started || !finished) throw new Error(`The recorded sweep did not finish: ${JSON.stringify(events.at(-1))}`);
  return {
    messages,
    events,
    started,
    finished,
    finishedRuns: events.filter((e): e is SweepRunFinishedEvent => e.type === 'sweepRunFinished'),
  };
}

export interface LrFindRecording {
  messages: ToWebview[];
  events: RunEvent[];
  started: LrFindStartedEvent;
  finished: LrFindFinishedEvent;
  /** The whole curve, from every `lrFindProgress`. */
  learningRates: number[];
  losses: number[];
  smoothed: number[];
}

/** Runs the learning-rate finder (in-process) and returns what the host would send. */
export async function recordLrFind(options: RecordOptions & { steps: number }): Promise<LrFindRecording> {
  const listName = options.listName ?? 'names.txt';
  const { messages, events } = await recordJob({
    type: 'lrFind',
    jobId: 3,
    text: words(options),
    listName,
    listKey: listKeyOf(listName),
    config: options.config,
    steps: options.steps,
  });
  const started = events.find((e): e is LrFindStartedEvent => e.type === 'lrFindStarted');
  const finished = events.find((e): e is LrFindFinishedEvent => e.type === 'lrFindFinished');
  if (!started || !finished) throw new Error(`The recorded search did not finish: ${JSON.stringify(events.at(-1))}`);
  const progress = events.filter((e): e is LrFindProgressEvent => e.type === 'lrFindProgress');
  return {
    messages,
    events,
    started,
    finished,
    learningRates: progress.flatMap((e) => e.learningRates),
    losses: progress.flatMap((e) => e.losses),
    smoothed: progress.flatMap((e) => e.smoothed),
  };
}

/** Trains a model as `options` say (the worker's job, in-process) and returns its checkpoint's bytes. */
export async function trainModel(options: RecordOptions): Promise<Uint8Array> {
  let bytes: Uint8Array | undefined;
  let problem = 'it sent no model';
  const listName = options.listName ?? 'names.txt';
  await runJob(
    { type: 'train', jobId: 9, text: words(options), listName, config: options.config },
    (message: WorkerMessage) => {
      if (message.type === 'model') bytes = message.bytes;
      if (message.type === 'rejected' || message.type === 'failed') problem = message.message;
    },
    new AbortController().signal,
    { initBackend: () => initNodeBackend({ wasmDir: WASM_DIR }) },
  );
  if (!bytes) throw new Error(`The training job failed: ${problem}`);
  return bytes;
}

/** A run that finishes, with its key events picked out. */
export async function recordRun(options: RecordOptions): Promise<Recording> {
  const { messages, events, run } = await recordEvents(options);
  const started = events.find((e): e is TrainStartedEvent => e.type === 'trainStarted');
  const finished = events.find((e): e is TrainFinishedEvent => e.type === 'trainFinished');
  if (!started || !finished) throw new Error(`The recorded run did not finish: ${JSON.stringify(events.at(-1))}`);
  const finalSamples = events.filter((e) => e.type === 'samples').at(-1)?.words ?? [];
  const finalEmbedding = events.filter((e) => e.type === 'trainProgress').at(-1)?.embedding ?? [];
  if (!run) throw new Error('The recorded run was not stored.');
  return { messages, events, started, finished, finalSamples, finalEmbedding, run };
}

/**
 * The host's RunState after it has sent `messages` (snapshots and events, folded as the host
 * and the webviews fold them): what the host hands a webview that reloads.
 */
export function hostState(messages: readonly ToWebview[]): RunState {
  let state = initialRunState();
  for (const m of messages) {
    if (m.type === 'snapshot') state = structuredClone(m.state);
    else if (m.type === 'events') for (const e of m.events) applyRunEvent(state, e);
  }
  return state;
}

/** The messages up to the batch with the first event matching `at` (included), and the rest. */
export function cut(messages: ToWebview[], at: (e: RunEvent, k: number) => boolean): { before: ToWebview[]; after: ToWebview[] } {
  let seen = 0;
  const i = messages.findIndex((m) => m.type === 'events' && m.events.some((e) => at(e, seen++)));
  if (i < 0) throw new Error('The cut point is not in the recording.');
  return { before: messages.slice(0, i + 1), after: messages.slice(i + 1) };
}

/** A sweep cut while its last run trains (at the last run's first progress report). */
export function sweepMidway(r: SweepRecording): { before: ToWebview[]; after: ToWebview[] } {
  const last = r.started.settings.length - 1;
  return cut(r.messages, (e) => e.type === 'sweepRunProgress' && e.index === last);
}
