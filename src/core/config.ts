/**
 * Hyperparameters: their meaning, bounds and defaults, in one table shared by the CLI flags,
 * the VS Code settings (package.json `contributes.configuration`, checked by a test) and the
 * training panel.
 */
import { FOLD_CASE_CHOICES, normalizeFoldCase, type FoldCase } from './casing';
import { InputError } from './errors';
import type { OptimizerName } from './optim';
import { classTarget } from './outputLayer';

/**
 * The output layer (outputLayer.ts): 'flat' softmax, 'factored' through classes of symbols, or
 * 'auto' (default): whichever a step costs less with (stepCost). The pipeline stores what was
 * applied ('flat' or 'factored'); files from before the choice hold none, read as 'flat'.
 */
export type OutputLayerChoice = 'auto' | 'flat' | 'factored';
export const OUTPUT_LAYER_CHOICES: readonly OutputLayerChoice[] = ['auto', 'flat', 'factored'];

export interface TrainingConfig {
  /** Context length: how many previous characters the model sees. */
  blockSize: number;
  /** Size of each character's embedding vector. */
  embeddingSize: number;
  /** Units in the tanh hidden layer. */
  hiddenSize: number;
  /** Optimisation steps (one minibatch each). */
  steps: number;
  /** Examples per minibatch. */
  batchSize: number;
  /** Base learning rate. */
  learningRate: number;
  optimizer: OptimizerName;
  /** Fractions of the run at which the learning rate is multiplied by `lrDropFactor`. */
  lrDrops: number[];
  lrDropFactor: number;
  /** Decoupled weight decay (AdamW style) on C, W1 and W2. */
  weightDecay: number;
  /** Seeds the split, the initialisation and the minibatches: one seed gives one run. */
  seed: number;
  /**
   * Case folding: 'auto' (default) trains on case-folded text when at least 95 % of the items
   * follow one pattern (lower, UPPER, Title Case) and restores it on every sample; 'on' always
   * folds (restoring the pattern if there is one); 'off' keeps case as data. Checkpoints store
   * what was applied ('on' or 'off'); older ones hold true / false, read as 'on' / 'off'.
   */
  foldCase: FoldCase;
  /** Stop after this many seconds (0: no limit); the schedule then follows time, not steps. */
  timeBudget: number;
  /** Evaluate on the dev split every this many steps (0: about 20 times per run). */
  evalEvery: number;
  /** 'scaled' (default) or the seed notebook's 'randn' (every parameter ~ N(0, 1)). */
  init: 'scaled' | 'randn';
  /**
   * Early stopping: when the dev loss has not improved for this many steps, the next learning-rate
   * drop comes forward; after the last drop, the run ends. 0: never stop early (drops on schedule).
   */
  patience: number;
  /** The output layer: flat, factored through classes, or auto (the cheaper step). */
  outputLayer: OutputLayerChoice;
}

export type NumericKey = {
  [K in keyof TrainingConfig]: TrainingConfig[K] extends number ? K : never;
}[keyof TrainingConfig];

export interface NumericSpec {
  key: NumericKey;
  flag: string;
  description: string;
  integer: boolean;
  min: number;
  /** Exclusive lower bound (min itself is not allowed). */
  minExclusive?: boolean;
  max: number;
}

/** Longest context accepted (the cost grows linearly; beyond this, prose would fit better). */
export const MAX_BLOCK_SIZE = 16;

