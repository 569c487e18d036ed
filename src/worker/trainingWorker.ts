/**
 * The training worker: a `worker_threads` Worker of the extension host (bundled to
 * dist/worker.js). It runs the engine, so the host's event loop — and the editor — stay free.
 *
 * Protocol (src/shared/protocol.ts): the host sends `train` and `stop`; the worker answers with
 * run events, then one `result` carrying the checkpoint bytes (transferred), or `inputError`
 * for a bad word list or setting, or `failed`. One run at a time; a `stop` is seen within one
 * training step (the loop yields to the event loop every ~40 ms).
 */
import { parentPort } from 'node:worker_threads';
import type { ToWorker } from '../shared/protocol';
import { runTraining } from './runTraining';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread.');

let controller: AbortController | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    controller?.abort();
  } else if (message.type === 'train') {
    if (controller) {
      port.postMessage({ type: 'inputError', runId: message.runId, message: 'A training run is already in progress.' });
      return;
    }
    const current = new AbortController();
    controller = current;
    void runTraining(message, (m, transfer) => port.postMessage(m, transfer ?? []), current.signal).finally(() => {
      controller = undefined;
    });
  }
});
