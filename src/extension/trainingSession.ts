/**
 * The training worker's lifecycle, one job at a time (a training run, a hyperparameter sweep or
 * the learning-rate finder): spawn a `worker_threads` Worker (dist/worker.js) for the job, send
 * it the request, pass its run events on, and end with one outcome — the trained model's bytes,
 * the sweep's end (with its best model's bytes), the finder's suggestion, an input error, or a
 * failure. The worker is terminated as soon as the job is over, so its memory (the data set, the
 * wasm heap) is released.
 *
 * A worker that throws, runs out of memory or exits early becomes a `failed` outcome with a
 * message for the user; nothing is thrown into the extension host.
 */
import { Worker } from 'node:worker_threads';
import {
  isWorkerEvent,
  type LrFindFinishedEvent,
  type LrFindRequest,
  type ResultMessage,
  type RunEvent,
  type SweepFinishedEvent,
  type SweepRequest,
  type TrainRequest,
  type WorkerEvent,
} from '../shared/protocol';

/** How a job can fail: a bad input (the message is for the user as it is), or anything else. */
export type JobFailure = { kind: 'inputError'; message: string } | { kind: 'failed'; message: string };

export type RunOutcome = { kind: 'result'; result: ResultMessage } | JobFailure;

/** A sweep's end: its last event, and the best run's checkpoint when a run finished. */
export type SweepOutcome = { kind: 'swept'; finished: SweepFinishedEvent; model: Uint8Array | undefined } | JobFailure;

export type LrFindOutcome = { kind: 'lrFound'; finished: LrFindFinishedEvent } | JobFailure;

/** What a run needs besides its id. */
export type RunRequest = Omit<TrainRequest, 'type' | 'runId'>;
export type SweepJobRequest = Omit<SweepRequest, 'type' | 'runId'>;
export type LrFindJobRequest = Omit<LrFindRequest, 'type' | 'runId'>;

type JobMessage = TrainRequest | SweepRequest | LrFindRequest;
/** A job's request before it gets its run id. */
type JobBody = Omit<TrainRequest, 'runId'> | Omit<SweepRequest, 'runId'> | Omit<LrFindRequest, 'runId'>;

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
}

/** How a job's failure is worded: "Training failed: …". */
const FAILED: Record<JobMessage['type'], string> = {
  train: 'Training failed',
  sweep: 'The sweep failed',
  lrFind: 'The learning-rate finder failed',
};

export class TrainingSession {
  private nextRunId = 1;
  private active: ActiveRun | undefined;
  /** Ends the active job with an outcome (for `dispose`). */
  private finishActive: ((outcome: JobFailure) => void) | undefined;

  constructor(private readonly spawn: () => Worker) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /**
   * Runs one training; `onEvent` receives its run events (started, progress, eval, stopping).
   * Resolves when the run is over; never rejects. Throws if a job is already going.
   */
  run(request: RunRequest, onEvent: (event: RunEvent) => void): Promise<RunOutcome> {
    return this.start({ type: 'train', ...request }, onEvent, (m) => (m.type === 'result' ? { kind: 'result', result: m } : undefined));
  }

  /**
   * Runs a sweep; `onEvent` receives its run events but the last (`sweepFinished`), which ends
   * the outcome instead, with the best run's model. Never rejects; throws if a job is going.
   */
  sweep(request: SweepJobRequest, onEvent: (event: RunEvent) => void): Promise<SweepOutcome> {
    let model: Uint8Array | undefined;
    return this.start({ type: 'sweep', ...request }, onEvent, (m) => {
      if (m.type === 'sweepModel') model = m.bytes;
      return m.type === 'sweepFinished' ? { kind: 'swept', finished: m, model } : undefined;
    });
  }

  /** Runs the learning-rate finder; as `sweep`, its last event (`lrFindFinished`) ends the outcome. */
  findLearningRate(request: LrFindJobRequest, onEvent: (event: RunEvent) => void): Promise<LrFindOutcome> {
    return this.start({ type: 'lrFind', ...request }, onEvent, (m) => (m.type === 'lrFindFinished' ? { kind: 'lrFound', finished: m } : undefined));
  }

  /**
   * Runs one job in a fresh worker. `settle` sees every message of the job first: it returns the
   * outcome when the message ends the job. Other run events go to `onEvent`.
   */
  private start<O>(message: JobBody, onEvent: (event: RunEvent) => void, settle: (message: WorkerEvent) => O | undefined): Promise<O | JobFailure> {
    if (this.active) throw new Error('A training run is already in progress.');
    const runId = this.nextRunId++;
    return new Promise<O | JobFailure>((resolve) => {
      let worker: Worker;
      try {
        worker = this.spawn();
      } catch (e) {
        resolve({ kind: 'failed', message: `The training worker could not start: ${errorText(e)}` });
        return;
      }
      let settled = false;
      const run: ActiveRun = { runId, worker };
      const finish = (outcome: O | JobFailure): void => {
        if (settled) return;
        settled = true;
        if (this.active === run) {
          this.active = undefined;
          this.finishActive = undefined;
        }
        void worker.terminate();
        resolve(outcome);
      };
      this.active = run;
      this.finishActive = finish;

      worker.on('message', (received: unknown) => {
        if (!isWorkerEvent(received) || received.runId !== runId) return;
        const event = received as WorkerEvent;
        const outcome = settle(event);
        if (outcome !== undefined) {
          finish(outcome);
          return;
        }
        switch (event.type) {
          case 'inputError':
            finish({ kind: 'inputError', message: event.message });
            break;
          case 'failed':
            finish({ kind: 'failed', message: `${FAILED[message.type]}: ${event.message}` });
            break;
          case 'result':
          case 'sweepModel':
            // Not run events; a job that expects them has taken them in `settle`.
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
        finish({ kind: 'failed', message: `The training worker crashed: ${reason}.` });
      });
      worker.on('exit', (code: number) => {
        finish({ kind: 'failed', message: `The training worker stopped unexpectedly (exit code ${code}).` });
      });
      worker.postMessage({ ...message, runId } satisfies JobMessage);
    });
  }

  /**
   * Asks the job to stop: a training ends with the best model so far (a `result`), a sweep with
   * its finished runs, the learning-rate finder with the curve so far.
   */
  stop(): void {
    this.active?.worker.postMessage({ type: 'stop' });
  }

  /** Ends the run at once, without a model (the extension is deactivating). */
  dispose(): void {
    this.finishActive?.({ kind: 'failed', message: 'Training was cancelled: the extension was shut down.' });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
