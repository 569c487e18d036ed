/**
 * Exploring a model in a real VS Code: Rank Lines by Typicality on a trained list (least like the
 * rest first, characters the model does not know reported per line, the chosen line selected),
 * the reading on hover (and its setting), Makemore: Explore the Model opening the panel, and the
 * messages for a document without a model of its own.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RankLinesResult } from '../../src/extension/explore/rankLines';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { SHORT_RUN, api, closeAllEditors, generatedNames, openUntitled, recordMessages, restoreSettings, setTraining } from './helpers';

/** Our hover's Markdown at a line (none: ''), as VS Code's hover providers give it. */
async function hoverAt(document: vscode.TextDocument, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    new vscode.Position(line, 1),
  );
  return hovers
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .filter((text) => text.includes('Makemore:'))
    .join('\n');
}

suite('Exploring a model', () => {
  const names = generatedNames(400, 31);
  // Random letters, far from the list's names (in its alphabet, so the model can read them).
  const odd = 'zzbrzzvkz';
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    await api();
    await setTraining(SHORT_RUN);
    editor = await openUntitled([...names.slice(0, 200), odd, ...names.slice(200)].join('\n') + '\n');
    const trained = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
    assert.equal(trained.status, 'trained', JSON.stringify(trained));
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('makemore.explore').update('hover', undefined, vscode.ConfigurationTarget.Global);
    await restoreSettings();
    await closeAllEditors();
  });

  test('Rank Lines by Typicality: least like the rest first, unknown characters per line, the chosen line selected', async () => {
    await vscode.window.showTextDocument(editor.document);
    // A line added after training, with a character the model does not know.
    await editor.edit((b) => b.insert(new vscode.Position(10, 0), 'zoë\n'));
    const result = await vscode.commands.executeCommand<RankLinesResult>('makemore.rankLines', { reveal: 1 });
    assert.equal(result.status, 'ranked', JSON.stringify(result));
    if (result.status !== 'ranked') return;
    assert.equal(result.items, 402);
    assert.deepEqual(result.ranked[0], {
      line: 10,
      item: 'zoë',
      surprisal: null,
      percentile: null,
      lengthPercentile: null,
      unknown: ['ë'],
    });
    const oddRank = result.ranked.findIndex((r) => r.item === odd);
    assert.ok(oddRank >= 1 && oddRank <= 10, `the random letters rank among the least typical: #${oddRank}`);
    assert.equal(result.chosen, result.ranked[1]);
    const selection = vscode.window.activeTextEditor!.selection;
    assert.equal(vscode.window.activeTextEditor!.document, editor.document);
    assert.equal(selection.start.line, result.chosen!.line, 'the chosen line is selected');
    assert.equal(editor.document.lineAt(result.chosen!.line).text, result.chosen!.item);
    // Least typical first: the percentiles among items of their length rise.
    const scored = result.ranked.slice(1);
    for (let i = 1; i < scored.length; i++) assert.ok(scored[i - 1]!.lengthPercentile! <= scored[i]!.lengthPercentile!);
    await vscode.commands.executeCommand('undo');
  });

  test('hovering a line reads it letter by letter; the setting turns it off', async () => {
    await vscode.window.showTextDocument(editor.document);
    const markdown = await hoverAt(editor.document, 0);
    assert.match(
      markdown,
      new RegExp(`^\\*\\*${names[0]}\\*\\* — \\d\\.\\d\\d nats per character · more typical than \\d+ % of Untitled-\\d+`),
    );
    assert.equal(markdown.split('\n').filter((l) => /^\| [●◐○✕] /.test(l)).length, names[0]!.length + 1, 'a row per letter and the end');
    assert.match(markdown, /● the model’s first guess · ◐ among its top 3/);
    assert.match(markdown, /\[Explore\]\(command:makemore\.explore\?/);
    // How long a hover takes, from VS Code's request to the Markdown (measured, never asserted).
    const times: number[] = [];
    for (let line = 1; line <= 40; line++) {
      const start = Date.now();
      const md = await hoverAt(editor.document, line);
      times.push(Date.now() - start);
      assert.ok(md.length > 0, `a reading on line ${line}`);
    }
    times.sort((a, b) => a - b);
    // Two arguments: the harness prints the suite's formatted lines (test/harness/runSuite.ts).
    console.log('      %s', `hover → reading (VS Code's hover providers, 40 lines): median ${times[20]} ms, max ${times.at(-1)} ms`);
    await vscode.workspace.getConfiguration('makemore.explore').update('hover', 'off', vscode.ConfigurationTarget.Global);
    assert.equal(await hoverAt(editor.document, 0), '', 'off: no reading');
    await vscode.workspace.getConfiguration('makemore.explore').update('hover', undefined, vscode.ConfigurationTarget.Global);
    // A document without a model of its own gets none.
    const other = await openUntitled('alpha\nbeta\n');
    assert.equal(await hoverAt(other.document, 0), '');
  });

  test('Explore the Model opens the panel; without a model of its own a list cannot be ranked', async () => {
    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('makemore.explore', { text: names[1], mode: 'read' });
    const panelTab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Makemore Training');
    assert.ok(panelTab, 'the panel is open');
    const shown = recordMessages();
    try {
      await openUntitled('alpha\nbeta\ngamma\n');
      const result = await vscode.commands.executeCommand<RankLinesResult>('makemore.rankLines');
      assert.equal(result.status, 'noModel');
      assert.match(
        shown.messages.at(-1)?.text ?? '',
        /^Makemore: Untitled-\d+ has no model of its own yet: train one \(Makemore: Train on File\), then rank its lines\.$/,
      );
    } finally {
      shown.dispose();
    }
  });
});
