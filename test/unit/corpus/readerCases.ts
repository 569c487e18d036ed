/**
 * The list reader's share of the corpus (corpus.ts): bytes and encodings, line ends, control
 * characters and unclosed quotes, invisible characters, Unicode, the column a user means, lists
 * as people write them, JSON, and the size cap.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { symbolsOf } from '../../../src/core/symbols';
import { Vocabulary } from '../../../src/core/vocabulary';
import type { CorpusCase } from './corpus';

const text = (...lines: string[]): string => lines.join('\n') + '\n';
const utf8 = (s: string): number[] => [...new TextEncoder().encode(s)];
const units = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const utf16le = (s: string): Uint8Array => new Uint8Array([0xff, 0xfe, ...units(s).flatMap((u) => [u & 0xff, u >> 8])]);
const utf16be = (s: string): Uint8Array => new Uint8Array([0xfe, 0xff, ...units(s).flatMap((u) => [u >> 8, u & 0xff])]);

const DOGS = ['Bella', 'Lucy', 'Daisy', 'Molly', 'Max', 'Charlie', 'Bailey', 'Buddy', 'Rocky', 'Luna', 'Sadie', 'Coco'];
const FIRST = [
  'Olivia',
  'Emma',
  'Ava',
  'Sophia',
  'Isabella',
  'Mia',
  'Amelia',
  'Harper',
  'Evelyn',
  'Abigail',
  'Emily',
  'Ella',
  'Liam',
  'Noah',
  'Oliver',
  'Elijah',
  'James',
  'William',
  'Benjamin',
  'Lucas',
];
/** A column of few distinct values, as a data set has them. */
const GENDERS = FIRST.map((_, i) => (i < 12 ? 'FEMALE' : 'MALE'));

/** Checks that every item has only whole symbols of the vocabulary the items make (no lone modifier, no lone mark). */
const wholeSymbols =
  (expected: readonly string[], symbols: readonly string[]) =>
  (items: readonly string[]): void => {
    assert.deepEqual(items, expected);
    const v = Vocabulary.fromWords(items);
    for (const s of symbols) assert.ok(v.has(s), `the vocabulary has ${s} whole`);
    for (const s of v.characters) assert.equal(symbolsOf(s).length, 1, `${JSON.stringify(s)} is one symbol`);
    for (const lone of ['🏿', '🏻', '\u200d', '\u0307', '\u0308']) assert.ok(!v.has(lone), `no lone ${JSON.stringify(lone)}`);
  };

