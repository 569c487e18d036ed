import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { jobProgress, jobSource } from '../../../src/extension/jobs/progressText';
import type { SweepRun } from '../../../src/core/sweepPlan';
import type { RunEvent } from '../../../src/shared/events';
import { formatDuration, formatLearningRate, formatSetting } from '../../../src/shared/format';
import { applyRunEvent, initialRunState, type RunState } from '../../../src/shared/runState';

function stateOf(events: RunEvent[]): RunState {
  const state = initialRunState();
  for (const e of events) applyRunEvent(state, e);
  return state;
}

const settings = [{ hiddenSize: 50 }, { hiddenSize: 100 }, { hiddenSize: 200 }];
const sweepStarted: RunEvent = { type: 'sweepStarted', sourceName: 'names.txt', words: 900, settings, varied: ['hiddenSize'], config: BASE_DEFAULTS, backend: 'wasm' };
const run = (index: number, dev: number): SweepRun => ({
  index,
  setting: settings[index]!,
  config: { ...BASE_DEFAULTS, ...settings[index] },
  paramCount: 1000,
  train: dev - 0.05,
  dev,
  steps: 100,
  seconds: 5,
});

describe('job progress in words', () => {
  it('reads a sweep as run i of n, counting the part of the current run done', () => {
    const state = stateOf([
      sweepStarted,
      { type: 'sweepRunStarted', index: 0, paramCount: 1000 },
      { type: 'sweepRunFinished', run: run(0, 2.4), diagnosis: ['best'] },
      { type: 'sweepRunStarted', index: 1, paramCount: 2000 },
      { type: 'sweepRunProgress', index: 1, progress: 0.5, smoothLoss: 2.3456 },
    ]);
    assert.deepEqual(jobProgress(state), {
      fraction: 0.5,
      position: 'run 2 of 3',
      message: 'run 2 of 3 · hidden 100 · loss 2.346',
      short: 'sweep 2/3 · loss 2.346',
    });
    assert.equal(jobSource(state), 'names.txt');
    applyRunEvent(state, { type: 'stopping' });
    assert.equal(jobProgress(state).message, 'Stopping — keeping the finished runs…');
  });

  it('reads the learning-rate finder by its steps, rate and smoothed loss', () => {
    const state = stateOf([
      { type: 'lrFindStarted', sourceName: 'w.txt', optimizer: 'adam', minLr: 1e-5, maxLr: 0.1, steps: 1000, backend: 'wasm' },
      { type: 'lrFindProgress', learningRates: [1e-5, 1.234e-4], losses: [3.3, 3.2], smoothed: [3.3, 3.25] },
    ]);
    const p = jobProgress(state);
    assert.equal(p.fraction, 2 / 1000);
    assert.equal(p.message, 'step 2 of 1,000 · learning rate 1.2e-4 · loss 3.250');
    assert.equal(p.short, 'LR 1.2e-4 · loss 3.250');
  });

  it('reads a training by its steps, as before', () => {
    const state = stateOf([
      { type: 'trainStarted', jobId: 1, sourceName: 'a.txt', words: 10, symbols: ['.'], examples: { train: 8, dev: 1, test: 1 }, config: { ...BASE_DEFAULTS, steps: 5000 }, paramCount: 1, backend: 'wasm' },
      { type: 'trainProgress', step: 1200, totalSteps: 5000, progress: 0.24, seconds: 3, learningRate: 0.01, losses: [2.5], smoothLoss: 2.5, examplesPerSecond: 1, embedding: [] },
    ]);
    assert.deepEqual(jobProgress(state), { fraction: 0.24, position: 'step 1,200 of 5,000', message: 'step 1,200 of 5,000 · loss 2.500', short: '1,200/5,000 · loss 2.500' });
  });

  it('formats settings, rates and durations for people', () => {
    assert.equal(formatSetting({ hiddenSize: 200, blockSize: 3 }), 'context 3, hidden 200');
    assert.equal(formatLearningRate(0.0043), '0.0043');
    assert.equal(formatLearningRate(NaN), '—');
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(120), '2 min');
    assert.equal(formatDuration(90), '1 min 30 s');
  });
});
