/** The experiments in a real VS Code: Sweep Hyperparameters, Keep Best Sweep Model, Find Learning Rate, Use It. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LrFindCommandResult } from '../../src/extension/experiments/lrFinder';
import type { SweepCommandResult } from '../../src/extension/experiments/sweeper';
import type { RunRecord } from '../../src/shared/runRecord';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import {
  SHORT_RUN,
  answerQuickPicks,
  api,
  closeAllEditors,
  generatedNames,
  nextEvent,
  openUntitled,
  recordMessages,
  restoreSettings,
  setTraining,
} from './helpers';

/** Where Use It writes when asked for a settings scope: the workspace settings when a folder is open, else the user settings. */
function learningRateTarget(): { target: vscode.ConfigurationTarget; scope: 'workspace' | 'user'; value(): unknown } {
  const config = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('makemore.training');
  return vscode.workspace.workspaceFolders?.length
    ? { target: vscode.ConfigurationTarget.Workspace, scope: 'workspace', value: () => config().inspect('learningRate')?.workspaceValue }
    : { target: vscode.ConfigurationTarget.Global, scope: 'user', value: () => config().inspect('learningRate')?.globalValue };
}

function panelIsOpen(): boolean {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('makemore.trainingPanel'));
}

suite('Makemore experiments', () => {
  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
  });

  suiteTeardown(async () => {
    const { target } = learningRateTarget();
    await vscode.workspace.getConfiguration('makemore.training').update('learningRate', undefined, target);
    await restoreSettings();
    await closeAllEditors();
  });

  test('a sweep given as an argument gives one result per setting; Keep Best Sweep Model keeps it as a run of the document', async () => {
    const editor = await openUntitled(generatedNames(400).join('\n'));
    const shown = recordMessages();
    let result: SweepCommandResult;
    try {
      result = await vscode.commands.executeCommand<SweepCommandResult>('makemore.sweep', {
        vary: { hiddenSize: [32, 8] },
        timeBudget: 2,
        steps: 150,
      });
    } finally {
      shown.dispose();
    }
    assert.equal(result.status, 'swept', JSON.stringify(result));
    if (result.status !== 'swept') return;
    assert.deepEqual(
      result.runs.map((r) => r.setting),
      [{ hiddenSize: 8 }, { hiddenSize: 32 }],
    );
    assert.equal(result.stopped, false);
    assert.ok(result.runs.every((r) => r.steps === 150 && r.dev > 0 && r.train > 0));
    const best = result.runs[result.best]!;
    assert.equal(best.dev, Math.min(...result.runs.map((r) => r.dev)));
    const makemore = await api();
    const state = makemore.runState;
    assert.equal(state.job, 'sweep');
    assert.equal(state.status, 'finished');
    assert.deepEqual(state.sweep?.runs, result.runs);
    assert.ok(panelIsOpen(), 'the training panel is open');
    const end = shown.messages.find((m) => m.kind === 'showInformationMessage');
    assert.match(
      end?.text ?? '',
      new RegExp(`swept 2 settings on .*Best on the dev split: hidden ${best.setting.hiddenSize} · dev ${best.dev.toFixed(3)}`),
    );

    const kept = nextEvent((e) => e.type === 'modelStored' && e.job === 'sweep');
    const stored = await vscode.commands.executeCommand<RunRecord>('makemore.keepSweepBest');
    assert.ok(stored, 'a run was stored');
    assert.equal(stored.origin, 'sweep');
    assert.deepEqual(stored.setting, best.setting);
    assert.equal(stored.config.hiddenSize, best.setting.hiddenSize);
    assert.equal(stored.losses.test, null, 'the sweep never evaluates the test split');
    assert.equal(stored.fileName, vscode.workspace.asRelativePath(editor.document.uri, false));
    assert.ok(stored.curve.dev.length > 0, "with the best run's dev evaluations");
    await kept;
    assert.equal(makemore.runState.sweep?.kept?.runId, stored.id);
    assert.equal(makemore.runState.sweep?.kept?.active, true, "the document's first run is its active model");
    assert.match(
      makemore.runState.sweep?.kept?.modelName ?? '',
      new RegExp(`^${stored.fileName} · \\d+ \\w{3} \\d\\d:\\d\\d · dev ${stored.losses.dev!.toFixed(3)}$`),
    );
    // Training again keeps both runs: the sweep's stays, whichever is active.
    const trained = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(trained.status, 'trained', JSON.stringify(trained));
    const runs = await makemore.fileRuns(editor.document.uri);
    assert.deepEqual(runs?.runs.map((r) => r.origin).sort(), ['sweep', 'train']);
    if (trained.status === 'trained') {
      // The lower dev loss is the active model, unless it is not below the bigram baseline (dev and test).
      const record = runs!.runs.find((r) => r.id === trained.runId)!;
      const belowBigram =
        record.losses.dev! < record.bigram.dev! && (record.losses.test === null || record.losses.test < record.bigram.test!);
      const expected = trained.losses.dev! < stored.losses.dev! && belowBigram ? trained.runId : stored.id;
      assert.equal(runs?.active, expected, 'the lower dev loss below the bigram baseline is the active model');
    }
  });

  test('Stop during a sweep keeps the finished runs, and Keep Best Model on the notification stores the best', async () => {
    await openUntitled(generatedNames(300, 7).join('\n'));
    const shown = recordMessages((_text, actions) => (actions.includes('Keep Best Model') ? 'Keep Best Model' : undefined));
    try {
      const firstRun = nextEvent((e) => e.type === 'sweepRunFinished');
      const kept = nextEvent((e) => e.type === 'modelStored' && e.job === 'sweep');
      // Each run trains for 2 s: the stop comes as soon as the first has finished.
      const sweeping = vscode.commands.executeCommand<SweepCommandResult>('makemore.sweep', {
        vary: { hiddenSize: [8, 16, 24] },
        timeBudget: 2,
      });
      await firstRun;
      await vscode.commands.executeCommand('makemore.stopTraining');
      const result = await sweeping;
      assert.equal(result.status, 'swept', JSON.stringify(result));
      if (result.status !== 'swept') return;
      assert.equal(result.stopped, true);
      assert.deepEqual(
        result.runs.map((r) => r.setting),
        [{ hiddenSize: 8 }],
      );
      const state = (await api()).runState;
      assert.equal(state.sweep?.stopped, true);
      assert.equal(state.sweep?.runs.length, 1);
      assert.ok(
        shown.messages.some((m) => /stopped the sweep on .* after 1 of 3 runs\. Best on the dev split: hidden 8/.test(m.text)),
        JSON.stringify(shown.messages),
      );
      await kept;
      assert.ok(state.sweep?.kept, 'the notification action kept the best run');
    } finally {
      shown.dispose();
    }
  });

  test('Find Learning Rate suggests a rate; Use It asks where, and writes it into the settings the user picks', async () => {
    await openUntitled(generatedNames(400, 11).join('\n'));
    const { target, scope, value } = learningRateTarget();
    const shown = recordMessages((_text, actions) => (actions.includes('Use It') ? 'Use It' : undefined));
    const asked = answerQuickPicks((items) =>
      items.find((i) => i.label.includes(scope === 'workspace' ? 'Workspace settings' : 'User settings')),
    );
    let result: LrFindCommandResult;
    const applied = nextEvent((e) => e.type === 'lrApplied');
    try {
      result = await vscode.commands.executeCommand<LrFindCommandResult>('makemore.findLearningRate', { steps: 200 });
      await applied;
    } finally {
      shown.dispose();
      asked.dispose();
    }
    assert.equal(result.status, 'found', JSON.stringify(result));
    if (result.status !== 'found') return;
    assert.ok(result.suggestion > 0 && result.suggestion <= result.minimum, JSON.stringify(result));
    assert.deepEqual(
      asked.items[0]!.map((i) => i.label.replace(/: .*$/, '')),
      [`$(file) This file's next runs`, ...(scope === 'workspace' ? ['$(folder) Workspace settings'] : []), '$(account) User settings'],
      'Use It asks where the rate applies',
    );
    const state = (await api()).runState;
    assert.equal(state.job, 'lrFind');
    assert.equal(state.lrFind?.suggestion, result.suggestion);
    assert.ok(state.lrFind!.learningRates.length > 10);
    assert.equal(value(), result.suggestion, 'Use It wrote the suggestion');
    assert.equal(state.lrFind?.applied, result.suggestion);
    assert.equal(state.lrFind?.appliedTo, `the ${scope} settings`);

    await vscode.workspace.getConfiguration('makemore.training').update('learningRate', undefined, target);
    const rate = await vscode.commands.executeCommand<number>('makemore.useLearningRate', { target: scope });
    assert.equal(rate, result.suggestion);
    assert.equal(value(), result.suggestion, 'the command wrote it again');
    await vscode.workspace.getConfiguration('makemore.training').update('learningRate', undefined, target);
  });

  test("Use It for this file's next runs: stored with its runs, it wins over the settings for that file only", async () => {
    const editor = await openUntitled(generatedNames(300, 12).join('\n'));
    const found = await vscode.commands.executeCommand<LrFindCommandResult>('makemore.findLearningRate', { steps: 150 });
    assert.equal(found.status, 'found', JSON.stringify(found));
    if (found.status !== 'found') return;
    await setTraining({ learningRate: 0.0123 });
    try {
      const rate = await vscode.commands.executeCommand<number>('makemore.useLearningRate', { target: 'file' });
      assert.equal(rate, found.suggestion);
      const makemore = await api();
      assert.equal(await makemore.fileRuns(editor.document.uri), null, 'no runs yet, but the file has its setting');
      const trained = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(trained.status, 'trained', JSON.stringify(trained));
      assert.equal(makemore.runState.started?.config.learningRate, found.suggestion, "the file's own rate wins over the user setting");
      assert.deepEqual((await makemore.fileRuns(editor.document.uri))?.settings, { learningRate: found.suggestion });
      // Another file uses the user setting.
      await openUntitled(generatedNames(300, 13).join('\n'));
      const other = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(other.status, 'trained', JSON.stringify(other));
      assert.equal(makemore.runState.started?.config.learningRate, 0.0123);
    } finally {
      await setTraining({ learningRate: undefined });
    }
  });

  test('one job at a time: a sweep asked for during a training asks to stop it first (declined here)', async () => {
    await setTraining({ steps: 5_000_000 });
    await openUntitled(generatedNames(300, 3).join('\n'));
    const shown = recordMessages();
    try {
      const progressed = nextEvent((e) => e.type === 'trainProgress' && e.step >= 10);
      const training = vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      await progressed;
      const sweep = await vscode.commands.executeCommand<SweepCommandResult>('makemore.sweep', { vary: { hiddenSize: [8] }, steps: 50 });
      assert.equal(sweep.status, 'declined');
      assert.match(
        shown.messages.at(-1)?.text ?? '',
        /^Makemore is training on .* \(step [\d,]+ of 5,000,000\)\. Stop it and sweep hyperparameters on .*\?$/,
      );
      assert.equal((await api()).runState.status, 'running', 'the training goes on');
      await vscode.commands.executeCommand('makemore.stopTraining');
      const trained = await training;
      assert.equal(trained.status, 'trained');
    } finally {
      shown.dispose();
      await setTraining({ steps: SHORT_RUN.steps });
    }
  });

  test('a bad argument object: an error message naming the problem, and nothing runs', async () => {
    await openUntitled(generatedNames(50).join('\n'));
    const shown = recordMessages();
    try {
      const result = await vscode.commands.executeCommand<SweepCommandResult>('makemore.sweep', { vary: { hiddenSize: [0] } });
      assert.equal(result.status, 'inputError');
      assert.deepEqual(
        shown.messages.map((m) => m.kind),
        ['showErrorMessage'],
      );
      assert.match(shown.messages[0]!.text, /^Makemore cannot sweep: vary\.hiddenSize must be at least 1 \(got 0\)\.$/);
    } finally {
      shown.dispose();
    }
  });
});
