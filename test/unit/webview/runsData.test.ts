/** The Runs view's data: order, colours, smoothing, the overlay's aligned series, CSV. */
import * as assert from 'node:assert/strict';
import Papa from 'papaparse';
import { BASE_DEFAULTS } from '../../../src/core/config';
import type { RunRecord } from '../../../src/shared/runRecord';
import {
  baseName,
  chartOrder,
  overlaySeries,
  runColours,
  runsCsv,
  smooth,
  sortRuns,
  valueAtOrBefore,
} from '../../../webview/charts/runsData';

function run(id: string, day: number, losses: RunRecord['losses'], extra: Partial<RunRecord> = {}): RunRecord {
  return {
    format: 'makemore-run',
    version: 1,
    id,
    fileKey: '0123456789abcdef',
    document: 'file:///names.txt',
    fileName: 'names.txt',
    textSha256: 'x',
    words: 10,
    createdAt: `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`,
    origin: 'train',
    config: BASE_DEFAULTS,
    vocabulary: [],
    paramCount: 1,
    steps: day * 100,
    keptStep: day * 100,
    seconds: 10 - day,
    examplesPerSecond: 1,
    stopped: false,
    backend: 'wasm',
    losses,
    bigram: { train: 3, dev: 3, test: 3 },
    samples: [],
    curve: { trainStep: [], train: [], devStep: [], dev: [] },
    ...extra,
  };
}

describe('runs view: data', () => {
  const a = run('a', 1, { train: 2.0, dev: 2.3, test: 2.4 });
  const b = run('b', 2, { train: 1.9, dev: 2.1, test: null });
  const c = run('c', 3, { train: 2.2, dev: 2.2, test: 2.25 });

  it('sorts by any column, both ways; a loss not evaluated sorts last; ties newest first', () => {
    const ids = (runs: RunRecord[]): string[] => runs.map((r) => r.id);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'date', dir: 'desc' })), ['c', 'b', 'a']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'date', dir: 'asc' })), ['a', 'b', 'c']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'dev', dir: 'asc' })), ['b', 'c', 'a']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'dev', dir: 'desc' })), ['a', 'c', 'b']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'test', dir: 'asc' })), ['c', 'a', 'b']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'test', dir: 'desc' })), ['a', 'c', 'b']);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'time', dir: 'asc' })), ['c', 'b', 'a']);
    const changes = new Map([
      ['a', 'hidden 200'],
      ['b', ''],
      ['c', 'batch 64'],
    ]);
    assert.deepEqual(ids(sortRuns([a, b, c], { key: 'changes', dir: 'asc' }, changes)), ['b', 'c', 'a']);
  });

  it('charts the ticked runs oldest first, each in its palette colour, round again past the palette', () => {
    const charted = chartOrder([c, a, b], new Set(['c', 'a']));
    assert.deepEqual(
      charted.map((r) => r.id),
      ['a', 'c'],
    );
    assert.deepEqual(
      [...runColours([a, b, c], ['blue', 'orange'])],
      [
        ['a', 'blue'],
        ['b', 'orange'],
        ['c', 'blue'],
      ],
    );
  });

  it('smooths as TensorBoard does: a debiased moving average, raw at 0', () => {
    assert.deepEqual(smooth([3, 2, 1], 0), [3, 2, 1]);
    const s = smooth([3, 2, 1], 0.5);
    assert.equal(s[0], 3, 'debiased: the first point is itself');
    assert.ok(Math.abs(s[1]! - (0.25 * 3 + 0.5 * 2) / 0.75) < 1e-12);
    assert.ok(s[2]! > 1 && s[2]! < 2);
    assert.deepEqual(smooth([5, NaN, 5], 0.9), [5, NaN, 5]);
  });

  it('aligns the ticked runs’ curves on one step axis, null where a run has no point', () => {
    const x = run('x', 1, a.losses, { curve: { trainStep: [1, 3], train: [3, 2], devStep: [3], dev: [2.5] } });
    const y = run('y', 2, a.losses, { curve: { trainStep: [2, 4], train: [3.2, 2.2], devStep: [4], dev: [2.4] } });
    const o = overlaySeries([x, y], 0);
    assert.deepEqual(o.step, [1, 2, 3, 4]);
    assert.deepEqual(o.runs[0], { id: 'x', raw: [3, null, 2, null], train: [3, null, 2, null], dev: [null, null, 2.5, null] });
    assert.deepEqual(o.runs[1]!.dev, [null, null, null, 2.4]);
    assert.equal(valueAtOrBefore(o.runs[0]!.train, 3), 2);
    assert.equal(valueAtOrBefore(o.runs[1]!.train, 0), null);
  });

  it('writes the curves as CSV: run, step, train, dev — one row per run and step, stored values, empty where none', () => {
    const x = run('20260101-100000-aaaa', 1, a.losses, {
      curve: { trainStep: [1, 3], train: [3, 2.12345], devStep: [3, 5], dev: [2.5, 2.25] },
    });
    const y = run('20260102-100000-bbbb', 2, a.losses, { curve: { trainStep: [2], train: [3.5], devStep: [], dev: [] } });
    const csv = runsCsv([x, y]);
    assert.equal(
      csv,
      [
        'run,step,train,dev',
        '20260101-100000-aaaa,1,3,',
        '20260101-100000-aaaa,3,2.12345,2.5',
        '20260101-100000-aaaa,5,,2.25',
        '20260102-100000-bbbb,2,3.5,',
        '',
      ].join('\n'),
    );
    // It parses back to the same values.
    const parsed = Papa.parse<string[]>(csv.trim()).data;
    assert.deepEqual(parsed[2], ['20260101-100000-aaaa', '3', '2.12345', '2.5']);
  });

  it('derives file names from a word list’s name', () => {
    assert.equal(baseName('lists/pokémon.txt'), 'pokémon');
    assert.equal(baseName('Untitled-1'), 'Untitled-1');
    assert.equal(baseName('a:b*c?.csv'), 'a_b_c_');
  });
});
