/**
 * The training worker: a `worker_threads` Worker of the extension host (bundled to
 * dist/worker.js). It runs the engine, so the host's event loop — and the editor — stay free.
 *
 * Protocol (src/shared/protocol.ts): the host sends `train`, `sweep` or `lrFind`, and `stop`;
 * the worker answers with run events, then the outcome (`result` with the checkpoint bytes,
 * transferred; `sweepFinished`; `lrFindFinished`), or `inputError` for a bad word list or
 * setting, or `failed`. One job at a time; a `stop` is seen within one training step (the
 * loops yield to the event loop every ~40 ms).
 */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../shared/protocol';
import { runLrFind, runSweep } from './runExperiments';
import { runTraining, type Post } from './runTraining';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread.');

let controller: AbortController | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    controller?.abort();
    return;
  }
  if (controller) {
    port.postMessage({ type: 'inputError', runId: message.runId, message: 'A training run is already in progress.' });
    return;
  }
  const current = new AbortController();
  controller = current;
  const post: Post = (m, transfer) => port.postMessage(m, transfer ?? []);
  const job =
    message.type === 'train'
      ? runTraining(message, post, current.signal)
      : message.type === 'sweep'
        ? runSweep(message, post, current.signal)
        : runLrFind(message, post, current.signal);
  void job.finally(() => {
    controller = undefined;
  });
});
