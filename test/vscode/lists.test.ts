/**
 * Word lists that are not one item per line, in a real VS Code: a CSV file's column picked with
 * Makemore: Choose Column… (the quick pick lists the columns with examples), trained on,
 * remembered for the file, the file unchanged; a plain list with stray commas asks how to read
 * it once, and the answer holds. Files go through `workspace.fs`, so the suite runs in any host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { SHORT_RUN, api, closeAllEditors, generatedNames, openUntitled, recordMessages, restoreSettings, setTraining } from './helpers';

const BREEDS = [
  'Beagle',
  'Boxer',
  'Collie',
  'Dachshund',
  'Husky',
  'Poodle',
  'Pug',
  'Terrier',
  'Whippet',
  'Spaniel',
  'Mastiff',
  'Greyhound',
];

interface PickItem extends vscode.QuickPickItem {
  choice?: { format?: string; column?: string | number };
}

/**
 * Answers the next quick pick with the item `pick` chooses, and records the items offered. The
 * extension and this suite share one `vscode` API object, so the extension's call goes through it.
 */
function answerQuickPick(pick: (items: PickItem[]) => PickItem | undefined): { offered: PickItem[]; titles: string[]; dispose(): void } {
  const window = vscode.window as unknown as { showQuickPick: unknown };
  const original = window.showQuickPick;
  const offered: PickItem[] = [];
  const titles: string[] = [];
  window.showQuickPick = async (items: PickItem[] | Thenable<PickItem[]>, options?: vscode.QuickPickOptions) => {
    const list = await items;
    offered.push(...list);
    titles.push(options?.title ?? '');
    return pick(list);
  };
  return { offered, titles, dispose: () => (window.showQuickPick = original) };
}

suite('Makemore on lists that are not plain lines', () => {
  let folder: vscode.Uri;

  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the suite runs with a folder open');
    folder = vscode.Uri.joinPath(root, `lists-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  test('the CSV column pick: Choose Column… lists the columns with examples; the column picked is trained on, remembered, and the file is unchanged', async () => {
    const names = generatedNames(300, 7).map((n) => n[0]!.toUpperCase() + n.slice(1));
    const csv = ['name,breed,count', ...names.map((n, i) => `${n},${BREEDS[i % BREEDS.length]},${(i * 37) % 900}`)].join('\n') + '\n';
    const file = vscode.Uri.joinPath(folder, 'dogs.csv');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(csv));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    const makemore = await api();

    // By default: the first text column.
    const first = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(first.status, 'trained', JSON.stringify(first));
    const source = makemore.runState.started?.listReading;
    assert.equal(source?.format, 'csv');
    assert.equal(source?.column?.name, 'name');
    assert.match(source?.description ?? '', /^Reading column 'name' \(also: breed, count\) of a CSV file: 300 items, e\.g\. /);
    assert.deepEqual(
      makemore.runState.started?.casing && {
        pattern: makemore.runState.started.casing.pattern,
        restored: makemore.runState.started.casing.restored,
      },
      { pattern: 'title', restored: true },
    );

    // The pick: every column, with examples; the one read now marked; numbers flagged.
    const shown = recordMessages();
    const pick = answerQuickPick((items) => items.find((i) => i.label === 'breed'));
    let choice: unknown;
    try {
      choice = await vscode.commands.executeCommand('makemore.chooseColumn');
    } finally {
      pick.dispose();
      shown.dispose();
    }
    assert.deepEqual(choice, { format: 'csv', column: 'breed' });
    const columns = pick.offered.filter((i) => i.choice?.column !== undefined);
    assert.deepEqual(
      columns.map((i) => i.label),
      ['name', 'breed', 'count'],
    );
    assert.equal(columns[0]!.description, 'read now');
    assert.equal(columns[1]!.detail, `e.g. ${BREEDS.slice(0, 3).join(', ')}`);
    assert.match(columns[2]!.description ?? '', /numbers/);
    assert.ok(
      pick.offered.some((i) => i.label === 'Detect the format'),
      'the formats are offered too',
    );
    assert.deepEqual(
      shown.messages.map((m) => m.text),
      [`Makemore reads column 'breed' of ${vscode.workspace.asRelativePath(file, false)} from now on.`],
    );

    // The next training reads the column picked, without asking again.
    const again = answerQuickPick(() => {
      throw new Error('not asked again');
    });
    let second: TrainCommandResult;
    try {
      second = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    } finally {
      again.dispose();
    }
    assert.equal(second.status, 'trained', JSON.stringify(second));
    if (second.status !== 'trained') return;
    assert.equal(makemore.runState.started?.listReading?.column?.name, 'breed');
    assert.equal(makemore.runState.started?.words, names.length);
    assert.equal(makemore.runState.started?.symbols.includes('␣'), false);
    const { groups } = await makemore.listRuns();
    const stored = groups.flatMap((g) => g.runs).find((r) => r.id === second.runId);
    assert.equal(stored?.source?.column, 'breed', 'the run says which column it was trained on');
    assert.equal(stored?.source?.format, 'csv');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), csv, 'the file is unchanged');
  });

  test('a plain list with stray commas asks how to read it, once; "Keep the Lines" trains on the lines as they are', async () => {
    const lines = generatedNames(240, 3).map((n, i) => (i % 3 === 0 ? `${n}, ${n.slice(0, 3)}` : n));
    await openUntitled(lines.join('\n'));
    const makemore = await api();
    const shown = recordMessages((_text, actions) => actions.find((a) => a === 'Keep the Lines'));
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'trained', JSON.stringify(result));
      const warnings = shown.messages.filter((m) => m.kind === 'showWarningMessage');
      assert.equal(warnings.length, 1, JSON.stringify(shown.messages));
      assert.match(warnings[0]!.text, /33% of the lines hold a comma/);
      assert.equal(makemore.runState.started?.listReading?.format, 'lines');
      assert.equal(makemore.runState.started?.words, lines.length);

      // Remembered: no question the second time.
      const again = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(again.status, 'trained');
      assert.equal(shown.messages.filter((m) => m.kind === 'showWarningMessage').length, 1, 'asked once');
    } finally {
      shown.dispose();
    }
  });

  test('the same warning answered "Read as CSV" reads the first column; dismissing it starts nothing', async () => {
    // Three lines in four hold "name,length": not a whole CSV file, but nearly.
    const names = generatedNames(240, 5);
    await openUntitled(names.map((n, i) => (i % 4 === 0 ? n : `${n},${n.length}`)).join('\n'));
    const makemore = await api();
    const dismiss = recordMessages(() => undefined);
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'declined');
    } finally {
      dismiss.dispose();
    }
    const shown = recordMessages((_text, actions) => actions.find((a) => a === 'Read as CSV'));
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'trained', JSON.stringify(result));
      assert.equal(makemore.runState.started?.listReading?.format, 'csv');
      assert.ok(
        makemore.runState.started?.symbols.every((s) => !/[0-9,]/.test(s)),
        `no digits or commas: ${makemore.runState.started?.symbols.join('')}`,
      );
    } finally {
      shown.dispose();
    }
  });
});
