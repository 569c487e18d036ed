/**
 * The training loop, as in makemore part 2: random minibatches from the train split, a step of the
 * optimiser at the schedule's learning rate, a dev evaluation every so often keeping the best
 * model; then the final evaluation of the kept model. Around it: the schedule (schedule.ts:
 * learning-rate drops, early stopping, the time budget and cap), the clock (trainingClock.ts:
 * pace, ETA, when to report and yield), progress events and cancellation.
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
import type { EvalPoint, OutputLayerNote, PhaseListener, RunSummary, TrainProgress } from './progress';
import { Rng } from './rng';
import { sampleWords } from './sample';
import { SPLITS, type SplitLosses, type SplitName } from './splits';
import { ForwardPass, TrainingStep } from './step';
import { Schedule, TIME_CAP_RATIO } from './schedule';
import { TrainingClock } from './trainingClock';

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
/** The default run on names.txt the bound refers to (config.ts defaults for 182k examples). */
const REFERENCE_RUN = { steps: 2500, batchSize: 512, blockSize: 5, embeddingSize: 24, hiddenSize: 400 };

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
  const c = {
    batchSize: BASE_STEP.batchSize,
    blockSize: shape.blockSize,
    embeddingSize: shape.embeddingSize,
    hiddenSize: shape.hiddenSize,
  };
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
  if (layout && config.init === 'scaled')
    initClassBiases(layout, symbolCounts(dataset.train.Y, dataset.train.count, shape.vocabSize), params.b2, params.bc);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const step = new TrainingStep(shape, config.batchSize);
  const batches = new Minibatches(dataset.train, config.batchSize, rng);
  const sets = evaluationSets(dataset, shape, config, callbacks);
  const schedule = new Schedule(config);
  const clock = new TrainingClock(config.batchSize);
  const interval = evalInterval(config);
  const evals: EvalPoint[] = [];
  let best: { dev: number; step: number; params: Params } | undefined;
  let smooth = NaN; // moving average of the minibatch loss
  let losses: number[] = []; // minibatch losses since the last progress event
  let done = 0;
  let stopped = false;
  /** The best model last handed to onCheckpoint, and when. */
  let checkpointed: typeof best;
  let checkpointAt = 0;

  /** The dev loss on the dev sample, keeping the best model so far; samples for the chart. */
  const evaluate = (): void => {
    const dev = clock.timed(sets.devSample.unique, () => evaluateSet(shape, params, sets.devSample, sets.forward) ?? NaN);
    if (schedule.evaluated(done, dev)) best = { dev, step: done, params: cloneParams(params) };
    const model = { shape, params, vocabulary: dataset.vocabulary, casing: dataset.casing };
    const samples = sampleWords(model, { count: 8, seed: config.seed + done, maxLength: 40 }).words;
    const point: EvalPoint = { step: done, seconds: clock.seconds(), dev, trainSmooth: smooth, samples, devExamples: sets.devSample.count };
    evals.push(point);
    callbacks.onEval?.(point);
  };

  /** After an evaluation: the best model so far, if it is new and a checkpoint is due. */
  const checkpoint = (): void => {
    const every = callbacks.checkpointSeconds;
    const now = clock.seconds();
    if (!callbacks.onCheckpoint || every === undefined || !best || best === checkpointed || now < every || now - checkpointAt < every)
      return;
    checkpointed = best;
    checkpointAt = now;
    callbacks.onCheckpoint({
      params: best.params,
      keptStep: best.step,
      dev: best.dev,
      steps: done,
      seconds: now,
      examplesPerSecond: (done * config.batchSize) / Math.max(1e-9, now),
    });
  };

  const report = (): void => {
    const progress = schedule.progress(done, clock.seconds());
    callbacks.onProgress?.({
      step: done,
      totalSteps: config.steps,
      progress: Math.min(1, progress),
      seconds: clock.seconds(),
      learningRate: schedule.learningRate,
      losses,
      smoothLoss: smooth,
      examplesPerSecond: clock.report(done),
      embedding: Array.from(params.C),
      ...clock.eta(progress, config.steps - done, clock.evaluationSeconds(sets.finalRows)),
    });
    losses = [];
  };

  /** Automatic runs: the whole run within TIME_CAP_RATIO × the default run on names.txt at this pace. */
  const capTime = (): void => {
    const auto = dataset.autoSchedule;
    if (!auto || config.timeBudget > 0 || !(clock.secondsPerStep > 0)) return;
    const reference =
      REFERENCE_RUN.steps *
      clock.secondsPerStep *
      (stepCost(REFERENCE_RUN, REFERENCE_VOCAB) / stepCost(config, shape.vocabSize, classCount(shape)));
    const prepared = (clock.startedAt - auto.preparedAt) / 1000;
    const allowed = TIME_CAP_RATIO * reference - prepared - clock.evaluationSeconds(sets.finalRows);
    const elapsed = clock.seconds();
    schedule.capTime(elapsed + clock.stepsSeconds(config.steps - done), allowed, Math.max(0.2 * reference, elapsed + clock.secondsPerStep));
  };

  while (done < config.steps) {
    if (callbacks.signal?.aborted) {
      stopped = true;
      break;
    }
    const learningRate = schedule.next(done, clock.seconds());
    if (learningRate === undefined) break;
    batches.next();
    const loss = step.run(params, batches.X, batches.Y, grads);
    optimizer.step(params, grads, learningRate);
    done++;
    if (!Number.isFinite(loss)) throw new InputError(`Training diverged at step ${done} (loss ${loss}). Try a lower learning rate.`);
    smooth = Number.isNaN(smooth) ? loss : smooth + SMOOTHING * (loss - smooth);
    losses.push(loss);
    if (clock.stepped(done)) capTime();

    const isEval = done % interval === 0 && done < config.steps;
    if (isEval) {
      evaluate();
      checkpoint();
      if (clock.remeasured(done)) capTime();
    }
    const stop = isEval && schedule.plateaued(done);
    if (isEval || clock.reportDue(callbacks.progressIntervalMs ?? 100)) report();
    if (stop) break;
    if (clock.yieldDue()) {
      await nextTask();
      clock.yielded();
    }
  }
  const trainSeconds = clock.seconds();

  // Keep the better of the final parameters and the best evaluated ones (whose dev loss is known).
  // A stop reuses the last evaluation: the best model evaluated so far is kept as it is, so the
  // stop waits only for the final evaluation (issue 11: from Stop to a stored run in ≤ 3 s).
  if (done > 0 && evals.at(-1)?.step !== done && !(stopped && best)) evaluate();
  const kept = best ?? { step: done, params, dev: null };
  report();

  const final = finalEvaluation(dataset, shape, config, sets, kept.params, best, stopped, callbacks.onPhase);
  const earlyStop = schedule.earlyStop;
  const timeCapped = schedule.timeCapped;
  return {
    shape,
    params: kept.params,
    config,
    ...final,
    steps: done,
    keptStep: kept.step,
    seconds: clock.seconds(),
    examplesPerSecond: (done * config.batchSize) / Math.max(1e-9, trainSeconds),
    paramCount: countParams(shape),
    outputLayer: outputLayerNote(shape),
    stopped,
    evals,
    devSampleExamples: sets.devSample.count,
    ...(earlyStop ? { earlyStop } : {}),
    ...(timeCapped ? { timeCapped } : {}),
  };
}

