/**
 * Symbols as a person counts them (core/symbols.ts): the fast path agrees with Intl.Segmenter
 * everywhere, emoji sequences, flags and combining marks stay whole, and the vocabulary, the
 * examples, casing and the model file follow.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { decideCasing, foldCase, restoreCase } from '../../../src/core/casing';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/core/checkpoint';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { buildExamples, countExamples } from '../../../src/core/dataset';
import { initParams } from '../../../src/core/model';
import { Rng } from '../../../src/core/rng';
import { joiningUnits, removeInvisible, spacingOf, straySpacing, symbolCount, symbolsOf } from '../../../src/core/symbols';
import { BOUNDARY, Vocabulary } from '../../../src/core/vocabulary';

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
const graphemes = (s: string): string[] => Array.from(segmenter.segment(s), (x) => x.segment);

/** Characters that make or break symbols, for random texts. */
const PIECES = [
  'a',
  'b',
  'Z',
  'é',
  'ß',
  'İ',
  'ı',
  ' ',
  '-',
  '.',
  '1',
  '名',
  'ж',
  'ا',
  'ب',
  'क',
  '्',
  'ष',
  'ि',
  '각',
  'ᄀ',
  'ᅡ',
  'ᆨ',
  '\u0301',
  '\u0307',
  '\u0308',
  '\u200d',
  '\u200c',
  '\ufe0f',
  '🧑',
  '🏿',
  '🏻',
  '🚀',
  '👩',
  '👧',
  '🇩',
  '🇪',
  '🇯',
  '🇵',
  '😀',
  '🦊',
  '\u0e33',
  'ก',
  '\u0600',
  '𝓐',
  '\u{1F3F3}',
  '\u{E0067}',
  '©',
  '\u2764',
  '🌈',
  '\u{E007F}',
  '🏴',
  'த',
  '\u0bbe',
  '\u0bcd',
  '\u{1F1E6}',
  '\u{11000}',
  '\u{11038}',
  '\u{110BD}',
  '\u0300',
  'ᄒ',
  '\u0d4d',
  'ന',
  '\u{1F9D1}\u200d\u{1F9B0}',
  '\u{1F3FB}',
  '\t',
  '\u200b',
  '\u00ad',
  '\u102b',
  'က',
];

describe('symbols: characters as a person counts them', () => {
  it('a code unit the fast path takes as a symbol of its own never joins a neighbour (every BMP code point, both orders)', () => {
    const J = joiningUnits();
    const alone: string[] = [];
    for (let c = 0; c < 0x10000; c++) if (!J[c]) alone.push(String.fromCharCode(c));
    assert.ok(alone.length > 60_000, `${alone.length} code units on the fast path`);
    for (const order of [alone, [...alone].reverse(), new Rng(5).shuffle([...alone])]) {
      assert.equal(graphemes(order.join('')).length, order.length);
    }
  });

  it('splits any text as Intl.Segmenter does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        assert.deepEqual(symbolsOf(text), graphemes(text));
        assert.equal(symbolCount(text), graphemes(text).length);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps emoji with skin tones, ZWJ sequences, flags and letters with combining marks whole', () => {
    assert.deepEqual(symbolsOf('🧑🏿‍🚀x🇩🇪'), ['🧑🏿‍🚀', 'x', '🇩🇪']);
    assert.deepEqual(symbolsOf('q̇n̈a'), ['q̇', 'n̈', 'a']);
    assert.equal(symbolCount('👩‍👩‍👧'), 1);
    assert.equal(symbolCount('emma'), 4);
  });

  it('removes invisible characters, keeping the joiners of emoji sequences', () => {
    assert.deepEqual(removeInvisible('An\u200Bna'), { text: 'Anna', removed: 1 });
    assert.deepEqual(removeInvisible('Bo\u00ADb\u200E'), { text: 'Bob', removed: 2 });
    assert.deepEqual(removeInvisible('👩‍👩‍👧'), { text: '👩‍👩‍👧', removed: 0 });
    assert.deepEqual(removeInvisible('a\u200Db\uFEFF'), { text: 'ab', removed: 2 });
  });

  it('spacing: a sample never starts or ends with a space, nor doubles one unless the list does', () => {
    const plain = spacingOf(['Mary Ann', 'Ume Tuwt']);
    assert.equal(straySpacing('Raup ', plain), true);
    assert.equal(straySpacing(' Raup', plain), true);
    assert.equal(straySpacing('Ume  Tuwt', plain), true);
    assert.equal(straySpacing('Ume Tuwt', plain), false);
    assert.equal(straySpacing('Ume  Tuwt', spacingOf(['A  B', 'C'])), false);
  });
});

