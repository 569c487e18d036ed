import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { RunHub } from '../../../src/extension/jobs/runHub';
import {
  MAX_SAVED_EMBEDDING,
  MAX_SAVED_CURVE,
  MAX_SAVED_EVALS,
  RUN_STATE_KEY,
  RUN_STATE_VERSION,
  restoreRunState,
  saveRunStateOnEnd,
  savedRunState,
} from '../../../src/extension/jobs/runStateStore';
import type { RunEvent } from '../../../src/shared/events';
import { applyRunEvent, initialRunState, type RunState } from '../../../src/shared/runState';
import { thinIndices } from '../../../src/shared/series';
import { memento } from './helpers';

const started = (symbols = 27, embeddingSize = 4): RunEvent => ({
  type: 'trainStarted',
  jobId: 1,
  listName: 'names.txt',
  words: 1000,
  symbols: Array.from({ length: symbols }, (_, i) => String(i)),
  examples: { train: 800, dev: 100, test: 100 },
  config: { ...BASE_DEFAULTS, embeddingSize, steps: 20_000 },
  paramCount: 1234,
  backend: 'wasm',
});

/** A training of `steps` steps with an evaluation every `evalEvery`, finished. */
function trainingEvents(steps: number, evalEvery: number, embedding: number[]): RunEvent[] {
  const events: RunEvent[] = [started()];
  for (let step = 100; step <= steps; step += 100) {
    const losses = Array.from({ length: 100 }, (_, i) => 3 - (step + i) / steps);
    events.push({
      type: 'trainProgress',
      step,
      totalSteps: steps,
      progress: step / steps,
      seconds: step / 1000,
      learningRate: 0.01,
      losses,
      smoothLoss: losses[99]!,
      examplesPerSecond: 1e5,
      embedding,
    });
    for (let s = step - 100 + evalEvery; s <= step; s += evalEvery)
      events.push({ type: 'trainEval', step: s, seconds: s / 1000, dev: 2.5 - s / (10 * steps), trainSmooth: 2.4, samples: ['ann'] });
  }
  const losses = { train: 2.1, dev: 2.2, test: null };
  events.push({
    type: 'trainFinished',
    losses,
    bigram: losses,
    steps,
    keptStep: steps,
    seconds: steps / 1000,
    examplesPerSecond: 1e5,
    stopped: false,
  });
  return events;
}

function lrFindEvents(points: number): RunEvent[] {
  const learningRates = Array.from({ length: points }, (_, i) => 1e-5 * 1e4 ** (i / (points - 1)));
  const losses = learningRates.map((lr) => 3 - Math.log10(lr) / 10);
  return [
    { type: 'lrFindStarted', listName: 'names.txt', optimizer: 'adam', minLr: 1e-5, maxLr: 0.1, steps: points, backend: 'wasm' },
    { type: 'lrFindProgress', learningRates, losses, smoothed: losses },
    { type: 'lrFindFinished', suggestion: 0.002, minimum: 0.0043, stopped: false },
  ];
}

function stateOf(events: RunEvent[], state: RunState = initialRunState()): RunState {
  for (const e of events) applyRunEvent(state, e);
  return state;
}

/** What a memento hands back: the value after a JSON round trip. */
function stored(value: unknown): { get<T>(key: string): T | undefined } {
  const json = JSON.stringify(value);
  return { get: <T>(key: string) => (key === RUN_STATE_KEY && json !== undefined ? (JSON.parse(json) as T) : undefined) };
}

