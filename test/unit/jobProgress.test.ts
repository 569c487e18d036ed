import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../src/core/config';
import type { ListReading } from '../../src/core/listFormat';
import { READING_SHOWN_SECONDS, jobLine, jobList, jobProgress, jobSource } from '../../src/shared/jobProgress';
import type { SweepRun } from '../../src/core/sweepPlan';
import type { RunEvent, TrainProgressEvent, TrainStartedEvent } from '../../src/shared/events';
import { JOBS } from '../../src/shared/jobKinds';
import { formatDuration, formatLearningRate, formatSetting } from '../../src/shared/format';
import { applyRunEvent, initialRunState, type RunState } from '../../src/shared/runState';

function stateOf(events: RunEvent[]): RunState {
  const state = initialRunState();
  for (const e of events) applyRunEvent(state, e);
  return state;
}

const trainStarted: TrainStartedEvent = {
  type: 'trainStarted',
  jobId: 1,
  listName: 'a.txt',
  words: 10,
  symbols: ['.'],
  examples: { train: 8, dev: 1, test: 1 },
  config: { ...BASE_DEFAULTS, steps: 5000 },
  paramCount: 1,
  backend: 'wasm',
};
const progressAt = (step: number, seconds: number): TrainProgressEvent => ({
  type: 'trainProgress',
  step,
  totalSteps: 5000,
  progress: step / 5000,
  seconds,
  learningRate: 0.01,
  losses: [2.5],
  smoothLoss: 2.5,
  examplesPerSecond: 1,
  embedding: [],
});