export const NUMERIC_SPECS: readonly NumericSpec[] = [
  {
    key: 'blockSize',
    flag: 'block-size',
    description: 'Context length: how many previous characters the model sees.',
    integer: true,
    min: 1,
    max: MAX_BLOCK_SIZE,
  },
  { key: 'embeddingSize', flag: 'embedding', description: 'Size of each character embedding vector.', integer: true, min: 1, max: 256 },
  { key: 'hiddenSize', flag: 'hidden', description: 'Units in the tanh hidden layer.', integer: true, min: 1, max: 4096 },
  { key: 'steps', flag: 'steps', description: 'Training steps (one minibatch each).', integer: true, min: 1, max: 10_000_000 },
  { key: 'batchSize', flag: 'batch', description: 'Examples per minibatch.', integer: true, min: 1, max: 8192 },
  { key: 'learningRate', flag: 'lr', description: 'Base learning rate.', integer: false, min: 0, minExclusive: true, max: 10 },
  {
    key: 'lrDropFactor',
    flag: 'lr-drop-factor',
    description: 'Factor applied to the learning rate at each drop.',
    integer: false,
    min: 0,
    minExclusive: true,
    max: 1,
  },
  {
    key: 'weightDecay',
    flag: 'weight-decay',
    description: 'Decoupled weight decay on the embedding and weight matrices.',
    integer: false,
    min: 0,
    max: 10,
  },
  { key: 'seed', flag: 'seed', description: 'Random seed: one seed gives one run.', integer: true, min: 0, max: 4294967295 },
  {
    key: 'timeBudget',
    flag: 'time',
    description: 'Stop after this many seconds (0: no limit); the schedule then follows time.',
    integer: false,
    min: 0,
    max: 86400,
  },
  {
    key: 'evalEvery',
    flag: 'eval-every',
    description: 'Evaluate on the dev split every N steps (0: about 20 times per run).',
    integer: true,
    min: 0,
    max: 10_000_000,
  },
  {
    key: 'patience',
    flag: 'patience',
    description:
      'Early stopping: steps without a better dev loss before the learning rate drops early, and after the last drop, before training stops (0: never stop early).',
    integer: true,
    min: 0,
    max: 10_000_000,
  },
];

/** The recipe the defaults come from: measured in bench/ (see bench/README.md). */
export const BASE_DEFAULTS: TrainingConfig = {
  blockSize: 5,
  embeddingSize: 24,
  hiddenSize: 400,
  steps: 2500,
  batchSize: 512,
  learningRate: 0.005,
  optimizer: 'adam',
  lrDrops: [0.6, 0.85],
  lrDropFactor: 0.2,
  weightDecay: 0,
  seed: 42,
  foldCase: 'auto',
  timeBudget: 0,
  evalEvery: 0,
  init: 'scaled',
  patience: 0,
  outputLayer: 'auto',
};

/** The seed notebook's recipe (makemore part 2), reproducible with flags. */
export const SEED_RECIPE: TrainingConfig = {
  ...BASE_DEFAULTS,
  blockSize: 3,
  embeddingSize: 10,
  hiddenSize: 200,
  steps: 200_000,
  batchSize: 32,
  learningRate: 0.1,
  optimizer: 'sgd',
  lrDrops: [0.5],
  lrDropFactor: 0.1,
  init: 'randn',
  foldCase: 'off',
  outputLayer: 'flat',
};

/**
 * Checks one value against its spec; returns an error message or undefined. `name` is how the
 * message names the value (the CLI flag by default; the extension passes its setting's name).
 */
export function checkValue(
  spec: Pick<NumericSpec, 'flag' | 'integer' | 'min' | 'minExclusive' | 'max'>,
  value: number,
  name = `--${spec.flag}`,
): string | undefined {
  if (!Number.isFinite(value)) return `${name} must be a number.`;
  if (spec.integer && !Number.isInteger(value)) return `${name} must be a whole number (got ${value}).`;
  if (spec.minExclusive ? value <= spec.min : value < spec.min) {
    return `${name} must be ${spec.minExclusive ? 'above' : 'at least'} ${spec.min} (got ${value}).`;
  }
  if (value > spec.max) return `${name} must be at most ${spec.max} (got ${value}).`;
  return undefined;
}