export const READER_CASES: CorpusCase[] = [
  // ---------------------------------------------------------------- bytes and encodings
  { name: 'an empty file', file: { name: 'empty.txt', content: '' }, error: { message: /The file is empty/, exit: 2 } },
  { name: 'only blank lines', file: { name: 'blank.txt', content: '\n  \n\r\n' }, error: { message: /only blank lines/, exit: 2 } },
  { name: 'only tabs and spaces', file: { name: 'spaces.txt', content: '\t\n   \t \n' }, error: { message: /only blank lines/, exit: 2 } },
  {
    name: 'NUL bytes (a binary file)',
    file: { name: 'nul.bin', content: new Uint8Array([0x61, 0x0a, 0x00, 0x62, 0x0a]) },
    error: { message: /binary: it contains a NUL byte at offset 2/, exit: 2 },
  },
  {
    name: 'a PNG image',
    file: { name: 'image.png', content: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
    error: { message: /binary|not valid UTF-8/, exit: 2 },
  },
  {
    name: 'Windows-1252 text (café)',
    file: { name: 'latin1.txt', content: new Uint8Array([...utf8('ana\ncaf'), 0xe9, 0x0a, 0x62, 0x0a]) },
    error: { message: /Line 2 is not valid UTF-8 \(byte 0xE9 at offset 7\).*Windows-1252.*Save it as UTF-8/, exit: 2 },
  },
  {
    name: 'UTF-16 without a byte-order mark',
    file: { name: 'u16.txt', content: new Uint8Array(units('emma\nolivia\nava\n').flatMap((u) => [u, 0])) },
    error: { message: /UTF-16 text without a byte-order mark/, exit: 2 },
  },
  {
    name: 'UTF-16 LE with a byte-order mark',
    file: { name: 'le.txt', content: utf16le(text('Zoé', 'Renée', '🦊fox')) },
    read: { items: ['Zoé', 'Renée', '🦊fox'] },
    cli: { stderr: [/UTF-16LE/] },
  },
  {
    name: 'UTF-16 BE with a byte-order mark',
    file: { name: 'be.txt', content: utf16be(text('Zoé', 'Renée', '🦊fox')) },
    read: { items: ['Zoé', 'Renée', '🦊fox'] },
  },
  {
    name: 'UTF-16 with an odd number of bytes',
    file: { name: 'odd.txt', content: new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]) },
    error: { message: /odd number of bytes/, exit: 2 },
  },
  {
    name: 'a UTF-8 byte-order mark',
    file: { name: 'bom.txt', content: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text('Anna', 'Bob'))]) },
    read: { items: ['Anna', 'Bob'], notes: [] },
  },
  {
    name: 'a UTF-8 sequence cut at the end',
    file: { name: 'cut.txt', content: new Uint8Array([...utf8('ana\nb'), 0xe2, 0x82]) },
    error: { message: /Line 2 is not valid UTF-8 \(byte 0xE2/, exit: 2 },
  },
  {
    name: 'an overlong UTF-8 encoding',
    file: { name: 'overlong.txt', content: new Uint8Array([0x61, 0x0a, 0xc0, 0xaf, 0x0a]) },
    error: { message: /Line 2 is not valid UTF-8 \(byte 0xC0/, exit: 2 },
  },
  {
    name: 'a surrogate encoded in UTF-8 (CESU-8)',
    file: { name: 'cesu.txt', content: new Uint8Array([...utf8('ana\nx'), 0xed, 0xa0, 0xbd, 0x0a]) },
    error: { message: /Line 2 is not valid UTF-8/, exit: 2 },
  },
  { name: 'one usable line', file: { name: 'one.txt', content: 'emma\n\n' }, error: { message: /1 usable line; at least 2/, exit: 2 } },
  {
    name: 'a line over the length cap',
    file: { name: 'long.txt', content: text('emma', 'a'.repeat(200)) },
    error: { message: /Line 2 is 200 characters long; the limit is 128/, exit: 2 },
  },

  // ---------------------------------------------------------------- line ends
  { name: 'CRLF line ends', file: { name: 'crlf.txt', content: 'Anna\r\nBob\r\nCarl\r\n' }, read: { items: ['Anna', 'Bob', 'Carl'] } },
  {
    name: 'CR-only line ends (an old Mac file)',
    file: { name: 'cr.txt', content: 'anna\rbob\rcarl\rdan\r' },
    read: { items: ['anna', 'bob', 'carl', 'dan'] },
    cli: {},
  },
  {
    name: 'CR-only line ends with blank lines',
    file: { name: 'cr2.txt', content: 'anna\r\rbob\r \rcarl' },
    read: { items: ['anna', 'bob', 'carl'] },
  },
  {
    name: 'mixed CRLF, CR and LF',
    file: { name: 'mixed.txt', content: 'anna\r\nbob\rcarl\ndan' },
    read: { items: ['anna', 'bob', 'carl', 'dan'] },
  },
  {
    name: 'no final line end, spaces around items',
    file: { name: 'trim.txt', content: '  anna \n\tbob\t\n carl' },
    read: { items: ['anna', 'bob', 'carl'] },
  },
  {
    name: 'a CSV file with CR-only line ends',
    file: { name: 'cr.csv', content: 'name,count\rBella,3\rLucy,4\r' },
    read: { items: ['Bella', 'Lucy'] },
  },

  // ---------------------------------------------------------------- control characters and quotes
  {
    name: 'a tab inside an item (read as lines)',
    file: { name: 'tab.txt', content: text('Anna', 'Ann\tMarie', 'Bob') },
    flags: ['--format', 'lines'],
    error: { message: /^Line 2 holds a tab \("Ann⇥Marie"\).*read it as TSV/, exit: 2 },
  },
  {
    name: 'a tab inside one item of a plain list',
    file: { name: 'tab2.txt', content: text('Anna', 'Bob', 'Carl', 'Dan', 'Ann\tMarie') },
    error: { message: /^Line 5 holds a tab/, exit: 2 },
  },
  {
    name: 'a vertical tab',
    file: { name: 'vt.txt', content: text('Anna', 'Bo\u000bb') },
    error: { message: /^Line 2 holds the control character U\+000B/, exit: 2 },
  },
  {
    name: 'a form feed',
    file: { name: 'ff.txt', content: text('Anna', 'Bob', 'Carl\fDan') },
    error: { message: /^Line 3 holds the control character U\+000C/, exit: 2 },
  },
  {
    name: 'an escape character',
    file: { name: 'esc.txt', content: text('Anna', '\u001b[31mBob') },
    error: { message: /^Line 2 holds the control character U\+001B/, exit: 2 },
  },
  {
    name: 'a DEL character',
    file: { name: 'del.txt', content: text('Anna', 'Bob\u007f') },
    error: { message: /^Line 2 holds the control character U\+007F/, exit: 2 },
  },
  {
    name: 'a NEL (U+0085) inside an item',
    file: { name: 'nel.txt', content: text('Anna', 'Bob\u0085Carl') },
    error: { message: /^Line 2 holds a line break/, exit: 2 },
  },
  {
    name: 'a line separator (U+2028) inside an item',
    file: { name: 'ls.txt', content: text('Anna', 'Bob', 'Bob\u2028Carl') },
    error: { message: /^Line 3 holds a line break \("Bob⏎Carl"\)/, exit: 2 },
  },
  {
    name: 'text decoded twice (Ã + U+0096 for Ö)',
    file: { name: 'mojibake.txt', content: text('Anna', '\u00c3\u0096mer') },
    error: { message: /^Line 2 holds the control character U\+0096.*look like "Ö" decoded twice/, exit: 2 },
  },
  {
    name: 'a CSV value with a quoted line break',
    file: { name: 'nl.csv', content: 'name,count\n"Ann\nMarie",1\nBob,2\n' },
    error: { message: /^The 'name' value that starts on line 2 holds a line break \("Ann⏎Marie"\)/, exit: 2 },
  },
  {
    name: 'a quoted line break further down a CSV file',
    file: { name: 'nl2.csv', content: ['name,count', ...DOGS.map((d, i) => `${d},${i}`), '"Ann\nMarie",1', 'Bob,2'].join('\n') },
    error: { message: /^The 'name' value that starts on line 14 holds a line break/, exit: 2 },
  },
  {
    name: 'a single stray quote near the end of a CSV file (it would swallow five rows)',
    file: {
      name: 'stray.csv',
      content: ['name,count', ...DOGS.map((d, i) => `${d},${i}`), '"Zoe,3', 'Ann,4', 'Bea,5', 'Cat,6', 'Dot,7'].join('\n') + '\n',
    },
    error: { message: /^Line 14 opens a quote \("\) that is never closed/, exit: 2 },
  },
  {
    name: 'a stray quote in a column that is not read',
    file: { name: 'stray2.csv', content: ['name,count', ...DOGS.map((d, i) => `${d},${i}`), 'Zoe,"3', 'Ann,4', 'Bea,5'].join('\n') + '\n' },
    error: { message: /^Line 14 opens a quote/, exit: 2 },
  },
  {
    name: 'a stray quote in a CSV file without the .csv extension',
    file: { name: 'stray.txt', content: ['name,count', ...DOGS.map((d, i) => `${d},${i}`), '"Zoe,3', 'Ann,4', 'Bea,5'].join('\n') + '\n' },
    error: { message: /^Line 14 opens a quote/, exit: 2 },
  },
  {
    name: 'a quoted tab in a CSV value',
    file: { name: 'tab.csv', content: 'name,count\nBella,3\n"Lu\tcy",4\n' },
    error: { message: /^The 'name' value that starts on line 3 holds a tab/, exit: 2 },
  },
  {
    name: 'a TSV value with a quoted line break',
    file: { name: 'nl.tsv', content: 'name\tcount\nBella\t3\n"Lu\ncy"\t4\n' },
    error: { message: /^The 'name' value that starts on line 3 holds a line break/, exit: 2 },
  },
  {
    name: 'a JSON string with \\n',
    file: { name: 'nl.json', content: '[\n  "Anna",\n  "Ann\\nMarie",\n  "Bob"\n]' },
    error: { message: /^The string on line 3 of the JSON file holds a line break \("Ann⏎Marie"\)/, exit: 2 },
  },
  {
    name: 'a JSON string with \\t',
    file: { name: 'tab.json', content: '["Anna", "Bob", "Ca\\trl"]' },
    error: { message: /^The string on line 1 of the JSON file holds a tab/, exit: 2 },
  },
  {
    name: 'a JSON string with \\u0000',
    file: { name: 'nul.json', content: '["Anna",\n"Bo\\u0000b"]' },
    error: { message: /^The string on line 2 of the JSON file holds the control character U\+0000/, exit: 2 },
  },
  {
    name: 'a nested JSON field with \\n',
    file: {
      name: 'nested-nl.json',
      content: '[\n{"name": {"first": "Ann"}},\n{"name": {"first": "Bob"}},\n{"name":\n  {"first": "Ca\\nrl"}}\n]',
    },
    error: { message: /^The 'name\.first' of the object on line 4 of the JSON file holds a line break/, exit: 2 },
  },
  {
    name: 'a JSON Lines string with \\n',
    file: { name: 'nl.jsonl', content: '"Anna"\n"Bob"\n"Ca\\nrl"\n' },
    error: { message: /^The string on line 3 of the JSON file holds a line break/, exit: 2 },
  },
  {
    name: 'a lone high surrogate in a JSON string',
    file: { name: 'lone.json', content: '[\n"Anna",\n"Bob",\n"Ca\\ud83d"\n]' },
    error: { message: /^The string on line 4 of the JSON file holds a lone surrogate \(\\uD83D/, exit: 2 },
  },
  {
    name: 'a lone low surrogate in a JSON string',
    file: { name: 'lone2.json', content: '["Anna", "\\udc00Bob"]' },
    error: { message: /lone surrogate \(\\uDC00/, exit: 2 },
  },
  {
    name: 'a surrogate pair spelled with JSON escapes',
    file: { name: 'pair.json', content: '["\\ud83e\\udd8afox", "Anna"]' },
    read: { items: ['🦊fox', 'Anna'] },
  },
  {
    name: 'a tab inside a bulleted item',
    file: { name: 'tab.md', content: text('- Anna', '- Ann\tMarie', '- Bob') },
    error: { message: /^Line 2 holds a tab/, exit: 2 },
  },

  // ---------------------------------------------------------------- invisible characters
  {
    name: 'zero-width spaces inside names',
    file: { name: 'zwsp.txt', content: text('An\u200bna', 'Bob', '\u200bCarl') },
    read: { items: ['Anna', 'Bob', 'Carl'], notes: [/^Removed 2 invisible characters .* from 2 items\.$/] },
    cli: { stderr: [/^Note: Removed 2 invisible characters/m] },
  },
  {
    name: 'soft hyphens',
    file: { name: 'shy.txt', content: text('Bo\u00adb', 'Ca\u00adr\u00adl') },
    read: { items: ['Bob', 'Carl'], notes: [/Removed 3 invisible characters .* from 2 items/] },
  },
  {
    name: 'marks of direction',
    file: { name: 'rlm.txt', content: text('\u200fשרה\u200f', '\u200eAnna\u200e', 'Bob') },
    read: { items: ['שרה', 'Anna', 'Bob'], notes: [/Removed 4 invisible characters/] },
  },
  {
    name: 'a byte-order mark at the start of a line (two files joined): trimmed like a space',
    file: { name: 'bom2.txt', content: text('Anna', '\ufeffBob', 'Carl') },
    read: { items: ['Anna', 'Bob', 'Carl'], notes: [] },
  },
  {
    name: 'a byte-order mark inside a name',
    file: { name: 'bom3.txt', content: text('Anna', 'Bo\ufeffb', 'Carl') },
    read: { items: ['Anna', 'Bob', 'Carl'], notes: [/Removed 1 invisible character /] },
  },
  {
    name: 'an emoji ZWJ sequence keeps its joiners',
    file: { name: 'family.txt', content: text('👩‍👩‍👧', '🧑‍🚀', 'Anna') },
    read: { items: wholeSymbols(['👩‍👩‍👧', '🧑‍🚀', 'Anna'], ['👩‍👩‍👧', '🧑‍🚀']), notes: [] },
  },
  {
    name: 'a ZWJ between letters is removed',
    file: { name: 'zwj.txt', content: text('An\u200dna', 'Bob') },
    read: { items: ['Anna', 'Bob'], notes: [/Removed 1 invisible character/] },
  },
  {
    name: 'a line of invisible characters only',
    file: { name: 'only.txt', content: text('Anna', '\u200b\u200b', 'Bob') },
    read: { items: ['Anna', 'Bob'] },
  },
  {
    name: 'a word joiner and an invisible separator',
    file: { name: 'wj.txt', content: text('An\u2060na', 'Bo\u2063b') },
    read: { items: ['Anna', 'Bob'] },
  },
  {
    name: 'invisible characters in a CSV column',
    file: { name: 'zw.csv', content: 'name,count\nBel\u200bla,1\nLucy,2\n' },
    read: { items: ['Bella', 'Lucy'], notes: [/Removed 1 invisible character/] },
  },
  { name: 'Arabic letter marks', file: { name: 'alm.txt', content: text('\u061cأحمد', 'محمد') }, read: { items: ['أحمد', 'محمد'] } },

  // ---------------------------------------------------------------- Unicode
  {
    name: 'decomposed accents (NFD)',
    file: { name: 'nfd.txt', content: text('Zoe\u0301', 'Rene\u0301e') },
    read: { items: ['Zoé', 'Renée'] },
  },
  {
    name: 'emoji with skin tones and ZWJ sequences',
    file: { name: 'emoji.txt', content: text('🧑🏿‍🚀', '🧑🏻‍🚀', '👍🏽', '👍', '🧑🏿‍🚀🧑🏻‍🚀') },
    read: { items: wholeSymbols(['🧑🏿‍🚀', '🧑🏻‍🚀', '👍🏽', '👍', '🧑🏿‍🚀🧑🏻‍🚀'], ['🧑🏿‍🚀', '🧑🏻‍🚀', '👍🏽']) },
    cli: {},
  },
  {
    name: 'flags',
    file: { name: 'flags.txt', content: text('🇩🇪', '🇯🇵🇫🇷', '🇺🇸x') },
    read: { items: wholeSymbols(['🇩🇪', '🇯🇵🇫🇷', '🇺🇸x'], ['🇩🇪', '🇯🇵', '🇫🇷', '🇺🇸']) },
  },
  {
    name: 'Turkish dotted and dotless i',
    file: { name: 'tr.txt', content: text('İstanbul', 'Iğdır', 'İzmir', 'Kırşehir') },
    read: { items: ['İstanbul', 'Iğdır', 'İzmir', 'Kırşehir'] },
    cli: {},
  },
  {
    name: 'letters with combining marks that have no precomposed form',
    file: { name: 'marks.txt', content: text('q̇n̈', 'ana', 'n̈o') },
    read: { items: wholeSymbols(['q̇n̈', 'ana', 'n̈o'], ['q̇', 'n̈']) },
  },
  {
    name: 'Hangul in jamo (composed by NFC)',
    file: { name: 'jamo.txt', content: text('\u1100\u1161\u11a8', '\u1102\u1161') },
    read: { items: ['각', '나'] },
  },
  {
    name: 'Devanagari',
    file: { name: 'hi.txt', content: text('नमस्ते', 'राम', 'सीता') },
    read: { items: wholeSymbols(['नमस्ते', 'राम', 'सीता'], []) },
  },
  {
    name: 'CJK, digits and punctuation as data',
    file: { name: 'mixed.txt', content: text('名前', 'R2-D2', 'A.B', '♀x') },
    read: { items: ['名前', 'R2-D2', 'A.B', '♀x'] },
  },
  {
    name: 'inner doubled spaces are kept as written',
    file: { name: 'spaces.txt', content: text('Mary  Ann', 'Bob') },
    read: { items: ['Mary  Ann', 'Bob'] },
  },

  // ---------------------------------------------------------------- the column a user means
  {
    name: 'code,name: the names, not the codes',
    file: { name: 'countries.csv', content: text('code,name', 'US,United States', 'DE,Germany', 'FR,France', 'JP,Japan') },
    read: {
      items: ['United States', 'Germany', 'France', 'Japan'],
      description: /^Reading column 'name' \(also: code\) of a CSV file: 4 items/,
    },
  },
  {
    name: 'gender,name: the names, not the genders',
    file: { name: 'people.csv', content: text('gender,name', ...FIRST.map((n, i) => `${GENDERS[i]},${n}`)) },
    read: { items: FIRST, description: /^Reading column 'name' \(also: gender\)/ },
  },
  {
    name: "a baby-names CSV: Child's First Name (also: …)",
    file: {
      name: 'baby.csv',
      content: text(
        "Year of Birth,Gender,Ethnicity,Child's First Name,Count,Rank",
        ...FIRST.map((n, i) => `2011,${GENDERS[i]},HISPANIC,${n.toUpperCase()},${50 - i},${i + 1}`),
      ),
    },
    read: {
      items: FIRST.map((n) => n.toUpperCase()),
      description: /^Reading column 'Child's First Name' \(also: Year of Birth, Gender, Ethnicity, Count, Rank\) of a CSV file: 20 items/,
    },
    cli: { stderr: [/^Reading column 'Child's First Name' \(also: Year of Birth, Gender, Ethnicity, Count, Rank\) of a CSV file/m] },
  },
  {
    name: 'Last Name, First Name: the first names',
    file: { name: 'names.csv', content: text('Last Name,First Name', 'Smith,Anna', 'Jones,Bob', 'Brown,Carl') },
    read: { items: ['Anna', 'Bob', 'Carl'], description: /^Reading column 'First Name' \(also: Last Name\)/ },
  },
  {
    name: 'name,email: the names',
    file: { name: 'contacts.csv', content: text('email,name', 'ann@x.org,Ann', 'bob@y.com,Bob', 'cat@z.net,Cat') },
    read: { items: ['Ann', 'Bob', 'Cat'] },
  },
  {
    name: 'only e-mail addresses to read: read, and said so',
    file: { name: 'emails.csv', content: text('id,email', '1,ann@x.org', '2,bob@y.com', '3,cat@z.net') },
    read: { items: ['ann@x.org', 'bob@y.com', 'cat@z.net'], notes: [/^The column read, 'email', holds e-mail addresses, not names/] },
    cli: { stderr: [/^Warning: The column read, 'email', holds e-mail addresses/m] },
  },
  {
    name: 'a URL column and a title column',
    file: { name: 'links.csv', content: text('url,title', 'https://a.org/1,Bella', 'https://a.org/2,Lucy', 'https://a.org/3,Daisy') },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },
  {
    name: 'no header, a numeric first column',
    file: { name: 'ranked.csv', content: text('1,Bella,788', '2,Lucy,5', '3,Daisy,3') },
    read: {
      items: ['Bella', 'Lucy', 'Daisy'],
      description: /^Reading column 2 \(also: column 1, column 3\) of a CSV file without a header/,
    },
  },
  {
    name: 'no header: the column with the most distinct letter-like values',
    file: { name: 'noheader.csv', content: text(...FIRST.map((n, i) => `${i % 2 ? 'A' : 'B'},${n}`)) },
    read: { items: FIRST },
  },
  {
    name: 'a category column of few distinct values is never taken while a name column exists',
    file: { name: 'status.csv', content: text('status,city', ...FIRST.map((n, i) => `${i % 3 ? 'open' : 'closed'},${n}ville`)) },
    read: { items: FIRST.map((n) => `${n}ville`) },
  },
  {
    name: 'title,year',
    file: { name: 'films.csv', content: text('title,year', 'Alien,1979', 'Heat,1995', 'Up,2009') },
    read: { items: ['Alien', 'Heat', 'Up'] },
  },
  {
    name: '--column by name, in any case',
    file: { name: 'dogs.csv', content: text('id,name,breed', '1,Bella,Poodle', '2,Lucy,Beagle') },
    flags: ['--column', 'BREED'],
    read: { items: ['Poodle', 'Beagle'] },
  },
  {
    name: '--column by position',
    file: { name: 'dogs3.csv', content: text('id,name,breed', '1,Bella,Poodle', '2,Lucy,Beagle') },
    flags: ['--column', '3'],
    read: { items: ['Poodle', 'Beagle'] },
  },
  {
    name: '--column that is not there',
    file: { name: 'dogs4.csv', content: text('id,name,breed', '1,Bella,Poodle', '2,Lucy,Beagle') },
    flags: ['--column', 'colour'],
    error: { message: /There is no column 'colour': the columns are 1 'id', 2 'name', 3 'breed'/, exit: 2 },
  },
  {
    name: '--column 0',
    file: { name: 'dogs5.csv', content: text('id,name', '1,Bella', '2,Lucy') },
    flags: ['--column', '0'],
    error: { message: /There is no column 0/, exit: 2 },
  },
  {
    name: '--column on a plain list',
    file: { name: 'plain.txt', content: text('emma', 'olivia') },
    flags: ['--column', '2'],
    error: { message: /reads as one item per line, which has no columns/, exit: 2 },
  },
  {
    name: 'semicolon-separated values',
    file: { name: 'semi.csv', content: text('name;count', 'Bella;3', 'Lucy;4') },
    read: { items: ['Bella', 'Lucy'] },
  },
  {
    name: 'tab-separated values',
    file: { name: 'dogs.tsv', content: text('name\tcount', 'Bella\t3', '\t5', 'Lucy\t4') },
    read: { items: ['Bella', 'Lucy'], description: /\(1 empty value skipped\)$/ },
  },
  {
    name: 'a one-column .csv with a header',
    file: { name: 'one.csv', content: text('name', 'Bella', 'Lucy') },
    read: { items: ['Bella', 'Lucy'] },
  },
  {
    name: 'quoted commas and escaped quotes',
    file: { name: 'quoted.csv', content: 'name,count\nBella,788\n"Smith, Jr.",3\n"Say ""Hi""",2\n' },
    read: { items: ['Bella', 'Smith, Jr.', 'Say "Hi"'] },
  },
  {
    name: 'a CSV file with empty rows between',
    file: { name: 'gaps.csv', content: 'name,count\n\nBella,3\n\n\nLucy,4\n' },
    read: { items: ['Bella', 'Lucy'] },
  },

  // ---------------------------------------------------------------- plain lists as people write them
  {
    name: '# comment lines',
    file: { name: 'comments.txt', content: text('# dog names', 'Bella', '# more', 'Lucy', 'Daisy') },
    read: { items: ['Bella', 'Lucy', 'Daisy'], notes: [/^2 lines starting with "# " skipped as comments\.$/] },
    cli: { stderr: [/^Note: 2 lines starting with "# " skipped as comments/m] },
  },
  {
    name: '#hashtags are items',
    file: { name: 'tags.txt', content: text('#tbt', '#love', '#dog') },
    read: { items: ['#tbt', '#love', '#dog'], notes: [] },
  },
  {
    name: 'a header line of words over one column',
    file: { name: 'header.txt', content: text('Names', 'anna', 'bob', 'carl') },
    read: { items: ['anna', 'bob', 'carl'], notes: [/^Line 1 \("Names"\) reads as a header over the list: skipped\.$/] },
    cli: { stderr: [/^Note: Line 1 \("Names"\) reads as a header/m] },
  },
  {
    name: 'a header line "Dog names:"',
    file: { name: 'header2.txt', content: text('Dog names:', 'Bella', 'Lucy', 'Daisy') },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },
  {
    name: 'a first line that is a name, not a header',
    file: { name: 'noheader.txt', content: text('Anna', 'Bob', 'Carl') },
    read: { items: ['Anna', 'Bob', 'Carl'], notes: [] },
  },
  {
    name: 'a plain list whose first line is [Redacted]',
    file: { name: 'redacted.txt', content: text('[Redacted]', 'Bob', 'Carl', '[Unknown]') },
    read: {
      items: ['[Redacted]', 'Bob', 'Carl', '[Unknown]'],
      notes: [/^The file starts with "\[" but is not valid JSON \(.*\): each line is read as an item\.$/],
    },
    cli: { stderr: [/^Warning: The file starts with "\[" but is not valid JSON/m] },
  },
  {
    name: 'a plain list whose first line starts with {',
    file: { name: 'braces.txt', content: text('{draft}', 'Bob', '{Carl}') },
    read: { items: ['{draft}', 'Bob', '{Carl}'] },
  },
  {
    name: 'stray commas in a plain list: a warning that says how to choose',
    file: { name: 'stray.txt', content: text(...FIRST.map((n, i) => (i % 4 === 0 ? `${n}, jr` : n))) },
    read: { items: FIRST.map((n, i) => (i % 4 === 0 ? `${n}, jr` : n)), warning: /^25% of the lines hold a comma/ },
    cli: {
      stderr: [
        /^Warning: 25% of the lines hold a comma.*\(--format csv reads it as CSV; --format lines keeps the lines and silences this\.\)$/m,
      ],
    },
  },
  {
    name: 'stray commas, read as lines on purpose: no warning',
    file: { name: 'stray2.txt', content: text(...FIRST.map((n, i) => (i % 4 === 0 ? `${n}, jr` : n))) },
    flags: ['--format', 'lines'],
    read: { items: (items) => assert.equal(items.length, 20), warning: null },
  },

  // ---------------------------------------------------------------- bullet and numbered lists
  {
    name: 'a list 70% "- Name" and 30% plain Name: every name kept, with a warning',
    file: { name: 'mixed.md', content: text(...FIRST.map((n, i) => (i % 10 < 7 ? `- ${n}` : n))) },
    read: { items: FIRST, warning: /^6 lines \(30% of the items\) have no bullet or number, and are read as items too/ },
    cli: {
      stderr: [/\(--format markdown --marked-only reads only the marked lines; --format markdown keeps them all and silences this\.\)$/m],
    },
  },
  {
    name: 'the same list, marked lines only',
    file: { name: 'mixed2.md', content: text(...FIRST.map((n, i) => (i % 10 < 7 ? `- ${n}` : n))) },
    flags: ['--marked-only'],
    read: { items: FIRST.filter((_, i) => i % 10 < 7), warning: null },
  },
  {
    name: 'a list of clubs with "1. FC Köln"-style names: nothing stripped, nothing dropped',
    file: {
      name: 'clubs.txt',
      content: text(
        '1. FC Köln',
        '1. FC Nürnberg',
        '1. FC Union Berlin',
        '1. FSV Mainz 05',
        '1. FC Kaiserslautern',
        'Borussia Dortmund',
        'Bayern München',
        '1. FC Heidenheim',
        '1. FC Magdeburg',
        'Werder Bremen',
        '1. FC Saarbrücken',
        '1. FC Lokomotive Leipzig',
        'Hertha BSC',
        '1. FC Schweinfurt',
      ),
    },
    read: {
      items: (items) =>
        assert.deepEqual(items.slice(0, 6), [
          '1. FC Köln',
          '1. FC Nürnberg',
          '1. FC Union Berlin',
          '1. FSV Mainz 05',
          '1. FC Kaiserslautern',
          'Borussia Dortmund',
        ]),
      warning: null,
    },
    cli: {},
  },
  {
    name: 'a numbered list 1, 2, 3…',
    file: { name: 'numbered.txt', content: text('1. Bella', '2. Lucy', '3. Daisy', '4. Molly') },
    read: { items: ['Bella', 'Lucy', 'Daisy', 'Molly'], description: /numbered list/ },
  },
  {
    name: 'a numbered list with a gap (1, 2, 10)',
    file: { name: 'gap.txt', content: text('1. Bella', '2. Lucy', '10) Daisy') },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },
  {
    name: 'two numbered lists, each from 1',
    file: { name: 'two.md', content: text('## Girls', '1. Bella', '2. Lucy', '## Boys', '1. Max', '2. Rocky') },
    read: { items: ['Bella', 'Lucy', 'Max', 'Rocky'] },
  },
  {
    name: 'a numbered list with one unnumbered line',
    file: { name: 'num-mixed.txt', content: text('1. Anna', '2. Bob', 'Carl', '3. Dan', '4. Eve') },
    read: { items: ['Anna', 'Bob', 'Carl', 'Dan', 'Eve'], warning: /^1 line \(20% of the items\) has no bullet or number/ },
  },
  {
    name: 'a Markdown document: headings, prose, code and the list',
    file: {
      name: 'doc.md',
      content: text(
        '# Dog names',
        '',
        'Some popular ones:',
        '',
        '- Bella',
        '* **Lucy**',
        '+ [Daisy](https://example.com)',
        '- [x] Molly',
        '',
        '```',
        'not a name',
        '```',
        '## More',
        '- Max',
      ),
    },
    read: { items: ['Bella', 'Lucy', 'Daisy', 'Molly', 'Max'], notes: [/^1 line of prose around the list skipped/] },
  },
  {
    name: 'bullets of every kind',
    file: { name: 'bullets.txt', content: text('• Bella', '◦ Lucy', '‣ Daisy', '– Molly') },
    read: { items: ['Bella', 'Lucy', 'Daisy', 'Molly'] },
  },
  {
    name: 'indented sub-items',
    file: { name: 'nested.md', content: text('- Bella', '  - Lucy', '    - Daisy') },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },

  // ---------------------------------------------------------------- Markdown tables
  {
    name: 'a Markdown table: read like a CSV file',
    file: { name: 'table.md', content: text('| name | count |', '|------|-------|', '| Bella | 3 |', '| Lucy | 4 |', '| **Daisy** | 5 |') },
    read: { items: ['Bella', 'Lucy', 'Daisy'], description: /^Reading column 'name' \(also: count\) of a Markdown table: 3 items/ },
    cli: { stderr: [/^Reading column 'name' \(also: count\) of a Markdown table/m] },
  },
  {
    name: 'a Markdown table in a .txt file',
    file: {
      name: 'table.txt',
      content: text('| breed | origin |', '| --- | --- |', '| Poodle | Germany |', '| Beagle | England |', '| Pug | China |'),
    },
    read: { items: ['Poodle', 'Beagle', 'Pug'] },
  },
  {
    name: 'a Markdown table, another column chosen',
    file: { name: 'table2.md', content: text('| name | breed |', '|---|---|', '| Bella | Poodle |', '| Lucy | Beagle |') },
    flags: ['--column', 'breed'],
    read: { items: ['Poodle', 'Beagle'] },
  },
  {
    name: 'a Markdown table with aligned columns and no outer bars',
    file: { name: 'table3.md', content: text('name | count', ':--- | ---:', 'Bella | 3', 'Lucy | 4') },
    read: { items: ['Bella', 'Lucy'] },
  },
  {
    name: 'a Markdown table with an escaped bar',
    file: { name: 'table4.md', content: text('| name | note |', '|---|---|', '| A\\|B | x |', '| Lucy | y |') },
    read: { items: ['A|B', 'Lucy'] },
  },
  {
    name: 'a Markdown table among prose',
    file: {
      name: 'table5.md',
      content: text(
        '# Dogs',
        '',
        'Our dogs this year:',
        '',
        '| name | age |',
        '|---|---|',
        '| Bella | 3 |',
        '| Lucy | 4 |',
        '| Daisy | 2 |',
        '',
        'That is all.',
      ),
    },
    read: { items: ['Bella', 'Lucy', 'Daisy'], notes: [/^3 lines outside the table skipped\.$/] },
  },
  {
    name: 'a Markdown table with a column that is not there',
    file: { name: 'table6.md', content: text('| name | count |', '|---|---|', '| Bella | 3 |', '| Lucy | 4 |') },
    flags: ['--column', 'breed'],
    error: { message: /There is no column 'breed': the columns are 1 'name', 2 'count'/, exit: 2 },
  },

  // ---------------------------------------------------------------- JSON
  {
    name: 'a JSON array of strings',
    file: { name: 'dogs.json', content: '["Bella", "Lucy", "Daisy"]' },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },
  {
    name: 'a JSON array with non-strings',
    file: { name: 'dogs2.json', content: '["Bella", "Lucy", 3, null, "  Daisy "]' },
    read: { items: ['Bella', 'Lucy', 'Daisy'], description: /\(2 elements that are not text skipped\)$/ },
  },
  {
    name: 'JSON objects with nested names and e-mail addresses: name.first (also: …)',
    file: {
      name: 'people.json',
      content: JSON.stringify(
        FIRST.slice(0, 5).map((n, i) => ({ name: { first: n, last: `Last${i}` }, email: `${n.toLowerCase()}@example.com` })),
      ),
    },
    read: {
      items: FIRST.slice(0, 5),
      description: /^Reading field 'name\.first' \(also: name\.last, email\) of a JSON array of objects: 5 items/,
    },
    cli: { stderr: [/^Reading field 'name\.first' \(also: name\.last, email\)/m] },
  },
  {
    name: '--column name.last (a dotted path)',
    file: {
      name: 'people2.json',
      content: JSON.stringify([{ name: { first: 'Ann', last: 'Lee' } }, { name: { first: 'Bob', last: 'Ray' } }]),
    },
    flags: ['--column', 'name.last'],
    read: { items: ['Lee', 'Ray'] },
  },
  {
    name: '--column name.middle, not there',
    file: {
      name: 'people3.json',
      content: JSON.stringify([{ name: { first: 'Ann', last: 'Lee' } }, { name: { first: 'Bob', last: 'Ray' } }]),
    },
    flags: ['--column', 'name.middle'],
    error: { message: /There is no field 'name\.middle': the fields are 'name\.first', 'name\.last'/, exit: 2 },
  },
  {
    name: 'a randomuser-style object: name.first over login.username and location.city',
    file: {
      name: 'randomuser.json',
      content: JSON.stringify(
        FIRST.slice(0, 6).map((n, i) => ({
          gender: i % 2 ? 'male' : 'female',
          name: { title: i % 2 ? 'Mr' : 'Ms', first: n, last: `Lee${i}` },
          location: { city: `Town${i}` },
          email: `${n}@x.org`,
          login: { username: `user${i}x` },
        })),
      ),
    },
    read: { items: FIRST.slice(0, 6) },
  },
  {
    name: 'JSON Lines of objects',
    file: { name: 'dogs.jsonl', content: '{"name":"Bella","age":3}\n{"name":"Lucy","age":4}\n{"name":"Daisy","age":2}\n' },
    read: { items: ['Bella', 'Lucy', 'Daisy'], description: /of JSON Lines of objects/ },
    cli: {},
  },
  {
    name: 'JSON Lines of strings in a .txt file',
    file: { name: 'strings.txt', content: '"Bella"\n"Lucy"\n"Daisy"\n' },
    read: { items: ['Bella', 'Lucy', 'Daisy'] },
  },
  {
    name: 'JSON Lines with a broken line',
    file: { name: 'broken.jsonl', content: '{"name":"Bella"}\n{"name":"Lucy"}\n{"name":\n' },
    error: { message: /not valid JSON \(line 3 is not valid JSON/, exit: 2 },
  },
  {
    name: 'a .json file that is not valid JSON',
    file: { name: 'bad.json', content: '["Bella", "Lucy"' },
    error: { message: /The file is not valid JSON/, exit: 2 },
  },
  {
    name: 'a JSON object, not a list',
    file: { name: 'obj.json', content: '{"names": ["Bella", "Lucy"]}' },
    error: { message: /holds an object, not a list.*'names' is an array/, exit: 2 },
  },
  { name: 'an empty JSON array', file: { name: 'empty.json', content: '[]' }, error: { message: /The JSON array is empty/, exit: 2 } },
  {
    name: 'a JSON list of lists',
    file: { name: 'lists.json', content: '[[1, 2], [3]]' },
    error: { message: /neither strings nor objects \(it is a list of lists\)/, exit: 2 },
  },
  {
    name: 'JSON objects whose only text is e-mail addresses',
    file: { name: 'mails.json', content: JSON.stringify([{ email: 'a@x.org' }, { email: 'b@y.org' }]) },
    read: { items: ['a@x.org', 'b@y.org'], notes: [/^The field read, 'email', holds e-mail addresses/] },
  },
  {
    name: 'a JSON array of numbers',
    file: { name: 'nums.json', content: '[1, 2, 3]' },
    error: { message: /neither strings nor objects/, exit: 2 },
  },

  // ---------------------------------------------------------------- size
  {
    name: 'a 1.5 GB file: refused from its size, before it is read',
    file: { name: 'huge.txt', content: '' },
    setup: (_dir, file) => fs.truncateSync(file, 1536 * 1024 * 1024),
    error: { message: /The file is larger than 32 MB, the limit for a word list \(1,536\.0 MB\)/, exit: 2 },
  },
  {
    name: 'a stream that never ends (/dev/zero): stopped at the cap, the same message',
    file: { name: 'unused.txt', content: '' },
    args: () => ['train', '/dev/zero'],
    error: { message: /\/dev\/zero: The file is larger than 32 MB, the limit for a word list: train on a part of it/, exit: 2 },
  },
];