const settings = [{ hiddenSize: 50 }, { hiddenSize: 100 }, { hiddenSize: 200 }];
const sweepStarted: RunEvent = {
  type: 'sweepStarted',
  listName: 'names.txt',
  words: 900,
  settings,
  varied: ['hiddenSize'],
  config: BASE_DEFAULTS,
  backend: 'wasm',
};
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
      { type: 'sweepRunProgress', index: 1, progress: 0.5, smoothLoss: 2.3456, jobSeconds: 10 },
    ]);
    // Half the sweep in 10 s: about 10 s left.
    assert.deepEqual(jobProgress(state), {
      fraction: 0.5,
      position: 'run 2 of 3',
      message: 'run 2 of 3 · hidden 100 · loss 2.346 · 10.0 s, about 10 s left',
      short: 'sweep 2/3 · loss 2.346 · 10 s left',
      left: '10 s left',
    });
    // The clock runs on between events.
    assert.equal(jobProgress(state, 4).message, 'run 2 of 3 · hidden 100 · loss 2.346 · 14.0 s, about 6 s left');
    assert.equal(jobSource(state), 'names.txt');
    applyRunEvent(state, { type: 'stopping' });
    assert.equal(jobProgress(state).message, JOBS.sweep.stopping);
    // Once stopping, no time is left to count: the status bar says it stops.
    assert.deepEqual([jobProgress(state).short, jobProgress(state).left], ['stopping at run 2 of 3', '']);
    assert.equal(jobLine(state), 'Sweeping names.txt · stopping at run 2 of 3');
  });

  it('reads the learning-rate finder by its steps, rate and smoothed loss', () => {
    const state = stateOf([
      { type: 'lrFindStarted', listName: 'w.txt', optimizer: 'adam', minLr: 1e-5, maxLr: 0.1, steps: 1000, backend: 'wasm' },
      { type: 'lrFindProgress', learningRates: [1e-5, 1.234e-4], losses: [3.3, 3.2], smoothed: [3.3, 3.25] },
    ]);
    const p = jobProgress(state);
    assert.equal(p.fraction, 2 / 1000);
    // Too early for an estimate (under 2% done).
    assert.equal(p.message, 'step 2 of 1,000 · learning rate 1.2e-4 · loss 3.250 · 0.0 s');
    assert.equal(p.short, 'LR 1.2e-4 · loss 3.250');
  });

  it("reads a training by its steps, with the clock and the engine's estimate of the time left", () => {
    const state = stateOf([
      { ...trainStarted, preparedSeconds: 0.5 },
      { ...progressAt(1200, 3), etaSeconds: 70 },
    ]);
    assert.deepEqual(jobProgress(state), {
      fraction: 0.24,
      position: 'step 1,200 of 5,000',
      message: 'step 1,200 of 5,000 · loss 2.500 · 3.5 s, about 1 min 10 s left',
      short: '1,200/5,000 · loss 2.500 · 1 min 10 s left',
      left: '1 min 10 s left',
    });
    assert.equal(jobProgress(state, 69.5).message, 'step 1,200 of 5,000 · loss 2.500 · 1 min 13 s, almost done');
    // The job line every view shows for a job on another list: its list, where it is, the time left.
    assert.equal(jobLine(state), 'Training a.txt · step 1,200 of 5,000 · 1 min 10 s left');
    applyRunEvent(state, { type: 'stopping' });
    assert.equal(jobProgress(state, 1).short, 'stopping at step 1,200 of 5,000');
    assert.equal(jobLine(state, 1), 'Training a.txt · stopping at step 1,200 of 5,000');
    applyRunEvent(state, {
      type: 'trainFinished',
      losses: { train: 2, dev: 2, test: 2 },
      bigram: { train: 2.5, dev: 2.5, test: 2.5 },
      steps: 1200,
      keptStep: 1200,
      seconds: 4,
      examplesPerSecond: 1,
      stopped: true,
    });
    assert.equal(jobLine(state), null, 'no job line once the job has ended');
  });

  it('names the stage a job is in when it is not taking steps, with the clock running', () => {
    // A large list: its reading is named before the job's started event.
    const state = stateOf([{ type: 'phase', job: 'train', phase: 'reading', label: 'reading 135,233 lines', jobSeconds: 0.2 }]);
    assert.equal(state.status, 'running');
    assert.deepEqual(jobProgress(state, 1.5), {
      fraction: 0,
      position: 'reading 135,233 lines',
      message: 'reading 135,233 lines · 1.7 s',
      short: 'reading 135,233 lines',
      left: '',
    });
    // Before the started event, the stage names the list (its key too: which list the job is on).
    applyRunEvent(state, {
      type: 'phase',
      job: 'train',
      phase: 'reading',
      label: 'reading 135,233 lines',
      jobSeconds: 0.3,
      listName: 'cities.txt',
      listKey: '0123456789abcdef',
    });
    assert.deepEqual(jobList(state), { name: 'cities.txt', key: '0123456789abcdef' });
    assert.equal(jobLine(state, 1.5), 'Training cities.txt · reading 135,233 lines');
    applyRunEvent(state, { type: 'phase', job: 'train', phase: 'building', label: 'building examples from 135,233 items', jobSeconds: 2 });
    applyRunEvent(state, { ...trainStarted, preparedSeconds: 2.5 });
    assert.equal(state.phase, null, 'training steps follow');
    applyRunEvent(state, { ...progressAt(5000, 40), etaSeconds: 12 });
    applyRunEvent(state, {
      type: 'phase',
      job: 'train',
      phase: 'final-evaluation',
      label: 'final evaluation on the whole dev split (293,759 examples)',
      jobSeconds: 43,
    });
    const p = jobProgress(state, 5);
    assert.equal(p.message, 'final evaluation on the whole dev split (293,759 examples) · 48.0 s, about 7 s left');
    assert.equal(p.position, 'final evaluation on the whole dev split (293,759 examples)');
    applyRunEvent(state, { type: 'stopping' });
    assert.equal(jobProgress(state).message, JOBS.train.stopping);
  });

  it('after the steps: the estimate counts down through the stages it covers, and none is given for checking samples, saving and storing', () => {
    const state = stateOf([
      { ...trainStarted, preparedSeconds: 1 },
      { ...progressAt(5000, 40), etaSeconds: 12 },
    ]);
    // A stage's event 3 s later does not restart the countdown (12 s from job second 41).
    applyRunEvent(state, {
      type: 'phase',
      job: 'train',
      phase: 'final-evaluation',
      label: 'final evaluation on the whole dev split (293,759 examples)',
      jobSeconds: 44,
    });
    assert.equal(jobProgress(state, 0).short, 'final evaluation on the whole dev split (293,759 examples) · 9 s left');
    applyRunEvent(state, {
      type: 'phase',
      job: 'train',
      phase: 'sampling',
      label: 'checking 1,000 samples against the list',
      jobSeconds: 52,
    });
    assert.deepEqual(jobProgress(state, 30), {
      fraction: 1,
      position: 'checking 1,000 samples against the list',
      message: 'checking 1,000 samples against the list · 1 min 22 s',
      short: 'checking 1,000 samples against the list',
      left: '',
    });
    applyRunEvent(state, { type: 'phase', job: 'train', phase: 'saving', label: 'saving the model', jobSeconds: 60 });
    assert.equal(jobProgress(state, 30).short, 'saving the model', 'no "almost done" for seconds on end');
    applyRunEvent(state, {
      type: 'trainFinished',
      losses: { train: 2, dev: 2.1, test: 2.1 },
      bigram: { train: 2.4, dev: 2.45, test: 2.46 },
      steps: 5000,
      keptStep: 5000,
      seconds: 60,
      examplesPerSecond: 1,
      stopped: false,
    });
    assert.equal(jobProgress(state).position, 'storing the run', 'the host stores the run, which the notification still shows');
  });

  it('says what was read in the first seconds of a training run on a file that is not plain lines', () => {
    const source: ListReading = {
      format: 'csv',
      formatLabel: 'CSV file',
      column: { name: 'name', index: 1, text: true, examples: ['Bella'] },
      header: true,
      columns: [],
      items: 201,
      skipped: 0,
      description: "Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy",
    };
    const state = stateOf([{ ...trainStarted, listReading: source }, progressAt(100, 1)]);
    assert.equal(
      jobProgress(state).message,
      "Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy — step 100 of 5,000 · loss 2.500 · 1.0 s",
    );
    applyRunEvent(state, progressAt(900, READING_SHOWN_SECONDS + 1));
    assert.match(jobProgress(state).message, /^step 900 of 5,000 · /);
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
