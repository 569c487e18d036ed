import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { decodeText, decodeTextWithEncoding, MAX_LINE_LENGTH, parseWordList } from '../../../src/core/wordlist';
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
    assert.throws(
      () => parseWordList(text),
      (e: unknown) => e instanceof InputError && pattern.test(e.message),
    );
  };

  it('rejects an empty file, only blank lines, fewer than 2 lines, a too-long line', () => {
    rejects('', /empty/);
    rejects('\n \r\n\t\n', /only blank lines/);
    rejects('emma\n\n', /1 usable line; at least 2/);
    rejects(
      `emma\n${'x'.repeat(MAX_LINE_LENGTH + 1)}\n`,
      new RegExp(`Line 2 is ${MAX_LINE_LENGTH + 1} characters long; the limit is ${MAX_LINE_LENGTH}`),
    );
    // The cap counts characters, not UTF-16 units.
    assert.equal(parseWordList(`a\n${'🦊'.repeat(MAX_LINE_LENGTH)}`).words.length, 2);
  });

  it('rejects binary content: NUL bytes and invalid UTF-8, naming the line and the encoding to save as', () => {
    assert.throws(() => decodeText(new Uint8Array([0x61, 0x0a, 0x00, 0x62])), /NUL byte at offset 2/);
    assert.throws(
      () => decodeText(new Uint8Array([0x61, 0x0a, 0xff, 0xfe, 0x62])),
      /^InputError: Line 2 is not valid UTF-8 \(byte 0xFF at offset 2\).*Save it as UTF-8/,
    );
    // "café" in Windows-1252 on line 3.
    const latin1 = new Uint8Array([...new TextEncoder().encode('emma\nava\ncaf'), 0xe9, 0x0a]);
    assert.throws(
      () => decodeText(latin1),
      /^InputError: Line 3 is not valid UTF-8 \(byte 0xE9 at offset 12\): the file looks saved as Windows-1252 \(Latin-1\).*Save it as UTF-8/,
    );
    // A truncated sequence and an overlong encoding are invalid too.
    assert.throws(() => decodeText(new Uint8Array([0x61, 0x0a, 0x62, 0xe2, 0x82])), /Line 2 is not valid UTF-8 \(byte 0xE2/);
    assert.throws(() => decodeText(new Uint8Array([0xc0, 0xaf])), /Line 1 is not valid UTF-8 \(byte 0xC0/);
  });

  it('reads UTF-8 with a byte-order mark, and UTF-16 LE and BE with one', () => {
    const text = 'Zoé\nRenée\n🦊fox\n';
    assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)])), text);
    const units = [...text].flatMap((c) => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)]));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((u) => [u & 0xff, u >> 8])]);
    const be = new Uint8Array([0xfe, 0xff, ...units.flatMap((u) => [u >> 8, u & 0xff])]);
    assert.deepEqual(decodeTextWithEncoding(le), { text, encoding: 'utf-16le' });
    assert.deepEqual(decodeTextWithEncoding(be), { text, encoding: 'utf-16be' });
    // UTF-16 without a byte-order mark is named as such.
    const bare = new Uint8Array(units.concat(units, units).flatMap((u) => [u & 0xff, u >> 8]));
    assert.throws(() => decodeText(bare), /UTF-16 text without a byte-order mark.*Save it as UTF-8/);
    assert.throws(() => decodeText(new Uint8Array([0xff, 0xfe, 0x61])), /odd number of bytes/);
  });
});
