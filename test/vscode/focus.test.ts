/**
 * The list in focus in a real VS Code (src/extension/editors.ts): it follows the active editor,
 * stays on a list whose editor is hidden behind the panel in the same group (the views never
 * fall back to the last run's list), and an insert brings that editor back to the front; the
 * panel keeps to its own editor group; a job on another list leaves the focus where it is.
 * (A long run's kept model and a job cut short: test/unit/extension/jobJournal.test.ts.)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { SHORT_RUN, api, closeAllEditors, generatedNames, openUntitled, restoreSettings, setTraining } from './helpers';

const PANEL = 'makemore.trainingPanel';
const panelTabs = (): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PANEL)),
  );

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)}).`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function trained(result: TrainCommandResult): Extract<TrainCommandResult, { status: 'trained' }> {
  assert.equal(result.status, 'trained', JSON.stringify(result));
  return result as Extract<TrainCommandResult, { status: 'trained' }>;
}

suite('The list in focus', () => {
  let listA: vscode.TextEditor;

  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
    await closeAllEditors();
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
  });

  test('follows the active editor, and stays on a list hidden behind the panel in its group; an insert brings it back', async () => {
    const makemore = await api();
    listA = await openUntitled(generatedNames(400, 41).join('\n'));
    const a = trained(await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile'));
    await until(
      () => makemore.focus(),
      (f) => f.run?.id === a.runId,
      "list A's run in focus",
    );
    const draft = await openUntitled('\n');
    const focusOnDraft = await until(
      () => makemore.focus(),
      (f) => f.list?.document === draft.document.uri.toString(),
      'the draft in focus',
    );
    assert.equal(focusOnDraft.run, null, 'the draft has no run of its own');
    assert.equal(focusOnDraft.model?.reason, 'recent', 'its model is borrowed, and the views say so');

    // List A in front, then the panel opened into A's own group: A is hidden behind it.
    await vscode.window.showTextDocument(listA.document, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('workbench.action.closeOtherEditors');
    await vscode.commands.executeCommand('makemore.showPanel');
    await until(
      () => panelTabs().length,
      (n) => n === 1,
      'the panel',
    );
    await vscode.commands.executeCommand('workbench.action.moveEditorToFirstGroup');
    await until(
      () => panelTabs()[0]?.group.viewColumn,
      (c) => c === vscode.ViewColumn.One && vscode.window.visibleTextEditors.length === 0,
      "the panel in front of A, in A's group",
    );
    const focus = await makemore.focus();
    assert.equal(focus.list?.document, listA.document.uri.toString(), 'A stays in focus');
    assert.equal(focus.run?.id, a.runId, "A's run, not the last run's list");
    assert.equal((await makemore.generationTarget()).key, a.fileKey, "Generate offers A's names");

    // Insert Sampled Name writes into A, brought to the front.
    const before = listA.document.getText();
    const inserted = await vscode.commands.executeCommand<string[]>('makemore.insertSampledName');
    assert.equal(inserted?.length, 1);
    assert.notEqual(listA.document.getText(), before);
    assert.equal(vscode.window.activeTextEditor?.document, listA.document, 'A is in front again');
    await vscode.commands.executeCommand('undo');
  });

  test('the panel keeps to its editor group: Show Training Panel and Train on File reveal it there, never in another group', async () => {
    await closeAllEditors();
    const editor = await openUntitled(generatedNames(300, 47).join('\n'));
    await vscode.commands.executeCommand('makemore.showPanel');
    const [tab] = await until(panelTabs, (t) => t.length === 1, 'the panel');
    const groups = vscode.window.tabGroups.all.length;
    const column = tab!.group.viewColumn;
    await vscode.window.showTextDocument(editor.document, { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('makemore.showPanel');
    trained(await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile', editor.document.uri));
    // And from the panel's own group.
    await vscode.commands.executeCommand('makemore.showPanel');
    await vscode.commands.executeCommand('makemore.showPanel');
    assert.equal(vscode.window.tabGroups.all.length, groups, 'no new editor group');
    assert.deepEqual(
      panelTabs().map((t) => t.group.viewColumn),
      [column],
      'one panel, where it was',
    );
  });

  test('a job on another list leaves the focus where it is', async () => {
    const makemore = await api();
    await closeAllEditors();
    const c = await openUntitled(generatedNames(400, 43).join('\n'));
    const a = await openUntitled(generatedNames(300, 49).join('\n'));
    await until(
      () => makemore.focus(),
      (f) => f.list?.document === a.document.uri.toString(),
      'A in focus',
    );
    const training = vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile', c.document.uri);
    const started = await until(
      () => makemore.runState,
      (s) => s.started?.listName === vscode.workspace.asRelativePath(c.document.uri, false),
      "C's training",
    );
    assert.ok(started.started?.listKey, 'the job names the key of its list');
    const focus = await makemore.focus();
    assert.equal(focus.list?.document, a.document.uri.toString(), 'A stays in focus while C trains');
    assert.notEqual(focus.list?.key, started.started?.listKey);
    trained(await training);
  });
});
