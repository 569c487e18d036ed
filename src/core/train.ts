/**
 * The training loop: random minibatches from the train split, the optimiser and its schedule,
 * periodic dev evaluation keeping the best model, early stopping, progress events with an ETA,
 * cancellation; then the final evaluation.
 *
 * Time stays bounded on any list:
 * - dev evaluations during training use a fixed random sample of the dev split (≤ 20,000
 *   examples, the same for a seed), so they cost the same on 3,000 lines or 3 million;
 * - at the end, the kept model is evaluated once on the whole dev and test splits, and on a
 *   sample of the train split (≤ 100,000 examples; `trainLossSample` says so);
 * - when the step count was left to the engine (`dataset.autoSchedule`), the run — preparation
 *   and final evaluation included — is kept within TIME_CAP_RATIO of what the default run on
 *   names.txt would take on this machine at the measured speed (from the model's step cost,
 *   config.ts `stepCost`): when the steps would overrun, the schedule follows time instead.
 *
 * Early stopping (`config.patience` steps, 0: off): when the dev loss has not improved for that
 * many steps, the next learning-rate drop comes forward; after the last drop, the run ends ("stopped
 * early at step 450: no improvement on dev for 300 steps"). Patience counts from the later of the
 * best evaluation and the last drop, so a run that keeps improving keeps its scheduled drops.
 *
 * `train` is async only to yield to the event loop every ~40 ms, so that a stop request (an
 * AbortSignal, or a worker message) is seen within one step of being sent.
 */
import { cheaperOutputLayer, REFERENCE_VOCAB, stepCost, type TrainingConfig } from './config';
import { EVAL_SAMPLE_SIZE, Minibatches, sampleExamples, TRAIN_LOSS_SAMPLE_SIZE, type Dataset } from './dataset';
import { nextTask } from './nextTask';
import { InputError } from './errors';
import { BigramModel, evaluateSet, prepareEval, type EvalSet } from './evaluate';
import { cloneParams, countParams, initParams, zerosLike, type ModelShape, type Params } from './model';
import { createOptimizer } from './optim';
import { classCount, classTarget, frequencyClasses, initClassBiases, layoutOf, symbolCounts } from './outputLayer';
import type { EarlyStop, EvalPoint, OutputLayerNote, PhaseListener, RunSummary, TrainProgress } from './progress';
import { Rng } from './rng';
import { sampleWords } from './sample';
import { SPLITS, type SplitLosses, type SplitName } from './splits';
import { ForwardPass, TrainingStep } from './step';

export interface TrainCallbacks {
  signal?: AbortSignal;
  onProgress?(progress: TrainProgress): void;
  onEval?(point: EvalPoint): void;
  /** Stages after the training steps ("final evaluation on the whole dev split"…). */
  onPhase?: PhaseListener;
  /** Minimum time between progress events (default 100 ms). */
  progressIntervalMs?: number;
  /** Splits to evaluate at the end (default all three; a sweep leaves the test split alone). */
  finalSplits?: readonly SplitName[];
  /**
   * The best model so far, for a run that may be cut short (a window reload, a crash): called
   * after a dev evaluation that found a better model, once `checkpointSeconds` have passed since
   * the run began, and then at most once per `checkpointSeconds` (unset: never).
   */
  onCheckpoint?(best: TrainCheckpoint): void;
  checkpointSeconds?: number;
}

/** The best model of a run still training (TrainCallbacks.onCheckpoint). */
export interface TrainCheckpoint {
  /** A copy of the best parameters so far. */
  params: Params;
  /** Their step, and their dev loss on the evaluation sample. */
  keptStep: number;
  dev: number;
  /** The step reached, the seconds and the speed so far. */
  steps: number;
  seconds: number;
  examplesPerSecond: number;
}

export interface TrainResult extends RunSummary {
  shape: ModelShape;
  params: Params;
  config: TrainingConfig;
  paramCount: number;
  evals: EvalPoint[];
  /** Dev examples each evaluation during training covered (a fixed sample when the split is larger). */
  devSampleExamples: number;
}