/** The sets a run evaluates on, prepared once. */
interface EvaluationSets {
  /** The fixed dev sample every evaluation during training covers (the whole dev split when it is small). */
  devSample: EvalSet;
  /** The whole dev split, when the final evaluation needs it and it is larger than the sample. */
  dev: EvalSet | undefined;
  forward: ForwardPass;
  /** Distinct contexts the final evaluation runs through the model (for the ETA and the time cap). */
  finalRows: number;
  splits: readonly SplitName[];
}

function evaluationSets(dataset: Dataset, shape: ModelShape, config: TrainingConfig, callbacks: TrainCallbacks): EvaluationSets {
  const V = shape.vocabSize;
  const devSample = prepareEval(sampleExamples(dataset.dev, EVAL_SAMPLE_SIZE, config.seed), V);
  const splits = callbacks.finalSplits ?? SPLITS;
  // The whole dev split, grouped by context up front: its size in distinct contexts tells the
  // cost of the final evaluation (for the ETA and the time bound).
  const wholeDev = splits.includes('dev') && dataset.dev.count > devSample.count;
  if (wholeDev) callbacks.onPhase?.({ phase: 'building', label: `grouping the dev split by context (${fmt(dataset.dev.count)} examples)` });
  const dev = wholeDev ? prepareEval(dataset.dev, V) : undefined;
  const forward = new ForwardPass(shape, Math.min(4096, Math.max(1, devSample.unique, dev?.unique ?? 0)));
  const distinctShare = (dev ?? devSample).unique / Math.max(1, (dev ?? devSample).count);
  const sampleShare = devSample.unique / Math.max(1, devSample.count);
  const finalRows =
    (splits.includes('train') ? Math.min(dataset.train.count, TRAIN_LOSS_SAMPLE_SIZE) * sampleShare : 0) +
    (dev ? dev.unique : 0) +
    (splits.includes('test') ? dataset.test.count * distinctShare : 0);
  return { devSample, dev, forward, finalRows, splits };
}

