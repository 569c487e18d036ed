import * as assert from 'node:assert/strict';
import { buildDataset, buildExamples, sampleExamples, splitSizes, splitWords } from '../../../src/core/dataset';
import { prepareEval } from '../../../src/core/evaluate';
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
    assert.deepEqual(
      Array.from(ex.Y, (s) => vocabulary.label(s)),
      ['e', 'm', 'm', 'a', '.'],
    );
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

describe('compact examples and the evaluation sample', () => {
  const words = namesList();
  /** The examples as they were built before they were stored compactly (Int32Array), for comparison. */
  function reference(words: readonly string[], vocabulary: Vocabulary, blockSize: number): { X: number[]; Y: number[] } {
    const X: number[] = [];
    const Y: number[] = [];
    for (const w of words) {
      const context = new Array<number>(blockSize).fill(0);
      for (const next of [...vocabulary.encode(w), 0]) {
        X.push(...context);
        Y.push(next);
        context.shift();
        context.push(next);
      }
    }
    return { X, Y };
  }

  it('stores one byte per symbol under 256 symbols, two above, with the same examples as before', () => {
    const words = namesList().slice(0, 3000);
    const vocabulary = Vocabulary.fromWords(words);
    const ex = buildExamples(words, vocabulary, 5);
    assert.ok(ex.X instanceof Uint8Array && ex.Y instanceof Uint8Array);
    const ref = reference(words, vocabulary, 5);
    assert.deepEqual(Array.from(ex.X), ref.X);
    assert.deepEqual(Array.from(ex.Y), ref.Y);

    // 300 distinct symbols (and a character outside the BMP): two bytes each.
    const many = Array.from({ length: 300 }, (_, i) => String.fromCodePoint(0x4e00 + i) + 'a🦊');
    const big = Vocabulary.fromWords(many);
    assert.equal(big.size, 303);
    const ex2 = buildExamples(many, big, 3);
    assert.ok(ex2.X instanceof Uint16Array && ex2.Y instanceof Uint16Array);
    const ref2 = reference(many, big, 3);
    assert.deepEqual(Array.from(ex2.X), ref2.X);
    assert.deepEqual(Array.from(ex2.Y), ref2.Y);
    assert.equal(ex2.count, 300 * 4);
  });

  it('samples at most N examples of a split, the same for a seed, each one a real example', () => {
    const data = buildDataset(words, 5, 42);
    const a = sampleExamples(data.train, 20_000, 7);
    const b = sampleExamples(data.train, 20_000, 7);
    const c = sampleExamples(data.train, 20_000, 8);
    assert.equal(a.count, 20_000);
    assert.deepEqual(a.X, b.X);
    assert.deepEqual(a.Y, b.Y);
    assert.notDeepEqual(a.Y, c.Y);
    // Every sampled (context, next) pair occurs in the split.
    const pairs = new Set<string>();
    for (let i = 0; i < data.train.count; i++) pairs.add(`${data.train.X.subarray(i * 5, i * 5 + 5).join(',')}>${data.train.Y[i]}`);
    for (let i = 0; i < a.count; i++) assert.ok(pairs.has(`${a.X.subarray(i * 5, i * 5 + 5).join(',')}>${a.Y[i]}`));
    // A split no larger than N is used whole.
    assert.equal(sampleExamples(data.dev, 1e6, 7), data.dev);
  });

  it('groups an evaluation by context: names.txt dev has 40% distinct contexts at block 5', () => {
    const data = buildDataset(words, 5, 42);
    const set = prepareEval(data.dev, data.vocabulary.size);
    assert.equal(set.count, data.dev.count);
    assert.ok(set.unique < 0.45 * set.count && set.unique > 0.3 * set.count, `${set.unique} of ${set.count}`);
    // Each distinct context's targets are exactly its examples' targets.
    const byContext = new Map<string, number[]>();
    for (let i = 0; i < data.dev.count; i++) {
      const key = data.dev.X.subarray(i * 5, i * 5 + 5).join(',');
      byContext.set(key, [...(byContext.get(key) ?? []), data.dev.Y[i]!]);
    }
    assert.equal(byContext.size, set.unique);
    for (let u = 0; u < set.unique; u++) {
      const key = Array.from({ length: 5 }, (_, p) => set.contexts[u * 5 + p]).join(',');
      const targets = Array.from({ length: set.offsets[u + 1]! - set.offsets[u]! }, (_, k) => set.targets[set.offsets[u]! + k]!);
      assert.deepEqual(targets.sort(), byContext.get(key)!.sort());
    }
  });
});
