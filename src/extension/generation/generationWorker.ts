/**
 * The generation worker: names from a model, generated in a worker of their own (the same
 * dist/worker.js and job protocol as the runs, shared/jobs.ts `generate`), so generating never
 * waits for — or stops — a training run, and the extension host only passes messages on.
 *
 * - Kept warm while it is used: started on the first request, it keeps the last model it was
 *   sent ready to generate (its bytes are sent once per model), and it is ended after a minute
 *   without requests, or at once when the models change while it is idle.
 * - Requests may overlap; each has its own `AbortSignal`, which stops it in the worker (the
 *   names found so far are kept). A view that regenerates as its controls change stops its
 *   previous request and starts the next.
 * - A worker that crashes or cannot start ends every request it had with `failed`; the next
 *   request starts a new one.
 */
import type { GenerateRequest } from '../../core/constraints';
import type { GeneratedName, GenerateProgress, GenerateSummary } from '../../core/generated';
import { isWorkerMessage, type GenerateJobRequest, type WorkerMessage } from '../../shared/messages';
import type { JobWorker, SpawnWorker } from '../jobs/workerSession';

/** A model to generate from. */
export interface GenerationModel {
  /** Names this model and this version of it (a retrained model gets a new key). */
  key: string;
  /** The checkpoint's bytes: read only when the worker does not hold the model. */
  bytes(): Promise<Uint8Array>;
}

export interface GenerateCall {
  model: GenerationModel;
  request: GenerateRequest;
  /** Names that must not come out (those already in the document being written to). */
  avoid?: string[];
  seed?: number;
  signal?: AbortSignal;
  /** Names as the worker finds them (each once). */
  onNames?(names: GeneratedName[], progress: GenerateProgress): void;
}

/**
 * How a request ended: its names and summary (also when it was stopped, or fell short); a bad
 * request or model (`rejected`: the message is for the user as it is); or a failure.
 */
export type GenerationOutcome =
  | { kind: 'done'; names: GeneratedName[]; summary: GenerateSummary }
  | { kind: 'rejected'; message: string }
  | { kind: 'failed'; message: string; detail?: string };

/** Timer functions, injectable so tests can drive time by hand. */
export interface IdleTimer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimer: IdleTimer = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** How long an unused worker is kept. */
export const IDLE_MS = 60_000;

interface Pending {
  names: GeneratedName[];
  onNames?: GenerateCall['onNames'];
  settle(outcome: GenerationOutcome): void;
}

interface Running {
  handle: JobWorker;
  /** The model the worker holds, or will once the messages posted so far arrive. */
  modelKey: string | undefined;
}

export class GenerationWorker {
  private worker: Running | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextJobId = 1;
  private idle: unknown;
  /** Requests are posted in the order they were made (a model's bytes before the requests that need them). */
  private posting: Promise<void> = Promise.resolve();

  constructor(
    private readonly spawn: SpawnWorker,
    private readonly idleMs = IDLE_MS,
    private readonly timer: IdleTimer = realTimer,
  ) {}

  /** Whether a worker is running (started, not yet ended for being idle). */
  get alive(): boolean {
    return this.worker !== undefined;
  }

  /** Generates names; resolves when the request is over (never rejects). */
  generate(call: GenerateCall): Promise<GenerationOutcome> {
    this.cancelIdle();
    const jobId = this.nextJobId++;
    return new Promise<GenerationOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: GenerationOutcome): void => {
        if (settled) return;
        settled = true;
        this.pending.delete(jobId);
        call.signal?.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) this.scheduleIdle();
        resolve(outcome);
      };
      // Listening from the start: a stop that comes while the model's bytes are read is not lost
      // (it ends the request before it is posted; once posted, the worker is asked to stop it).
      let posted = false;
      const onAbort = (): void => {
        if (posted) this.worker?.handle.post({ type: 'stop', jobId });
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      /** Stopped before it was posted: it ends at once, with no names. */
      const stoppedBeforePosting = (): boolean => {
        if (!call.signal?.aborted) return false;
        settle({ kind: 'done', names: [], summary: { requested: call.request.count, tries: 0, ended: 'stopped', rejected: {}, seconds: 0 } });
        return true;
      };
      this.pending.set(jobId, { names: [], ...(call.onNames ? { onNames: call.onNames } : {}), settle });
      this.posting = this.posting.then(async () => {
        if (settled || stoppedBeforePosting()) return;
        try {
          const worker = this.start();
          const bytes = worker.modelKey === call.model.key ? undefined : await call.model.bytes();
          if (settled || stoppedBeforePosting()) return;
          if (this.worker !== worker) throw new Error('The generation worker stopped unexpectedly.');
          const message: GenerateJobRequest = {
            type: 'generate',
            jobId,
            model: { key: call.model.key, ...(bytes ? { bytes } : {}) },
            request: call.request,
            ...(call.avoid?.length ? { avoid: call.avoid } : {}),
            ...(call.seed !== undefined ? { seed: call.seed } : {}),
          };
          worker.modelKey = call.model.key;
          worker.handle.post(message);
          posted = true;
        } catch (e) {
          settle({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
        }
      });
    });
  }

  /**
   * The stored models changed: an idle worker is ended (its model may be gone or replaced);
   * a busy one gets the new model with its next request.
   */
  modelsChanged(): void {
    if (this.pending.size === 0) this.end();
  }

  /** Ends the worker and every request it had (the extension is deactivating). */
  dispose(): void {
    this.cancelIdle();
    this.end('Generating names stopped: the extension was shut down.');
  }

  private start(): Running {
    if (this.worker) return this.worker;
    const handle = this.spawn('generation');
    const running: Running = { handle, modelKey: undefined };
    this.worker = running;
    handle.onMessage((message) => {
      if (this.worker === running && isWorkerMessage(message)) this.receive(message);
    });
    handle.onFailure((reason) => {
      if (this.worker !== running) return;
      this.end(reason);
    });
    return running;
  }

  private receive(message: WorkerMessage): void {
    const pending = this.pending.get(message.jobId);
    if (!pending) return;
    switch (message.type) {
      case 'names':
        pending.names.push(...message.names);
        pending.onNames?.(message.names, message.progress);
        return;
      case 'generated':
        pending.settle({ kind: 'done', names: pending.names, summary: message.summary });
        return;
      case 'rejected':
        pending.settle({ kind: 'rejected', message: message.message });
        return;
      case 'generateFailed':
        pending.settle({ kind: 'failed', message: message.message, ...(message.detail ? { detail: message.detail } : {}) });
        return;
      default:
        return; // a run's message: not this worker's business
    }
  }

  /** Terminates the worker; `failure` ends the requests it had (none are left when it is idle). */
  private end(failure = 'The generation worker was ended.'): void {
    const running = this.worker;
    this.worker = undefined;
    this.cancelIdle();
    for (const p of [...this.pending.values()]) p.settle({ kind: 'failed', message: failure });
    running?.handle.terminate();
  }

  private scheduleIdle(): void {
    this.cancelIdle();
    if (!this.worker) return;
    this.idle = this.timer.setTimeout(() => {
      this.idle = undefined;
      if (this.pending.size === 0) this.end();
    }, this.idleMs);
  }

  private cancelIdle(): void {
    if (this.idle !== undefined) this.timer.clearTimeout(this.idle);
    this.idle = undefined;
  }
}
