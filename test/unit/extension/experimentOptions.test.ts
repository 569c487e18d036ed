import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS, NUMERIC_SPECS, validateConfig } from '../../../src/core/config';
import { InputError } from '../../../src/core/errors';
import { defaultLrRange } from '../../../src/core/lrFindPlan';
import { MAX_SWEEP_RUNS, SWEEP_KEYS, SWEEP_PRESETS, sweepSettings } from '../../../src/core/sweepPlan';
import {
  DEFAULT_LR_FIND_STEPS,
  DEFAULT_SWEEP_TIME_BUDGET,
  SWEEP_TIME_BUDGETS,
  parseLrFindArgs,
  parseSweepArgs,
  parseSweepValues,
  sweepBaseConfig,
  sweepRunCount,
} from '../../../src/extension/experiments/experimentOptions';

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('sweep values typed in the quick pick', () => {
  it('reads commas and spaces, and returns the values sorted, each once', () => {
    assert.deepEqual(parseSweepValues('hiddenSize', '200, 50,100  50'), [50, 100, 200]);
    assert.deepEqual(parseSweepValues('blockSize', ' 3 '), [3]);
    assert.deepEqual(parseSweepValues('embeddingSize', '2;4,,8'), [2, 4, 8]);
  });

  it("checks each value against the hyperparameter's bounds, naming it", () => {
    const hidden = NUMERIC_SPECS.find((s) => s.key === 'hiddenSize')!;
    assert.throws(() => parseSweepValues('blockSize', '2, 17'), inputError(/^Context length must be at most 16 \(got 17\)\.$/));
    assert.throws(() => parseSweepValues('hiddenSize', '0'), inputError(new RegExp(`Hidden size must be at least ${hidden.min}`)));
    assert.throws(() => parseSweepValues('hiddenSize', `${hidden.max + 1}`), inputError(/Hidden size must be at most/));
    assert.throws(() => parseSweepValues('embeddingSize', '2.5'), inputError(/Embedding size must be a whole number \(got 2\.5\)/));
    assert.throws(() => parseSweepValues('embeddingSize', '8, big'), inputError(/Embedding size: "big" is not a number\./));
    assert.throws(() => parseSweepValues('embeddingSize', ' , '), inputError(/needs at least one value/));
  });

  it('keeps the whole sweep within MAX_SWEEP_RUNS, counting the values picked before', () => {
    const values = Array.from({ length: 8 }, (_, i) => i + 1).join(',');
    assert.equal(parseSweepValues('blockSize', values, 6).length, 8);
    assert.throws(
      () => parseSweepValues('blockSize', values, 7),
      inputError(new RegExp(`That makes 56 runs; a sweep may have at most ${MAX_SWEEP_RUNS}\\.`)),
    );
  });

  it('accepts every preset value', () => {
    for (const key of SWEEP_KEYS) assert.deepEqual(parseSweepValues(key, SWEEP_PRESETS[key].join(', ')), SWEEP_PRESETS[key]);
  });
});