describe('symbols: the vocabulary, the examples and the model file', () => {
  const words = ['🧑🏿‍🚀', '🧑🏻‍🚀ana', '🇩🇪x', 'q̇n̈', 'zoé', 'ana', 'İstanbul', '👍', '👍🏽'];

  it('builds a vocabulary of whole symbols, encodes and decodes every word exactly', () => {
    const v = Vocabulary.fromWords(words);
    for (const s of ['🧑🏿‍🚀', '🧑🏻‍🚀', '🇩🇪', 'q̇', 'n̈', 'İ', '👍', '👍🏽']) assert.ok(v.has(s), `has ${s}`);
    for (const piece of ['🏿', '🚀', '\u0307', '🇩', 'q']) assert.ok(!v.has(piece), `no lone ${JSON.stringify(piece)}`);
    for (const w of words) {
      const symbols = v.encode(w);
      assert.equal(symbols.length, symbolCount(w), w);
      assert.equal(v.symbolCount(w), symbolCount(w), w);
      assert.equal(v.decode([...symbols, BOUNDARY]), w);
    }
    const examples = buildExamples(words, v, 3);
    assert.equal(examples.count, countExamples(words, v));
    assert.equal(
      examples.count,
      words.reduce((a, w) => a + symbolCount(w) + 1, 0),
    );
    assert.deepEqual(v.unknown('🧑🏿‍🚀🧑🏾‍🚀'), ['🧑🏾‍🚀']);
  });

  it('keeps a list of one-unit symbols exactly as before (names.txt style)', () => {
    const v = Vocabulary.fromWords(['emma', 'olivia', 'ava']);
    assert.deepEqual(v.characters, ['a', 'e', 'i', 'l', 'm', 'o', 'v']);
    assert.deepEqual(v.encode('emma'), [2, 5, 5, 1]);
    assert.equal(v.symbolCount('olivia'), 6);
  });

  it('round-trips a vocabulary of multi-code-point symbols through the model file', () => {
    const vocabulary = Vocabulary.fromWords(words);
    const shape = { vocabSize: vocabulary.size, blockSize: 3, embeddingSize: 4, hiddenSize: 5 };
    const bytes = encodeCheckpoint({
      createdAt: new Date(0).toISOString(),
      shape,
      vocabulary,
      config: { ...BASE_DEFAULTS, blockSize: 3, embeddingSize: 4, hiddenSize: 5 },
      params: initParams(shape, new Rng(1)),
      run: { steps: 0, keptStep: 0, seconds: 0, examplesPerSecond: 0, stopped: false, backend: 'cpu' },
      losses: { train: null, dev: null, test: null },
      bigram: { train: null, dev: null, test: null },
      source: { name: 'emoji.txt', sha256: '0'.repeat(64), words: words.length },
      trainingWords: words,
    });
    const back = decodeCheckpoint(bytes);
    assert.deepEqual(back.vocabulary.characters, vocabulary.characters);
    assert.deepEqual(back.trainingWords, words);
    for (const w of words) assert.deepEqual(back.vocabulary.encode(w), vocabulary.encode(w));
  });

  it('folds and restores case locale-safely, in NFC: İstanbul comes back, no dot above floats free', () => {
    const folded = foldCase('İstanbul');
    assert.equal(folded, 'i\u0307stanbul');
    assert.deepEqual(symbolsOf(folded).slice(0, 2), ['i\u0307', 's']);
    assert.equal(restoreCase(folded, 'title'), 'İstanbul');
    assert.equal(restoreCase('i\u0307zmir', 'upper'), 'İZMIR');
    const casing = decideCasing(['İstanbul', 'Ankara', 'İzmir', 'Kırşehir', 'Iğdır'], 'auto');
    assert.deepEqual({ pattern: casing.pattern, folded: casing.folded }, { pattern: 'title', folded: true });
    for (const w of ['İstanbul', 'Ankara', 'İzmir', 'Kırşehir', 'Iğdır']) {
      const back = restoreCase(foldCase(w), 'title');
      assert.equal(back, w);
      assert.equal(back, back.normalize('NFC'));
    }
  });
});
