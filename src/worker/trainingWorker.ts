/**
 * The training worker: a `worker_threads` Worker of the extension host (bundled to
 * dist/worker.js). It runs the engine, so the host's event loop — and the editor — stay free.
 *
 * Protocol (src/shared/protocol.ts): the host sends `train` and `stop`; the worker answers with
 * run events, then one `result` carrying the checkpoint bytes (transferred), or `inputError`
 * for a bad word list or setting. One run at a time.
 */
import { parentPort } from 'node:worker_threads';
import { initBackend } from '../core/backend';
import { encodeCheckpoint } from '../core/checkpoint';
import { type TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';
import { countParams } from '../core/model';
import { prepareConfigured, toCheckpoint } from '../core/pipeline';
import { sampleWords } from '../core/sample';
import { modelShape, train } from '../core/train';
import type { ToWorker, TrainRequest, WorkerEvent } from '../shared/protocol';

const port = parentPort;
if (!port) throw new Error('trainingWorker must run in a worker thread.');

let controller: AbortController | undefined;

function post(message: WorkerEvent, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    if (controller && !controller.signal.aborted) {
      controller.abort();
    }
  } else if (message.type === 'train') {
    void run(message);
  }
});

async function run(request: TrainRequest): Promise<void> {
  const { runId } = request;
  if (controller) {
    post({ type: 'inputError', runId, message: 'A training run is already in progress in this worker.' });
    return;
  }
  controller = new AbortController();
  const { signal } = controller;
  try {
    const { data, config } = prepareConfigured(request.text, request.config as Partial<TrainingConfig>);
    const backend = await initBackend({ wasmDir: request.wasmDir });
    const { dataset } = data;
    post({
      type: 'started',
      runId,
      sourceName: request.sourceName,
      words: data.wordList.words.length,
      symbols: dataset.vocabulary.symbols.map((_, i) => dataset.vocabulary.label(i)),
      examples: { train: dataset.train.count, dev: dataset.dev.count, test: dataset.test.count },
      config,
      paramCount: countParams(modelShape(dataset, config)),
      backend: backend.name,
      ...(backend.warning ? { warning: backend.warning } : {}),
    });
    let stoppingSent = false;
    const result = await train(dataset, config, {
      signal,
      onProgress: (p) => {
        if (signal.aborted && !stoppingSent) {
          stoppingSent = true;
          post({ type: 'stopping', runId });
        }
        post({
          type: 'progress',
          runId,
          step: p.step,
          totalSteps: p.totalSteps,
          progress: p.progress,
          seconds: p.seconds,
          learningRate: p.learningRate,
          losses: Array.from(p.losses),
          smoothLoss: p.smoothLoss,
          examplesPerSecond: p.examplesPerSecond,
          embedding: Array.from(p.embedding),
        });
      },
      onEval: (e) => post({ type: 'eval', runId, ...e }),
    });
    const checkpoint = toCheckpoint(result, data, request.sourceName, backend.name);
    const bytes = encodeCheckpoint(checkpoint);
    const samples = sampleWords(
      { shape: result.shape, params: result.params, vocabulary: dataset.vocabulary },
      { count: 12, seed: config.seed },
    ).words;
    post(
      {
        type: 'result',
        runId,
        summary: {
          losses: result.losses,
          bigram: result.bigram,
          steps: result.steps,
          keptStep: result.keptStep,
          seconds: result.seconds,
          examplesPerSecond: result.examplesPerSecond,
          stopped: result.stopped,
        },
        samples,
        bytes,
      },
      [bytes.buffer as ArrayBuffer],
    );
  } catch (e) {
    if (e instanceof InputError) post({ type: 'inputError', runId, message: e.message });
    else post({ type: 'failed', runId, message: e instanceof Error ? e.message : String(e) });
  } finally {
    controller = undefined;
  }
}
