import * as assert from 'node:assert/strict';
import leven from 'leven';
import { ListIndex, SPLIT_CODES } from '../../../src/core/listIndex';
import { Rng } from '../../../src/core/rng';
import { namesList } from '../helpers/data';

describe('list index: tags and edit distance', () => {
  it('tags a name by the split its word fell in, ignoring case', () => {
    const { train, dev, test } = SPLIT_CODES;
    const index = new ListIndex(['Emma', 'olivia', 'ava', 'Mia', 'mia'], [train, dev, test, dev, train]);
    assert.equal(index.tagOf('emma'), 'train');
    assert.equal(index.tagOf('EMMA'), 'train');
    assert.equal(index.tagOf('Olivia'), 'heldout');
    assert.equal(index.tagOf('ava'), 'heldout');
    assert.equal(index.tagOf('mia'), 'train', 'a word in several splits counts as training');
    assert.equal(index.tagOf('emmy'), 'new');
    assert.equal(index.size, 4);
    assert.deepEqual(index.lengths, { min: 3, max: 6 });
    // Without the splits (a model saved before they were stored): "in the list".
    const old = new ListIndex(['Emma', 'olivia']);
    assert.equal(old.tagOf('emma'), 'list');
    assert.equal(old.tagOf('liv'), 'new');
  });

  it('isFarFrom agrees with a brute-force Levenshtein scan of names.txt', function () {
    this.timeout(60_000);
    const words = namesList();
    const index = new ListIndex(words);
    const folded = [...new Set(words.map((w) => w.toLowerCase()))];
    const rng = new Rng(7);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    // Candidates: list words with 0–4 random edits, and random strings.
    const candidates: string[] = [];
    for (let i = 0; i < 150; i++) {
      let w = words[rng.int(words.length)]!;
      for (let e = rng.int(5); e > 0; e--) {
        const at = rng.int(w.length + 1);
        const c = letters[rng.int(26)]!;
        const op = rng.int(3);
        w =
          op === 0 ? w.slice(0, at) + c + w.slice(at) : op === 1 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + c + w.slice(at + 1);
      }
      if (w.length > 0) candidates.push(i % 3 === 0 ? w.toUpperCase() : w);
    }
    for (let i = 0; i < 30; i++) candidates.push(Array.from({ length: 2 + rng.int(8) }, () => letters[rng.int(26)]).join(''));
    const seen = new Set<boolean>();
    for (const c of candidates) {
      const nearest = Math.min(...folded.map((w) => leven(c.toLowerCase(), w)));
      for (const n of [0, 1, 2, 3]) {
        const far = nearest >= n;
        assert.equal(index.isFarFrom(c, n), far, `${c}: nearest at ${nearest}, n = ${n}`);
        if (n === 3) seen.add(far);
      }
    }
    assert.deepEqual([...seen].sort(), [false, true], 'both outcomes occur');
  });
});