/** Validates a whole configuration, throwing an InputError naming the first bad value. */
export function validateConfig(config: TrainingConfig): TrainingConfig {
  for (const spec of NUMERIC_SPECS) {
    const problem = checkValue(spec, config[spec.key]);
    if (problem) throw new InputError(problem);
  }
  if (config.optimizer !== 'adam' && config.optimizer !== 'sgd') {
    throw new InputError(`--optimizer must be adam or sgd (got ${String(config.optimizer)}).`);
  }
  if (config.init !== 'scaled' && config.init !== 'randn') {
    throw new InputError(`--init must be scaled or randn (got ${String(config.init)}).`);
  }
  if (!OUTPUT_LAYER_CHOICES.includes(config.outputLayer)) {
    throw new InputError(`--output-layer must be one of ${OUTPUT_LAYER_CHOICES.join(', ')} (got ${String(config.outputLayer)}).`);
  }
  const fold = normalizeFoldCase(config.foldCase);
  if (!fold) throw new InputError(`--fold-case must be one of ${FOLD_CASE_CHOICES.join(', ')} (got ${String(config.foldCase)}).`);
  for (const d of config.lrDrops) {
    if (!(d > 0 && d < 1)) throw new InputError(`--lr-drops must be fractions between 0 and 1 (got ${d}).`);
  }
  return config.foldCase === fold ? config : { ...config, foldCase: fold };
}

/**
 * Relative cost of one training step (minibatch B, context K = blockSize·E, hidden H, vocabulary
 * V), in units of one multiply-add of the first layer: the matrix products scale with
 * B·H·(K + 0.73·V); the JavaScript around them (softmax, the output layer's gradient, the
 * transposes) with B·V, whatever H; plus a fixed part. Fitted on this project's machine (wasm,
 * one thread; fastest of 7 rounds of 20 steps at H 128 and 400, V 27 and 334, batch 512): a step
 * takes ≈ 0.45 + 0.0108·V + H·(0.0195 + 0.000119·V) ms — 9.8 ms for names.txt's defaults, 27.8
 * at 334 symbols with the same 400 units. (defaultsFor writes its two parts out: refit both.)
 *
 * With a factored output layer of `classes` classes (outputLayer.ts), an example's output costs
 * its class logits and its target's class (≈ V / classes symbols with frequency binning) instead
 * of V logits, in small products that each cost more per multiply-add than one large product;
 * the parameters W2 (H·V: copied, updated by Adam) still cost per step. Fitted on the CPU time of
 * the step at 27, 100, 334 and 2,080 symbols and 64–400 hidden units (`npm run bench:output`,
 * within 15 % from 100 symbols up): B·(H·(K + 2.7·(n + V/n)) + 91·(n + V/n) + 2770) + 25·H·V.
 */
export function stepCost(
  c: Pick<TrainingConfig, 'batchSize' | 'blockSize' | 'embeddingSize' | 'hiddenSize'>,
  vocabSize: number,
  classes = 0,
): number {
  if (classes <= 0) return c.batchSize * (c.hiddenSize * (c.blockSize * c.embeddingSize + 0.73 * vocabSize) + 66 * vocabSize + 2770);
  const out = classes + vocabSize / classes;
  const H = c.hiddenSize;
  return (
    c.batchSize * (H * (c.blockSize * c.embeddingSize + FACTORED.perOutput * out) + FACTORED.glue * out + 2770) +
    FACTORED.perWeight * H * vocabSize
  );
}

/** The factored step's fitted constants (see stepCost), in stepCost's units. */
export const FACTORED = { perOutput: 2.7, glue: 91, perWeight: 25 };

/**
 * The output layer a step costs less with: factored when its step costs at most FACTORED_MARGIN
 * of the flat one's (a margin, so that a vocabulary near the crossing stays flat: names.txt's
 * 27 symbols do).
 */
export function cheaperOutputLayer(
  c: Pick<TrainingConfig, 'batchSize' | 'blockSize' | 'embeddingSize' | 'hiddenSize'>,
  vocabSize: number,
): 'flat' | 'factored' {
  return stepCost(c, vocabSize, classTarget(vocabSize)) <= FACTORED_MARGIN * stepCost(c, vocabSize) ? 'factored' : 'flat';
}

export const FACTORED_MARGIN = 0.8;

/** The step cost of a configuration at V symbols with the output layer it chooses ('auto': the cheaper). */
export function configStepCost(
  c: Pick<TrainingConfig, 'batchSize' | 'blockSize' | 'embeddingSize' | 'hiddenSize' | 'outputLayer'>,
  vocabSize: number,
): number {
  const layer = c.outputLayer === 'auto' ? cheaperOutputLayer(c, vocabSize) : c.outputLayer;
  return stepCost(c, vocabSize, layer === 'factored' ? classTarget(vocabSize) : 0);
}