/** Weight of the newest minibatch loss in the moving average (a window of ~20 steps). */
const SMOOTHING = 0.05;
/** An evaluation must beat the best by this much to reset the patience. */
const MIN_IMPROVEMENT = 1e-3;
/** Bound of an automatic run's time, against the default run on names.txt at the same speed (≤ 1.5×: issue 21's bounded-time rule). */
export const TIME_CAP_RATIO = 1.45;
/** The default run on names.txt the bound refers to (config.ts defaults for 182k examples). */
const REFERENCE_RUN = { steps: 2500, batchSize: 512, blockSize: 5, embeddingSize: 24, hiddenSize: 400 };
/** Steps timed before the time bound is checked (after a few warm-up steps). */
const CALIBRATION = { from: 5, to: 30 };

/**
 * The model's shape for a dataset and configuration. A factored output layer ('factored', or
 * 'auto' when it is the cheaper: config.ts cheaperOutputLayer) gets classes by frequency binning
 * of the training split's next symbols (outputLayer.ts).
 */
export function modelShape(dataset: Dataset, config: TrainingConfig): ModelShape {
  const V = dataset.vocabulary.size;
  const shape: ModelShape = {
    vocabSize: V,
    blockSize: config.blockSize,
    embeddingSize: config.embeddingSize,
    hiddenSize: config.hiddenSize,
  };
  const layer = config.outputLayer === 'auto' ? cheaperOutputLayer(config, V) : (config.outputLayer ?? 'flat');
  if (layer === 'flat') return shape;
  return { ...shape, classes: frequencyClasses(symbolCounts(dataset.train.Y, dataset.train.count, V), classTarget(V)) };
}

/** The run's output layer and what decides it (RunNotes.outputLayer). */
export function outputLayerNote(shape: ModelShape): OutputLayerNote {
  const V = shape.vocabSize;
  const c = { batchSize: BASE_STEP.batchSize, blockSize: shape.blockSize, embeddingSize: shape.embeddingSize, hiddenSize: shape.hiddenSize };
  const classes = classCount(shape);
  return {
    classes,
    symbols: V,
    costRatio: Number((stepCost(c, V, classes || classTarget(V)) / stepCost(c, V)).toFixed(3)),
  };
}

const BASE_STEP = { batchSize: 512 };

