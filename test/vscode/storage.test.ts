/**
 * The run store in a real VS Code (issue 18, items 1, 2 and 9): a list's text is stored once for
 * all its runs, and the Runs view is told what they take; a run the store cannot take (its
 * folder is not a folder) is not lost — its model is written elsewhere and the result says where.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TrainCommandResult } from '../../src/extension/training/trainer';
import { api, generatedNames, openUntitled, recordMessages, trained, useShortRuns } from './helpers';

/** SHA-256 (hex) of text as UTF-8 (Web Crypto: in both extension hosts). */
async function sha256(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

suite('Makemore run storage', () => {
  useShortRuns();

  test("two runs of a list keep its text once; the Runs view is told each run's size and the list's", async () => {
    const makemore = await api();
    const words = generatedNames(400, 77);
    const editor = await openUntitled(words.join('\n'));
    const messages = recordMessages();
    let a, b;
    try {
      a = trained(await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile'));
      b = trained(await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile'));
    } finally {
      messages.dispose();
    }
    const files = (await vscode.workspace.fs.readDirectory(makemore.runsDirectory)).map(([name]) => name);
    const text = `shared.${await sha256(words.join('\n'))}.trainingWords`;
    assert.deepEqual(
      files.filter((f) => f === text),
      [text],
      "the list's words, once",
    );
    const runs = await makemore.fileRuns(editor.document.uri);
    const storage = runs?.storage;
    assert.ok(storage, 'sizes are sent with the runs');
    const own = [storage.runs[a.runId]!, storage.runs[b.runId]!];
    assert.ok(
      own.every((n) => n > 0),
      JSON.stringify(storage),
    );
    assert.ok(storage.shared >= new TextEncoder().encode(words.join('\n')).length, 'the shared text is counted');
    assert.equal(storage.total, own[0]! + own[1]! + storage.shared, 'the total counts the shared text once');
    for (const id of [a.runId, b.runId]) {
      const own = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(makemore.runsDirectory, `${a.fileKey}.${id}.makemore`));
      assert.ok(!new TextDecoder().decode(own).includes(words.slice(0, 3).join('\n')), 'a run keeps what only it has');
    }
  });

  test('a run the store cannot take is written elsewhere, and the result says where', async () => {
    const makemore = await api();
    const fs = vscode.workspace.fs;
    const dir = makemore.runsDirectory;
    const aside = vscode.Uri.joinPath(dir, '..', 'runs-moved-by-test');
    const words = generatedNames(300, 78);
    await openUntitled(words.join('\n'));
    // The store's folder is a file now: nothing can be stored in it. (The folder is made first:
    // run alone, no earlier test has stored a run.)
    await fs.createDirectory(dir);
    await fs.rename(dir, aside);
    await fs.writeFile(dir, new TextEncoder().encode('not a folder'));
    const messages = recordMessages();
    let kept: vscode.Uri | undefined;
    try {
      const result = await vscode.commands.executeCommand<TrainCommandResult>('makemore.trainOnFile');
      assert.equal(result.status, 'failed', JSON.stringify(result));
      const where = /The model was saved to (.+) instead/.exec(result.message ?? '')?.[1];
      assert.ok(where, result.message);
      kept = where.startsWith('/') ? vscode.Uri.file(where) : vscode.Uri.parse(where);
      const bytes = await fs.readFile(kept);
      assert.equal(new TextDecoder().decode(bytes.subarray(0, 8)), 'MAKEMORE', 'a model file');
      assert.ok(new TextDecoder().decode(bytes).includes(words.join('\n')), 'the whole model: its words with it');
      assert.ok(
        messages.messages.some((m) => m.kind === 'showErrorMessage' && m.text.includes(where)),
        JSON.stringify(messages.messages),
      );
    } finally {
      messages.dispose();
      await fs.delete(dir, { useTrash: false });
      await fs.rename(aside, dir);
      if (kept) await fs.delete(kept, { useTrash: false });
    }
  });
});
