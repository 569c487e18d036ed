import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { decodeText, MAX_LINE_LENGTH, parseWordList } from '../../../src/core/wordlist';
import { Vocabulary } from '../../../src/core/vocabulary';

describe('word lists', () => {
  it('strips CR and surrounding whitespace, skips blank lines, keeps inner spaces', () => {
    const list = parseWordList('emma\r\n  olivia  \r\n\r\nmary ann\r\n');
    assert.deepEqual(list.words, ['emma', 'olivia', 'mary ann']);
    assert.equal(list.blankLines, 1);
  });

  it('keeps any alphabet, digits, punctuation and case as data; normalises to NFC', () => {
    const decomposed = 'Zoe\u0301'; // "Zoé" with a combining accent
    const list = parseWordList(`Zoé\n${decomposed}\nR2-D2\n♀x\n名前\nA.B\n🦊fox\n`);
    assert.deepEqual(list.words, ['Zoé', 'Zoé', 'R2-D2', '♀x', '名前', 'A.B', '🦊fox']);
    const vocabulary = Vocabulary.fromWords(list.words);
    for (const c of ['é', '♀', '名', '🦊', '.', '-', '2', 'R', 'x']) assert.ok(vocabulary.has(c), `has ${c}`);
    // A literal "." is an ordinary symbol; the boundary is index 0.
    assert.notEqual(vocabulary.encode('.')[0], 0);
    assert.equal(vocabulary.decode(vocabulary.encode('🦊fox')), '🦊fox');
  });

  it('folds case only when asked', () => {
    assert.deepEqual(parseWordList('Emma\nOLIVIA\n', { foldCase: true }).words, ['emma', 'olivia']);
    assert.deepEqual(parseWordList('Emma\nOLIVIA\n').words, ['Emma', 'OLIVIA']);
  });

  const rejects = (text: string, pattern: RegExp): void => {
    assert.throws(() => parseWordList(text), (e: unknown) => e instanceof InputError && pattern.test(e.message));
  };

  it('rejects an empty file, only blank lines, fewer than 2 lines, a too-long line', () => {
    rejects('', /empty/);
    rejects('\n \r\n\t\n', /only blank lines/);
    rejects('emma\n\n', /1 usable line; at least 2/);
    rejects(`emma\n${'x'.repeat(MAX_LINE_LENGTH + 1)}\n`, new RegExp(`Line 2 is ${MAX_LINE_LENGTH + 1} characters long; the limit is ${MAX_LINE_LENGTH}`));
    // The cap counts characters, not UTF-16 units.
    assert.equal(parseWordList(`a\n${'🦊'.repeat(MAX_LINE_LENGTH)}`).words.length, 2);
  });

  it('rejects binary content: NUL bytes and invalid UTF-8', () => {
    assert.throws(() => decodeText(new Uint8Array([0x61, 0x0a, 0x00, 0x62])), /NUL byte at offset 2/);
    assert.throws(() => decodeText(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x62])), /not valid UTF-8/);
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62])), 'a\nb');
  });
});
