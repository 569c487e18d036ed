import * as assert from 'node:assert/strict';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { BASE_DEFAULTS, SEED_RECIPE, type TrainingConfig } from '../../../src/core/config';
import { buildDataset, Minibatches } from '../../../src/core/dataset';
import * as tf from '@tensorflow/tfjs-core';
import { BigramModel, evaluateLoss } from '../../../src/core/evaluate';
import { softmaxCrossEntropy } from '../../../src/core/loss';
import { ForwardPass, readTensor, TrainingStep } from '../../../src/core/step';
import { prepareConfigured } from '../../../src/core/pipeline';
import { sampleWords } from '../../../src/core/sample';
import { modelShape, train } from '../../../src/core/train';
import { createHash } from 'node:crypto';
import { initParams, zerosLike } from '../../../src/core/model';
import { createOptimizer } from '../../../src/core/optim';
import { Rng } from '../../../src/core/rng';
import { namesList, namesText } from '../helpers/data';

const small: TrainingConfig = {
  ...BASE_DEFAULTS,
  blockSize: 3,
  embeddingSize: 10,
  hiddenSize: 64,
  batchSize: 128,
  steps: 400,
  learningRate: 0.01,
  evalEvery: 100,
};

describe('training on names.txt', function () {
  this.timeout(300_000);
  const words = namesList();
  const dataset = buildDataset(words, 3, 42);

  before(async () => {
    await initNodeBackend();
  });

  it('the count-based bigram baseline has dev loss ≈ 2.45', () => {
    const losses = new BigramModel(dataset.vocabulary, dataset.splitWords.train).splitLosses(dataset.splitWords);
    for (const split of ['train', 'dev', 'test'] as const) {
      assert.ok(losses[split]! > 2.42 && losses[split]! < 2.49, `${split} ${losses[split]}`);
    }
  });

  it('a short run beats the bigram baseline on every split', async () => {
    const result = await train(dataset, small);
    assert.equal(result.steps, 400);
    assert.equal(result.stopped, false);
    for (const split of ['train', 'dev', 'test'] as const) {
      assert.ok(
        result.losses[split]! < result.bigram[split]! - 0.05,
        `${split}: ${result.losses[split]} vs bigram ${result.bigram[split]}`,
      );
    }
    assert.ok(result.evals.length >= 3);
    assert.ok(result.examplesPerSecond > 0);
  });

  it('one seed gives one run: identical parameters, losses and samples; another seed differs', async () => {
    const config = { ...small, steps: 60 };
    const a = await train(dataset, config);
    const b = await train(dataset, config);
    const c = await train(buildDataset(words, 3, 43), { ...config, seed: 43 });
    assert.deepEqual(a.params.W1, b.params.W1);
    assert.deepEqual(a.losses, b.losses);
    const sample = (r: typeof a): string[] =>
      sampleWords({ shape: r.shape, params: r.params, vocabulary: dataset.vocabulary }, { count: 20, seed: 5 }).words;
    assert.deepEqual(sample(a), sample(b));
    assert.notDeepEqual(a.params.W1, c.params.W1);
  });

  it('stops when asked, between steps, keeping the best model so far', async () => {
    const controller = new AbortController();
    let progressEvents = 0;
    const result = await train(
      dataset,
      { ...small, steps: 1_000_000, evalEvery: 50 },
      {
        signal: controller.signal,
        progressIntervalMs: 0,
        onProgress: () => {
          if (++progressEvents === 120) controller.abort();
        },
      },
    );
    assert.equal(result.stopped, true);
    assert.ok(result.steps >= 120 && result.steps < 200, `ran ${result.steps} steps`);
    // A stop reuses the last evaluation: none at the step it stopped at.
    assert.ok(
      result.evals.every((e) => e.step % 50 === 0),
      JSON.stringify(result.evals.map((e) => e.step)),
    );
    // The kept model is the best evaluation's, and a stopped run's losses come from samples (a stop
    // ends in seconds on any list): dev from that evaluation (the dev sample), test and train from
    // samples of the same size.
    const best = result.evals.reduce((a, b) => (b.dev < a.dev ? b : a));
    assert.equal(result.keptStep, best.step);
    assert.equal(result.losses.dev, best.dev);
    assert.ok(dataset.dev.count > 20_000 && dataset.test.count > 20_000, 'names.txt: both splits are larger than a sample');
    assert.deepEqual(result.sampledLosses, {
      dev: { examples: 20_000, total: dataset.dev.count },
      test: { examples: 20_000, total: dataset.test.count },
      train: { examples: 20_000, total: dataset.train.count },
    });
    const whole = evaluateLoss(result.shape, result.params, dataset.test)!;
    assert.ok(Math.abs(result.losses.test! - whole) < 0.03, `test on a sample ${result.losses.test} ≈ on the whole split ${whole}`);
  });

  it('evaluates by distinct context exactly as example by example', async () => {
    const r = await train(buildDataset(words, 5, 42), { ...small, blockSize: 5, steps: 100, evalEvery: 100 });
    const data = buildDataset(words, 5, 42);
    const grouped = evaluateLoss(r.shape, r.params, data.dev)!;
    // The plain way: every example through the model.
    const f = new ForwardPass(r.shape, 4096);
    f.loadParams(r.params);
    let total = 0;
    for (let offset = 0; offset < data.dev.count; offset += 4096) {
      const n = Math.min(4096, data.dev.count - offset);
      f.loadContexts(r.params.C, data.dev.X, offset, n);
      tf.engine().startScope();
      total += softmaxCrossEntropy(readTensor(f.run(r.params.W1, n).logits), data.dev.Y, n, r.shape.vocabSize, undefined, offset);
      tf.engine().endScope();
    }
    assert.ok(Math.abs(grouped - total / data.dev.count) < 1e-6, `${grouped} vs ${total / data.dev.count}`);
  });

  it('evaluates during training on a fixed dev sample, and measures the train loss on a sample, saying so', async () => {
    const data = buildDataset(words, 3, 42);
    const r = await train(data, { ...small, steps: 50, evalEvery: 25 });
    assert.equal(r.devSampleExamples, 20_000);
    assert.ok(r.evals.every((e) => e.devExamples === 20_000));
    assert.deepEqual(r.trainLossSample, { examples: 100_000, total: data.train.count });
  });

  it('stops early after the last learning-rate drop when dev stops improving, drops coming forward on a plateau', async () => {
    // 400 names and a wide model without weight decay: overfits within a few hundred steps.
    const few = buildDataset(words.slice(0, 400), 3, 42);
    const config: TrainingConfig = {
      ...small,
      hiddenSize: 256,
      learningRate: 0.01,
      weightDecay: 0,
      steps: 5000,
      evalEvery: 25,
      patience: 100,
    };
    const rates: number[] = [];
    const r = await train(few, config, { progressIntervalMs: 0, onProgress: (p) => rates.push(p.learningRate) });
    assert.ok(r.earlyStop, 'stopped early');
    assert.ok(r.steps < 2000, `ran ${r.steps} steps`);
    assert.equal(r.earlyStop.step, r.steps);
    assert.match(r.earlyStop.message, /^stopped early at step [\d,]+: no improvement on dev for [\d,]+ steps$/);
    const best = r.evals.reduce((a, b) => (b.dev < a.dev ? b : a));
    assert.equal(r.keptStep, best.step);
    assert.equal(r.earlyStop.bestStep, best.step);
    // Both drops came forward (long before 60 % of 5,000 steps): the run ended at the last rate.
    assert.ok(Math.abs(rates.at(-1)! - 0.01 * 0.2 * 0.2) < 1e-12, `last rate ${rates.at(-1)}`);
    // The same bits as the loop before the schedule and the clock were split out of it (e8216f1).
    assert.deepEqual([r.steps, r.keptStep, r.losses.dev], [500, 300, 2.3493847197319626]);
    // Without patience the same run goes on.
    const on = await train(few, { ...config, steps: 600, patience: 0 });
    assert.equal(on.steps, 600);
    assert.equal(on.earlyStop, undefined);
  });

  it('the loop gives the same bits as before the schedule and the clock were split out of it (e8216f1)', async () => {
    // Scheduled drops at 30 % and 60 %, the evaluation interval left to the engine (every 30 steps).
    const r = await train(dataset, { ...small, steps: 600, lrDrops: [0.3, 0.6], lrDropFactor: 0.5, evalEvery: 0 });
    assert.deepEqual(
      r.evals.map((e) => e.step),
      Array.from({ length: 20 }, (_, i) => 30 * (i + 1)),
    );
    assert.deepEqual([r.steps, r.keptStep], [600, 600]);
    assert.deepEqual(r.losses, { train: 2.273844820291546, dev: 2.2828870546656526, test: 2.2949285777519255 });
    const hash = createHash('sha256');
    for (const name of Object.keys(r.params).sort() as (keyof typeof r.params)[]) {
      const a = r.params[name]!;
      hash.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    }
    assert.equal(hash.digest('hex'), 'e67885dff47d390c5d8909eb830541e80e8b295d583fc53c2a8dab9b5183d125');
  });

  it("names.txt's defaults keep the flat softmax, bit for bit as before the factored layer existed", () => {
    // The parameters after the first 40 steps of the default run (all defaults, seed 42), as the
    // engine before issue 21 computed them (c06c484): the same bits, so the whole default run —
    // dev 1.9853 — is unchanged.
    const { data, config } = prepareConfigured(namesText(), {});
    assert.equal(config.outputLayer, 'flat');
    const shape = modelShape(data.dataset, config);
    assert.equal(shape.classes, undefined);
    const rng = new Rng(config.seed);
    const params = initParams(shape, rng, config.init);
    const grads = zerosLike(shape);
    const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
    const step = new TrainingStep(shape, config.batchSize);
    const batches = new Minibatches(data.dataset.train, config.batchSize, rng);
    for (let i = 0; i < 40; i++) {
      batches.next();
      step.run(params, batches.X, batches.Y, grads);
      optimizer.step(params, grads, config.learningRate);
    }
    const hash = createHash('sha256');
    for (const name of ['C', 'W1', 'b1', 'W2', 'b2'] as const)
      hash.update(new Uint8Array(params[name].buffer, params[name].byteOffset, params[name].byteLength));
    assert.equal(hash.digest('hex'), 'e453681051a125b3d2c9fb41b7bdca384870920fb2bdfa60f4f60b3940e16090');
    assert.equal(evaluateLoss(shape, params, data.dataset.dev), 2.3199109843080388);
  });

  it('the seed recipe is expressible with the configuration (SGD 0.1 → 0.01 halfway, randn init)', () => {
    const { config } = prepareConfigured(namesText(), {
      optimizer: SEED_RECIPE.optimizer,
      learningRate: 0.1,
      lrDrops: [0.5],
      lrDropFactor: 0.1,
      steps: 200_000,
      batchSize: 32,
      blockSize: 3,
      embeddingSize: 10,
      hiddenSize: 200,
      init: 'randn',
    });
    assert.deepEqual(
      { ...config, seed: SEED_RECIPE.seed, weightDecay: 0, timeBudget: 0, evalEvery: 0, foldCase: 'off', patience: 0 },
      SEED_RECIPE,
    );
    // Without a patience given, early stopping follows the run's length.
    assert.equal(config.patience, 40_000);
  });
});
