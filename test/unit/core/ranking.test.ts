/**
 * What points back into a list and ranks it (core/ranking.ts, itemLines.ts) and the reading in
 * words (shared/readingText.ts): least typical first, unknown characters first; each item's line
 * in every list format; probabilities, percentiles and letters worded the same everywhere.
 */
import * as assert from 'node:assert/strict';
import type { Reading } from '../../../src/core/explored';
import { readItemsWithLines } from '../../../src/core/itemLines';
import { rankLeastTypical } from '../../../src/core/ranking';
import { formatProbability, letterSentence, percentileWords, readingMarkdown, readingSummary } from '../../../src/shared/readingText';

describe('ranking and reading a list', () => {
  describe('least typical first', () => {
    // Items: 0 typical long, 1 unknown, 2 odd short, 3 typical short, 4 unknown, 5 odd long.
    const scores = {
      logProb: Float64Array.from([-10, NaN, -12, -4, NaN, -30]),
      symbols: Int32Array.from([6, 0, 3, 3, 0, 6]),
      lengthPercentile: Float64Array.from([70, NaN, 5, 60, NaN, 2]),
    };

    it('by mean surprisal per character: unknown characters first (in file order), then the most surprising', () => {
      // Surprisals: 1.67, ∞, 4, 1.33, ∞, 5.
      assert.deepEqual(Array.from(rankLeastTypical(scores, 'surprisal')), [1, 4, 5, 2, 0, 3]);
    });

    it('by the percentile among items of about the same length', () => {
      assert.deepEqual(Array.from(rankLeastTypical(scores, 'length')), [1, 4, 5, 2, 3, 0]);
    });

    it('ties keep file order', () => {
      const tied = {
        logProb: Float64Array.from([-6, -6, -6]),
        symbols: Int32Array.from([3, 3, 3]),
        lengthPercentile: Float64Array.from([50, 50, 50]),
      };
      assert.deepEqual(Array.from(rankLeastTypical(tied, 'surprisal')), [0, 1, 2]);
      assert.deepEqual(Array.from(rankLeastTypical(tied, 'length')), [0, 1, 2]);
    });
  });

  describe('items and their lines', () => {
    it('one item per line: each line, blank lines and spaces skipped, CRLF and NFC as training reads them', () => {
      const r = readItemsWithLines('emma\r\n\r\n  olivia  \nZoe\u0308\nemma\n');
      assert.deepEqual(r.items, ['emma', 'olivia', 'Zoë', 'emma']);
      assert.deepEqual(Array.from(r.lines), [0, 2, 3, 4]);
      assert.equal(r.listReading.format, 'lines');
    });

    it('a CSV column: the row of each item, even when the name also stands in another column or inside a longer name', () => {
      const text = 'name,nickname\nBobby,Bob\nBob,Rob\n"Smith, Ann",Annie\n';
      const r = readItemsWithLines(text, { fileName: 'people.csv' });
      assert.deepEqual(r.items, ['Bobby', 'Bob', 'Smith, Ann']);
      assert.deepEqual(Array.from(r.lines), [1, 2, 3]);
      const nick = readItemsWithLines(text, { fileName: 'people.csv', column: 'nickname' });
      assert.deepEqual(nick.items, ['Bob', 'Rob', 'Annie']);
      assert.deepEqual(Array.from(nick.lines), [1, 2, 3]);
    });

    it('Markdown lists and JSON: markers and headings skipped; an item written with an escape has no line', () => {
      const md = readItemsWithLines('# Dogs\n\n- Rex\n- Fido\n\n- Luna\n', { fileName: 'dogs.md' });
      // (A lone "1. Luna" among bullets is a name the reader keeps whole, like "1. FC Köln".)
      assert.deepEqual(md.items, ['Rex', 'Fido', 'Luna']);
      assert.deepEqual(Array.from(md.lines), [2, 3, 5]);
      const json = readItemsWithLines('[\n  "ava",\n  "Zo\\u00eb",\n  "mia"\n]\n', { fileName: 'n.json' });
      assert.deepEqual(json.items, ['ava', 'Zoë', 'mia']);
      assert.deepEqual(Array.from(json.lines), [1, -1, 3]);
      assert.equal(json.lineCount, 6);
    });
  });

  describe('the reading in words', () => {
    const reading: Reading = {
      kind: 'read',
      text: 'Ava',
      unknown: [],
      letters: [
        {
          char: 'A',
          label: 'a',
          p: 0.12,
          surprisal: -Math.log(0.12),
          rank: 2,
          bucket: 'top3',
          top: [
            { label: 'k', char: 'k', p: 0.2 },
            { label: 'a', char: 'a', p: 0.12 },
          ],
        },
        {
          char: 'v',
          label: 'v',
          p: 0.01,
          surprisal: -Math.log(0.01),
          rank: 14,
          bucket: 'beyond',
          top: [{ label: 'n', char: 'n', p: 0.3 }],
        },
        { char: 'a', label: 'a', p: 0.6, surprisal: -Math.log(0.6), rank: 1, bucket: 'top1', top: [{ label: 'a', char: 'a', p: 0.6 }] },
        { char: '', label: '.', p: 0.5, surprisal: -Math.log(0.5), rank: 1, bucket: 'top1', top: [{ label: '.', char: '', p: 0.5 }] },
      ],
      logProb: Math.log(0.12 * 0.01 * 0.6 * 0.5),
      surprisal: -Math.log(0.12 * 0.01 * 0.6 * 0.5) / 4,
      percentile: 61.6,
      lengthPercentile: 40.2,
      tag: 'train',
    };

    it('probabilities with the digits they need; percentiles as “more typical than”', () => {
      assert.deepEqual([0.345, 0.0942, 0.0042, 0.000013, 0].map(formatProbability), ['34.5 %', '9.42 %', '0.42 %', '0.0013 %', '0 %']);
      assert.equal(percentileWords(61.6, 'names.txt'), 'more typical than 62 % of names.txt');
      assert.equal(percentileWords(null), null);
    });

    it('a summary, a sentence per letter, and Markdown with the legend for the hover', () => {
      assert.equal(
        readingSummary(reading, 'names.txt'),
        `${reading.surprisal.toFixed(2)} nats per character · more typical than 62 % of names.txt (40 % of items of its length) · in the list (trained on)`,
      );
      assert.equal(
        letterSentence(reading.letters[1]!),
        "“v”: probability 1.00 %, surprisal 4.61 nats, rank 14 (beyond its top 10); the model's top guesses: n 30.0 %",
      );
      assert.equal(letterSentence(reading.letters[3]!).startsWith('the end of the name: probability 50.0 %'), true);
      const md = readingMarkdown(reading, 'names.txt');
      assert.match(md, /^\*\*Ava\*\* — /);
      assert.match(md, /\| ◐ `a` \| 12\.0 % \| 2\.12 \| 2 \| k 20\.0 % · a 12\.0 % \|/);
      assert.match(md, /\| ✕ `v` \| 1\.00 % \|/);
      assert.match(md, /\| ● end \| 50\.0 % \|/);
      assert.match(md, /● the model’s first guess · ◐ among its top 3 · ○ among its top 10 · ✕ beyond its top 10$/);
      const unknown = readingMarkdown({ ...reading, text: 'Zoë', unknown: ['ë'], letters: [] });
      assert.equal(unknown, '**Zoë** — The model does not know “ë”: not scored (its word list has no such character).');
      assert.match(readingMarkdown({ ...reading, text: 'a*b|c' }), /^\*\*a\\\*b\\\|c\*\* — /);
    });
  });
});
