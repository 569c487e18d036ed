/**
 * The training worker's lifecycle, one run at a time: spawn a `worker_threads` Worker
 * (dist/worker.js) for the run, send it the request, pass its run events on, and end with one
 * outcome — the trained model's bytes, an input error, or a failure. The worker is terminated as
 * soon as the run is over, so its memory (the data set, the wasm heap) is released.
 *
 * A worker that throws, runs out of memory or exits early becomes a `failed` outcome with a
 * message for the user; nothing is thrown into the extension host.
 */
import { Worker } from 'node:worker_threads';
import {
  isWorkerEvent,
  type ResultMessage,
  type RunEvent,
  type TrainRequest,
  type WorkerEvent,
} from '../shared/protocol';

export type RunOutcome =
  | { kind: 'result'; result: ResultMessage }
  | { kind: 'inputError'; message: string }
  | { kind: 'failed'; message: string };

/** What a run needs besides its id. */
export type RunRequest = Omit<TrainRequest, 'type' | 'runId'>;

/**
 * The old-generation heap limit of the worker: a run that outgrows it ends that worker with
 * ERR_WORKER_OUT_OF_MEMORY instead of aborting the whole extension host.
 */
export const WORKER_HEAP_MB = 2048;

export function spawnWorker(script: string, heapMb = WORKER_HEAP_MB): () => Worker {
  return () => new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
}

interface ActiveRun {
  runId: number;
  worker: Worker;
  finish(outcome: RunOutcome): void;
}

export class TrainingSession {
  private nextRunId = 1;
  private active: ActiveRun | undefined;

  constructor(private readonly spawn: () => Worker) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /**
   * Runs one training; `onEvent` receives its run events (started, progress, eval, stopping).
   * Resolves when the run is over; never rejects. Throws if a run is already going.
   */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<RunOutcome> {
    if (this.active) throw new Error('A training run is already in progress.');
    const runId = this.nextRunId++;
    return new Promise<RunOutcome>((resolve) => {
      let worker: Worker;
      try {
        worker = this.spawn();
      } catch (e) {
        resolve({ kind: 'failed', message: `The training worker could not start: ${errorText(e)}` });
        return;
      }
      let settled = false;
      const run: ActiveRun = {
        runId,
        worker,
        finish: (outcome) => {
          if (settled) return;
          settled = true;
          if (this.active === run) this.active = undefined;
          void worker.terminate();
          resolve(outcome);
        },
      };
      this.active = run;

      worker.on('message', (message: unknown) => {
        if (!isWorkerEvent(message) || message.runId !== runId) return;
        const event = message as WorkerEvent;
        switch (event.type) {
          case 'result':
            run.finish({ kind: 'result', result: event });
            break;
          case 'inputError':
            run.finish({ kind: 'inputError', message: event.message });
            break;
          case 'failed':
            run.finish({ kind: 'failed', message: `Training failed: ${event.message}` });
            break;
          default:
            onEvent(event);
        }
      });
      worker.on('error', (error: Error & { code?: string }) => {
        const reason =
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? 'it ran out of memory (try a smaller model, batch size or word list)'
            : errorText(error);
        run.finish({ kind: 'failed', message: `The training worker crashed: ${reason}.` });
      });
      worker.on('exit', (code: number) => {
        run.finish({ kind: 'failed', message: `The training worker stopped unexpectedly (exit code ${code}).` });
      });
      worker.postMessage({ type: 'train', runId, ...request } satisfies TrainRequest);
    });
  }

  /** Asks the run to stop; it then ends with the best model so far (a `result`). */
  stop(): void {
    this.active?.worker.postMessage({ type: 'stop' });
  }

  /** Ends the run at once, without a model (the extension is deactivating). */
  dispose(): void {
    this.active?.finish({ kind: 'failed', message: 'Training was cancelled: the extension was shut down.' });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
