import * as assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { detectFormat, MAX_LINE_LENGTH, readList, STRAY_SHARE } from '../../../src/core/listFormat';
import { parseWordList } from '../../../src/core/wordlist';

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('list formats: plain lines', () => {
  it('reads one item per line, with no warning for a clean list', () => {
    const r = readList('emma\nolivia\n\nava\n');
    assert.deepEqual(r.items, ['emma', 'olivia', 'ava']);
    assert.equal(r.listReading.format, 'lines');
    assert.equal(r.listReading.skipped, 1);
    assert.equal(r.listReading.warning, undefined);
    assert.equal(r.listReading.description, 'Reading one item per line: 3 items, e.g. emma, olivia, ava');
  });

  it('warns, with a choice, when a fifth of a plain list holds commas or leading bullets', () => {
    const commas = ['Bella', 'Lucy', 'Smith, John', 'Daisy', 'Molly'].join('\n');
    const w = readList(commas).listReading.warning!;
    assert.equal(w.kind, 'comma');
    assert.deepEqual(w.instead.choice, { format: 'csv' });
    assert.deepEqual(w.keep.choice, { format: 'lines' });
    assert.ok(w.share >= STRAY_SHARE);
    assert.match(w.message, /20% of the lines hold a comma/);
    const bullets = readList('Bella\nLucy\n- John\nDaisy\nMolly\n').listReading.warning!;
    assert.equal(bullets.kind, 'bullet');
    assert.deepEqual(bullets.instead.choice, { format: 'markdown' });
    // Below a fifth: no warning. Chosen on purpose: no warning either.
    assert.equal(readList('Bella\nLucy\nSmith, John\nDaisy\nMolly\nMax\n').listReading.warning, undefined);
    assert.equal(readList(commas, { format: 'lines' }).listReading.warning, undefined);
    // The other choice: the same file read as CSV takes its first column.
    assert.deepEqual(readList(commas, { format: 'csv' }).items, ['Bella', 'Lucy', 'Smith', 'Daisy', 'Molly']);
  });

  it('names the line of an item over the length cap', () => {
    assert.throws(
      () => readList(`a\nb\n${'x'.repeat(MAX_LINE_LENGTH + 1)}\n`),
      inputError(new RegExp(`^Line 3 is ${MAX_LINE_LENGTH + 1} characters long`)),
    );
  });
});

describe('list formats: CSV and TSV', () => {
  it('reads the first text column under a header, with quoted fields', () => {
    const r = readList('name,count\nBella,788\n"Smith, Jr.",3\n"Say ""Hi""",2\nLucy,5\n');
    assert.equal(r.listReading.format, 'csv');
    assert.equal(r.listReading.header, true);
    assert.deepEqual(r.items, ['Bella', 'Smith, Jr.', 'Say "Hi"', 'Lucy']);
    assert.equal(r.listReading.column!.name, 'name');
    assert.deepEqual(
      r.listReading.columns.map((c) => [c.name, c.index, c.text]),
      [
        ['name', 1, true],
        ['count', 2, false],
      ],
    );
    assert.equal(
      r.listReading.description,
      'Reading column \'name\' (also: count) of a CSV file: 4 items, e.g. Bella, "Smith, Jr.", Say "Hi"',
    );
  });

  it('reads a CSV file without a header, skipping a numeric first column', () => {
    const r = readList('1,Bella,788\n2,Lucy,5\n3,Daisy,3\n');
    assert.equal(r.listReading.header, false);
    assert.deepEqual(r.items, ['Bella', 'Lucy', 'Daisy']);
    assert.equal(r.listReading.column!.index, 2);
    assert.match(r.listReading.description, /^Reading column 2 \(also: column 1, column 3\) of a CSV file without a header: 3 items/);
  });

  it('takes the column asked for, by name (any case) or 1-based position, and names the columns otherwise', () => {
    const csv = 'id,name,breed\n1,Bella,Poodle\n2,Lucy,Beagle\n';
    assert.deepEqual(readList(csv, { column: 'breed' }).items, ['Poodle', 'Beagle']);
    assert.deepEqual(readList(csv, { column: 'NAME' }).items, ['Bella', 'Lucy']);
    assert.deepEqual(readList(csv, { column: 3 }).items, ['Poodle', 'Beagle']);
    assert.deepEqual(readList(csv, { column: '1' }).items, ['1', '2']);
    assert.throws(
      () => readList(csv, { column: 'colour' }),
      inputError(/There is no column 'colour': the columns are 1 'id', 2 'name', 3 'breed'/),
    );
    assert.throws(() => readList(csv, { column: 4 }), inputError(/There is no column 4: the file has 3 columns/));
  });

  it('detects a header of text columns by its labels', () => {
    const r = readList('breed,origin\nLabrador,Canada\nPoodle,Germany\nBeagle,England\n');
    assert.equal(r.listReading.header, true);
    assert.deepEqual(r.items, ['Labrador', 'Poodle', 'Beagle']);
  });

  it('reads TSV, CRLF line ends and skips empty values', () => {
    const r = readList('name\tcount\r\nBella\t788\r\n\t5\r\nLucy\t5\r\n');
    assert.equal(r.listReading.format, 'tsv');
    assert.deepEqual(r.items, ['Bella', 'Lucy']);
    assert.equal(r.listReading.skipped, 1);
    assert.match(
      r.listReading.description,
      /^Reading column 'name' \(also: count\) of a TSV file: 2 items, e.g. Bella, Lucy \(1 empty value skipped\)$/,
    );
  });

  it('lets the extension settle the format: a one-column .csv with a header', () => {
    const r = readList('name\nBella\nLucy\n', { fileName: 'dogs.csv' });
    assert.equal(r.listReading.format, 'csv');
    assert.deepEqual(r.items, ['Bella', 'Lucy']);
  });
});