describe('the last run across window reloads', () => {
  it('restores a finished training and a learning-rate search of the default length as they were', () => {
    const state = stateOf([...trainingEvents(2000, 500, [0.5, -0.25]), ...lrFindEvents(1000), { type: 'samples', words: ['ava', 'bo'] }]);
    const restored = restoreRunState(stored(savedRunState(state)));
    assert.deepEqual(restored, JSON.parse(JSON.stringify(state)));
    assert.equal(restored.status, 'finished');
    assert.deepEqual(restored.samples, ['ava', 'bo']);
    // It goes on from there: the next run starts a new state, keeping the experiments.
    applyRunEvent(restored, started());
    assert.equal(restored.status, 'running');
    assert.equal(restored.step, 0);
  });

  it("restores a state saved by 0.2 (version 3: sourceName, the started event's source) under the names of now", () => {
    const state = stateOf([...trainingEvents(200, 50, [0.5]), ...lrFindEvents(100)]);
    state.started!.listReading = {
      format: 'csv',
      formatLabel: 'CSV file',
      columns: [],
      items: 3,
      skipped: 0,
      description: 'Reading column name',
    };
    const old = JSON.parse(
      JSON.stringify(savedRunState(state)).replaceAll('"listName":', '"sourceName":').replace('"listReading":', '"source":'),
    ) as { version: number };
    old.version = 3;
    assert.ok(JSON.stringify(old).includes('"sourceName":') && !JSON.stringify(old).includes('listName'));
    const restored = restoreRunState(stored(old));
    assert.deepEqual(restored, JSON.parse(JSON.stringify(state)));
    assert.equal(restored.started?.listReading?.format, 'csv');
  });

  it('thins the long series to a bounded size, keeping their ends and the result', () => {
    const state = stateOf([...trainingEvents(20_000, 2, [1, 2]), ...lrFindEvents(20_000)]);
    assert.equal(state.evals.length, 10_000);
    const saved = savedRunState(state);
    assert.ok(JSON.stringify(saved).length < 500_000, `${JSON.stringify(saved).length} characters`);
    const restored = restoreRunState(stored(saved));
    assert.equal(restored.evals.length, MAX_SAVED_EVALS);
    assert.deepEqual(restored.evals[0], state.evals[0]);
    assert.deepEqual(restored.evals.at(-1), state.evals.at(-1));
    const lr = restored.lrFind!;
    assert.equal(lr.learningRates.length, MAX_SAVED_CURVE);
    assert.equal(lr.losses.length, MAX_SAVED_CURVE);
    assert.equal(lr.learningRates.at(-1), state.lrFind!.learningRates.at(-1));
    assert.equal(lr.suggestion, 0.002);
    assert.deepEqual(restored.history, state.history, 'the loss history is capped already');
    // Saving copies: the live state is untouched.
    assert.equal(state.evals.length, 10_000);
  });

  it('leaves out an embedding table too large to keep', () => {
    const huge = new Array(MAX_SAVED_EMBEDDING + 1).fill(0.1);
    assert.equal(restoreRunState(stored(savedRunState(stateOf(trainingEvents(200, 100, huge))))).embedding, null);
  });

  it('saves when a job ends, never while one runs', () => {
    const hub = new RunHub();
    const memory = memento();
    const subscription = saveRunStateOnEnd(hub, memory);
    const events = trainingEvents(500, 100, [0]);
    for (const e of events.slice(0, -1)) hub.publish(e);
    assert.equal(memory.values.size, 0, 'nothing is written during the run');
    hub.publish(events.at(-1)!);
    assert.equal(restoreRunState(stored(memory.values.get(RUN_STATE_KEY))).status, 'finished');

    const [lrStarted, ...lrRest] = lrFindEvents(50);
    hub.publish(lrStarted!);
    assert.equal(restoreRunState(stored(memory.values.get(RUN_STATE_KEY))).job, 'train', 'the running search is not saved');
    for (const e of lrRest) hub.publish(e);
    hub.publish({ type: 'lrApplied', learningRate: 0.002 });
    const restored = restoreRunState(stored(memory.values.get(RUN_STATE_KEY)));
    assert.equal(restored.job, 'lrFind');
    assert.equal(restored.lrFind?.applied, 0.002);
    assert.equal(restored.finished?.steps, 500, 'the last training is kept beside it');
    subscription.dispose();
  });

  it('starts afresh from a missing, foreign, older or running state', () => {
    const running = stateOf([started()]);
    const fresh = initialRunState();
    for (const value of [
      undefined,
      'text',
      { version: RUN_STATE_VERSION },
      { version: RUN_STATE_VERSION - 1, state: initialRunState() },
      savedRunState(running),
    ]) {
      assert.deepEqual(restoreRunState(stored(value)), fresh, JSON.stringify(value)?.slice(0, 80));
    }
  });

  it('thins evenly, the first and last point included', () => {
    assert.deepEqual(thinIndices(4, 10), [0, 1, 2, 3]);
    const indices = thinIndices(10_001, 500);
    assert.equal(indices.length, 500);
    assert.equal(indices[0], 0);
    assert.equal(indices.at(-1), 10_000);
    assert.ok(indices.every((v, i) => i === 0 || v > indices[i - 1]!));
  });
});
