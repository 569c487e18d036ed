/**
 * The job worker of the desktop (Node) extension host: a `worker_threads` Worker running
 * dist/worker.js, with its own heap limit, so a job that runs out of memory ends its worker
 * instead of aborting the whole extension host.
 */
import { Worker } from 'node:worker_threads';
import { OUT_OF_MEMORY_HINT } from '../../shared/failures';
import type { JobWorker, SpawnWorker, WorkerRole } from './workerSession';

/** The old-generation heap limit of the worker. */
export const WORKER_HEAP_MB = 2048;

/** Wraps a Node worker as a JobWorker. */
export function nodeJobWorker(worker: Worker, role: WorkerRole = 'training'): JobWorker {
  return {
    post: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.on('message', listener),
    onFailure: (listener) => {
      worker.on('error', (error: Error & { code?: string }) => {
        const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `it ran out of memory (${OUT_OF_MEMORY_HINT})` : error.message;
        listener(`The ${role} worker crashed: ${reason}.`);
      });
      worker.on('exit', (code: number) => listener(`The ${role} worker stopped unexpectedly (exit code ${code}).`));
    },
    terminate: () => void worker.terminate(),
  };
}

/** Starts dist/worker.js (at `script`) for each job. */
export function spawnNodeWorker(script: string, heapMb = WORKER_HEAP_MB): SpawnWorker {
  return (role) => nodeJobWorker(new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb } }), role);
}