describe('list formats: Markdown, bullet and numbered lists', () => {
  it('strips markers, skips headings, blank lines and prose around the list', () => {
    const md =
      '# Dog names\n\nSome popular ones:\n\n- Bella\n* **Lucy**\n+ [Daisy](https://example.com)\n- [x] Molly\n\n## More\n\n- Max\n';
    const r = readList(md);
    assert.equal(r.listReading.format, 'markdown');
    assert.deepEqual(r.items, ['Bella', 'Lucy', 'Daisy', 'Molly', 'Max']);
    assert.equal(r.listReading.formatLabel, 'Markdown list');
    assert.match(
      r.listReading.description,
      /^Reading the items of a Markdown list: 5 items, e\.g\. Bella, Lucy, Daisy \(\d+ other lines skipped, 2 headings among them\)$/,
    );
  });

  it('reads numbered lists (1. and 1)) and plain bullet lists', () => {
    assert.deepEqual(readList('1. Bella\n2. Lucy\n10) Daisy\n').items, ['Bella', 'Lucy', 'Daisy']);
    assert.equal(readList('1. Bella\n2. Lucy\n10) Daisy\n').listReading.formatLabel, 'numbered list');
    assert.deepEqual(readList('• Bella\n• Lucy\n').items, ['Bella', 'Lucy']);
    assert.equal(readList('- Bella\n- Lucy\n').listReading.formatLabel, 'bulleted list');
  });

  it('keeps the other lines when asked to read a partly bulleted list as a list', () => {
    assert.deepEqual(readList('Bella\nLucy\n- John\nDaisy\nMolly\n', { format: 'markdown' }).items, [
      'Bella',
      'Lucy',
      'John',
      'Daisy',
      'Molly',
    ]);
  });
});

describe('list formats: JSON', () => {
  it('reads an array of strings, skipping what is not text', () => {
    const r = readList('["Bella", "Lucy", 3, null, "  Daisy "]');
    assert.equal(r.listReading.format, 'json');
    assert.deepEqual(r.items, ['Bella', 'Lucy', 'Daisy']);
    assert.equal(r.listReading.skipped, 2);
    assert.match(r.listReading.description, /^Reading a JSON array of strings: 3 items/);
  });

  it('reads an array of objects: the first name-like field by default, or the one chosen', () => {
    const json = JSON.stringify([
      { id: 'a81f', url: 'https://x/1', name: 'Bella', breed: 'Poodle', count: 3 },
      { id: 'b92e', url: 'https://x/2', name: 'Lucy', breed: 'Beagle' },
      { id: 'c03d', url: 'https://x/3', breed: 'Pug' },
    ]);
    const r = readList(json);
    assert.equal(r.listReading.column!.name, 'name');
    assert.deepEqual(r.items, ['Bella', 'Lucy']);
    assert.equal(r.listReading.skipped, 1);
    assert.deepEqual(
      r.listReading.columns.map((c) => c.name),
      ['id', 'url', 'name', 'breed'],
    );
    assert.equal(
      r.listReading.description,
      "Reading field 'name' (also: id, url, breed) of a JSON array of objects: 2 items, e.g. Bella, Lucy (1 element without it skipped)",
    );
    assert.deepEqual(readList(json, { column: 'breed' }).items, ['Poodle', 'Beagle', 'Pug']);
    assert.throws(
      () => readList(json, { column: 'colour' }),
      inputError(/There is no field 'colour': the fields are 'id', 'url', 'name', 'breed'/),
    );
  });

  it('rejects JSON that is not a list, with the way out', () => {
    assert.throws(() => readList('{"names": ["Bella", "Lucy"]}'), inputError(/holds an object, not a list.*'names' is an array/));
    assert.throws(() => readList('[[1, 2], [3]]'), inputError(/neither strings nor objects \(it is a list of lists\)/));
    assert.throws(() => readList('[]'), inputError(/empty/));
    assert.throws(() => readList('["Bella", "Lucy"', { format: 'json' }), inputError(/not valid JSON/));
    assert.throws(() => readList('["Bella", "Lucy"', { fileName: 'dogs.json' }), inputError(/not valid JSON/));
    assert.throws(() => readList('["Bella", "Lucy"]', { column: 'name' }), inputError(/array of strings: it has no field 'name'/));
  });
});

describe('list formats: detection and the word list', () => {
  it('detects each format from the text, or from the file name', () => {
    assert.equal(detectFormat('emma\nolivia\n').format, 'lines');
    assert.equal(detectFormat('a,1\nb,2\nc,3\n').format, 'csv');
    assert.equal(detectFormat('a\t1\nb\t2\n').format, 'tsv');
    assert.equal(detectFormat('- a\n- b\n').format, 'markdown');
    assert.equal(detectFormat(' ["a", "b"] ').format, 'json');
    assert.equal(detectFormat('a\nb\n', 'x.md').format, 'markdown');
    assert.equal(detectFormat('a\nb\n', 'x.JSON').format, 'json');
  });

  it('never changes the text it reads, and parseWordList reports the source', () => {
    const text = 'name,count\nBella,788\nLucy,5\n';
    const copy = text.slice();
    const list = parseWordList(text);
    assert.equal(text, copy);
    assert.deepEqual(list.words, ['Bella', 'Lucy']);
    assert.equal(list.listReading.format, 'csv');
    assert.throws(
      () => parseWordList('name,count\nBella,788\n'),
      inputError(/1 usable item; at least 2 are needed \(read column 'name' \(also: count\) of a CSV file\)/),
    );
    assert.throws(
      () => parseWordList('emma\nolivia\n', { column: 'name' }),
      inputError(/reads as one item per line, which has no columns/),
    );
  });
});
