/**
 * Child process of the benchmark: measurements of the engine in a plain Node process, on one
 * backend (initBackend chooses once per process). Prints JSON lines (bench/messages.ts).
 *
 *   engine.ts throughput --data FILE --backend wasm|cpu [--batches 32,128,512] [--repeats 5] [--min-ms 300]
 *       examples/s of one training step (minibatch, TrainingStep.run, optimiser step) for the
 *       seed's model and the default model, median of `repeats` runs of at least `min-ms`;
 *       and the cost of one dev evaluation.
 *   engine.ts seed --data FILE [--steps N] [--eval-every N]
 *       train() on the seed's recipe (SEED_RECIPE), for N steps (default: the whole recipe),
 *       evaluating the dev split every `eval-every` steps (0: never during the run).
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { BackendName } from '../src/core/backend';
import { initNodeBackend } from '../src/core/nodeBackend';
import { SEED_RECIPE, type TrainingConfig } from '../src/core/config';
import { Minibatches } from '../src/core/dataset';
import { evaluateLoss } from '../src/core/evaluate';
import { countParams, initParams, zerosLike } from '../src/core/model';
import { createOptimizer } from '../src/core/optim';
import { prepareConfigured, type PreparedData } from '../src/core/pipeline';
import { Rng } from '../src/core/rng';
import { sampleWords } from '../src/core/sample';
import { TrainingStep } from '../src/core/step';
import { modelShape, train } from '../src/core/train';
import type { EngineLine, ModelThroughput } from './messages';
import { ratePerSecond, summarize } from './stats';

function emit(line: EngineLine): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

function maxRssKb(): number {
  return process.resourceUsage().maxRSS;
}

/** A training step at one batch size, ready to be timed. */
interface StepCase {
  batch: number;
  once(): void;
  runs: number[];
}

/** One model's training steps at each batch size and its dev evaluation, ready to be timed. */
function setUpModel(
  model: ModelThroughput['model'],
  { data, config }: { data: PreparedData; config: TrainingConfig },
  batchSizes: number[],
) {
  const { dataset } = data;
  const shape = modelShape(dataset, config);
  const rng = new Rng(config.seed);
  const params = initParams(shape, rng, config.init);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const cases: StepCase[] = batchSizes.map((batch) => {
    const step = new TrainingStep(shape, batch);
    const minibatches = new Minibatches(dataset.train, batch, rng);
    const once = (): void => {
      minibatches.next();
      step.run(params, minibatches.X, minibatches.Y, grads);
      optimizer.step(params, grads, config.learningRate);
    };
    return { batch, once, runs: [] };
  });
  const trainingWords = new Set(dataset.splitWords.train);
  // As train() evaluates: the whole dev split, then 8 samples for the progress display.
  const evaluate = (): void => {
    evaluateLoss(shape, params, dataset.dev);
    sampleWords({ shape, params, vocabulary: dataset.vocabulary, trainingWords }, { count: 8, seed: 1, maxLength: 40 });
  };
  const evalRuns: number[] = [];
  const result = (): ModelThroughput => ({
    model,
    blockSize: config.blockSize,
    embeddingSize: config.embeddingSize,
    hiddenSize: config.hiddenSize,
    optimizer: config.optimizer,
    paramCount: countParams(shape),
    batches: cases.map((c) => ({ batch: c.batch, examplesPerSecond: summarize(c.runs) })),
    evalMs: summarize(evalRuns),
  });
  return { cases, evaluate, evalRuns, result };
}

/**
 * Examples/s of the training step for each model and batch size, and the cost of an evaluation.
 * The repeats go round all the cases in turn, so a burst of load from other processes on the
 * machine spreads over every case instead of ruining one.
 */
async function throughput(text: string, backend: BackendName, batchSizes: number[], repeats: number, minMs: number): Promise<void> {
  const info = await initNodeBackend({ prefer: backend });
  const models = [
    setUpModel('seed', prepareConfigured(text, SEED_RECIPE), batchSizes),
    setUpModel('default', prepareConfigured(text, {}), batchSizes),
  ];
  const cases = models.flatMap((m) => m.cases);
  for (const c of cases) ratePerSecond(c.once, 2 * minMs); // warm-up (JIT, wasm memory growth)
  for (let r = 0; r < repeats; r++) {
    for (const c of cases) c.runs.push(ratePerSecond(c.once, minMs) * c.batch);
    for (const m of models) {
      const start = performance.now();
      m.evaluate();
      m.evalRuns.push(performance.now() - start);
    }
  }
  emit({
    event: 'throughput',
    backend: info.name,
    ...(info.warning ? { warning: info.warning } : {}),
    models: models.map((m) => m.result()),
    maxRssKb: maxRssKb(),
  });
}

async function seedRecipe(text: string, steps: number, evalEvery: number): Promise<void> {
  const info = await initNodeBackend();
  // No evaluation during the run: an interval of the whole run (train() skips the last step's).
  const { data, config } = prepareConfigured(text, { ...SEED_RECIPE, steps, evalEvery: evalEvery > 0 ? evalEvery : steps });
  const { dataset } = data;
  emit({ event: 'ready', backend: info.name, examples: { train: dataset.train.count, dev: dataset.dev.count, test: dataset.test.count } });
  const rates: number[] = [];
  const result = await train(dataset, config, {
    onProgress: (p) => {
      if (p.step > 0 && Number.isFinite(p.examplesPerSecond) && p.losses.length > 0) rates.push(p.examplesPerSecond);
    },
    onEval: (e) => emit({ event: 'eval', step: e.step, dev: e.dev }),
  });
  emit({
    event: 'done',
    steps: result.steps,
    seconds: result.seconds,
    examplesPerSecond: result.examplesPerSecond,
    progressExamplesPerSecond: summarize(rates),
    losses: result.losses,
    maxRssKb: maxRssKb(),
  });
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      backend: { type: 'string', default: 'wasm' },
      batches: { type: 'string', default: '32,128,512' },
      repeats: { type: 'string', default: '5' },
      'min-ms': { type: 'string', default: '300' },
      steps: { type: 'string', default: String(SEED_RECIPE.steps) },
      'eval-every': { type: 'string', default: '0' },
    },
  });
  if (!values.data) throw new Error('--data FILE is required.');
  const text = fs.readFileSync(values.data, 'utf8');
  const task = positionals[0];
  if (task === 'throughput') {
    if (values.backend !== 'wasm' && values.backend !== 'cpu') throw new Error(`--backend must be wasm or cpu (got ${values.backend}).`);
    await throughput(text, values.backend, values.batches.split(',').map(Number), Number(values.repeats), Number(values['min-ms']));
  } else if (task === 'seed') {
    await seedRecipe(text, Number(values.steps), Number(values['eval-every']));
  } else {
    throw new Error(`Unknown task ${task ?? '(none)'}: expected throughput or seed.`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
