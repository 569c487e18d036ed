/**
 * Makemore: Open a Sample List…, in a real VS Code (either host: the lists are read with
 * `workspace.fs` from the extension's folder): the quick pick offers first names, last names,
 * cities, streets and companies in at least ten languages; the list picked opens as an unsaved
 * document named after it, which Train Now trains on.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { OpenedSample } from '../../src/extension/training/sampleLists';
import type { ModelStoredEvent } from '../../src/shared/events';
import { SHORT_RUN, answerQuickPicks, api, closeAllEditors, nextEvent, recordMessages, restoreSettings, setTraining } from './helpers';

interface PickItem extends vscode.QuickPickItem {
  list?: { id: string; kind: string; locale: string };
}

suite('Makemore: Open a Sample List…', () => {
  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
  });

  suiteTeardown(async () => {
    await restoreSettings();
    await closeAllEditors();
  });

  test('offers first names, last names, cities, streets and companies in at least ten languages, each with its size and examples', async () => {
    const picks = answerQuickPicks(() => undefined);
    let opened: OpenedSample | undefined;
    try {
      opened = await vscode.commands.executeCommand<OpenedSample | undefined>('makemore.openSampleList');
    } finally {
      picks.dispose();
    }
    assert.equal(opened, undefined, 'dismissed: nothing opened');
    const items = picks.items[0] as PickItem[];
    const lists = items.filter((i) => i.list).map((i) => i.list!);
    for (const kind of ['first names', 'last names', 'cities', 'streets', 'companies']) {
      const languages = new Set(lists.filter((l) => l.kind === kind).map((l) => l.locale));
      assert.ok(languages.size >= 10, `${kind} in ${languages.size} languages`);
    }
    const german = items.find((i) => i.label === 'German first names');
    assert.match(german?.description ?? '', /^[\d,]+ · \S.*, .*, .*…$/);
    assert.deepEqual(
      items
        .filter((i) => i.kind === vscode.QuickPickItemKind.Separator)
        .slice(0, 5)
        .map((i) => i.label),
      ['First names', 'Last names', 'Cities', 'Streets', 'Companies'],
    );
  });

  test('the list picked opens as an unsaved document named after it, and Train Now trains on it', async () => {
    await closeAllEditors();
    const picks = answerQuickPicks((items) => items.find((i) => i.label === 'Japanese first names'));
    const shown = recordMessages((text, actions) =>
      text.startsWith('Makemore opened') ? actions.find((a) => a === 'Train Now') : undefined,
    );
    const stored = nextEvent((e) => e.type === 'modelStored');
    let opened: OpenedSample | undefined;
    try {
      opened = await vscode.commands.executeCommand<OpenedSample | undefined>('makemore.openSampleList');
      assert.ok(opened);
      const event = (await stored) as ModelStoredEvent;
      const makemore = await api();
      assert.equal(makemore.runState.started?.listName, 'japanese-first-names.txt');
      assert.equal(makemore.runState.started?.words, opened.items);
      assert.equal(event.job, 'train');
    } finally {
      picks.dispose();
      shown.dispose();
    }
    assert.equal(opened.id, 'ja/first-names');
    assert.equal(opened.uri.scheme, 'untitled');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), opened.uri.toString());
    assert.ok(editor.document.isDirty, 'unsaved: the user may keep it or not');
    const lines = editor.document.getText().split('\n').filter(Boolean);
    assert.equal(lines.length, opened.items);
    assert.ok(lines.length >= 50);
    assert.match(
      shown.messages.find((m) => m.text.startsWith('Makemore opened'))?.text ?? '',
      /^Makemore opened Japanese first names \([\d,]+, from @faker-js\/faker [\d.]+ \(MIT\)\) as an unsaved document: edit it, save it, or train on it now\.$/,
    );
  });

  test('a list asked for by its id opens beside one already open, under a name of its own', async () => {
    const first = await vscode.commands.executeCommand<OpenedSample>('makemore.openSampleList', 'de/cities');
    const second = await vscode.commands.executeCommand<OpenedSample>('makemore.openSampleList', 'de/cities');
    assert.equal(first.uri.path, 'german-cities.txt');
    assert.equal(second.uri.path, 'german-cities-2.txt');
    const shown = recordMessages();
    try {
      assert.equal(await vscode.commands.executeCommand('makemore.openSampleList', 'xx/nothing'), undefined);
    } finally {
      shown.dispose();
    }
    assert.deepEqual(shown.messages, [{ kind: 'showErrorMessage', text: 'Makemore has no sample list "xx/nothing".' }]);
  });
});
