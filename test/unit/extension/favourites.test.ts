/**
 * Favourites per word list (src/extension/generation/favourites.ts) on a real directory, as
 * workspace.fs gives the extension one: kept across instances (a window reload), per list,
 * in the order starred, each once; no change lost when several come at once; an unreadable file
 * reported once and kept aside for a new one. (A file system that cannot rename: runs/moveFile.ts, tested
 * on its own.)
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { GeneratedName } from '../../../src/core/generated';
import { FavouritesStore } from '../../../src/extension/generation/favourites';
import { fileKeyOf as documentKey } from '../../../src/extension/runs/runStore';
import { diskDir, tempDir } from './helpers';

const fav = (name: string, tag: GeneratedName['tag'] = 'new', logProbPerChar = -2): GeneratedName => ({ name, tag, logProbPerChar });
const names = (list: GeneratedName[]): string[] => list.map((n) => n.name);

describe('favourites', () => {
  const listA = documentKey('file:///work/names.txt');
  const listB = documentKey('file:///work/places.txt');

  it('answers a read asked for between two stars in order: never after the second star with the list as it was', async () => {
    const dir = await tempDir();
    const disk = diskDir(dir);
    // A file system whose first read (the one asked for between the stars: the first star finds no
    // file) is the slowest: the old read came back after the second star, with the list as it was.
    let reads = 0;
    const slow = {
      ...disk,
      read: async (name: string) => (await new Promise((r) => setTimeout(r, ++reads === 1 ? 150 : 5)), disk.read(name)),
    };
    const store = new FavouritesStore(slow);
    const answers: string[][] = [];
    const first = store.add(listA, 'names.txt', [fav('marax')]).then((l) => answers.push(names(l)));
    const read = store.list(listA).then((l) => answers.push(names(l)));
    const second = store.add(listA, 'names.txt', [fav('mashi')]).then((l) => answers.push(names(l)));
    await Promise.all([first, read, second]);
    assert.deepEqual(answers, [['marax'], ['marax'], ['marax', 'mashi']], 'the last answer is the list as it is');
  });

  it('keeps each list’s favourites, in the order starred, each once — and a new store (after a reload) reads them back', async () => {
    const dir = await tempDir();
    const store = new FavouritesStore(diskDir(dir));
    assert.deepEqual(await store.list(listA), []);
    await store.add(listA, 'names.txt', [fav('kaia'), fav('bren', 'train', -1.5)]);
    await store.add(listA, 'names.txt', [fav('kaia'), fav('zola', 'heldout')]);
    await store.add(listB, 'places.txt', [fav('Oxbury')]);
    assert.deepEqual(names(await store.list(listA)), ['kaia', 'bren', 'zola']);
    const reloaded = new FavouritesStore(diskDir(dir));
    assert.deepEqual(await reloaded.list(listA), [fav('kaia'), fav('bren', 'train', -1.5), fav('zola', 'heldout')]);
    assert.deepEqual(names(await reloaded.list(listB)), ['Oxbury']);
    assert.deepEqual(names(await reloaded.remove(listA, 'names.txt', [{ name: 'bren' }])), ['kaia', 'zola']);
    assert.deepEqual(names(await new FavouritesStore(diskDir(dir)).list(listA)), ['kaia', 'zola']);
    // One file per list, named by its key, readable by people; no temporary file left.
    assert.deepEqual(fs.readdirSync(dir).sort(), [`${listA}.json`, `${listB}.json`].sort());
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, `${listA}.json`), 'utf8')).list, 'names.txt');
  });

  it('loses no change when several come at once', async () => {
    const store = new FavouritesStore(diskDir(await tempDir()));
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.add(listA, 'names.txt', [fav(`n${i}`)])));
    assert.deepEqual(names(await store.list(listA)).sort(), Array.from({ length: 20 }, (_, i) => `n${i}`).sort());
  });

  it('reports an unreadable file once, counts it as empty, and on the next change keeps it aside for a new one', async () => {
    const dir = await tempDir();
    fs.writeFileSync(path.join(dir, `${listA}.json`), '{ not json');
    const problems: string[] = [];
    const store = new FavouritesStore(diskDir(dir), (m) => problems.push(m));
    assert.deepEqual(await store.list(listA), []);
    assert.deepEqual(await store.list(listA), []);
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /could not be read/);
    await store.add(listA, 'names.txt', [fav('kaia')]);
    assert.deepEqual(names(await store.list(listA)), ['kaia']);
    assert.equal(
      fs.readFileSync(path.join(dir, `${listA}.json.unreadable`), 'utf8'),
      '{ not json',
      'the unreadable file is kept, not overwritten',
    );
  });

  it('takes only word-list keys as file names', async () => {
    const store = new FavouritesStore(diskDir(await tempDir()));
    await assert.rejects(store.add('../escape', 'x', [fav('a')]), /Not a word list's key/);
  });
});
