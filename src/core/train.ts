/**
 * The training loop: random minibatches from the train split, the optimiser and its schedule,
 * periodic dev evaluation keeping the best model, progress events, cancellation.
 *
 * `train` is async only to yield to the event loop every ~40 ms, so that a stop request (an
 * AbortSignal, or a worker message) is seen within one step of being sent.
 */
import type { TrainingConfig } from './config';
import { Minibatches, type Dataset } from './dataset';
import { nextTask } from './nextTask';
import { InputError } from './errors';
import { BigramModel, evaluateLoss, evaluateSplits } from './evaluate';
import { cloneParams, countParams, initParams, zerosLike, type ModelShape, type Params } from './model';
import { createOptimizer, learningRateAt } from './optim';
import type { EvalPoint, RunSummary, TrainProgress } from './progress';
import { Rng } from './rng';
import { sampleWords } from './sample';
import { SPLITS, type SplitName } from './splits';
import { TrainingStep } from './step';

export interface TrainCallbacks {
  signal?: AbortSignal;
  onProgress?(progress: TrainProgress): void;
  onEval?(point: EvalPoint): void;
  /** Minimum time between progress events (default 100 ms). */
  progressIntervalMs?: number;
  /** Splits to evaluate at the end (default all three; a sweep leaves the test split alone). */
  finalSplits?: readonly SplitName[];
}

export interface TrainResult extends RunSummary {
  shape: ModelShape;
  params: Params;
  config: TrainingConfig;
  paramCount: number;
  evals: EvalPoint[];
}

/** Weight of the newest minibatch loss in the moving average (a window of ~20 steps). */
const SMOOTHING = 0.05;

export function modelShape(dataset: Dataset, config: TrainingConfig): ModelShape {
  return {
    vocabSize: dataset.vocabulary.size,
    blockSize: config.blockSize,
    embeddingSize: config.embeddingSize,
    hiddenSize: config.hiddenSize,
  };
}

export function evalInterval(config: TrainingConfig): number {
  return config.evalEvery > 0 ? config.evalEvery : Math.max(1, Math.ceil(config.steps / 20));
}

export async function train(dataset: Dataset, config: TrainingConfig, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
  if (dataset.blockSize !== config.blockSize) throw new Error('The dataset was built for another block size.');
  const shape = modelShape(dataset, config);
  const rng = new Rng(config.seed);
  const params = initParams(shape, rng, config.init);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const B = config.batchSize;
  const step = new TrainingStep(shape, B);
  const batches = new Minibatches(dataset.train, B, rng);
  const interval = evalInterval(config);
  const progressMs = callbacks.progressIntervalMs ?? 100;
  const trainingWords = new Set(dataset.splitWords.train);

  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  const progressOf = (s: number): number =>
    config.timeBudget > 0 ? Math.max(s / config.steps, elapsed() / config.timeBudget) : s / config.steps;

  let smooth = NaN;
  let best: { dev: number; step: number; params: Params } | undefined;
  const evals: EvalPoint[] = [];
  let pending: number[] = [];
  let lastEvent = start;
  let lastYield = start;
  let lastEventStep = 0;
  let lastEventTime = start;
  let lr = config.learningRate;
  let done = 0;
  let stopped = false;

  const emitProgress = (now: number): void => {
    const exps = ((done - lastEventStep) * B) / Math.max(1e-9, (now - lastEventTime) / 1000);
    callbacks.onProgress?.({
      step: done,
      totalSteps: config.steps,
      progress: Math.min(1, progressOf(done)),
      seconds: elapsed(),
      learningRate: lr,
      losses: pending,
      smoothLoss: smooth,
      examplesPerSecond: exps,
      embedding: Array.from(params.C),
    });
    pending = [];
    lastEvent = now;
    lastEventStep = done;
    lastEventTime = now;
  };

  const evaluate = (): void => {
    const dev = evaluateLoss(shape, params, dataset.dev) ?? NaN;
    if (!best || dev < best.dev) best = { dev, step: done, params: cloneParams(params) };
    const samples = sampleWords({ shape, params, vocabulary: dataset.vocabulary, trainingWords }, { count: 8, seed: config.seed + done, maxLength: 40 }).words;
    const point: EvalPoint = { step: done, seconds: elapsed(), dev, trainSmooth: smooth, samples };
    evals.push(point);
    callbacks.onEval?.(point);
  };

  while (done < config.steps) {
    if (callbacks.signal?.aborted) {
      stopped = true;
      break;
    }
    const progress = progressOf(done);
    if (progress >= 1) break;
    lr = learningRateAt(progress, config.learningRate, config.lrDrops, config.lrDropFactor);
    batches.next();
    const loss = step.run(params, batches.X, batches.Y, grads);
    optimizer.step(params, grads, lr);
    done++;
    smooth = Number.isNaN(smooth) ? loss : smooth + SMOOTHING * (loss - smooth);
    pending.push(loss);
    if (!Number.isFinite(loss)) throw new InputError(`Training diverged at step ${done} (loss ${loss}). Try a lower learning rate.`);

    const isEval = done % interval === 0 && done < config.steps;
    if (isEval) evaluate();
    const now = performance.now();
    if (isEval || now - lastEvent >= progressMs) emitProgress(now);
    if (now - lastYield >= 40) {
      await nextTask();
      lastYield = performance.now();
    }
  }
  const trainSeconds = elapsed();
  const examplesPerSecond = (done * B) / Math.max(1e-9, trainSeconds);

  // Keep the better of the final parameters and the best evaluated ones (whose dev loss is known).
  if (done > 0 && evals.at(-1)?.step !== done) evaluate();
  const kept = best ?? { step: done, params, dev: null };
  emitProgress(performance.now());

  const splits = callbacks.finalSplits ?? SPLITS;
  const losses = evaluateSplits(shape, kept.params, dataset, best ? splits.filter((s) => s !== 'dev') : splits);
  if (best && splits.includes('dev')) losses.dev = best.dev;
  const bigram = new BigramModel(dataset.vocabulary, dataset.splitWords.train).splitLosses(dataset.splitWords);
  return {
    shape,
    params: kept.params,
    config,
    losses,
    bigram,
    steps: done,
    keptStep: kept.step,
    seconds: elapsed(),
    examplesPerSecond,
    paramCount: countParams(shape),
    stopped,
    evals,
  };
}
