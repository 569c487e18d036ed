import * as assert from 'node:assert/strict';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { BASE_DEFAULTS, SEED_RECIPE } from '../../../src/core/config';
import { buildDataset } from '../../../src/core/dataset';
import { findLearningRate } from '../../../src/core/lrFind';
import { roundDown125, suggestLearningRate } from '../../../src/core/lrFindPlan';
import { sweep } from '../../../src/core/sweep';
import { diagnose, sweepSettings } from '../../../src/core/sweepPlan';
import { namesList } from '../helpers/data';

describe('hyperparameter sweep', function () {
  this.timeout(300_000);
  before(() => initNodeBackend());

  it('expands the chosen values into every combination', () => {
    assert.deepEqual(sweepSettings({ hiddenSize: [10, 20] }), [{ hiddenSize: 10 }, { hiddenSize: 20 }]);
    assert.deepEqual(sweepSettings({ blockSize: [2, 3], hiddenSize: [10, 20] }), [
      { blockSize: 2, hiddenSize: 10 },
      { blockSize: 2, hiddenSize: 20 },
      { blockSize: 3, hiddenSize: 10 },
      { blockSize: 3, hiddenSize: 20 },
    ]);
  });

  it('returns one result per configuration, judged on dev, with the test split never evaluated', async () => {
    const words = namesList().slice(0, 3000);
    const base = { ...BASE_DEFAULTS, steps: 150, batchSize: 128, embeddingSize: 8, learningRate: 0.01 };
    const settings = sweepSettings({ blockSize: [1, 3], hiddenSize: [8, 64] });
    const started: number[] = [];
    const result = await sweep(words, base, settings, { onRunStart: (i) => started.push(i) });
    assert.deepEqual(started, [0, 1, 2, 3]);
    assert.equal(result.runs.length, 4);
    result.runs.forEach((r, i) => {
      assert.deepEqual(r.setting, settings[i]);
      assert.equal(r.config.blockSize, settings[i]!.blockSize);
      assert.ok(r.train > 1 && r.dev > 1 && Number.isFinite(r.dev));
      assert.ok(!('test' in r));
    });
    assert.equal(result.bestResult!.losses.test, null, 'the test split was not evaluated');
    assert.equal(
      result.best,
      result.runs.reduce((b, r, i) => (r.dev < result.runs[b]!.dev ? i : b), 0),
    );
    assert.equal(result.bestResult!.losses.dev, result.runs[result.best]!.dev);
    // More context and capacity beat one character of context with 8 hidden units.
    assert.ok(result.runs[3]!.dev < result.runs[0]!.dev);
  });

  it('stops between runs and keeps the finished ones', async () => {
    const controller = new AbortController();
    const result = await sweep(
      namesList().slice(0, 2000),
      { ...BASE_DEFAULTS, steps: 50, batchSize: 64, hiddenSize: 16 },
      sweepSettings({ hiddenSize: [8, 16, 32] }),
      {
        signal: controller.signal,
        onRunEnd: () => controller.abort(),
      },
    );
    assert.equal(result.stopped, true);
    assert.equal(result.runs.length, 1);
  });

  it('labels underfitting, the best run and overfitting', () => {
    assert.deepEqual(
      diagnose([
        { train: 2.4, dev: 2.42 }, // both high
        { train: 2.05, dev: 2.1 }, // best
        { train: 1.6, dev: 2.2 }, // the gap opened
        { train: 2.07, dev: 2.12 },
      ]),
      ['underfit', 'best', 'overfit', 'good'],
    );
  });
});

describe('learning-rate finder', function () {
  this.timeout(300_000);
  before(() => initNodeBackend());

  it("suggests a sane rate on names.txt for the seed's SGD set-up and for Adam", async () => {
    const words = namesList();
    const sgd = await findLearningRate(buildDataset(words, 3, 1), SEED_RECIPE, { steps: 600 });
    assert.ok(sgd.suggestion >= 0.02 && sgd.suggestion <= 0.5, `SGD suggestion ${sgd.suggestion}`);
    assert.ok(sgd.learningRates[0]! === 1e-3 && sgd.learningRates.length > 300);
    for (let i = 1; i < sgd.learningRates.length; i++) assert.ok(sgd.learningRates[i]! > sgd.learningRates[i - 1]!);
    const adam = await findLearningRate(
      buildDataset(words, 3, 1),
      { ...BASE_DEFAULTS, blockSize: 3, hiddenSize: 100, batchSize: 128 },
      { steps: 600 },
    );
    assert.ok(adam.suggestion >= 5e-4 && adam.suggestion <= 5e-2, `Adam suggestion ${adam.suggestion}`);
  });

  it('reads the suggestion off the smoothed curve, rounded down to 1-2-5', () => {
    assert.deepEqual(suggestLearningRate([0.001, 0.01, 0.15, 1], [3, 2.5, 2.2, 9]), { suggestion: 0.1, minimum: 0.15 });
    assert.deepEqual([0.0073, 0.15, 0.3, 2, 9.9].map(roundDown125), [0.005, 0.1, 0.2, 2, 5]);
  });
});
