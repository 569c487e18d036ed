/**
 * Generating names in a real VS Code: Generate Names writes a new document (or the cursors),
 * Insert Sampled Name honours the list's Generate controls and avoids the document's names,
 * problems are said before any sampling, favourites go to global storage (where a reloaded
 * window finds them), and names come while a training run goes on.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { GenerateNamesResult } from '../../src/extension/generation/generateNames';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import type { GenerateControls } from '../../src/shared/generateControls';
import {
  SHORT_RUN,
  api,
  closeAllEditors,
  generatedNames,
  nextEvent,
  openUntitled,
  recordMessages,
  restoreSettings,
  setTraining,
} from './helpers';

async function setSampling(values: Record<string, unknown>): Promise<void> {
  const config = vscode.workspace.getConfiguration('makemore.sampling');
  for (const [key, value] of Object.entries(values)) await config.update(key, value, vscode.ConfigurationTarget.Global);
}

/** Sets the Generate controls of the list `key` as the panel's Generate view does when the user changes them (the rest: the defaults). */
async function setControls(key: string, controls: Partial<GenerateControls>): Promise<void> {
  await (await api()).saveGenerateControls('panel', key, controls);
}

suite('Generating names', () => {
  const list = generatedNames(500, 777);
  let listEditor: vscode.TextEditor;
  /** The list's key (its Generate controls are remembered under it). */
  let listKey: string;

  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
    // A word list with a model of its own.
    listEditor = await openUntitled(list.join('\n'));
    const trained = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(trained.status, 'trained', JSON.stringify(trained));
    const target = await (await api()).generationTarget();
    assert.ok(target.key, JSON.stringify(target));
    listKey = target.key;
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
  });

  test('Generate Names writes the names into a new document, one per line, each meeting the constraints', async () => {
    await vscode.window.showTextDocument(listEditor.document);
    const result = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', {
      count: 25,
      startsWith: 'B',
      minLength: 4,
      maxLength: 8,
    });
    assert.equal(result.status, 'generated', JSON.stringify(result));
    if (result.status !== 'generated') return;
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), result.document);
    assert.equal(editor.document.isUntitled, true);
    const lines = editor.document.getText().split('\n');
    assert.equal(lines.pop(), '', 'ends with a newline');
    assert.deepEqual(lines, result.names);
    assert.equal(lines.length, 25);
    const known = new Set(list);
    for (const name of lines) {
      assert.ok(name.startsWith('b') && name.length >= 4 && name.length <= 8, `${name}: starts with "b" (case ignored), 4–8 characters`);
      assert.ok(!known.has(name), `${name} is new`);
    }
    assert.equal(new Set(lines).size, 25);
  });

  test('Generate Names at two cursors: every name once, in one edit, none already in the document', async () => {
    const existing = generatedNames(40, 99).join('\n');
    const editor = await openUntitled(`${existing}\n\n\n`);
    const n = editor.document.lineCount;
    editor.selections = [new vscode.Selection(n - 3, 0, n - 3, 0), new vscode.Selection(n - 2, 0, n - 2, 0)];
    const result = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', {
      count: 6,
      to: 'cursors',
      newOnly: false,
    });
    assert.equal(result.status, 'generated', JSON.stringify(result));
    if (result.status !== 'generated') return;
    const lines = editor.document
      .getText()
      .split('\n')
      .slice(40)
      .filter((l) => l.length > 0);
    assert.deepEqual([...lines].sort(), [...result.names].sort());
    const before = new Set(existing.split('\n'));
    assert.ok(
      result.names.every((name) => !before.has(name)),
      'none of the names already there',
    );
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), `${existing}\n\n\n`, 'one undo');
  });

  test('Generate Names: a contradiction or an unknown character is said before any sampling', async () => {
    await vscode.window.showTextDocument(listEditor.document);
    const shown = recordMessages();
    try {
      const contradiction = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', {
        count: 5,
        minLength: 9,
        maxLength: 4,
      });
      assert.deepEqual(contradiction, { status: 'inputError', message: 'The minimum length (9) is above the maximum length (4).' });
      const unknown = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', { count: 5, endsWith: 'ß' });
      assert.equal(unknown.status, 'inputError');
      assert.deepEqual(
        shown.messages.map((m) => [m.kind, m.text]),
        [
          ['showErrorMessage', 'Makemore: The minimum length (9) is above the maximum length (4).'],
          ['showErrorMessage', 'Makemore: The model does not know "ß" (in "ends with" "ß"): its word list has no such character.'],
        ],
      );
    } finally {
      shown.dispose();
    }
  });

  test("Insert Sampled Name honours the list's Generate controls, not the sampling settings they replaced, and avoids names already in the document", async () => {
    await setControls(listKey, { startsWith: 'd', maxLength: '6' });
    // namesPerCursor stays a setting; a moved setting (makemore.sampling.startsWith) is no longer read.
    await setSampling({ namesPerCursor: 3, startsWith: 'q', minLength: 9 });
    try {
      const existing = generatedNames(300, 5).filter((w) => w.startsWith('d') && w.length <= 6);
      const editor = await openUntitled(`${existing.join('\n')}\nfirst: \nsecond: \n`);
      const n = editor.document.lineCount;
      editor.selections = [new vscode.Selection(n - 3, 7, n - 3, 7), new vscode.Selection(n - 2, 8, n - 2, 8)];
      const inserted = await vscode.commands.executeCommand<string[]>('makemore.insertSampledName');
      assert.equal(inserted?.length, 2);
      const names = inserted!.flatMap((t) => t.split('\n'));
      assert.equal(names.length, 6);
      assert.equal(new Set(names).size, 6, 'all different');
      const there = new Set(existing);
      for (const name of names) {
        assert.ok(name.startsWith('d') && name.length <= 6, `${name}: the controls' "starts with" d, maximum length 6`);
        assert.ok(!there.has(name), `${name} was already in the document`);
      }
    } finally {
      await setControls(listKey, {});
      await restoreSettings();
      await setTraining(SHORT_RUN);
    }
  });

  test('Insert Sampled Name with contradictory controls: the message says where to change them, and nothing changes', async () => {
    await setControls(listKey, { minLength: '9', maxLength: '5' });
    const shown = recordMessages();
    try {
      const editor = await openUntitled('x\n');
      const inserted = await vscode.commands.executeCommand('makemore.insertSampledName');
      assert.equal(inserted, undefined);
      assert.equal(editor.document.getText(), 'x\n');
      assert.deepEqual(
        shown.messages.map((m) => m.text),
        [
          'Makemore: The minimum length (9) is above the maximum length (5). Change it in the Generate view (Makemore: Show Generate View).',
        ],
      );
    } finally {
      shown.dispose();
      await setControls(listKey, {});
    }
  });

  test('Generate Names… and Insert Sampled Name say the same message as the Generate view for the same mistake', async () => {
    await vscode.window.showTextDocument(listEditor.document);
    const shown = recordMessages();
    try {
      const fromArgument = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', { count: 0 });
      assert.deepEqual(fromArgument, {
        status: 'inputError',
        message: 'makemore.generateNames: The number of names must be at least 1 (got 0).',
      });
      await setControls(listKey, { topK: '-1' });
      const editor = await openUntitled('x\n');
      assert.equal(await vscode.commands.executeCommand('makemore.insertSampledName'), undefined);
      assert.equal(editor.document.getText(), 'x\n');
      assert.deepEqual(
        shown.messages.map((m) => m.text),
        [
          'Makemore: makemore.generateNames: The number of names must be at least 1 (got 0).',
          'Makemore: Top-k must be at least 0 (got -1); 0 means all characters. Change it in the Generate view (Makemore: Show Generate View).',
        ],
      );
    } finally {
      shown.dispose();
      await setControls(listKey, {});
    }
  });

  test('favourites of a word list go to the global storage, where the next window finds them', async () => {
    await vscode.window.showTextDocument(listEditor.document);
    const makemore = await api();
    const target = await makemore.generationTarget();
    assert.ok(target.key && target.model?.own, JSON.stringify(target));
    const names = [
      { name: 'bexa', tag: 'new' as const, logProbPerChar: -2.2 },
      { name: 'dorin', tag: 'new' as const, logProbPerChar: -1.9 },
    ];
    await makemore.addFavourites(target.key, names);
    // As a reloaded window reads it: the file in global storage, through workspace.fs.
    const file = vscode.Uri.joinPath(makemore.storageUri, 'favourites', `${target.key}.json`);
    const stored = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as { list: string; names: unknown[] };
    assert.deepEqual(stored.names, names);
    assert.equal(stored.list, target.list);
    assert.deepEqual(await makemore.favourites(target.key), names);
    // A model trained again on the same list keeps them.
    await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    const again = await makemore.generationTarget();
    assert.equal(again.key, target.key);
    assert.deepEqual(await makemore.favourites(again.key!), names);
  });

  test('names come while a training run goes on, in their own worker', async () => {
    await setTraining({ steps: 5_000_000 });
    await vscode.window.showTextDocument(listEditor.document);
    try {
      const progressed = nextEvent((e) => e.type === 'trainProgress' && e.step >= 10);
      const training = vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      await progressed;
      const result = await vscode.commands.executeCommand<GenerateNamesResult>('makemore.generateNames', { count: 50 });
      assert.equal(result.status, 'generated', JSON.stringify(result));
      assert.equal((await api()).runState.status, 'running', 'the training run went on');
      await vscode.commands.executeCommand('makemore.stopTraining');
      assert.equal((await training).status, 'trained');
    } finally {
      await setTraining({ steps: SHORT_RUN.steps });
    }
  });

  test('Show Generate View opens the panel on its Generate tab, which asks the generation worker for names', async () => {
    const makemore = await api();
    await vscode.window.showTextDocument(listEditor.document);
    // A model was just stored (the run above): the idle worker was ended with the old model.
    assert.equal(makemore.generationWorkerAlive, false);
    await vscode.commands.executeCommand('makemore.showGenerate');
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    assert.ok(tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('makemore.trainingPanel')));
    for (let i = 0; i < 300 && !makemore.generationWorkerAlive; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(makemore.generationWorkerAlive, true, 'the Generate tab asked for names');
  });
});
