import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { namesForCursors, sampleList } from '../../../src/extension/names/sampling';
import { SAMPLING_DEFAULTS, type SamplingSettings } from '../../../src/extension/settings';
import { checkpointOf, generatedNames } from './helpers';

const settings = (over: Partial<SamplingSettings> = {}): SamplingSettings => ({ ...SAMPLING_DEFAULTS, ...over });

/** A model over the single character "a" that ends a word after each "a" with probability `pEnd`. */
function aModel(trainingWords: string[], pEnd: number) {
  const ck = checkpointOf(trainingWords);
  assert.equal(ck.vocabulary.size, 2);
  ck.params.W2.fill(0);
  ck.params.b2.set([Math.log(pEnd), Math.log(1 - pEnd)]);
  return ck;
}

describe('sampling names for cursors', () => {
  const words = generatedNames(300);
  const ck = checkpointOf(words);

  it('gives every cursor a different name', () => {
    const { texts, missing } = namesForCursors(ck, ['', '', '', ''], settings());
    assert.equal(missing, 0);
    assert.equal(texts.length, 4);
    assert.ok(texts.every((t) => typeof t === 'string' && t.length > 0));
    assert.equal(new Set(texts).size, 4);
  });

  it('gives each cursor namesPerCursor names, one per line, all distinct', () => {
    const { texts } = namesForCursors(ck, ['', ''], settings({ namesPerCursor: 3 }), '\r\n');
    const lines = texts.flatMap((t) => t!.split('\r\n'));
    assert.equal(lines.length, 6);
    assert.equal(new Set(lines).size, 6);
  });

  it("continues each cursor's prefix, and keeps names distinct across prefixes", () => {
    const { texts } = namesForCursors(ck, ['br', '', 'br', 'st'], settings());
    assert.ok(texts[0]!.startsWith('br') && texts[2]!.startsWith('br'), `${texts}`);
    assert.ok(texts[3]!.startsWith('st'));
    assert.equal(new Set(texts).size, 4);
  });

  it('lower-cases the prefix for a model trained with foldCase', () => {
    const folded = checkpointOf(words, { foldCase: true });
    const { texts } = namesForCursors(folded, ['BR'], settings());
    assert.ok(texts[0]!.startsWith('br'), texts[0]);
  });

  it("rejects a prefix with characters the model doesn't know", () => {
    assert.throws(() => namesForCursors(ck, ['Q!'], settings()), (e: unknown) => e instanceof InputError && /not in the model's vocabulary/.test(e.message));
  });

  it('with novelOnly, never inserts a word of the training list', () => {
    const training = ['a', 'aa', 'aaa'];
    const model = aModel(training, 0.4);
    for (let i = 0; i < 5; i++) {
      const { texts } = namesForCursors(model, ['', ''], settings({ novelOnly: true }));
      for (const t of texts) assert.ok(t === undefined || !training.includes(t), t);
    }
    const all = sampleList(model, settings({ novelOnly: false }), 3);
    assert.ok(all.some((w) => training.includes(w)), 'without novelOnly the likeliest words are the training words');
  });

  it('says how many names it could not find', () => {
    // Almost every word is "a", which is in the training list: no novel name can be found.
    const model = aModel(['a', 'aa', 'aaa', 'aaaa'], 0.99);
    const { texts, missing } = namesForCursors(model, ['', '', ''], settings({ novelOnly: true }));
    assert.equal(missing, 3);
    assert.deepEqual(texts, [undefined, undefined, undefined]);
  });
});
