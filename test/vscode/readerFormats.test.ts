/**
 * The list reader's formats in a real VS Code (issue 18): Choose Column… offers the dotted fields
 * of nested JSON objects (e-mail addresses marked) and the columns of a Markdown table, and the
 * column picked is what Train on File reads; a bulleted list with unmarked lines asks, through
 * the same question as stray structure, whether to keep them; a file over the size cap is refused
 * from its size. Files go through `workspace.fs`, so the suite runs in any host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { SHORT_RUN, answerQuickPicks, api, closeAllEditors, generatedNames, recordMessages, restoreSettings, setTraining } from './helpers';

interface PickItem extends vscode.QuickPickItem {
  choice?: { format?: string; column?: string | number; markedOnly?: boolean };
}

const title = (n: string): string => n[0]!.toUpperCase() + n.slice(1);

suite('Makemore reads nested JSON, Markdown tables and bulleted lists as people write them', () => {
  let folder: vscode.Uri;

  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri;
    assert.ok(root, 'the suite runs with a folder open');
    folder = vscode.Uri.joinPath(root, `reader-${Date.now()}`);
    await vscode.workspace.fs.createDirectory(folder);
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
    await vscode.workspace.fs.delete(folder, { recursive: true });
  });

  async function open(name: string, content: string): Promise<vscode.Uri> {
    const file = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(content));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    return file;
  }

  /** Runs Choose Column…, answering its quick pick with `label`; returns the items offered and the choice. */
  async function chooseColumn(label: string): Promise<{ offered: PickItem[]; choice: unknown }> {
    const shown = recordMessages();
    const pick = answerQuickPicks((items) => items.find((i) => i.label === label && (i as PickItem).choice !== undefined));
    try {
      const choice = await vscode.commands.executeCommand('makemore.chooseColumn');
      return { offered: pick.items.flat() as PickItem[], choice };
    } finally {
      pick.dispose();
      shown.dispose();
    }
  }

  test('nested JSON objects: Choose Column… offers dotted fields, name.first read by default, e-mail addresses marked; the field picked is trained on', async () => {
    const names = generatedNames(240, 11).map(title);
    const people = names.map((n, i) => ({
      name: { first: n, last: title(generatedNames(240, 12)[i]!) },
      email: `${n.toLowerCase()}@example.com`,
      age: 20 + (i % 50),
    }));
    const json = JSON.stringify(people, null, 1);
    const file = await open('people.json', json);
    const makemore = await api();

    const first = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(first.status, 'trained', JSON.stringify(first));
    const source = makemore.runState.started?.listReading;
    assert.equal(source?.column?.name, 'name.first');
    assert.match(
      source?.description ?? '',
      /^Reading field 'name\.first' \(also: name\.last, email\) of a JSON array of objects: 240 items/,
    );

    const { offered, choice } = await chooseColumn('name.last');
    assert.deepEqual(choice, { format: 'json', column: 'name.last' });
    const fields = offered.filter((i) => i.choice?.column !== undefined);
    assert.deepEqual(
      fields.map((i) => i.label),
      ['name.first', 'name.last', 'email'],
    );
    assert.equal(fields[0]!.description, 'read now');
    assert.equal(fields[2]!.description, 'e-mail addresses');

    const second = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(second.status, 'trained', JSON.stringify(second));
    assert.equal(makemore.runState.started?.listReading?.column?.name, 'name.last');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(file)), json, 'the file is unchanged');
  });

  test('a Markdown table: Choose Column… offers its columns; the column picked is trained on', async () => {
    const names = generatedNames(200, 13).map(title);
    const breeds = ['Beagle', 'Boxer', 'Collie', 'Husky', 'Poodle', 'Pug', 'Whippet'];
    const table =
      [
        '# Our dogs',
        '',
        '| name | breed | age |',
        '|------|:------|----:|',
        ...names.map((n, i) => `| ${n} | ${breeds[i % breeds.length]} | ${1 + (i % 12)} |`),
      ].join('\n') + '\n';
    await open('dogs.md', table);
    const makemore = await api();

    const { offered, choice } = await chooseColumn('breed');
    assert.deepEqual(choice, { format: 'markdown', column: 'breed' });
    const columns = offered.filter((i) => i.choice?.column !== undefined);
    assert.deepEqual(
      columns.map((i) => i.label),
      ['name', 'breed', 'age'],
    );
    assert.equal(columns[0]!.description, 'read now');
    assert.match(columns[2]!.description ?? '', /numbers/);

    const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(result.status, 'trained', JSON.stringify(result));
    const source = makemore.runState.started?.listReading;
    assert.equal(source?.formatLabel, 'Markdown table');
    assert.equal(source?.column?.name, 'breed');
    assert.equal(makemore.runState.started?.words, names.length);
  });

  test('a bulleted list with unmarked lines asks once, as stray structure is asked; "Only the Marked Lines" reads the marked ones', async () => {
    const names = generatedNames(200, 17).map(title);
    const lines = names.map((n, i) => (i % 10 < 7 ? `- ${n}` : n));
    await open('mixed.md', lines.join('\n') + '\n');
    const makemore = await api();
    const shown = recordMessages((_text, actions) => actions.find((a) => a === 'Only the Marked Lines'));
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'trained', JSON.stringify(result));
      const warnings = shown.messages.filter((m) => m.kind === 'showWarningMessage');
      assert.equal(warnings.length, 1, JSON.stringify(shown.messages));
      assert.match(warnings[0]!.text, /60 lines \(30% of the items\) have no bullet or number, and are read as items too/);
      assert.equal(makemore.runState.started?.words, lines.filter((l) => l.startsWith('- ')).length);

      const again = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(again.status, 'trained');
      assert.equal(shown.messages.filter((m) => m.kind === 'showWarningMessage').length, 1, 'asked once');
    } finally {
      shown.dispose();
    }
  });

  test('a file over 32 MB is refused from its size, before it is opened', async () => {
    const file = vscode.Uri.joinPath(folder, 'huge.txt');
    const line = new TextEncoder().encode('abcdefghijklmnopqrstuvwxyz\n');
    const bytes = new Uint8Array(33 * 1024 * 1024);
    for (let i = 0; i + line.length <= bytes.length; i += line.length) bytes.set(line, i);
    await vscode.workspace.fs.writeFile(file, bytes);
    const shown = recordMessages();
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile', file);
      assert.equal(result.status, 'inputError', JSON.stringify(result));
      assert.match(result.message ?? '', /^The file is larger than 32 MB, the limit for a word list \(33\.0 MB\)/);
      assert.match(shown.messages.find((m) => m.kind === 'showErrorMessage')?.text ?? '', /larger than 32 MB/);
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString()), 'never opened');
    } finally {
      shown.dispose();
      await vscode.workspace.fs.delete(file);
    }
  });
});