type FinalLosses = Pick<TrainResult, 'losses' | 'bigram' | 'trainLossSample' | 'sampledLosses'>;

/**
 * The final evaluation of the kept model (`params`): the whole dev and test splits, a sample of
 * the train split, and the bigram baseline. The dev loss of the best evaluation is reused when it
 * covered the whole dev split. A stopped run is measured on samples instead — its dev loss is the
 * last evaluations' (on the dev sample), its test and train losses on samples of the same size —
 * so a stop ends within a few seconds however long the list (`sampledLosses` says so).
 */
function finalEvaluation(
  dataset: Dataset,
  shape: ModelShape,
  config: TrainingConfig,
  sets: EvaluationSets,
  params: Params,
  best: { dev: number } | undefined,
  stopped: boolean,
  onPhase: PhaseListener | undefined,
): FinalLosses {
  const V = shape.vocabSize;
  const { devSample, splits, forward } = sets;
  const losses: SplitLosses = { train: null, dev: null, test: null };
  const quick = stopped && best !== undefined;
  let trainLossSample: TrainResult['trainLossSample'];
  const sampledLosses: NonNullable<TrainResult['sampledLosses']> = {};
  if (splits.includes('dev')) {
    if (best && (quick || dataset.dev.count === devSample.count)) {
      losses.dev = best.dev;
      if (devSample.count < dataset.dev.count) sampledLosses.dev = { examples: devSample.count, total: dataset.dev.count };
    } else {
      onPhase?.({ phase: 'final-evaluation', label: `final evaluation on the whole dev split (${fmt(dataset.dev.count)} examples)` });
      losses.dev = evaluateSet(shape, params, sets.dev ?? prepareEval(dataset.dev, V), forward);
    }
  }
  if (splits.includes('test') && dataset.test.count > 0) {
    const test = quick ? sampleExamples(dataset.test, EVAL_SAMPLE_SIZE, config.seed + 2) : dataset.test;
    onPhase?.({
      phase: 'final-evaluation',
      label:
        test.count < dataset.test.count
          ? `test loss on a sample of ${fmt(test.count)} of ${fmt(dataset.test.count)} examples`
          : `final evaluation on the whole test split (${fmt(dataset.test.count)} examples)`,
    });
    losses.test = evaluateSet(shape, params, prepareEval(test, V), forward);
    if (test.count < dataset.test.count) sampledLosses.test = { examples: test.count, total: dataset.test.count };
  }
  if (splits.includes('train')) {
    const sample = sampleExamples(dataset.train, quick ? EVAL_SAMPLE_SIZE : TRAIN_LOSS_SAMPLE_SIZE, config.seed + 1);
    onPhase?.({
      phase: 'final-evaluation',
      label:
        sample.count < dataset.train.count
          ? `train loss on a sample of ${fmt(sample.count)} of ${fmt(dataset.train.count)} examples`
          : `train loss (${fmt(sample.count)} examples)`,
    });
    losses.train = evaluateSet(shape, params, prepareEval(sample, V), forward);
    if (sample.count < dataset.train.count) {
      trainLossSample = { examples: sample.count, total: dataset.train.count };
      if (quick) sampledLosses.train = trainLossSample;
    }
  }
  onPhase?.({ phase: 'baseline', label: 'bigram baseline' });
  const bigram = new BigramModel(dataset.vocabulary, dataset.splitWords.train).splitLosses(dataset.splitWords);
  return {
    losses,
    bigram,
    ...(trainLossSample ? { trainLossSample } : {}),
    ...(quick && Object.keys(sampledLosses).length > 0 ? { sampledLosses } : {}),
  };
}