describe('the sweep command argument object', () => {
  it('takes the values to vary, the time budget and the steps', () => {
    const plan = parseSweepArgs({ vary: { hiddenSize: [32, 8], blockSize: [2] }, timeBudget: 2, steps: 150 });
    assert.deepEqual(plan, { vary: { hiddenSize: [8, 32], blockSize: [2] }, timeBudget: 2, steps: 150 });
    assert.equal(sweepRunCount(plan.vary), 2);
  });

  it('fills in the default time budget, and "preset" for the preset values', () => {
    const plan = parseSweepArgs({ vary: { embeddingSize: 'preset' } });
    assert.deepEqual(plan, { vary: { embeddingSize: SWEEP_PRESETS.embeddingSize }, timeBudget: DEFAULT_SWEEP_TIME_BUDGET });
    assert.ok(SWEEP_TIME_BUDGETS.includes(DEFAULT_SWEEP_TIME_BUDGET));
  });

  it('says what is wrong with a bad argument', () => {
    const cases: [unknown, RegExp][] = [
      [[8, 32], /takes an object such as/],
      [{ timeBudget: 2 }, /needs "vary"/],
      [{ vary: {} }, /needs "vary"/],
      [{ vary: { hidden: [8] } }, /"vary" has no "hidden"; it takes blockSize, embeddingSize, hiddenSize\./],
      [{ vary: { hiddenSize: 8 } }, /vary\.hiddenSize must be a list of numbers or "preset"/],
      [{ vary: { hiddenSize: [] } }, /vary\.hiddenSize needs at least one value/],
      [{ vary: { hiddenSize: ['8'] } }, /vary\.hiddenSize: "8" is not a number/],
      [{ vary: { blockSize: [0] } }, /vary\.blockSize must be at least 1/],
      [{ vary: { hiddenSize: [8] }, timeBudget: -1 }, /timeBudget must be at least 0/],
      [{ vary: { hiddenSize: [8] }, steps: 1.5 }, /steps must be a whole number/],
      [{ vary: { hiddenSize: [8] }, timeBudget: 0 }, /without a time budget .* needs "steps"/],
      [{ vary: { hiddenSize: [8] }, seed: 3 }, /The sweep has no "seed"/],
    ];
    for (const [arg, pattern] of cases) assert.throws(() => parseSweepArgs(arg), inputError(pattern), JSON.stringify(arg));
    const all = { vary: { blockSize: 'preset', embeddingSize: 'preset', hiddenSize: 'preset' } };
    const runs = SWEEP_KEYS.reduce((n, k) => n * SWEEP_PRESETS[k].length, 1);
    assert.throws(() => parseSweepArgs(all), inputError(new RegExp(`That makes ${runs} runs`)));
  });

  it('lets every run train for its time budget, over the user settings', () => {
    const settings = { steps: 300, timeBudget: 0, learningRate: 0.01, hiddenSize: 64 };
    const base = sweepBaseConfig(settings, parseSweepArgs({ vary: { hiddenSize: [8, 16] }, timeBudget: 5 }));
    assert.equal(base.timeBudget, 5);
    assert.equal(base.learningRate, 0.01);
    assert.ok(base.steps! > 1_000_000, 'the time budget, not the steps setting, ends a run');
    // Every run of the sweep is a valid configuration for the engine.
    for (const setting of sweepSettings({ hiddenSize: [8, 16] }))
      assert.doesNotThrow(() => validateConfig({ ...BASE_DEFAULTS, ...base, ...setting }));
    assert.equal(sweepBaseConfig(settings, parseSweepArgs({ vary: { hiddenSize: [8] }, steps: 40 })).steps, 40);
  });
});

describe('the learning-rate finder argument object', () => {
  it("defaults to the notebook's 1000 steps over the optimizer's range", () => {
    assert.deepEqual(parseLrFindArgs(undefined, 'sgd'), {
      steps: DEFAULT_LR_FIND_STEPS,
      minLr: defaultLrRange('sgd')[0],
      maxLr: defaultLrRange('sgd')[1],
    });
    // An unset optimizer is the engine's default one.
    const [min, max] = defaultLrRange(BASE_DEFAULTS.optimizer);
    assert.deepEqual(parseLrFindArgs({}, undefined), { steps: DEFAULT_LR_FIND_STEPS, minLr: min, maxLr: max });
  });

  it('takes steps and either end of the range', () => {
    assert.deepEqual(parseLrFindArgs({ steps: 200, minLr: 1e-4, maxLr: 0.5 }, 'adam'), { steps: 200, minLr: 1e-4, maxLr: 0.5 });
    assert.deepEqual(parseLrFindArgs({ maxLr: 0.01 }, 'adam'), {
      steps: DEFAULT_LR_FIND_STEPS,
      minLr: defaultLrRange('adam')[0],
      maxLr: 0.01,
    });
  });

  it('says what is wrong with a bad argument', () => {
    const cases: [unknown, RegExp][] = [
      ['fast', /takes an object such as/],
      [{ steps: 5 }, /steps must be at least 10/],
      [{ steps: 100.5 }, /steps must be a whole number/],
      [{ minLr: 0 }, /minLr must be above 0/],
      [{ maxLr: 11 }, /maxLr must be at most 10/],
      [{ minLr: 0.5 }, /minLr must be below maxLr \(got 0\.5 and 0\.1\)/],
      [{ lr: 0.1 }, /The learning-rate finder has no "lr"; it takes steps, minLr, maxLr\./],
    ];
    for (const [arg, pattern] of cases) assert.throws(() => parseLrFindArgs(arg, 'adam'), inputError(pattern), JSON.stringify(arg));
  });
});
