/**
 * Train on File on a file the editor does not show as text, in a real VS Code: a list opened "as
 * too large" (the editor's placeholder: larger than `workbench.editorLargeFileConfirmation`,
 * set here to its 1 MB minimum — code-server's own default is 10 MB) is read from disk through
 * `workspace.fs`, trained on, and the message says so; while it is read, a notification says what
 * is happening. A file that really is binary gets that message. Files go through `workspace.fs`,
 * so the suite runs in any host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { SHORT_RUN, api, closeAllEditors, generatedNames, recordMessages, recordProgress, restoreSettings, setTraining } from './helpers';

const LARGE_FILE_SETTING = 'editorLargeFileConfirmation';

async function until(check: () => boolean, what: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The active tab's file, when it is a text tab. */
function activeTabFile(): string | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputText ? input.uri.toString() : undefined;
}

suite('Makemore on a file the editor does not show', () => {
  let folder: vscode.Uri;

  suiteSetup(async () => {
    await api();
    await setTraining({ ...SHORT_RUN, steps: 40 });
    await vscode.workspace.getConfiguration('workbench').update(LARGE_FILE_SETTING, 1, vscode.ConfigurationTarget.Global);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the suite runs with a folder open');
    folder = vscode.Uri.joinPath(root, `large-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('workbench').update(LARGE_FILE_SETTING, undefined, vscode.ConfigurationTarget.Global);
    await restoreSettings();
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  test('a list opened as too large is read from disk and trained on, and the message says so', async () => {
    // 1.1 MB of names: over the 1 MB the editor shows without asking.
    const names = generatedNames(2000, 41);
    const text = Array.from({ length: 100 }, () => names.join('\n')).join('\n') + '\n';
    assert.ok(text.length > 1.1 * 1024 * 1024);
    const file = vscode.Uri.joinPath(folder, 'big-list.txt');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(text));
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.open', file);
    await until(() => activeTabFile() === file.toString(), 'the tab of the large file');
    // The premise: the editor shows its placeholder, no text editor, and the extension host has no document of it.
    assert.equal(vscode.window.activeTextEditor, undefined, 'the editor does not display the file');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString()), 'no document of it in the extension host');

    const makemore = await api();
    const shown = recordMessages();
    const progress = recordProgress();
    let result: TrainCommandResult;
    try {
      result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    } finally {
      progress.dispose();
      shown.dispose();
    }
    assert.equal(result.status, 'trained', JSON.stringify(result));
    assert.equal(makemore.runState.started?.words, 100 * names.length);
    const done = shown.messages.find((m) => m.kind === 'showInformationMessage' && m.text.startsWith('Makemore trained on'));
    assert.ok(done, JSON.stringify(shown.messages));
    assert.match(done.text, /^Makemore trained on large-\d+\/big-list\.txt \(read from disk, 1\.1 MB: the editor does not show it\): /);
    // Before the job showed its own progress, a notification said what was happening.
    const preparing = progress.shown.find((p) => p.title === 'Makemore');
    assert.ok(preparing, `a "preparing" notification (shown: ${JSON.stringify(progress.shown.map((p) => p.title))})`);
    const stages = [...new Set(preparing.messages.map((m) => m.replace(/… · .*$/, '')))];
    assert.deepEqual(
      stages.map((s) => s.replace(/large-\d+\//, '')),
      ['reading big-list.txt from disk (1.1 MB)', 'reading 200,000 lines of big-list.txt', 'starting the training'],
      preparing.messages.join(' | '),
    );
    assert.ok(
      progress.shown.some((p) => /^Makemore: training on large-\d+\/big-list\.txt$/.test(p.title ?? '')),
      'then the job’s own',
    );
    // The file is as it was.
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), text);
  });

  test('a file that really is binary gets that message, and nothing is trained', async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37) % 256;
    const file = vscode.Uri.joinPath(folder, 'picture.bin');
    await vscode.workspace.fs.writeFile(file, bytes);
    await closeAllEditors();
    await vscode.commands.executeCommand('vscode.open', file);
    await until(() => activeTabFile() === file.toString(), 'the tab of the binary file');
    assert.equal(vscode.window.activeTextEditor, undefined, 'the editor does not display the file');

    const shown = recordMessages();
    let result: TrainCommandResult;
    try {
      result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    } finally {
      shown.dispose();
    }
    assert.equal(result.status, 'inputError');
    assert.deepEqual(shown.messages, [
      {
        kind: 'showErrorMessage',
        text: `Makemore cannot train on ${vscode.workspace.asRelativePath(file, false)}: the file looks binary: it contains a NUL byte at offset 0. Expected a text file with one word per line.`,
      },
    ]);
  });
});
