import * as assert from 'node:assert/strict';
import {
  BASE_DEFAULTS,
  checkValue,
  configStepCost,
  defaultsFor,
  NUMERIC_SPECS,
  REFERENCE_STEPS,
  REFERENCE_VOCAB,
  RUN_BUDGET,
  validateConfig,
} from '../../../src/core/config';
import { InputError } from '../../../src/core/errors';
import { zerosLike, type ModelShape } from '../../../src/core/model';
import { Adam, learningRateAt, Sgd } from '../../../src/core/optim';

const shape: ModelShape = { vocabSize: 3, blockSize: 1, embeddingSize: 2, hiddenSize: 2 };

function filled(value: number) {
  const p = zerosLike(shape);
  for (const a of Object.values(p)) a.fill(value);
  return p;
}

describe('optimisers and schedule', () => {
  it('SGD: θ ← θ − lr·g, weight decay only on C, W1, W2', () => {
    const params = filled(1);
    new Sgd(0.5).step(params, filled(2), 0.1);
    assert.ok(Math.abs(params.W1[0]! - (1 * (1 - 0.1 * 0.5) - 0.2)) < 1e-6);
    assert.ok(Math.abs(params.b1[0]! - 0.8) < 1e-6);
  });

  it("Adam's first step moves every parameter by ≈ lr against the gradient's sign", () => {
    const params = filled(0);
    const grads = filled(0);
    grads.W2.set([3, -0.001, 42, -7, 1, -1]);
    new Adam(shape).step(params, grads, 0.01);
    assert.deepEqual(
      Array.from(params.W2, (x) => Math.round(x * 1e4) / 1e4),
      [-0.01, 0.01, -0.01, 0.01, -0.01, 0.01],
    );
  });

  it('step decay: ×factor at each drop', () => {
    assert.equal(learningRateAt(0.49, 0.1, [0.5], 0.1), 0.1);
    assert.ok(Math.abs(learningRateAt(0.5, 0.1, [0.5], 0.1) - 0.01) < 1e-12);
    assert.ok(Math.abs(learningRateAt(0.9, 1, [0.6, 0.85], 0.2) - 0.04) < 1e-12);
  });
});

describe('configuration', () => {
  it('names the bad value and the rule', () => {
    const spec = (key: string) => NUMERIC_SPECS.find((s) => s.key === key)!;
    assert.equal(checkValue(spec('steps'), 0), '--steps must be at least 1 (got 0).');
    assert.equal(checkValue(spec('blockSize'), 17), '--block-size must be at most 16 (got 17).');
    assert.equal(checkValue(spec('learningRate'), 0), '--lr must be above 0 (got 0).');
    assert.equal(checkValue(spec('hiddenSize'), 2.5), '--hidden must be a whole number (got 2.5).');
    assert.equal(checkValue(spec('batchSize'), NaN), '--batch must be a number.');
    assert.throws(() => validateConfig({ ...BASE_DEFAULTS, optimizer: 'rmsprop' as 'adam' }), InputError);
    assert.doesNotThrow(() => validateConfig(BASE_DEFAULTS));
  });
});

describe('defaults that follow the data size', () => {
  it('regularise short lists more and give large ones more capacity and steps', () => {
    const tiny = defaultsFor(5_000);
    const mid = defaultsFor(25_000);
    const large = defaultsFor(180_000);
    assert.ok(tiny.weightDecay > mid.weightDecay && mid.weightDecay > large.weightDecay);
    assert.equal(mid.weightDecay, 0.3);
    assert.ok(large.hiddenSize > tiny.hiddenSize && large.steps > tiny.steps);
    assert.equal(defaultsFor(1).weightDecay, 3);
    for (const d of [tiny, mid, large, defaultsFor(1)]) assert.doesNotThrow(() => validateConfig(d));
  });

  it("give a large alphabet a 27-symbol list's capacity while its steps stay within the run budget", () => {
    const names = defaultsFor(182_000);
    assert.deepEqual([names.hiddenSize, names.steps, names.outputLayer], [400, 2500, 'auto']);
    const reference = REFERENCE_STEPS * configStepCost(names, REFERENCE_VOCAB);
    for (const [examples, V] of [
      [182_000, 27],
      [2_400_000, 122],
      [1_175_000, 334],
      [49_000, 2033],
      [200_000, 1949],
      [5_000, 36],
    ] as const) {
      const d = defaultsFor(examples, V);
      const same = defaultsFor(examples);
      // Never more than a 27-symbol list of the same size gets; never a costlier run than the budget.
      assert.ok(d.hiddenSize <= same.hiddenSize && d.steps <= same.steps, `${V} symbols: ${d.hiddenSize} units, ${d.steps} steps`);
      assert.ok(d.steps * configStepCost(d, V) <= RUN_BUDGET * reference * 1.0001, `${V} symbols: over the budget`);
    }
    // City names (334 symbols): factored, more capacity than the flat 128 units before issue 21.
    assert.ok(defaultsFor(1_175_000, 334).hiddenSize >= 288);
    // 10,000 words over ~2,000 symbols: the capacity and steps of a 27-symbol list of that size.
    const words = defaultsFor(49_000, 2033);
    assert.deepEqual([words.hiddenSize, words.steps], [defaultsFor(49_000).hiddenSize, defaultsFor(49_000).steps]);
  });
});
