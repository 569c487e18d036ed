import * as assert from 'node:assert/strict';
import { buildDataset, buildExamples, splitSizes, splitWords } from '../../../src/core/dataset';
import { Vocabulary } from '../../../src/core/vocabulary';
import { namesList } from '../helpers/data';

describe('vocabulary and dataset on names.txt', () => {
  const words = namesList();

  it('has 32,033 names, 27 symbols and 228,146 examples at block 3', () => {
    assert.equal(words.length, 32033);
    const vocabulary = Vocabulary.fromWords(words);
    assert.equal(vocabulary.size, 27);
    assert.equal(vocabulary.characters.join(''), 'abcdefghijklmnopqrstuvwxyz');
    const all = buildExamples(words, vocabulary, 3);
    assert.equal(all.count, 228146);
    assert.equal(all.X.length, 228146 * 3);
  });

  it('builds padded contexts: emma → ...→e, ..e→m, .em→m, emm→a, mma→.', () => {
    const vocabulary = Vocabulary.fromWords(words);
    const ex = buildExamples(['emma'], vocabulary, 3);
    const ctx = (i: number): string => Array.from(ex.X.subarray(i * 3, i * 3 + 3), (s) => vocabulary.label(s)).join('');
    assert.deepEqual([0, 1, 2, 3, 4].map(ctx), ['...', '..e', '.em', 'emm', 'mma']);
    assert.deepEqual(Array.from(ex.Y, (s) => vocabulary.label(s)), ['e', 'm', 'm', 'a', '.']);
  });

  it('splits 80/10/10 by word with a seed: disjoint, complete, reproducible', () => {
    assert.deepEqual(splitSizes(32033), { train: 25626, dev: 3203, test: 3204 });
    assert.deepEqual(splitSizes(2), { train: 1, dev: 1, test: 0 });
    assert.deepEqual(splitSizes(10), { train: 8, dev: 1, test: 1 });
    const a = splitWords(words, 7);
    const b = splitWords(words, 7);
    const c = splitWords(words, 8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a.train.slice(0, 20), c.train.slice(0, 20));
    assert.deepEqual([...a.train, ...a.dev, ...a.test].sort(), [...words].sort());
    const data = buildDataset(words, 3, 7);
    assert.equal(data.train.count + data.dev.count + data.test.count, 228146);
    assert.equal(data.train.words, 25626);
  });
});
