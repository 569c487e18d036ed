/**
 * What job code needs of the runtime it runs in (Node's `worker_threads`, a browser Web Worker):
 * the runtime's entry (nodeMain.ts, webMain.ts) gives it to serveJobs (serve.ts), which passes it
 * to every job.
 */
import type { BackendInfo } from '../core/backend';

export interface WorkerRuntime {
  /** Starts the TensorFlow.js backend, its `.wasm` binaries from wherever this runtime has them
   * (once per worker: later calls get the first result). */
  initBackend(): Promise<BackendInfo>;
}
