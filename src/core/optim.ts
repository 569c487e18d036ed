/**
 * Optimisers and the learning-rate schedule, in plain JavaScript over the parameter arrays.
 */
import { PARAM_NAMES, type ParamName, type Params, zerosLike, type ModelShape } from './model';

export type OptimizerName = 'adam' | 'sgd';

export interface Optimizer {
  /** Updates `params` in place from `grads` with learning rate `lr`. */
  step(params: Params, grads: Params, lr: number): void;
}

/** Decoupled weight decay applies to the weight matrices and the embedding, not the biases. */
const DECAYED: ReadonlySet<ParamName> = new Set(['C', 'W1', 'W2']);

/** Plain stochastic gradient descent, as in the seed: θ ← θ − lr·g. */
export class Sgd implements Optimizer {
  constructor(private readonly weightDecay = 0) {}

  step(params: Params, grads: Params, lr: number): void {
    for (const name of PARAM_NAMES) {
      const p = params[name];
      const g = grads[name];
      const keep = DECAYED.has(name) ? 1 - lr * this.weightDecay : 1;
      for (let i = 0; i < p.length; i++) p[i] = keep * p[i] - lr * g[i];
    }
  }
}

/** Adam (Kingma & Ba 2015) with decoupled weight decay (AdamW, Loshchilov & Hutter 2019). */
export class Adam implements Optimizer {
  private readonly m: Params;
  private readonly v: Params;
  private t = 0;

  constructor(
    shape: ModelShape,
    private readonly weightDecay = 0,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = zerosLike(shape);
    this.v = zerosLike(shape);
  }

  step(params: Params, grads: Params, lr: number): void {
    this.t++;
    const { beta1, beta2, eps } = this;
    const a = (lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    for (const name of PARAM_NAMES) {
      const p = params[name];
      const g = grads[name];
      const m = this.m[name];
      const v = this.v[name];
      const keep = DECAYED.has(name) ? 1 - lr * this.weightDecay : 1;
      for (let i = 0; i < p.length; i++) {
        const gi = g[i];
        const mi = (m[i] = beta1 * m[i] + (1 - beta1) * gi);
        const vi = (v[i] = beta2 * v[i] + (1 - beta2) * gi * gi);
        p[i] = keep * p[i] - (a * mi) / (Math.sqrt(vi) + eps);
      }
    }
  }
}

export function createOptimizer(name: OptimizerName, shape: ModelShape, weightDecay: number): Optimizer {
  return name === 'adam' ? new Adam(shape, weightDecay) : new Sgd(weightDecay);
}

/**
 * Step decay: the base rate, multiplied by `factor` at each fraction of the run in `drops`.
 * The seed's recipe is drops [0.5], factor 0.1 (0.1 → 0.01 halfway through 200k steps).
 */
export function learningRateAt(progress: number, base: number, drops: readonly number[], factor: number): number {
  let lr = base;
  for (const d of drops) if (progress >= d) lr *= factor;
  return lr;
}
