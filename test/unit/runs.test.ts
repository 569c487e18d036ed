/** The shared vocabulary of runs (src/shared/runRecord.ts) and the protocol's run messages. */
import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../src/core/config';
import { formatRunDate } from '../../src/shared/format';
import { isFromWebview, isToWebview } from '../../src/shared/messages';
import {
  CONFIG_LABELS,
  MAX_CURVE_EVALS,
  activeModelReason,
  configChanges,
  describeChanges,
  describeChangesFrom,
  runConfigJson,
  runCurve,
  runLabel,
  type ActiveModelLabel,
  type RunRecord,
} from '../../src/shared/runRecord';
import { addLosses, applyRunEvent, emptyHistory, initialRunState } from '../../src/shared/runState';

describe('runs: shared vocabulary', () => {
  it('writes a run date as "28 Nov 14:02", with the year when it is not this year', () => {
    const d = new Date(2026, 10, 28, 14, 2, 33);
    assert.equal(formatRunDate(d.toISOString(), new Date(2026, 0, 1)), '28 Nov 14:02');
    assert.equal(formatRunDate(new Date(2025, 0, 5, 9, 7).toISOString(), new Date(2026, 0, 1)), '5 Jan 2025 09:07');
    assert.equal(formatRunDate('not a date'), 'not a date');
  });

  it('names a run by its file, date and dev loss', () => {
    const createdAt = new Date(2026, 10, 28, 14, 2).toISOString();
    assert.equal(
      runLabel({ fileName: 'names.txt', createdAt, losses: { train: 2, dev: 2.50912, test: null } }),
      `names.txt · ${formatRunDate(createdAt)} · dev 2.509`,
    );
  });

  it('lists what differs between two configurations, in the order of CONFIG_LABELS, with the run’s values', () => {
    const active = { ...BASE_DEFAULTS, hiddenSize: 400, steps: 2500 };
    assert.deepEqual(configChanges(active, active), []);
    assert.equal(describeChanges(configChanges(active, { ...active })), 'same settings');
    const other = {
      ...active,
      learningRate: 0.002,
      hiddenSize: 200,
      steps: 300,
      lrDrops: [0.5],
      foldCase: 'on' as const,
      timeBudget: 90,
      patience: 60,
    };
    const changes = configChanges(active, other);
    assert.deepEqual(
      changes.map((c) => c.key),
      ['hiddenSize', 'steps', 'learningRate', 'lrDrops', 'foldCase', 'timeBudget', 'patience'],
    );
    assert.equal(
      describeChanges(changes),
      'hidden 200 · steps 300 · lr 0.002 · lr drops 50% · fold case on · time 1 min 30 s · patience 60 steps',
    );
    assert.equal(describeChangesFrom(changes.slice(0, 2)), 'hidden 400 → 200 · steps 2,500 → 300');
    // Every hyperparameter has a label (a new one fails to compile without one).
    assert.deepEqual(Object.keys(CONFIG_LABELS).sort(), Object.keys(BASE_DEFAULTS).sort());
  });

  it('keeps a run’s curve: the history’s buckets and the dev evaluations, bounded', () => {
    const h = emptyHistory(1024);
    const losses = Array.from({ length: 50_000 }, (_, i) => 3 - i / 50_000 + (i % 7) / 100);
    addLosses(h, losses, losses.length);
    const evals = Array.from({ length: 2000 }, (_, i) => ({ step: (i + 1) * 25, dev: 2.5 - i / 10_000 }));
    // A run stopped right after an evaluation evaluates that step again: the later one counts.
    evals.push({ step: 50_000, dev: 2.4 });
    const curve = runCurve(h, evals);
    assert.ok(curve.trainStep.length <= 1024 && curve.trainStep.length > 500);
    assert.deepEqual(curve.trainStep, h.step);
    assert.ok(curve.train.every((x, i) => Math.abs(x - h.mean[i]!) < 1e-5));
    assert.equal(curve.devStep.length, MAX_CURVE_EVALS);
    assert.equal(curve.devStep[0], 25);
    assert.equal(curve.devStep.at(-1), 50_000);
    assert.equal(curve.dev.at(-1), 2.4);
    assert.ok(curve.trainStep.length + curve.devStep.length <= 2000, 'at most ~2,000 points in all');
    // Not a number (a sweep's first smoothed loss) is left out, never stored as null.
    assert.deepEqual(runCurve({ step: [1, 2], mean: [NaN, 2] }, [{ step: 2, dev: NaN }]), {
      trainStep: [2],
      train: [2],
      devStep: [],
      dev: [],
    });
  });

  it('exports a run’s configuration as JSON for a notebook', () => {
    const run = {
      id: '20261128-140211-a3f9',
      fileName: 'names.txt',
      textSha256: 'ab',
      words: 10,
      createdAt: '2026-11-28T14:02:11.000Z',
      origin: 'sweep',
      setting: { hiddenSize: 32 },
      config: BASE_DEFAULTS,
      vocabulary: ['a', 'b'],
      paramCount: 99,
      steps: 10,
      keptStep: 10,
      seconds: 1.5,
      stopped: false,
      losses: { train: 2, dev: 2.1, test: null },
      bigram: { train: 2.4, dev: 2.5, test: 2.6 },
    } as unknown as RunRecord;
    const json = JSON.parse(runConfigJson(run));
    assert.equal(json.run, run.id);
    assert.deepEqual(json.config, BASE_DEFAULTS);
    assert.deepEqual(json.setting, { hiddenSize: 32 });
    assert.equal(json.vocabulary, 'ab');
    assert.deepEqual(json.losses, { train: 2, dev: 2.1, test: null });
  });

  it('says why a model is the one used', () => {
    const model: ActiveModelLabel = {
      label: 'names.txt · x',
      listKey: '0123456789abcdef',
      runId: 'r',
      listName: 'names.txt',
      createdAt: '',
      dev: 2,
      origin: 'train',
      chosen: false,
      reason: 'ownList',
      forDocument: null,
    };
    assert.equal(activeModelReason(model), 'The active model of names.txt: its best run by dev loss.');
    assert.match(
      activeModelReason({ ...model, chosen: true, reason: 'recent', forDocument: 'draft.txt' }),
      /^draft\.txt has no runs of its own: names come from the model used last\. .*chosen by you\.$/,
    );
  });

  it('folds a stored run and named samples into the run state', () => {
    const s = initialRunState();
    applyRunEvent(s, {
      type: 'modelStored',
      job: 'train',
      modelName: 'names.txt · 1 Jan 10:00 · dev 2.000',
      fileKey: '0123456789abcdef',
      runId: 'r1',
      active: false,
    });
    assert.deepEqual(s.storedAs, {
      modelName: 'names.txt · 1 Jan 10:00 · dev 2.000',
      fileKey: '0123456789abcdef',
      runId: 'r1',
      active: false,
    });
    applyRunEvent(s, { type: 'samples', words: ['ava'], from: 'names.txt · 1 Jan 09:00 · dev 1.900' });
    assert.equal(s.samplesFrom, 'names.txt · 1 Jan 09:00 · dev 1.900');
    applyRunEvent(s, { type: 'trainEval', step: 1, seconds: 0, dev: 2, trainSmooth: 2, samples: ['mia'] });
    assert.equal(s.samplesFrom, null, "an evaluation's samples are the run's own");
  });

  it('checks the run messages between the host and the panel', () => {
    const key = '0123456789abcdef';
    assert.ok(isFromWebview({ type: 'runAction', action: 'activate', fileKey: key, runId: '20261128-140211-a3f9' }));
    assert.ok(isFromWebview({ type: 'runAction', action: 'delete', fileKey: key, runId: '20261128-140211-a3f9' }));
    assert.ok(!isFromWebview({ type: 'runAction', action: 'rename', fileKey: key, runId: 'x' }));
    assert.ok(!isFromWebview({ type: 'runAction', action: 'delete', fileKey: '../../etc', runId: 'x' }));
    assert.ok(!isFromWebview({ type: 'runAction', action: 'delete', fileKey: key, runId: '../x' }));
    assert.ok(isFromWebview({ type: 'clearFileSettings', fileKey: key }));
    assert.ok(isFromWebview({ type: 'command', command: 'compareRuns' }));
    assert.ok(isFromWebview({ type: 'saveFile', format: 'csv', fileName: 'names-runs.csv', data: 'run,step,train,dev\n' }));
    assert.ok(isFromWebview({ type: 'saveFile', format: 'png', fileName: 'names-loss.png', data: 'iVBORw0KGgo=' }));
    assert.ok(!isFromWebview({ type: 'saveFile', format: 'exe', fileName: 'x.exe', data: 'x' }));
    assert.ok(!isFromWebview({ type: 'saveFile', format: 'csv', fileName: '../../.bashrc', data: 'x' }));
    assert.ok(!isFromWebview({ type: 'saveFile', format: 'csv', fileName: 'a.csv', data: '' }));
    assert.ok(isToWebview({ type: 'runs', runs: null }));
    assert.ok(isToWebview({ type: 'showTab', tab: 'runs' }));
    assert.ok(isToWebview({ type: 'focus', focus: { list: null, model: null, run: null, details: null, samples: null } }));
  });
});
