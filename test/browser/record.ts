/**
 * Records a real stream of host → webview messages at test time: runs `runTraining` (the
 * worker's run, in-process) on a slice of names.txt, maps its WorkerEvents to RunEvents the way
 * the host does (`result` → `finished` + `samples`), and batches them into `events` messages
 * (one per 100 ms of training, like the host). Nothing derived from names.txt is committed.
 */
import * as path from 'node:path';
import type { FinishedEvent, RunConfig, RunEvent, StartedEvent, ToWebview, WorkerEvent } from '../../src/shared/protocol';
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

/** Runs training as `options` say and returns what the host would send, however the run ends. */
export async function recordEvents(options: RecordOptions): Promise<Pick<Recording, 'messages' | 'events'>> {
  const text = namesList()
    .filter((_, i) => i % options.every === 0)
    .join('\n');
  const sourceName = options.sourceName ?? 'names.txt';
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

  await runTraining(
    {
      type: 'train',
      runId: 1,
      text,
      sourceName,
      config: options.config,
      wasmDir: path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm')),
    },
    (message: WorkerEvent) => {
      switch (message.type) {
        case 'result':
          emit({ type: 'finished', ...message.summary, modelName: path.parse(sourceName).name });
          emit({ type: 'samples', words: message.samples });
          break;
        case 'inputError':
          emit({ type: 'failed', message: message.message });
          break;
        case 'sweepModel':
          break;
        default:
          emit(message);
      }
    },
    new AbortController().signal,
  );
  flush();
  return { messages, events };
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
