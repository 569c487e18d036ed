/** The extension in a real VS Code: commands, Train on File, Stop, Insert Sampled Name. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import {
  EXTENSION_ID,
  SHORT_RUN,
  SUITE_HOST,
  api,
  closeAllEditors,
  generatedNames,
  nextEvent,
  openUntitled,
  recordEvents,
  recordMessages,
  restoreSettings,
  setTraining,
} from './helpers';

suite('Makemore extension', () => {
  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
  });

  test(`runs in the ${SUITE_HOST === 'web' ? 'web worker' : 'Node'} extension host`, async () => {
    assert.equal((await api()).host, SUITE_HOST);
    const runtime = globalThis as { process?: { versions?: { node?: string } }; importScripts?: unknown };
    if (SUITE_HOST === 'web') {
      assert.equal(runtime.process, undefined, 'no Node in a web worker host');
      assert.equal(typeof runtime.importScripts, 'function', 'a web worker');
      assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.extensionKind, vscode.ExtensionKind.UI);
    } else {
      assert.equal(typeof runtime.process?.versions?.node, 'string');
    }
  });

  test('every contributed command is registered', async () => {
    const extension = vscode.extensions.getExtension('makemore.makemore-vscode')!;
    const contributed = (extension.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.equal(contributed.length, 16);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) assert.ok(registered.has(command), `${command} is not registered`);
  });

  test('Train on File trains on the unsaved text of the active editor, stores the model and opens the panel', async () => {
    // A list of its own (an untitled document with another's text would find that one's runs).
    const names = generatedNames(400, 31);
    const editor = await openUntitled(names.join('\n'));
    const recorder = await recordEvents();
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'trained', JSON.stringify(result));
      if (result.status !== 'trained') return;
      assert.equal(result.steps, SHORT_RUN.steps);
      assert.equal(result.stopped, false);
      const types = recorder.events.map((e) => e.type);
      assert.equal(types[0], 'trainStarted');
      const started = recorder.events[0]!;
      if (started.type === 'trainStarted') {
        assert.equal(started.backend, 'wasm', 'the worker runs the WebAssembly backend');
        assert.equal(started.warning, undefined);
      }
      assert.ok(types.includes('trainProgress'));
      assert.ok(types.includes('trainFinished'));
      const makemore = await api();
      assert.equal(makemore.runState.status, 'finished');
      assert.equal(makemore.runState.started?.words, names.length);
      const runs = await makemore.fileRuns(editor.document.uri);
      const stored = runs?.runs.find((r) => r.id === result.runId);
      assert.ok(stored, 'the run is kept with the document');
      assert.equal(result.verdict, 'first');
      assert.equal(runs?.active, stored.id, "the document's first run is its active model");
      assert.equal(stored.fileName, vscode.workspace.asRelativePath(editor.document.uri, false));
      assert.equal(stored.words, names.length);
      assert.ok(stored.curve.train.length > 0 && stored.curve.dev.length > 0, 'with its curve');
      assert.equal(makemore.runState.storedAs?.runId, stored.id);
      const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs);
      assert.ok(
        tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('makemore.trainingPanel')),
        'the training panel is open',
      );
    } finally {
      recorder.dispose();
    }
  });

  test('Train on File on an empty document: an error message, and nothing else happens', async () => {
    await openUntitled('\n  \n');
    const recorder = await recordEvents();
    const shown = recordMessages();
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'inputError');
      assert.deepEqual(recorder.events, [], 'no run started');
      assert.equal(shown.messages.length, 1);
      assert.equal(shown.messages[0]!.kind, 'showErrorMessage');
      assert.match(shown.messages[0]!.text, /cannot train on .*: .*(empty|blank)/i);
    } finally {
      shown.dispose();
      recorder.dispose();
    }
  });

  test('Stop Training stops a long run, which keeps its best model so far', async () => {
    await setTraining({ steps: 5_000_000 });
    await openUntitled(generatedNames(300).join('\n'));
    try {
      const progressed = nextEvent((e) => e.type === 'trainProgress' && e.step >= 20);
      const training = vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      await progressed;
      await vscode.commands.executeCommand('makemore.stopTraining');
      const result = await training;
      assert.equal(result.status, 'trained', JSON.stringify(result));
      if (result.status !== 'trained') return;
      assert.equal(result.stopped, true);
      assert.ok(result.steps >= 20 && result.steps < 5_000_000);
      const { groups } = await (await api()).listRuns();
      assert.ok(groups.some((g) => g.runs.some((r) => r.id === result.runId && r.stopped)));
    } finally {
      await setTraining({ steps: SHORT_RUN.steps });
    }
  });

  test('Insert Sampled Name puts a different name at each of two cursors, in one undo step', async () => {
    // A model of its own to sample from.
    await openUntitled(generatedNames(300, 33).join('\n'));
    const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(result.status, 'trained', JSON.stringify(result));
    const original = 'first: \nsecond: \n';
    const editor = await openUntitled(original);
    editor.selections = [new vscode.Selection(0, 7, 0, 7), new vscode.Selection(1, 8, 1, 8)];
    const inserted = await vscode.commands.executeCommand<string[]>('makemore.insertSampledName');
    assert.equal(inserted?.length, 2);
    const [a, b] = editor.document.getText().split('\n');
    const first = a!.slice('first: '.length);
    const second = b!.slice('second: '.length);
    assert.ok(first.length > 0 && second.length > 0, editor.document.getText());
    assert.notEqual(first, second);
    assert.deepEqual([first, second], inserted);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original, 'one undo removes both names');
  });

  test('Insert Sampled Name into a read-only document: a message, and nothing changes', async () => {
    const text = 'read only\n';
    const provider = vscode.workspace.registerTextDocumentContentProvider('makemore-test', { provideTextDocumentContent: () => text });
    const shown = recordMessages();
    try {
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse('makemore-test:/fixed.txt'));
      editor.selections = [new vscode.Selection(0, 0, 0, 0)];
      const inserted = await vscode.commands.executeCommand('makemore.insertSampledName');
      assert.equal(inserted, undefined);
      assert.equal(editor.document.getText(), text);
      assert.equal(shown.messages.length, 1, JSON.stringify(shown.messages));
      assert.match(shown.messages[0]!.text, /read-only/);
    } finally {
      shown.dispose();
      provider.dispose();
    }
  });

  test('Insert Sampled Name with no editor: a message, and nothing changes', async () => {
    await closeAllEditors();
    const shown = recordMessages();
    try {
      const inserted = await vscode.commands.executeCommand('makemore.insertSampledName');
      assert.equal(inserted, undefined);
      assert.equal(shown.messages.length, 1);
      assert.match(shown.messages[0]!.text, /open a text editor/);
    } finally {
      shown.dispose();
    }
  });
});
