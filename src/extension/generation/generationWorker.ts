/**
 * The generation worker: names from a model, generated in a worker of their own (the same
 * dist/worker.js and job protocol as the runs, shared/jobKinds.ts `generate`), so generating never
 * waits for — or stops — a training run, and the extension host only passes messages on. The
 * explorer's questions about the model (`explore`) go to the same worker and the same model.
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
import type { ExploreAnswer, ExploreQuery } from '../../core/explored';
import type { GeneratedName, GenerateProgress, GenerateSummary } from '../../core/generated';
import { isWorkerMessage, type ExploreJobRequest, type GenerateJobRequest, type WorkerMessage } from '../../shared/messages';
import type { JobWorker, SpawnWorker } from '../jobs/workerSession';

/** A model as the generation worker takes it: a key, and its checkpoint's bytes on demand. */
export interface WorkerModel {
  /** Names this model and this version of it (a retrained model gets a new key). */
  key: string;
  /** The checkpoint's bytes: read only when the worker does not hold the model. */
  bytes(): Promise<Uint8Array>;
}

export interface GenerateCall {
  model: WorkerModel;
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

export interface ExploreCall {
  model: WorkerModel;
  query: ExploreQuery;
  signal?: AbortSignal;
}

/** How a question about the model ended: its answer; text the model cannot read (`rejected`); stopped; or a failure. */
export type ExploreOutcome =
  | { kind: 'answer'; answer: ExploreAnswer }
  | { kind: 'rejected'; message: string }
  | { kind: 'stopped' }
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

/** A request the worker is answering: it takes the worker's messages for its job id, and settles once. */
interface Pending {
  receive(message: WorkerMessage): void;
  /** Ends it now (the worker ended, or stopped). */
  fail(message: string): void;
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
    const names: GeneratedName[] = [];
    return this.request<GenerationOutcome>({
      model: call.model,
      signal: call.signal,
      // Stopped before it was posted: it ends with no names.
      stoppedEarly: () => ({
        kind: 'done',
        names: [],
        summary: { requested: call.request.count, tries: 0, ended: 'stopped', rejected: {}, seconds: 0 },
      }),
      // Stopped once posted: the worker ends it with the names found so far.
      onAbort: (jobId) => this.worker?.handle.post({ type: 'stop', jobId }),
      message: (jobId, model) => ({
        type: 'generate',
        jobId,
        model,
        request: call.request,
        ...(call.avoid?.length ? { avoid: call.avoid } : {}),
        ...(call.seed !== undefined ? { seed: call.seed } : {}),
      }),
      receive: (message, settle) => {
        switch (message.type) {
          case 'names':
            names.push(...message.names);
            call.onNames?.(message.names, message.progress);
            return;
          case 'generated':
            settle({ kind: 'done', names, summary: message.summary });
            return;
          case 'rejected':
            settle({ kind: 'rejected', message: message.message });
            return;
          case 'generateFailed':
            settle({ kind: 'failed', message: message.message, ...(message.detail ? { detail: message.detail } : {}) });
            return;
          default:
            return; // not a generation's message
        }
      },
      failed: (message) => ({ kind: 'failed', message }),
    });
  }

  /**
   * Asks a question about a model (core/explored.ts); resolves with its answer (never rejects). A
   * stopped question resolves at once with `stopped`, and the worker drops it.
   */
  explore(call: ExploreCall): Promise<ExploreOutcome> {
    return this.request<ExploreOutcome>({
      model: call.model,
      signal: call.signal,
      stoppedEarly: () => ({ kind: 'stopped' }),
      onAbort: (jobId, settle) => {
        this.worker?.handle.post({ type: 'stop', jobId });
        settle({ kind: 'stopped' });
      },
      message: (jobId, model) => ({ type: 'explore', jobId, model, query: call.query }),
      receive: (message, settle) => {
        switch (message.type) {
          case 'explored':
            settle({ kind: 'answer', answer: message.answer });
            return;
          case 'rejected':
            settle({ kind: 'rejected', message: message.message });
            return;
          case 'exploreFailed':
            settle({ kind: 'failed', message: message.message, ...(message.detail ? { detail: message.detail } : {}) });
            return;
          default:
            return; // not an answer
        }
      },
      failed: (message) => ({ kind: 'failed', message }),
    });
  }

  /**
   * Posts a request for `spec.model` (its bytes only when the worker does not hold it), in the
   * order requests were made, and settles with what `spec.receive` makes of the worker's messages.
   */
  private request<O>(spec: {
    model: WorkerModel;
    signal: AbortSignal | undefined;
    stoppedEarly(): O;
    onAbort(jobId: number, settle: (outcome: O) => void): void;
    message(jobId: number, model: { key: string; bytes?: Uint8Array }): GenerateJobRequest | ExploreJobRequest;
    receive(message: WorkerMessage, settle: (outcome: O) => void): void;
    failed(message: string): O;
  }): Promise<O> {
    this.cancelIdle();
    const jobId = this.nextJobId++;
    return new Promise<O>((resolve) => {
      let settled = false;
      const settle = (outcome: O): void => {
        if (settled) return;
        settled = true;
        this.pending.delete(jobId);
        spec.signal?.removeEventListener('abort', onAbort);
        if (this.pending.size === 0) this.scheduleIdle();
        resolve(outcome);
      };
      // Listening from the start: a stop that comes before the request is posted (while the
      // requests before it are, or while its model's bytes are read) ends it at once, and it is
      // never posted; once posted, the worker is asked to stop it.
      let posted = false;
      const onAbort = (): void => (posted ? spec.onAbort(jobId, settle) : settle(spec.stoppedEarly()));
      spec.signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(jobId, { receive: (message) => spec.receive(message, settle), fail: (message) => settle(spec.failed(message)) });
      this.posting = this.posting.then(async () => {
        if (settled) return;
        if (spec.signal?.aborted) {
          settle(spec.stoppedEarly());
          return;
        }
        try {
          const worker = this.start();
          const bytes = worker.modelKey === spec.model.key ? undefined : await spec.model.bytes();
          if (settled) return;
          if (this.worker !== worker) throw new Error('The generation worker stopped unexpectedly.');
          worker.modelKey = spec.model.key;
          worker.handle.post(spec.message(jobId, { key: spec.model.key, ...(bytes ? { bytes } : {}) }));
          posted = true;
        } catch (e) {
          settle(spec.failed(e instanceof Error ? e.message : String(e)));
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
    // A run's message, or the answer to a request that ended: not this worker's business.
    this.pending.get(message.jobId)?.receive(message);
  }

  /** Terminates the worker; `failure` ends the requests it had (none are left when it is idle). */
  private end(failure = 'The generation worker was ended.'): void {
    const running = this.worker;
    this.worker = undefined;
    this.cancelIdle();
    for (const p of [...this.pending.values()]) p.fail(failure);
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
