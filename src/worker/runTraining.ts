/**
 * One training run, from a TrainRequest to protocol messages: what the worker thread does,
 * as a plain function (so tests and recorders can run it without a thread).
 */
import { initBackend } from '../core/backend';
import { encodeCheckpoint } from '../core/checkpoint';
import type { TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';
import { countParams } from '../core/model';
import { prepareConfigured, toCheckpoint } from '../core/pipeline';
import { sampleWords } from '../core/sample';
import { modelShape, train } from '../core/train';
import type { TrainRequest, WorkerEvent } from '../shared/protocol';

export type Post = (message: WorkerEvent, transfer?: ArrayBuffer[]) => void;

/** Runs `request`, posting run events, then `result`, `inputError` or `failed`. Never throws. */
export async function runTraining(request: TrainRequest, post: Post, signal: AbortSignal): Promise<void> {
  const { runId } = request;
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
    // Say so as soon as the stop request arrives: the kept model's final evaluation follows.
    signal.addEventListener('abort', () => post({ type: 'stopping', runId }), { once: true });
    const result = await train(dataset, config, {
      signal,
      onProgress: (p) => post({ type: 'progress', runId, ...p }),
      onEval: (e) => post({ type: 'eval', runId, ...e }),
    });
    const bytes = encodeCheckpoint(toCheckpoint(result, data, request.sourceName, backend.name));
    const samples = sampleWords(
      { shape: result.shape, params: result.params, vocabulary: dataset.vocabulary, casing: data.casing },
      { count: 12, seed: config.seed, unique: true },
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
  }
}