/** The vocabulary the defaults were measured on (names.txt: 26 letters and the boundary). */
export const REFERENCE_VOCAB = 27;

/**
 * Defaults for a data set of `trainExamples` training examples over `vocabSize` symbols. Capacity
 * is enough for 32,000 names; what keeps it from overfitting a short list is weight decay that
 * grows as the data shrinks, and a shorter run:
 *
 *   weight decay = 0.3 · (25,000 / examples)^0.85, within [0.02, 3]
 *   hidden units = 400 and 2,500 steps from 50,000 examples up; 192 and 1,200 from 15,000;
 *                  128 and 1,200 below
 *   patience     = a fifth of the steps (early stopping, see train.ts)
 *
 * Any vocabulary gets the capacity and steps of a 27-symbol list of the same size as long as its
 * steps cost no more than RUN_BUDGET × the steps of the default run on names.txt (stepCost, with
 * the output layer the step is cheaper with: a large vocabulary gets a factored one, whose cost
 * grows with ≈ √V instead of V). Beyond that the hidden layer shrinks — down to 128 units (64
 * below 50,000 examples) — and then the steps. train.ts bounds the whole run (preparation and
 * final evaluation included) at TIME_CAP_RATIO × the default run on names.txt, so the default
 * run on any list stays within ~1.5× names.txt's.
 *
 * Measured on names.txt and random subsets of it, on city names (334 symbols) and Chinese words
 * (2,079 symbols) (bench/, and docs/architecture.md, "Defaults that follow the data").
 */
export function defaultsFor(trainExamples: number, vocabSize = REFERENCE_VOCAB): TrainingConfig {
  const large = trainExamples >= 50_000;
  const decay = 0.3 * (25_000 / Math.max(1, trainExamples)) ** 0.85;
  const base = { ...BASE_DEFAULTS, hiddenSize: large ? 400 : trainExamples >= 15_000 ? 192 : 128, steps: large ? 2500 : 1200 };
  const V = Math.max(REFERENCE_VOCAB, vocabSize);
  // The default run on names.txt: 2,500 steps of 400 units at 27 symbols.
  const budget = (RUN_BUDGET * REFERENCE_STEPS * stepCost({ ...BASE_DEFAULTS, hiddenSize: 400 }, REFERENCE_VOCAB)) / base.steps;
  const classes = cheaperOutputLayer(base, V) === 'factored' ? classTarget(V) : 0;
  // The step's cost is linear in the hidden units: fixed + H · perUnit.
  const fixed = stepCost({ ...base, hiddenSize: 0 }, V, classes);
  const perUnit = stepCost({ ...base, hiddenSize: 1 }, V, classes) - fixed;
  const floor = large ? 128 : 64;
  const hiddenSize = Math.min(base.hiddenSize, Math.max(floor, Math.floor((budget - fixed) / perUnit / 8 + 1e-9) * 8));
  const cost = fixed + hiddenSize * perUnit;
  const steps = cost <= budget ? base.steps : Math.max(100, Math.round((base.steps * budget) / cost / 10) * 10);
  return {
    ...base,
    hiddenSize,
    steps,
    weightDecay: Number(Math.min(3, Math.max(0.02, decay)).toPrecision(2)),
    patience: Math.round(steps / 5),
  };
}

/**
 * What the steps of a default run may cost against the steps of the default run on names.txt
 * (defaultsFor), in stepCost's terms. 1.4 keeps the whole run within 1.5× names.txt's with room
 * for a larger list's preparation and final evaluation: measured (CPU time, spawn to saved model,
 * bench/results/lists-targets.json), cities (334 symbols) with 328 units 1.18×, 10,000 Japanese
 * words (2,033 symbols) 0.83×. (stepCost over-predicts the factored step at 334 symbols, so the
 * measured ratios stay below the budget.)
 */
export const RUN_BUDGET = 1.4;
/** Steps of the default run on names.txt. */
export const REFERENCE_STEPS = 2500;
