/** The embedding scatter's geometry: labels that never overlap, the search, zooming about a point. */
import * as assert from 'node:assert/strict';
import { symbolLabel, Vocabulary } from '../../../src/core/vocabulary';
import { describeNotes, describeReading } from '../../../src/shared/describeRun';
import { matchSymbols, MAX_ZOOM, placeLabels, zoomAbout, type LabelBox } from '../../../webview/charts/embeddingLayout';
import { mulberry32 } from '../helpers/random';

const overlap = (a: LabelBox, b: LabelBox): boolean => Math.abs(a.x - b.x) * 2 < a.w + b.w && Math.abs(a.y - b.y) * 2 < a.h + b.h;

describe('embedding scatter layout', () => {
  it('keeps no two labels overlapping, placing the priority ones first; spreading the points (zooming in) keeps more', () => {
    const random = mulberry32(5);
    const points = Array.from({ length: 334 }, (_, index) => ({ index, x: random() * 300, y: random() * 300, w: 14, h: 14 }));
    const kept = placeLabels(points, [200, 7, ...points.map((p) => p.index)]);
    const boxes = points.filter((p) => kept.has(p.index));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) assert.ok(!overlap(boxes[i]!, boxes[j]!), `${boxes[i]!.index} and ${boxes[j]!.index}`);
    assert.ok(kept.has(200) && kept.has(7), 'the priority labels are placed first');
    assert.ok(kept.size > 50 && kept.size < 334, `${kept.size} labels`);
    const zoomed = placeLabels(
      points.map((p) => ({ ...p, x: p.x * 4, y: p.y * 4 })),
      points.map((p) => p.index),
    );
    assert.ok(zoomed.size > kept.size, `zoomed ×4: ${zoomed.size} labels, fitted: ${kept.size}`);
  });

  it('finds a symbol by its label, by the character itself (a space finds ␣), or ignoring case', () => {
    const labels = ['·', '␣', 'A', 'a', 'é', 'U+200D'];
    assert.deepEqual(matchSymbols(labels, 'a'), [3]);
    assert.deepEqual(matchSymbols(labels, ' '), [1]);
    assert.deepEqual(matchSymbols(labels, '␣'), [1]);
    assert.deepEqual(matchSymbols(labels, 'É'), [4]);
    assert.deepEqual(matchSymbols(labels, '\u200d'), [5]);
    assert.deepEqual(matchSymbols(labels, 'u+200d'), [5]);
    assert.deepEqual(matchSymbols(labels, 'q'), []);
    assert.deepEqual(matchSymbols(labels, ''), []);
  });

  it('zooms about a point, which stays where it is; never out past every point, nor in past the limit', () => {
    const view = { cx: 0, cy: 0, zoom: 1 };
    const z = zoomAbout(view, 2, -1, 4);
    assert.equal(z.zoom, 4);
    // The point's offset from the centre shrinks by the zoom: it stays put on screen.
    assert.ok(Math.abs(2 - z.cx - (2 - view.cx) / 4) < 1e-12 && Math.abs(-1 - z.cy - (-1 - view.cy) / 4) < 1e-12);
    assert.equal(zoomAbout(z, 0, 0, 0.01).zoom, 1);
    assert.equal(zoomAbout(z, 0, 0, 1000).zoom, MAX_ZOOM);
  });

  it("labels whitespace and invisible symbols: one definition, the vocabulary's", () => {
    assert.equal(symbolLabel(' '), '␣');
    assert.equal(symbolLabel('\t'), '⇥');
    assert.equal(symbolLabel('\u00a0'), '⍽');
    assert.equal(symbolLabel('\u0001'), '␁');
    assert.equal(symbolLabel('\u200d'), 'U+200D');
    assert.equal(symbolLabel('\u00ad'), 'U+00AD');
    assert.equal(symbolLabel('\u0301'), '◌\u0301');
    assert.equal(symbolLabel('é'), 'é');
    const v = Vocabulary.fromWords(['ab c', 'd\u00a0e']);
    assert.deepEqual(
      v.symbols.map((_, i) => v.label(i)),
      ['.', '␣', 'a', 'b', 'c', 'd', 'e', '⍽'],
    );
  });

  it('says what was read and what bounded a run, in words', () => {
    assert.equal(describeReading(undefined), null);
    const column = { name: 'name', index: 1, text: true, examples: [] };
    const base = { columns: [], items: 3, skipped: 0, description: '' };
    assert.equal(describeReading({ ...base, format: 'lines', formatLabel: 'one item per line' }), null);
    assert.equal(describeReading({ ...base, format: 'csv', formatLabel: 'CSV file', column, header: true }), "CSV file, column 'name'");
    assert.equal(
      describeReading({
        ...base,
        format: 'csv',
        formatLabel: 'CSV file',
        column: { ...column, name: 'column 2', index: 2 },
        header: false,
      }),
      'CSV file, column 2',
    );
    assert.equal(
      describeReading({ ...base, format: 'json', formatLabel: 'JSON array of objects', column: { ...column, name: 'title' } }),
      "JSON array of objects, field 'title'",
    );
    assert.equal(describeReading({ ...base, format: 'markdown', formatLabel: 'Markdown list' }), 'Markdown list');
    assert.deepEqual(
      describeNotes(
        {
          earlyStop: { step: 450, bestStep: 150, patience: 300, message: 'stopped early at step 450: no improvement on dev for 300 steps' },
          trainLossSample: { examples: 100_000, total: 2_349_871 },
          devSampleExamples: 20_000,
        },
        293_759,
      ),
      [
        'stopped early at step 450: no improvement on dev for 300 steps',
        'dev loss during training on a fixed sample of 20,000 of 294k examples',
        'train loss on a sample of 100,000 of 2.35M examples',
      ],
    );
    assert.deepEqual(describeNotes({ devSampleExamples: 3_000 }, 3_000), [], 'a dev split evaluated whole needs no note');
  });
});
