/**
 * The list in focus as the views read it (shared/focus.ts): which training run they show — the
 * latest one when it is on the focused list (by the key of its runs, by name without one), else
 * the list's active run as stored — the stored run as a finished run's state (its curve, losses,
 * samples, vocabulary, notes), and a job on another list as that job, never as the focused list's.
 */
import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../src/core/config';
import type { RunEvent, TrainStartedEvent } from '../../src/shared/events';
import { initialFocus, isBorrowed, isFocusedJob, otherJob, shownTraining, storedRunState, type Focus } from '../../src/shared/focus';
import { jobLine } from '../../src/shared/jobProgress';
import { activeModelLabel, RUN_RECORD_FORMAT, RUN_RECORD_VERSION, type RunRecord } from '../../src/shared/runRecord';
import { applyRunEvent, initialRunState, trainLossNow, type RunState } from '../../src/shared/runState';

const A = 'aaaaaaaaaaaaaaaa';
const C = 'cccccccccccccccc';

const record: RunRecord = {
  format: RUN_RECORD_FORMAT,
  version: RUN_RECORD_VERSION,
  id: '20260615-120000-abcd',
  fileKey: A,
  document: 'file:///w/a.txt',
  fileName: 'a.txt',
  textSha256: 'f'.repeat(64),
  words: 4000,
  createdAt: '2026-06-15T12:00:00.000Z',
  origin: 'train',
  config: { ...BASE_DEFAULTS, steps: 1000 },
  vocabulary: ['a', 'b', '.'],
  paramCount: 1234,
  steps: 1000,
  keptStep: 900,
  seconds: 12,
  examplesPerSecond: 5000,
  stopped: false,
  backend: 'wasm',
  earlyStop: { step: 1000, bestStep: 900, patience: 100, message: 'stopped early at step 1,000: no improvement on dev for 100 steps' },
  losses: { train: 2.1, dev: 2.2, test: 2.3 },
  bigram: { train: 2.5, dev: 2.5, test: 2.5 },
  samples: ['ab', 'ba'],
  curve: { trainStep: [100, 200, 400], train: [3, 2.5, 2.2], devStep: [500, 1000], dev: [2.4, 2.2] },
};

const focusOnA: Focus = {
  ...initialFocus(),
  list: { name: 'a.txt', key: A, document: 'file:///w/a.txt', open: true },
  model: activeModelLabel(record, false, 'ownList', null),
  run: record,
};

function started(listName: string, listKey?: string): TrainStartedEvent {
  return {
    type: 'trainStarted',
    jobId: 7,
    listName,
    ...(listKey ? { listKey } : {}),
    words: 10,
    symbols: ['.', 'x'],
    examples: { train: 8, dev: 1, test: 1 },
    config: BASE_DEFAULTS,
    paramCount: 10,
    backend: 'wasm',
  };
}

function stateOf(...events: RunEvent[]): RunState {
  const state = initialRunState();
  for (const e of events) applyRunEvent(state, e);
  return state;
}

describe('the list in focus', () => {
  it("shows the list's stored run while another list trains, and that job as a line of its own", () => {
    const state = stateOf(started('c.txt', C), {
      type: 'trainProgress',
      step: 50,
      totalSteps: 2500,
      progress: 0.02,
      seconds: 1,
      learningRate: 0.1,
      losses: [3, 2.9],
      smoothLoss: 2.9,
      examplesPerSecond: 1,
      embedding: [],
      etaSeconds: 49,
    });
    assert.equal(isFocusedJob(state, focusOnA), false);
    assert.equal(otherJob(state, focusOnA), 'train');
    assert.equal(jobLine(state), 'Training c.txt · step 50 of 2,500 · 49 s left');
    const shown = shownTraining(state, focusOnA)!;
    assert.notEqual(shown, state);
    assert.equal(shown.started?.listName, 'a.txt');
    assert.equal(shown.finished?.losses.dev, 2.2);
  });

  it("shows the latest run when it is the focused list's — by key, or by name when it has none", () => {
    const ownRun = stateOf(started('a.txt', A));
    assert.equal(shownTraining(ownRun, focusOnA), ownRun);
    assert.equal(otherJob(ownRun, focusOnA), null);
    // A state saved by an older version names its list only.
    const older = stateOf(started('a.txt'));
    assert.equal(shownTraining(older, focusOnA), older);
    // Another list of the same name (a reused "Untitled-1") is another list: the focused list's own run is shown.
    assert.equal(shownTraining(stateOf(started('a.txt', C)), focusOnA)?.started?.listKey, A);
    // A list being read before its started event is named by its stage.
    const reading = stateOf({
      type: 'phase',
      job: 'train',
      phase: 'reading',
      label: 'reading 3,516,956 lines',
      jobSeconds: 0.1,
      listName: 'a.txt',
      listKey: A,
    });
    assert.equal(shownTraining(reading, focusOnA), reading);
  });

  it('with no list in focus, every view shows the latest run as it is; a list without runs shows none', () => {
    const state = stateOf(started('c.txt', C));
    assert.equal(shownTraining(state, initialFocus()), state);
    const fresh: Focus = { ...initialFocus(), list: { name: 'draft.txt', key: null, document: 'file:///w/draft.txt', open: true } };
    assert.equal(shownTraining(state, fresh), null);
    // Its model borrowed from another list, and said so.
    assert.equal(isBorrowed({ model: activeModelLabel(record, false, 'recent', 'draft.txt') }), true);
    assert.equal(isBorrowed(focusOnA), false);
  });

  it('makes a stored run a finished run: its curve, losses, samples, vocabulary and notes', () => {
    const s = storedRunState(record, null);
    assert.equal(s.status, 'finished');
    assert.deepEqual(s.history.step, [100, 200, 400]);
    assert.deepEqual(s.history.count, [100, 100, 200], 'each stored point stands for the steps since the one before');
    assert.deepEqual(
      s.evals.map((e) => [e.step, e.dev]),
      [
        [500, 2.4],
        [1000, 2.2],
      ],
    );
    assert.equal(trainLossNow(s), 2.1, 'the final train loss');
    assert.deepEqual(s.started?.symbols, ['·', 'a', 'b', '.'], 'the boundary is "·" where "." is a symbol');
    assert.deepEqual(s.samples, ['ab', 'ba']);
    assert.equal(s.finished?.earlyStop?.bestStep, 900);
    assert.match(s.storedAs!.modelName, /^a\.txt · .+ · dev 2\.200$/);
    assert.deepEqual([s.storedAs!.fileKey, s.storedAs!.runId], [A, record.id]);
    // Names sampled from it since replace its own; its model file's details are used when read.
    const more = storedRunState(record, { symbols: ['.', 'a', 'b', 'x'], embedding: [1, 2, 3, 4] }, { runId: record.id, words: ['bab'] });
    assert.deepEqual(more.samples, ['bab']);
    assert.deepEqual(more.embedding, [1, 2, 3, 4]);
    assert.deepEqual(storedRunState(record, null, { runId: 'another', words: ['x'] }).samples, ['ab', 'ba']);
  });
});
