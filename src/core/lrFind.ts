/**
 * The learning-rate finder of makemore part 2: a short run in which the learning rate rises
 * exponentially, step by step (the notebook's `lre = torch.linspace(-3, 0, 1000); lrs = 10**lre`),
 * recording the minibatch loss at each rate. Loss falls while the rate is useful and blows up
 * once it is too large. The suggestion is the rate of the lowest smoothed loss, rounded down (for
 * the notebook's set-up — SGD, every parameter ~ N(0, 1) — that is 0.1, the rate the notebook
 * settles on; with the default scaled initialisation the same search gives 0.05).
 */
import type { TrainingConfig } from './config';
import { Minibatches, type Dataset } from './dataset';
import { nextTask } from './nextTask';
import { initParams, zerosLike } from './model';
import { createOptimizer } from './optim';
import { Rng } from './rng';
import { defaultLrRange, suggestLearningRate } from './lrFindPlan';
import { TrainingStep } from './step';
import { modelShape } from './train';

export interface LrFindOptions {
  /** First and last learning rate (defaults: SGD 1e-3 → 1, Adam 1e-5 → 1e-1). */
  minLr?: number;
  maxLr?: number;
  /** Steps of the sweep (default 1000, as the notebook). */
  steps?: number;
  signal?: AbortSignal;
  /** Called every ~40 ms and at the end with the curve so far (arrays grow; read, don't keep). */
  onProgress?(curve: { learningRates: readonly number[]; losses: readonly number[]; smoothed: readonly number[] }, total: number): void;
}

export interface LrFindResult {
  learningRates: number[];
  losses: number[];
  /** Exponential moving average of the losses, bias-corrected. */
  smoothed: number[];
  /** The suggested learning rate. */
  suggestion: number;
  /** The rate with the lowest smoothed loss. */
  minimum: number;
  optimizer: TrainingConfig['optimizer'];
  stopped: boolean;
}

export async function findLearningRate(dataset: Dataset, config: TrainingConfig, options: LrFindOptions = {}): Promise<LrFindResult> {
  const [defaultMin, defaultMax] = defaultLrRange(config.optimizer);
  const minLr = options.minLr ?? defaultMin;
  const maxLr = options.maxLr ?? defaultMax;
  const steps = options.steps ?? 1000;
  if (!(minLr > 0 && maxLr > minLr)) throw new Error('The learning-rate range must satisfy 0 < min < max.');
  const shape = modelShape(dataset, config);
  const rng = new Rng(config.seed);
  const params = initParams(shape, rng, config.init);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const step = new TrainingStep(shape, config.batchSize);
  const batches = new Minibatches(dataset.train, config.batchSize, rng);

  const learningRates: number[] = [];
  const losses: number[] = [];
  const smoothed: number[] = [];
  const beta = 0.95;
  let avg = 0;
  let best = Infinity;
  let lastYield = performance.now();
  let stopped = false;
  for (let i = 0; i < steps; i++) {
    if (options.signal?.aborted) {
      stopped = true;
      break;
    }
    const lr = minLr * (maxLr / minLr) ** (i / Math.max(1, steps - 1));
    batches.next();
    const loss = step.run(params, batches.X, batches.Y, grads);
    if (!Number.isFinite(loss)) break;
    optimizer.step(params, grads, lr);
    avg = beta * avg + (1 - beta) * loss;
    const s = avg / (1 - beta ** (i + 1));
    learningRates.push(lr);
    losses.push(loss);
    smoothed.push(s);
    best = Math.min(best, s);
    // Past the blow-up there is nothing more to learn.
    if (i > 10 && s > 4 * best) break;
    if (performance.now() - lastYield > 40) {
      options.onProgress?.({ learningRates, losses, smoothed }, steps);
      await nextTask();
      lastYield = performance.now();
    }
  }
  options.onProgress?.({ learningRates, losses, smoothed }, steps);
  const { suggestion, minimum } = suggestLearningRate(learningRates, smoothed);
  return { learningRates, losses, smoothed, suggestion, minimum, optimizer: config.optimizer, stopped };
}
