/**
 * The job worker of the web extension host (VS Code for the Web): a browser Web Worker running
 * dist/web/worker.js, behind the same `JobWorker` interface as Node's (nodeWorker.ts).
 *
 * A web extension host cannot start a worker from its extension's URL ("Creating workers from
 * remote extensions is currently not supported"), and its workers load classic scripts only:
 * the host reads the script and the backend's `.wasm` binaries (webAssets.ts), starts the
 * worker from a `blob:` URL of the script, and posts the binaries first (`init`), before the
 * job. Both are read once; each job gets its own worker and its own copy of the binaries.
 *
 * A worker that cannot load (its script cannot be read or does not run) or that crashes (runs
 * out of memory) becomes a failure with a message for the user; its `error` event is
 * `preventDefault()`-ed, or it would also become an uncaught error of the extension host.
 */
import { isOutOfMemory, OUT_OF_MEMORY_HINT } from '../../shared/failures';
import { isWorkerReady, type ToWorker, type WorkerInit } from '../../shared/messages';
import type { JobWorker, SpawnWorker, WorkerRole } from './workerSession';

/** What a worker needs from its host: its script as a URL the host may start, and the `.wasm` binaries by name. */
export interface WebWorkerAssets {
  scriptUrl: string;
  wasm: Record<string, Uint8Array>;
}

/** The event of a worker that threw or could not load (the DOM's ErrorEvent, as far as it is used). */
export interface WorkerErrorEvent {
  message?: string;
  preventDefault(): void;
}

/** The part of the DOM's `Worker` used here (the extension is type-checked without the DOM library). */
export interface WebWorkerLike {
  postMessage(message: unknown, transfer?: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: WorkerErrorEvent) => void): void;
  addEventListener(type: 'messageerror', listener: () => void): void;
  terminate(): void;
}

/** Starts a worker from a script URL (the global `Worker` in a web extension host). */
export type CreateWorker = (scriptUrl: string) => WebWorkerLike;

/** The name of every job worker (its global `name`: shown by a browser's developer tools). */
export const WORKER_NAME = 'Makemore job';

/** The browser's `Worker` constructor. */
export const browserWorker: CreateWorker = (scriptUrl) =>
  new (globalThis as unknown as { Worker: new (url: string, options: { name: string }) => WebWorkerLike }).Worker(scriptUrl, {
    name: WORKER_NAME,
  });

/**
 * A JobWorker over a Web Worker that starts once `assets` are there: messages posted before
 * that wait, and a failure to get them or to start the worker is a failure of the worker.
 */
export function webJobWorker(assets: Promise<WebWorkerAssets>, create: CreateWorker, role: WorkerRole = 'training'): JobWorker {
  const messageListeners: ((message: unknown) => void)[] = [];
  const failureListeners: ((reason: string) => void)[] = [];
  const queued: ToWorker[] = [];
  let worker: WebWorkerLike | undefined;
  let ready = false;
  let over = false;

  const fail = (reason: string): void => {
    if (over) return;
    over = true;
    worker?.terminate();
    for (const listener of failureListeners) listener(reason);
  };

  void assets.then(
    ({ scriptUrl, wasm }) => {
      if (over) return;
      try {
        worker = create(scriptUrl);
      } catch (e) {
        fail(`The ${role} worker could not load: ${e instanceof Error ? e.message : String(e)}.`);
        return;
      }
      worker.addEventListener('message', ({ data }) => {
        if (over) return;
        if (isWorkerReady(data)) ready = true;
        else for (const listener of messageListeners) listener(data);
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        const detail = event.message?.replace(/^Uncaught\s+/, '') || 'no reason given';
        if (!ready) fail(`The ${role} worker could not load: ${detail}.`);
        else if (isOutOfMemory(detail)) fail(`The ${role} worker crashed: it ran out of memory (${OUT_OF_MEMORY_HINT}).`);
        else fail(`The ${role} worker crashed: ${detail}.`);
      });
      worker.addEventListener('messageerror', () => fail(`The ${role} worker sent a message that could not be read.`));
      // Each worker gets its own copy of the binaries: transferring the cached ones would empty them.
      const copies = Object.fromEntries(Object.entries(wasm).map(([name, bytes]) => [name, bytes.slice().buffer as ArrayBuffer]));
      worker.postMessage({ type: 'init', wasm: copies } satisfies WorkerInit, Object.values(copies));
      for (const message of queued.splice(0)) worker.postMessage(message);
    },
    (e: unknown) => fail(`The ${role} worker could not load: ${e instanceof Error ? e.message : String(e)}.`),
  );

  return {
    post: (message) => {
      if (over) return;
      if (worker) worker.postMessage(message);
      else queued.push(message);
    },
    onMessage: (listener) => void messageListeners.push(listener),
    onFailure: (listener) => void failureListeners.push(listener),
    terminate: () => {
      over = true;
      worker?.terminate();
    },
  };
}

/** Starts a Web Worker for each job, from the assets `load` gives (read once, by the caller's cache). */
export function spawnWebWorker(load: () => Promise<WebWorkerAssets>, create: CreateWorker = browserWorker): SpawnWorker {
  return (role) => webJobWorker(load(), create, role);
}
