/**
 * A training job, from its request to the job's messages: what the worker does, as a plain
 * function (so tests and recorders run it without a thread). Errors are serve.ts's to report.
 */
import { encodeCheckpoint } from '../core/checkpoint';
import type { TrainingConfig } from '../core/config';
import { BigramModel } from '../core/evaluate';
import { TAG_SAMPLES } from '../core/honesty';
import { encodeCheckedModel } from '../core/modelCheck';
import { countParams, type ModelShape } from '../core/model';
import { listWithSplits, measureSampleTags, releaseExamples, toCheckpoint, type PreparedData } from '../core/pipeline';
import { sampleWords } from '../core/sample';
import type { SplitLosses } from '../core/splits';
import { modelShape, outputLayerNote, train, type TrainCheckpoint } from '../core/train';
import type { PostToHost, TrainRequest } from '../shared/messages';
import { prepareJob } from './jobPhases';
import type { WorkerRuntime } from './runtime';

/** A long run's best model so far is posted past its first minute, at most once a minute (messages.ts CheckpointMessage). */
export const CHECKPOINT_SECONDS = 60;

/**
 * Posts the stages of reading a large list, `trainStarted` (with what was read), progress,
 * evaluations and the stages after the steps, then samples, the model and `trainFinished` (with
 * its notes: early stopping, the train-loss sample, the dev sample, the time cap).
 */
export async function runTraining(
  request: TrainRequest,
  post: PostToHost,
  signal: AbortSignal,
  runtime: WorkerRuntime,
  checkpointSeconds = CHECKPOINT_SECONDS,
): Promise<void> {
  const { jobId } = request;
  const { data, config, auto, phases, report } = prepareJob(request, post);
  const backend = await runtime.initBackend();
  const { dataset } = data;
  const shape = modelShape(dataset, config);
  post({
    type: 'trainStarted',
    jobId,
    listName: request.listName,
    words: data.wordList.words.length,
    symbols: dataset.vocabulary.symbols.map((_, i) => dataset.vocabulary.label(i)),
    examples: { train: dataset.train.count, dev: dataset.dev.count, test: dataset.test.count },
    config,
    paramCount: countParams(shape),
    outputLayer: outputLayerNote(shape),
    ...(auto.length ? { auto } : {}),
    backend: backend.name,
    ...(backend.warning ? { warning: backend.warning } : {}),
    ...report(),
  });
  let baseline: SplitLosses | undefined;
  const result = await train(dataset, config, {
    signal,
    checkpointSeconds,
    onCheckpoint: (best) => {
      baseline ??= new BigramModel(dataset.vocabulary, dataset.splitWords.train).splitLosses(dataset.splitWords);
      const bytes = checkpointBytes(best, shape, data, config, baseline, request.listName, backend.name);
      post({ type: 'checkpoint', jobId, bytes, step: best.steps, keptStep: best.keptStep }, [bytes.buffer as ArrayBuffer]);
    },
    onProgress: (p) => post({ type: 'trainProgress', jobId, ...p }),
    onEval: (e) => post({ type: 'trainEval', jobId, ...e }),
    onPhase: phases.report,
  });
  // The examples are not needed any more: a 30 MB list's model is saved without holding both.
  releaseExamples(data);
  // How many of the model's samples are new names, measured once (core/honesty.ts).
  phases.report({ phase: 'sampling', label: `checking ${TAG_SAMPLES.toLocaleString('en-US')} samples against the list` });
  const words = listWithSplits(data.wordList.words, dataset.splitWords);
  result.sampleTags = measureSampleTags(result, data, words, config.seed);
  phases.report({ phase: 'saving', label: 'saving the model' });
  const bytes = encodeCheckedModel(toCheckpoint(result, data, request.listName, backend.name, words));
  const samples = sampleWords(
    { shape: result.shape, params: result.params, vocabulary: dataset.vocabulary, casing: data.casing },
    { count: 12, seed: config.seed, unique: true },
  ).words;
  post({ type: 'samples', jobId, words: samples });
  post({ type: 'model', jobId, bytes }, [bytes.buffer as ArrayBuffer]);
  const {
    losses,
    bigram,
    steps,
    keptStep,
    seconds,
    examplesPerSecond,
    stopped,
    earlyStop,
    trainLossSample,
    devSampleExamples,
    timeCapped,
    sampledLosses,
    sampleTags,
  } = result;
  post({
    type: 'trainFinished',
    jobId,
    losses,
    bigram,
    steps,
    keptStep,
    seconds,
    examplesPerSecond,
    stopped,
    devSampleExamples,
    ...(earlyStop ? { earlyStop } : {}),
    ...(trainLossSample ? { trainLossSample } : {}),
    ...(timeCapped ? { timeCapped } : {}),
    ...(sampledLosses ? { sampledLosses } : {}),
    ...(sampleTags ? { sampleTags } : {}),
  });
}

/**
 * The model file of a run still training, as a stopped run's: its best parameters so far, its
 * losses not measured (null: the final evaluation never ran, and a null dev loss never makes it
 * the active model over a measured run of the same text), the bigram baseline.
 */
function checkpointBytes(
  best: TrainCheckpoint,
  shape: ModelShape,
  data: PreparedData,
  config: TrainingConfig,
  bigram: SplitLosses,
  listName: string,
  backend: string,
): Uint8Array {
  return encodeCheckpoint(
    toCheckpoint(
      {
        shape,
        params: best.params,
        config,
        losses: { train: null, dev: null, test: null },
        bigram,
        steps: best.steps,
        keptStep: best.keptStep,
        seconds: best.seconds,
        examplesPerSecond: best.examplesPerSecond,
        paramCount: countParams(shape),
        stopped: true,
        evals: [],
        devSampleExamples: data.dataset.dev.count,
      },
      data,
      listName,
      backend,
    ),
  );
}
