/**
 * The worker's lifecycle, one job at a time (shared/jobKinds.ts): start a worker for the job, send
 * it the request, pass its run events on, and end with one outcome — the job's finished event
 * (with the trained model's bytes, for a training run or a sweep's best run) or its failure.
 * The worker is terminated as soon as the job is over, so its memory (the data set, the wasm
 * heap) is released.
 *
 * The worker is anything behind `JobWorker` — a Node `worker_threads` Worker (nodeWorker.ts) or
 * a browser Web Worker — so this module imports neither. A worker that throws, runs out of
 * memory or exits early becomes a failure with a message for the user; nothing is thrown into
 * the extension host.
 */
import type { FailedEvent, LrFindFinishedEvent, RunEvent, SweepFinishedEvent, TrainFinishedEvent } from '../../shared/events';
import { JOBS, type RunJobKind } from '../../shared/jobKinds';
import { endsJob, isWorkerMessage, runEventOf, type CheckpointMessage, type RunRequest, type ToWorker } from '../../shared/messages';

/** A worker that runs jobs: the one small interface over Node's and the browser's workers. */
export interface JobWorker {
  post(message: ToWorker): void;
  /** `listener` gets every message the worker posts. */
  onMessage(listener: (message: unknown) => void): void;
  /** `listener` gets why the worker died: it threw, ran out of memory, failed to load, or exited. */
  onFailure(listener: (reason: string) => void): void;
  terminate(): void;
}

/** What a worker is for, as its failures name it ("The sweep worker crashed: …"). */
export type WorkerRole = 'training' | 'sweep' | 'learning-rate finder' | 'generation';
/** Starts a worker (throws if it cannot). */
export type SpawnWorker = (role?: WorkerRole) => JobWorker;

/** The role of the worker each run job takes, as its failures name it. */
const ROLES: Record<RunJobKind, WorkerRole> = { train: 'training', sweep: 'sweep', lrFind: 'learning-rate finder' };

/** A run's request before it gets its id. */
export type JobInput<K extends RunJobKind = RunJobKind> = K extends RunJobKind ? Omit<Extract<RunRequest, { type: K }>, 'jobId'> : never;

interface FinishedEvents {
  train: TrainFinishedEvent;
  sweep: SweepFinishedEvent;
  lrFind: LrFindFinishedEvent;
}

/**
 * How a job ended: its finished event (the model's bytes too, when it made one), its failure
 * once started (a run event, like the others), or its rejection before it started (a bad word
 * list or setting: no view heard of the job; the message is for the user as it is).
 */
export type JobOutcome<K extends RunJobKind = RunJobKind> =
  | { kind: 'finished'; finished: FinishedEvents[K]; model: Uint8Array | undefined }
  | { kind: 'failed'; failed: FailedEvent }
  | { kind: 'rejected'; message: string };

export class WorkerSession {
  private nextJobId = 1;
  private active: { jobId: number; job: RunJobKind; worker: JobWorker; end(failed: FailedEvent): void } | undefined;

  constructor(private readonly spawn: SpawnWorker) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /**
   * Runs one job in a fresh worker; `onEvent` receives its run events but the last, which ends
   * the outcome instead; `onCheckpoint` a long training run's best model so far. Resolves when
   * the job is over; never rejects. Throws if a job is already going.
   */
  run<K extends RunJobKind>(
    input: JobInput<K> & { type: K },
    onEvent: (event: RunEvent) => void,
    onCheckpoint?: (checkpoint: CheckpointMessage) => void,
  ): Promise<JobOutcome<K>> {
    if (this.active) throw new Error('A job is already in progress.');
    const job = input.type as K;
    const jobId = this.nextJobId++;
    const failure = (message: string): FailedEvent => ({ type: 'failed', job, cause: 'error', message });
    return new Promise<JobOutcome<K>>((resolve) => {
      let worker: JobWorker;
      try {
        worker = this.spawn(ROLES[job]);
      } catch (e) {
        resolve({
          kind: 'failed',
          failed: failure(`The ${ROLES[job]} worker could not start: ${e instanceof Error ? e.message : String(e)}`),
        });
        return;
      }
      let settled = false;
      let model: Uint8Array | undefined;
      const finish = (outcome: JobOutcome<K>): void => {
        if (settled) return;
        settled = true;
        if (this.active?.jobId === jobId) this.active = undefined;
        worker.terminate();
        resolve(outcome);
      };
      this.active = { jobId, job, worker, end: (failed) => finish({ kind: 'failed', failed }) };

      worker.onMessage((message) => {
        if (!isWorkerMessage(message) || message.jobId !== jobId) return;
        if (message.type === 'model') {
          model = message.bytes;
          return;
        }
        if (message.type === 'checkpoint') {
          onCheckpoint?.(message);
          return;
        }
        if (message.type === 'rejected') {
          finish({ kind: 'rejected', message: message.message });
          return;
        }
        const event = runEventOf(message);
        if (!event) return;
        if (!endsJob(job, event)) onEvent(event);
        else if (event.type === 'failed') finish({ kind: 'failed', failed: event });
        else finish({ kind: 'finished', finished: event as FinishedEvents[K], model });
      });
      worker.onFailure((reason) => finish({ kind: 'failed', failed: failure(reason) }));
      worker.post({ ...input, jobId } as RunRequest);
    });
  }

  /**
   * Asks the job to stop: a training ends with the best model so far, a sweep with its finished
   * runs, the learning-rate finder with the curve so far.
   */
  stop(): void {
    this.active?.worker.post({ type: 'stop' });
  }

  /** Ends the job at once, without a model (the extension is deactivating). */
  dispose(): void {
    const active = this.active;
    if (!active) return;
    active.end({ type: 'failed', job: active.job, cause: 'error', message: `${JOBS[active.job].failed}: the extension was shut down.` });
  }
}
