/**
 * Records real streams of host → webview messages at test time: runs the worker's jobs
 * in-process (`runTraining`, `runSweep`, `runLrFind`) on a slice of names.txt, maps their
 * WorkerEvents to RunEvents the way the host does (`result` → `finished` + `samples`; the sweep's
 * model stays with the host), and batches them into `events` messages (one per 100 ms, like the
 * host). Nothing derived from names.txt is committed.
 */
import * as path from 'node:path';
import type {
  FinishedEvent,
  LrFindFinishedEvent,
  LrFindProgressEvent,
  LrFindStartedEvent,
  RunConfig,
  RunEvent,
  StartedEvent,
  SweepFinishedEvent,
  SweepRunFinishedEvent,
  SweepStartedEvent,
  ToWebview,
  WorkerEvent,
} from '../../src/shared/protocol';
import type { SweepSetting } from '../../src/core/sweepPlan';
import { runLrFind, runSweep } from '../../src/worker/runExperiments';
import { runTraining } from '../../src/worker/runTraining';
import { namesList } from '../unit/helpers/data';

export interface Recording {
  /** What the host would post after the webview's `ready` (snapshot first). */
  messages: ToWebview[];
  /** The same events, unbatched. */
  events: RunEvent[];
  started: StartedEvent;
  finished: FinishedEvent;
  /** The `samples` event sent after training. */
  finalSamples: string[];
  /** The embedding table of the last progress event. */
  finalEmbedding: number[];
}

export interface RecordOptions {
  /** Take every n-th name of names.txt. */
  every: number;
  config: Partial<RunConfig>;
  sourceName?: string;
}

const BATCH_MS = 100;
const WASM_DIR = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));

function words(every: number): string {
  return namesList()
    .filter((_, i) => i % every === 0)
    .join('\n');
}

/**
 * Runs a worker job in-process and returns what the host would send: its run events (the
 * worker-only messages mapped or dropped as the host does) batched into `events` messages.
 */
async function recordJob(sourceName: string, job: (post: (m: WorkerEvent) => void) => Promise<void>): Promise<Pick<Recording, 'messages' | 'events'>> {
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
  await job((message) => {
    switch (message.type) {
      case 'result':
        emit({ type: 'finished', ...message.summary, modelName: path.parse(sourceName).name });
        emit({ type: 'samples', words: message.samples });
        break;
      case 'inputError':
        emit({ type: 'failed', message: message.message });
        break;
      case 'sweepModel':
        // Kept by the host until the user keeps it.
        break;
      default:
        emit(message);
    }
  });
  flush();
  return { messages, events };
}

/** Runs training as `options` say and returns what the host would send, however the run ends. */
export function recordEvents(options: RecordOptions): Promise<Pick<Recording, 'messages' | 'events'>> {
  const sourceName = options.sourceName ?? 'names.txt';
  const request = { type: 'train', runId: 1, text: words(options.every), sourceName, config: options.config, wasmDir: WASM_DIR } as const;
  return recordJob(sourceName, (post) => runTraining(request, post, new AbortController().signal));
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
  const sourceName = options.sourceName ?? 'names.txt';
  const request = { type: 'sweep', runId: 2, text: words(options.every), sourceName, config: options.config, settings: options.settings, wasmDir: WASM_DIR } as const;
  const { messages, events } = await recordJob(sourceName, (post) => runSweep(request, post, new AbortController().signal));
  const started = events.find((e): e is SweepStartedEvent => e.type === 'sweepStarted');
  const finished = events.find((e): e is SweepFinishedEvent => e.type === 'sweepFinished');
  if (!started || !finished) throw new Error(`The recorded sweep did not finish: ${JSON.stringify(events.at(-1))}`);
  return { messages, events, started, finished, finishedRuns: events.filter((e): e is SweepRunFinishedEvent => e.type === 'sweepRunFinished') };
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
  const sourceName = options.sourceName ?? 'names.txt';
  const request = { type: 'lrFind', runId: 3, text: words(options.every), sourceName, config: options.config, steps: options.steps, wasmDir: WASM_DIR } as const;
  const { messages, events } = await recordJob(sourceName, (post) => runLrFind(request, post, new AbortController().signal));
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

/** A run that finishes, with its key events picked out. */
export async function recordRun(options: RecordOptions): Promise<Recording> {
  const { messages, events } = await recordEvents(options);
  const started = events.find((e): e is StartedEvent => e.type === 'started');
  const finished = events.find((e): e is FinishedEvent => e.type === 'finished');
  if (!started || !finished) throw new Error(`The recorded run did not finish: ${JSON.stringify(events.at(-1))}`);
  const finalSamples = events.filter((e) => e.type === 'samples').at(-1)?.words ?? [];
  const finalEmbedding = events.filter((e) => e.type === 'progress').at(-1)?.embedding ?? [];
  return { messages, events, started, finished, finalSamples, finalEmbedding };
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
