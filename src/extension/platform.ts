/**
 * What differs between the extension's two hosts — the desktop (Node) extension host and the
 * web worker extension host of VS Code for the Web — is how a job worker starts, and with it
 * where the worker's script and the backend's `.wasm` binaries come from. Everything else is
 * shared (extension.ts); each host's entry (nodeMain.ts, webMain.ts) passes its `Platform` in.
 */
import type { SpawnWorker } from './jobs/workerSession';

export interface Platform {
  /** Which extension host this is. */
  readonly host: 'node' | 'web';
  /** Starts a job worker: a `worker_threads` Worker, or a Web Worker. */
  readonly spawnWorker: SpawnWorker;
  /** Releases what the platform holds (a web host's cached worker script). */
  dispose?(): void;
}
