/**
 * The job worker of the web extension host (VS Code for the Web): a classic-script Web Worker
 * (bundled to dist/web/worker.js, IIFE) that the host starts from a blob. The jobs and their
 * protocol are serve.ts's, as in Node; this entry connects the worker's global scope and takes
 * the backend's `.wasm` binaries from the host's `init` message (a worker started from a blob
 * has no location to fetch them from, and must not fetch). It says `ready` once it serves jobs.
 */
import { initBackend, wasmFromBytes, type WasmBinaries } from '../core/backend';
import { isWorkerInit, type WorkerReady } from '../shared/messages';
import { serveJobs } from './serve';

/** The part of a dedicated worker's global scope used here (the Node tsconfig has no WebWorker lib). */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
}

const scope = globalThis as unknown as WorkerScope;
let wasm: WasmBinaries = {};
let jobs: ((message: unknown) => void) | undefined;

scope.addEventListener('message', ({ data }) => {
  if (isWorkerInit(data)) wasm = data.wasm;
  else jobs?.(data);
});

serveJobs(
  {
    onMessage: (listener) => (jobs = listener),
    post: (message, transfer) => scope.postMessage(message, transfer ?? []),
  },
  { initBackend: () => initBackend({ wasm: wasmFromBytes(wasm) }) },
);
scope.postMessage({ type: 'ready' } satisfies WorkerReady);
