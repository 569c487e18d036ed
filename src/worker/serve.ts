/**
 * The worker's side of the job protocol (shared/messages.ts), the same in every runtime: the
 * host sends a job request (`train`, `sweep`, `lrFind`) and `stop`; the worker runs one job at
 * a time and answers with the job's messages. The runtime's entry — nodeMain.ts for Node's
 * `worker_threads`, webMain.ts for a browser Web Worker — only adapts its message port to
 * `JobPort` and says where the backend's `.wasm` binaries come from (`WorkerRuntime`).
 */
import { errorMessage, InputError } from '../core/errors';
import { isOutOfMemory, OUT_OF_MEMORY_HINT } from '../shared/failures';
import { JOBS, type JobKind } from '../shared/jobs';
import type { JobRequest, PostToHost, ToWorker } from '../shared/messages';
import { runLrFind, runSweep } from './runExperiments';
import type { WorkerRuntime } from './runtime';
import { runTraining } from './runTraining';

export type { WorkerRuntime } from './runtime';

/** The worker's end of its channel to the host. */
export interface JobPort {
  onMessage(listener: (message: ToWorker) => void): void;
  post: PostToHost;
}

type Runner<K extends JobKind> = (
  request: Extract<JobRequest, { type: K }>,
  post: PostToHost,
  signal: AbortSignal,
  runtime: WorkerRuntime,
) => Promise<void>;

/** The job code of each kind. */
const RUNNERS: { [K in JobKind]: Runner<K> } = { train: runTraining, sweep: runSweep, lrFind: runLrFind };

/**
 * Runs `request` with its kind's job code. A bad input before the job started rejects it;
 * any error after that ends it with a `failed` run event. Never throws.
 */
export async function runJob(request: JobRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
  const { jobId, type: job } = request;
  const runner = RUNNERS[job] as Runner<JobKind>;
  let started = false;
  try {
    await runner(request, (message, transfer) => {
      if (message.type === JOBS[job].startedEvent) started = true;
      post(message, transfer);
    }, signal, runtime);
  } catch (e) {
    const input = e instanceof InputError;
    if (input && !started) {
      post({ type: 'rejected', jobId, job, message: e.message });
      return;
    }
    post({
      type: 'failed',
      jobId,
      job,
      cause: input ? 'input' : 'error',
      message: isOutOfMemory(e) ? `The worker ran out of memory (${OUT_OF_MEMORY_HINT}).` : errorMessage(e),
      ...(!input && e instanceof Error && e.stack ? { detail: e.stack } : {}),
    });
  }
}

/** Serves jobs on `port`: one at a time; `stop` ends the running one with what it has. */
export function serveJobs(port: JobPort, runtime: WorkerRuntime): void {
  let controller: AbortController | undefined;
  port.onMessage((message) => {
    if (message.type === 'stop') {
      controller?.abort();
      return;
    }
    if (controller) {
      port.post({ type: 'rejected', jobId: message.jobId, job: message.type, message: 'A job is already in progress.' });
      return;
    }
    const current = new AbortController();
    controller = current;
    void runJob(message, port.post, current.signal, runtime).finally(() => {
      controller = undefined;
    });
  });
}
