import * as assert from 'node:assert/strict';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { BASE_DEFAULTS, SEED_RECIPE, type TrainingConfig } from '../../../src/core/config';
import { buildDataset } from '../../../src/core/dataset';
import { BigramModel } from '../../../src/core/evaluate';
import { prepareConfigured } from '../../../src/core/pipeline';
import { sampleWords } from '../../../src/core/sample';
import { train } from '../../../src/core/train';
import { namesList, namesText } from '../helpers/data';

const small: TrainingConfig = { ...BASE_DEFAULTS, blockSize: 3, embeddingSize: 10, hiddenSize: 64, batchSize: 128, steps: 400, learningRate: 0.01, evalEvery: 100 };

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
      assert.ok(result.losses[split]! < result.bigram[split]! - 0.05, `${split}: ${result.losses[split]} vs bigram ${result.bigram[split]}`);
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
    const result = await train(dataset, { ...small, steps: 1_000_000, evalEvery: 50 }, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onProgress: () => {
        if (++progressEvents === 120) controller.abort();
      },
    });
    assert.equal(result.stopped, true);
    assert.ok(result.steps >= 120 && result.steps < 200, `ran ${result.steps} steps`);
    const bestDev = Math.min(...result.evals.map((e) => e.dev));
    assert.ok(Math.abs(result.losses.dev! - bestDev) < 1e-9, `kept dev ${result.losses.dev} = best evaluated ${bestDev}`);
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
    assert.deepEqual({ ...config, seed: SEED_RECIPE.seed, weightDecay: 0, timeBudget: 0, evalEvery: 0, foldCase: false }, SEED_RECIPE);
  });
});
