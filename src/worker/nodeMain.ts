/**
 * The job worker of the desktop extension host: a `worker_threads` Worker (bundled to
 * dist/worker.js) that runs the engine, so the host's event loop — and the editor — stay free.
 * The jobs and their protocol are serve.ts's; this entry only connects Node's message port and
 * reads the backend's `.wasm` files next to its own script (the build copies them there).
 */
import { parentPort } from 'node:worker_threads';
import { initNodeBackend } from '../core/nodeBackend';
import { serveJobs } from './serve';

const port = parentPort;
if (!port) throw new Error('The Makemore worker must run in a worker thread.');

serveJobs(
  {
    onMessage: (listener) => port.on('message', (message: unknown) => listener(message)),
    post: (message, transfer) => port.postMessage(message, transfer ?? []),
  },
  { initBackend: () => initNodeBackend({ wasmDir: __dirname }) },
);
