/**
 * The worker's side of the job protocol (shared/messages.ts), the same in every runtime: the
 * host sends job requests and `stop`; the worker answers with each job's messages. A run
 * (`train`, `sweep`, `lrFind`) has the worker to itself, one at a time; generation requests
 * (`generate`) and questions about a model (`explore`, both runGeneration.ts) may overlap, each
 * stoppable by its id. The runtime's entry —
 * nodeMain.ts for Node's `worker_threads`, webMain.ts for a browser Web Worker — only adapts its
 * message port to `JobPort` and says where the backend's `.wasm` binaries come from
 * (`WorkerRuntime`).
 */
import { InputError } from '../core/errors';
import { workerFailure } from '../shared/failures';
import { JOBS, type RunJobKind } from '../shared/jobKinds';
import { isToWorker, type PostToHost, type RunRequest } from '../shared/messages';
import { Generators } from './runGeneration';
import { runLrFind, runSweep } from './runExperiments';
import type { WorkerRuntime } from './runtime';
import { runTraining } from './runTraining';

export type { WorkerRuntime } from './runtime';

/** The worker's end of its channel to the host. */
export interface JobPort {
  /** Every message from the host, unchecked: serve.ts checks it (shared/messages.ts isToWorker). */
  onMessage(listener: (message: unknown) => void): void;
  post: PostToHost;
}

type Runner<K extends RunJobKind> = (
  request: Extract<RunRequest, { type: K }>,
  post: PostToHost,
  signal: AbortSignal,
  runtime: WorkerRuntime,
) => Promise<void>;

/** The job code of each kind of run. */
const RUNNERS: { [K in RunJobKind]: Runner<K> } = { train: runTraining, sweep: runSweep, lrFind: runLrFind };

/**
 * Runs `request` with its kind's job code. A bad input before the views heard of the job (its
 * first run event: a stage of reading a large list, or its started event) rejects it; any error
 * after that ends it with a `failed` run event. Never throws.
 */
export async function runJob(request: RunRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
  const { jobId, type: job } = request;
  const runner = RUNNERS[job] as Runner<RunJobKind>;
  let started = false;
  try {
    await runner(
      request,
      (message, transfer) => {
        if (message.type === JOBS[job].startedEvent || message.type === 'phase') started = true;
        post(message, transfer);
      },
      signal,
      runtime,
    );
  } catch (e) {
    const input = e instanceof InputError;
    if (input && !started) {
      post({ type: 'rejected', jobId, job, message: e.message });
      return;
    }
    const { message, detail } = workerFailure(e);
    post({ type: 'failed', jobId, job, cause: input ? 'input' : 'error', message, ...(!input && detail ? { detail } : {}) });
  }
}

/**
 * Serves jobs on `port`: one run at a time, generations alongside; `stop` ends the running run
 * (or, with a `jobId`, that job) with what it has.
 */
export function serveJobs(port: JobPort, runtime: WorkerRuntime): void {
  let run: { jobId: number; controller: AbortController } | undefined;
  const generations = new Map<number, AbortController>();
  const generators = new Generators();
  port.onMessage((message) => {
    if (!isToWorker(message)) {
      // A host that sends what the protocol does not have is a bug: said, not acted on.
      console.error(`Makemore worker: ignored a message that is not a job request: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'stop') {
      if (message.jobId === undefined || message.jobId === run?.jobId) run?.controller.abort();
      else generations.get(message.jobId)?.abort();
      return;
    }
    if (message.type === 'generate' || message.type === 'explore') {
      const controller = new AbortController();
      generations.set(message.jobId, controller);
      const job =
        message.type === 'generate'
          ? generators.run(message, port.post, controller.signal, runtime)
          : generators.explore(message, port.post, controller.signal, runtime);
      void job.finally(() => generations.delete(message.jobId));
      return;
    }
    if (run) {
      port.post({ type: 'rejected', jobId: message.jobId, job: message.type, message: 'A job is already in progress.' });
      return;
    }
    const current = { jobId: message.jobId, controller: new AbortController() };
    run = current;
    void runJob(message, port.post, current.controller.signal, runtime).finally(() => {
      run = undefined;
    });
  });
}
