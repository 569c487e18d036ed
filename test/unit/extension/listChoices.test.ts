/** How a word list is read: the host's quick look at its head, the choices remembered per file. */
import * as assert from 'node:assert/strict';
import {
  INSPECT_CHARS,
  INSPECT_JSON_CHARS,
  ListChoices,
  choiceOfColumn,
  describeChoice,
  inspectList,
} from '../../../src/extension/training/listChoices';
import { memento } from './helpers';

describe('word lists: the quick look and the choices remembered', () => {
  it('lists the columns of a large CSV file from its head, as the worker would read them', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `Name${i},Breed${i % 7},${i}`);
    const text = ['name,breed,count', ...rows].join('\n');
    assert.ok(text.length > 10 * INSPECT_CHARS);
    const seen = inspectList(text, 'dogs.csv');
    assert.ok('listReading' in seen);
    assert.equal(seen.listReading.format, 'csv');
    assert.equal(seen.listReading.column?.name, 'name');
    assert.deepEqual(
      seen.listReading.columns.map((c) => [c.name, c.text]),
      [
        ['name', true],
        ['breed', true],
        ['count', false],
      ],
    );
    assert.ok(seen.listReading.items < rows.length, 'only the head was read');
  });

  it('warns about a plain list with stray structure; a chosen format silences it', () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `Smith, John ${i}` : `Name${i}`)).join('\n');
    const seen = inspectList(text, 'people.txt');
    assert.ok('listReading' in seen && seen.listReading.warning);
    assert.deepEqual(seen.listReading.warning.instead.choice, { format: 'csv' });
    const kept = inspectList(text, 'people.txt', { format: 'lines' });
    assert.ok('listReading' in kept && !kept.listReading.warning);
  });

  it('says when a remembered column is gone, and skips a JSON file too large to read whole', () => {
    const seen = inspectList('name,count\nBella,3\nLucy,4\n', 'dogs.csv', { format: 'csv', column: 'breed' });
    assert.ok('problem' in seen);
    assert.match(seen.problem, /breed/);
    const big = `[${Array.from({ length: INSPECT_JSON_CHARS / 8 }, (_, i) => `"n${i}"`).join(',')}]`;
    assert.ok(big.length > INSPECT_JSON_CHARS);
    assert.deepEqual(inspectList(big, 'names.json'), { skipped: true });
    const small = inspectList(
      JSON.stringify([
        { id: 1, title: 'Bella' },
        { id: 2, title: 'Lucy' },
      ]),
      'pets.json',
    );
    assert.ok('listReading' in small);
    assert.equal(small.listReading.column?.name, 'title');
  });

  it('names a column by its header, or by its position in a file without one', () => {
    const withHeader = inspectList('name,count\nBella,3\nLucy,4\nDaisy,5\n', 'dogs.csv');
    const without = inspectList('Bella,3\nLucy,4\nDaisy,5\nMax,6\n', 'dogs.csv');
    assert.ok('listReading' in withHeader && 'listReading' in without);
    assert.deepEqual(choiceOfColumn(withHeader.listReading, withHeader.listReading.columns[0]!), { format: 'csv', column: 'name' });
    assert.deepEqual(choiceOfColumn(without.listReading, without.listReading.columns[0]!), { format: 'csv', column: 1 });
    assert.equal(describeChoice({ format: 'csv', column: 'breed' }, 'dogs.csv'), "column 'breed' of dogs.csv");
    assert.equal(describeChoice({ format: 'csv', column: 2 }, 'dogs.csv'), 'column 2 of dogs.csv');
    assert.equal(describeChoice({ format: 'json', column: 'title' }, 'pets.json'), "field 'title' of pets.json");
    assert.equal(describeChoice({ format: 'lines' }, 'a.txt'), 'a.txt as one item per line');
  });

  it('remembers a choice per file, replaces it when the user chooses again, and forgets the oldest past the limit', async () => {
    const memory = memento();
    const choices = new ListChoices(memory);
    await choices.set('file:///a.csv', { format: 'csv', column: 'breed' });
    await choices.set('file:///b.txt', { format: 'lines' });
    assert.deepEqual(new ListChoices(memory).get('file:///a.csv'), { format: 'csv', column: 'breed' });
    await choices.set('file:///a.csv', { format: 'csv', column: 'name' });
    assert.deepEqual(choices.get('file:///a.csv'), { format: 'csv', column: 'name' });
    assert.equal(choices.get('file:///c.csv'), undefined);
    for (let i = 0; i < ListChoices.MAX_REMEMBERED; i++) await choices.set(`file:///n${i}.csv`, { format: 'csv' });
    assert.equal(choices.get('file:///b.txt'), undefined, 'the oldest is forgotten');
    assert.deepEqual(choices.get(`file:///n${ListChoices.MAX_REMEMBERED - 1}.csv`), { format: 'csv' });
  });
});
