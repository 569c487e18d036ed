/**
 * A list's runs found again when the same file is reached another way (issue 18, item 9):
 * code-server on another port, a moved or renamed workspace folder — over a real run store.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findListAgain, knownListOf, locationOf, type KnownList } from '../../../src/extension/runs/listLocation';
import { RunStore, fileKeyOf } from '../../../src/extension/runs/runStore';
import { bytesOf, diskDir, memento, tempDir } from './helpers';

const WORDS = ['emma', 'olivia', 'ava'];

describe('finding a list again', () => {
  it('a remote URI is located without its host and port; other URIs as they are', () => {
    assert.equal(locationOf('vscode-remote://localhost:8080/home/me/names.txt'), 'vscode-remote:///home/me/names.txt');
    assert.equal(locationOf('vscode-remote://ssh-remote%2Bbox/home/me/names.txt'), 'vscode-remote:///home/me/names.txt');
    assert.equal(locationOf('file:///home/me/names.txt'), 'file:///home/me/names.txt');
    assert.equal(locationOf('file://server/share/names.txt'), 'file://server/share/names.txt', 'a UNC host names another machine');
    assert.equal(locationOf('untitled:Untitled-1'), 'untitled:Untitled-1');
  });

  const list = (fileKey: string, fileName: string, documents: (string | null)[], texts: string[] = ['t1']): KnownList => ({
    fileKey,
    fileName,
    documents,
    textSha256s: texts,
  });
  const none = async (): Promise<boolean> => false;

  it('finds the list of the same file on another port', async () => {
    const lists = [
      list('a', 'names.txt', ['vscode-remote://localhost:8080/w/names.txt']),
      list('b', 'other.txt', ['vscode-remote://localhost:8080/w/other.txt']),
    ];
    assert.equal(
      await findListAgain(lists, { uri: 'vscode-remote://localhost:9999/w/names.txt', fileName: 'names.txt' }, async () => true),
      'a',
    );
    assert.equal(await findListAgain(lists, { uri: 'vscode-remote://localhost:9999/w/new.txt', fileName: 'new.txt' }, none), undefined);
  });

  it('finds the list of a moved workspace folder: same path in its folder, old place gone, by its text or as the only one', async () => {
    const moved = list('a', 'lists/names.txt', ['file:///old/project/lists/names.txt'], ['t1', 't2']);
    const target = { uri: 'file:///new/place/lists/names.txt', fileName: 'lists/names.txt' };
    assert.equal(await findListAgain([moved], target, none), 'a', 'the only such list');
    assert.equal(await findListAgain([moved], target, async () => true), undefined, 'its old place still exists: another file');
    const twin = list('b', 'lists/names.txt', ['file:///elsewhere/lists/names.txt'], ['t3']);
    assert.equal(await findListAgain([moved, twin], target, none), undefined, 'two candidates, no text to tell them apart');
    assert.equal(await findListAgain([moved, twin], { ...target, textSha256: 't3' }, none), 'b', 'the one trained on this very text');
    assert.equal(
      await findListAgain([list('c', 'names.txt', [null])], { uri: 'file:///x/names.txt', fileName: 'names.txt' }, none),
      undefined,
      'an old model without a place is not guessed',
    );
  });

  describe('over a run store', () => {
    let root: string;
    beforeEach(async () => {
      root = await tempDir();
    });
    afterEach(() => fs.rm(root, { recursive: true, force: true }));

    it('runs stored under an earlier port are found, told where the list is now, and the next run joins them', async () => {
      const store = new RunStore(diskDir(path.join(root, 'runs')), memento());
      const before = 'vscode-remote://localhost:8080/home/me/names.txt';
      const now = 'vscode-remote://localhost:8081/home/me/names.txt';
      // As 0.2 keyed it: the whole URI, port included.
      const key = fileKeyOf(before);
      await store.save({
        fileKey: key,
        document: before,
        fileName: 'names.txt',
        bytes: bytesOf(WORDS, { dev: 2.5 }),
        origin: 'train',
        curve: { trainStep: [], train: [], devStep: [], dev: [] },
        samples: [],
      });
      assert.equal(await store.knows(fileKeyOf(now)), false, 'not under the new URI');
      assert.equal(await store.knows(fileKeyOf(locationOf(now))), false);
      const { groups } = await store.files();
      const found = await findListAgain(groups.map(knownListOf), { uri: now, fileName: 'names.txt' }, none);
      assert.equal(found, key);
      await store.relocate(found!, now, 'names.txt');
      assert.equal((await store.file(key)).group.document, now, 'the list is where it was found');
      const next = await store.save({
        fileKey: key,
        document: now,
        fileName: 'names.txt',
        bytes: bytesOf(WORDS, { dev: 2.4 }),
        origin: 'train',
        curve: { trainStep: [], train: [], devStep: [], dev: [] },
        samples: [],
      });
      assert.equal(next.verdict.kind, 'better', 'compared with the runs found again');
      assert.equal((await store.file(key)).group.runs.length, 2, 'no run orphaned');
    });
  });
});