export function evalInterval(config: TrainingConfig): number {
  return config.evalEvery > 0 ? config.evalEvery : Math.max(1, Math.ceil(config.steps / 20));
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export async function train(dataset: Dataset, config: TrainingConfig, callbacks: TrainCallbacks = {}): Promise<TrainResult> {
  if (dataset.blockSize !== config.blockSize) throw new Error('The dataset was built for another block size.');
  const shape = modelShape(dataset, config);
  const rng = new Rng(config.seed);
  const params = initParams(shape, rng, config.init);
  const layout = layoutOf(shape);
  if (layout && config.init === 'scaled') initClassBiases(layout, symbolCounts(dataset.train.Y, dataset.train.count, shape.vocabSize), params.b2, params.bc);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const B = config.batchSize;
  const step = new TrainingStep(shape, B);
  const batches = new Minibatches(dataset.train, B, rng);
  const interval = evalInterval(config);
  const progressMs = callbacks.progressIntervalMs ?? 100;
  const V = shape.vocabSize;
  const devSample = sampleExamples(dataset.dev, EVAL_SAMPLE_SIZE, config.seed);
  const devSampleSet = prepareEval(devSample, V);
  const splits = callbacks.finalSplits ?? SPLITS;
  // The whole dev split, grouped by context up front: its size in distinct contexts tells the
  // cost of the final evaluation (for the ETA and the time bound).
  const wholeDev = splits.includes('dev') && dataset.dev.count > devSample.count;
  if (wholeDev) callbacks.onPhase?.({ phase: 'building', label: `grouping the dev split by context (${fmt(dataset.dev.count)} examples)` });
  const devSet: EvalSet | undefined = wholeDev ? prepareEval(dataset.dev, V) : undefined;
  const evalForward = new ForwardPass(shape, Math.min(4096, Math.max(1, devSampleSet.unique, devSet?.unique ?? 0)));
  const distinctShare = (devSet ?? devSampleSet).unique / Math.max(1, (devSet ?? devSampleSet).count);
  const sampleShare = devSampleSet.unique / Math.max(1, devSampleSet.count);
  // Distinct contexts the final evaluation runs through the model.
  const finalRows =
    (splits.includes('train') ? Math.min(dataset.train.count, TRAIN_LOSS_SAMPLE_SIZE) * sampleShare : 0) +
    (devSet ? devSet.unique : 0) +
    (splits.includes('test') ? dataset.test.count * distinctShare : 0);

  const start = performance.now();
  const elapsed = (): number => (performance.now() - start) / 1000;
  let budget = config.timeBudget;
  const progressOf = (s: number): number => (budget > 0 ? Math.max(s / config.steps, elapsed() / budget) : s / config.steps);

  let smooth = NaN;
  let best: { dev: number; step: number; params: Params } | undefined;
  let patienceRef = { dev: Infinity, step: 0 };
  let forcedDrops = 0;
  let drops = 0;
  let lastDropStep = 0;
  let earlyStop: EarlyStop | undefined;
  let timeCapped: TrainResult['timeCapped'];
  const evals: EvalPoint[] = [];
  let pending: number[] = [];
  let lastEvent = start;
  let lastYield = start;
  let lastEventStep = 0;
  let lastEventTime = start;
  let lr = config.learningRate;
  let done = 0;
  let stopped = false;
  let evalSeconds = 0;
  let evalRows = 0;
  let calibrationStart = 0;
  let secondsPerStep = NaN;
  /** The best model last handed to onCheckpoint, and when. */
  let checkpointed: typeof best;
  let checkpointAt = 0;

  /** Rows (distinct contexts) per second of evaluation: measured, else estimated from the training speed. */
  const evalRate = (): number => (evalRows > 0 ? evalRows / evalSeconds : (3 * B) / secondsPerStep);
  const finalSeconds = (): number => finalRows / evalRate();
  const eta = (): { etaSeconds?: number; totalSeconds?: number } => {
    if (!(secondsPerStep > 0)) return {};
    const p = Math.min(1, progressOf(done));
    const byProgress = p > 0.02 ? (elapsed() * (1 - p)) / p : (config.steps - done) * secondsPerStep;
    const etaSeconds = byProgress + finalSeconds();
    return { etaSeconds, totalSeconds: elapsed() + etaSeconds };
  };

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
      ...eta(),
    });
    pending = [];
    lastEvent = now;
    lastEventStep = done;
    lastEventTime = now;
  };

  const evaluate = (): void => {
    const t0 = performance.now();
    const dev = evaluateSet(shape, params, devSampleSet, evalForward) ?? NaN;
    evalSeconds += (performance.now() - t0) / 1000;
    evalRows += devSampleSet.unique;
    if (!best || dev < best.dev) best = { dev, step: done, params: cloneParams(params) };
    if (dev < patienceRef.dev - MIN_IMPROVEMENT) patienceRef = { dev, step: done };
    const samples = sampleWords(
      { shape, params, vocabulary: dataset.vocabulary, casing: dataset.casing },
      { count: 8, seed: config.seed + done, maxLength: 40 },
    ).words;
    const point: EvalPoint = { step: done, seconds: elapsed(), dev, trainSmooth: smooth, samples, devExamples: devSample.count };
    evals.push(point);
    callbacks.onEval?.(point);
  };

  /** After an evaluation: the best model so far, if it is new and a checkpoint is due. */
  const checkpoint = (): void => {
    const every = callbacks.checkpointSeconds;
    const now = elapsed();
    if (!callbacks.onCheckpoint || every === undefined || !best || best === checkpointed || now < every || now - checkpointAt < every) return;
    checkpointed = best;
    checkpointAt = now;
    callbacks.onCheckpoint({ params: best.params, keptStep: best.step, dev: best.dev, steps: done, seconds: now, examplesPerSecond: (done * B) / Math.max(1e-9, now) });
  };

  /** After an evaluation: a plateau brings the next drop forward, or (after the last) ends the run. */
  const plateau = (): boolean => {
    if (config.patience <= 0) return false;
    const since = done - Math.max(patienceRef.step, lastDropStep);
    if (since < config.patience) return false;
    if (drops < config.lrDrops.length) {
      forcedDrops = drops + 1;
      return false;
    }
    earlyStop = {
      step: done,
      bestStep: best!.step,
      patience: config.patience,
      message: `stopped early at step ${fmt(done)}: no improvement on dev for ${fmt(since)} steps`,
    };
    return true;
  };

  /** Automatic runs: bound the whole run's time against the default run on names.txt. */
  const capTime = (): void => {
    const auto = dataset.autoSchedule;
    if (!auto || config.timeBudget > 0 || !(secondsPerStep > 0)) return;
    const ref = REFERENCE_RUN.steps * secondsPerStep * (stepCost(REFERENCE_RUN, REFERENCE_VOCAB) / stepCost(config, shape.vocabSize, classCount(shape)));
    const prepared = (start - auto.preparedAt) / 1000;
    const allowed = TIME_CAP_RATIO * ref - prepared - finalSeconds();
    const remaining = (config.steps - done) * secondsPerStep * (1 + evalSeconds / Math.max(1e-9, elapsed()));
    if (elapsed() + remaining <= allowed) {
      if (budget > 0 && timeCapped) {
        budget = 0;
        timeCapped = undefined;
      }
      return;
    }
    budget = Math.max(allowed, 0.2 * ref, elapsed() + secondsPerStep);
    timeCapped = {
      seconds: budget,
      reason: `${fmt(config.steps)} steps would take ~${Math.round(elapsed() + remaining)} s; training follows time (${Math.round(budget)} s) to keep the whole run within ${TIME_CAP_RATIO}× the default run on names.txt`,
    };
  };

  while (done < config.steps) {
    if (callbacks.signal?.aborted) {
      stopped = true;
      break;
    }
    const progress = progressOf(done);
    if (progress >= 1) break;
    let scheduled = 0;
    for (const d of config.lrDrops) if (progress >= d) scheduled++;
    const effective = Math.max(scheduled, forcedDrops);
    if (effective > drops) {
      drops = effective;
      lastDropStep = done;
    }
    lr = config.learningRate * config.lrDropFactor ** drops;
    batches.next();
    const loss = step.run(params, batches.X, batches.Y, grads);
    optimizer.step(params, grads, lr);
    done++;
    smooth = Number.isNaN(smooth) ? loss : smooth + SMOOTHING * (loss - smooth);
    pending.push(loss);
    if (!Number.isFinite(loss)) throw new InputError(`Training diverged at step ${done} (loss ${loss}). Try a lower learning rate.`);
    if (done === CALIBRATION.from) calibrationStart = performance.now();
    if (done === CALIBRATION.to) {
      secondsPerStep = (performance.now() - calibrationStart) / 1000 / (CALIBRATION.to - CALIBRATION.from);
      capTime();
    }

    const isEval = done % interval === 0 && done < config.steps;
    let stop = false;
    if (isEval) {
      evaluate();
      checkpoint();
      if (done > CALIBRATION.to) {
        // Re-measure the pace (evaluations excluded) and re-check the bound with the measured evaluation speed.
        secondsPerStep = (elapsed() - evalSeconds) / done;
        capTime();
      }
      stop = plateau();
    }
    const now = performance.now();
    if (isEval || now - lastEvent >= progressMs) emitProgress(now);
    if (stop) break;
    if (now - lastYield >= 40) {
      await nextTask();
      lastYield = performance.now();
    }
  }
  const trainSeconds = elapsed();
  const examplesPerSecond = (done * B) / Math.max(1e-9, trainSeconds);

  // Keep the better of the final parameters and the best evaluated ones (whose dev loss is known).
  // A stop reuses the last evaluation: the best model evaluated so far is kept as it is, so the
  // stop waits only for the final evaluation (issue 11: from Stop to a stored run in ≤ 3 s).
  if (done > 0 && evals.at(-1)?.step !== done && !(stopped && best)) evaluate();
  const kept = best ?? { step: done, params, dev: null };
  emitProgress(performance.now());

  // The final evaluation: whole dev and test splits, a sample of the train split. A stopped run is
  // measured on samples instead — its dev loss is the last evaluations' (on the dev sample), its
  // test and train losses on samples of the same size — so a stop ends within a few seconds
  // however long the list (`sampledLosses` says so).
  const losses: SplitLosses = { train: null, dev: null, test: null };
  const forward = evalForward;
  const quick = stopped && best !== undefined;
  let trainLossSample: TrainResult['trainLossSample'];
  const sampledLosses: NonNullable<TrainResult['sampledLosses']> = {};
  if (splits.includes('dev')) {
    if (best && (quick || dataset.dev.count === devSample.count)) {
      losses.dev = best.dev;
      if (devSample.count < dataset.dev.count) sampledLosses.dev = { examples: devSample.count, total: dataset.dev.count };
    } else {
      callbacks.onPhase?.({ phase: 'final-evaluation', label: `final evaluation on the whole dev split (${fmt(dataset.dev.count)} examples)` });
      losses.dev = evaluateSet(shape, kept.params, devSet ?? prepareEval(dataset.dev, V), forward);
    }
  }
  if (splits.includes('test') && dataset.test.count > 0) {
    const test = quick ? sampleExamples(dataset.test, EVAL_SAMPLE_SIZE, config.seed + 2) : dataset.test;
    callbacks.onPhase?.({
      phase: 'final-evaluation',
      label: test.count < dataset.test.count ? `test loss on a sample of ${fmt(test.count)} of ${fmt(dataset.test.count)} examples` : `final evaluation on the whole test split (${fmt(dataset.test.count)} examples)`,
    });
    losses.test = evaluateSet(shape, kept.params, prepareEval(test, V), forward);
    if (test.count < dataset.test.count) sampledLosses.test = { examples: test.count, total: dataset.test.count };
  }
  if (splits.includes('train')) {
    const sample = sampleExamples(dataset.train, quick ? EVAL_SAMPLE_SIZE : TRAIN_LOSS_SAMPLE_SIZE, config.seed + 1);
    callbacks.onPhase?.({
      phase: 'final-evaluation',
      label: sample.count < dataset.train.count ? `train loss on a sample of ${fmt(sample.count)} of ${fmt(dataset.train.count)} examples` : `train loss (${fmt(sample.count)} examples)`,
    });
    losses.train = evaluateSet(shape, kept.params, prepareEval(sample, V), forward);
    if (sample.count < dataset.train.count) {
      trainLossSample = { examples: sample.count, total: dataset.train.count };
      if (quick) sampledLosses.train = trainLossSample;
    }
  }
  callbacks.onPhase?.({ phase: 'baseline', label: 'bigram baseline' });
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
    outputLayer: outputLayerNote(shape),
    stopped,
    evals,
    devSampleExamples: devSample.count,
    ...(trainLossSample ? { trainLossSample } : {}),
    ...(quick && Object.keys(sampledLosses).length > 0 ? { sampledLosses } : {}),
    ...(earlyStop ? { earlyStop } : {}),
    ...(timeCapped ? { timeCapped } : {}),
  };
}
