/**
 * The Runs view's data, as pure functions (tested in Node): the runs' order in the table, which
 * colour each ticked run gets, its smoothed train loss (TensorBoard's exponential moving average),
 * the ticked runs' curves on one step axis for uPlot, and the curves as CSV.
 */
import { csvText } from '../../src/core/csv';
import type { RunRecord } from '../../src/shared/runRecord';

// ---------------------------------------------------------------- the table's order

export const SORT_KEYS = ['date', 'changes', 'steps', 'time', 'train', 'dev', 'test'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface RunSort {
  key: SortKey;
  /** Ascending or descending. */
  dir: 'asc' | 'desc';
}

/** Where a sort key reads a run (a loss not evaluated sorts last either way). */
function sortValue(run: RunRecord, key: SortKey, changes: ReadonlyMap<string, string>): number | string | null {
  switch (key) {
    case 'date':
      return run.createdAt;
    case 'changes':
      return changes.get(run.id) ?? '';
    case 'steps':
      return run.steps;
    case 'time':
      return run.seconds;
    case 'train':
    case 'dev':
    case 'test':
      return run.losses[key];
  }
}

/** The runs in table order; `changes`: each run's "differs from the active run" text (for sorting by it). Ties keep the newest first. */
export function sortRuns(runs: readonly RunRecord[], sort: RunSort, changes: ReadonlyMap<string, string> = new Map()): RunRecord[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...runs].sort((a, b) => {
    const x = sortValue(a, sort.key, changes);
    const y = sortValue(b, sort.key, changes);
    if (x === null || y === null || (typeof x === 'number' && !Number.isFinite(x)) || (typeof y === 'number' && !Number.isFinite(y))) {
      const missing = (v: unknown): number => (v === null || (typeof v === 'number' && !Number.isFinite(v)) ? 1 : 0);
      const d = missing(x) - missing(y);
      if (d !== 0) return d;
    } else if (x !== y) {
      return (x < y ? -1 : 1) * sign;
    }
    return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
  });
}

/** The ticked runs in the order they are charted, coloured and exported: oldest first. */
export function chartOrder(runs: readonly RunRecord[], ticked: ReadonlySet<string>): RunRecord[] {
  return runs.filter((r) => ticked.has(r.id)).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

/** Each charted run's colour: the palette in chart order, round again when there are more runs than colours. */
export function runColours(charted: readonly RunRecord[], palette: readonly string[]): Map<string, string> {
  return new Map(charted.map((r, i) => [r.id, palette[i % palette.length]!]));
}

// ---------------------------------------------------------------- the curves

/**
 * TensorBoard's smoothing: an exponential moving average with weight `weight` (0: none, up to
 * 0.999), debiased so the first points are not pulled towards zero. Non-finite values are kept
 * as they are and do not enter the average.
 */
export function smooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(0.999, Math.max(0, weight));
  if (w === 0) return [...values];
  let last = 0;
  let debias = 0;
  return values.map((v) => {
    if (!Number.isFinite(v)) return v;
    last = last * w + (1 - w) * v;
    debias = debias * w + (1 - w);
    return last / debias;
  });
}

export interface OverlaySeries {
  /** Every step any charted run has a point at, ascending. */
  step: number[];
  /** Per charted run (chart order): its raw and smoothed train loss and its dev loss, null at other runs' steps. */
  runs: { id: string; raw: (number | null)[]; train: (number | null)[]; dev: (number | null)[] }[];
}

/** The charted runs' curves on one step axis (uPlot's aligned data), train loss smoothed by `smoothing`. */
export function overlaySeries(charted: readonly RunRecord[], smoothing: number): OverlaySeries {
  const steps = new Set<number>();
  for (const r of charted) {
    for (const s of r.curve.trainStep) steps.add(s);
    for (const s of r.curve.devStep) steps.add(s);
  }
  const step = [...steps].sort((a, b) => a - b);
  const at = new Map(step.map((s, i) => [s, i]));
  return {
    step,
    runs: charted.map((r) => {
      const raw: (number | null)[] = new Array(step.length).fill(null);
      const train: (number | null)[] = new Array(step.length).fill(null);
      const dev: (number | null)[] = new Array(step.length).fill(null);
      const smoothed = smooth(r.curve.train, smoothing);
      r.curve.trainStep.forEach((s, k) => {
        raw[at.get(s)!] = r.curve.train[k]!;
        train[at.get(s)!] = smoothed[k]!;
      });
      r.curve.devStep.forEach((s, k) => (dev[at.get(s)!] = r.curve.dev[k]!));
      return { id: r.id, raw, train, dev };
    }),
  };
}

/** The value of `values` at index `i`, or the last one before it (null if none). */
export function valueAtOrBefore(values: readonly (number | null)[], i: number): number | null {
  for (let k = Math.min(i, values.length - 1); k >= 0; k--) {
    const v = values[k];
    if (v !== null && v !== undefined) return v;
  }
  return null;
}

// ---------------------------------------------------------------- export

/** The CSV columns, exactly. */
export const CSV_FIELDS = ['run', 'step', 'train', 'dev'] as const;

/**
 * The charted runs' curves as CSV — `run, step, train, dev`, one row per run and step (runs in
 * chart order, steps ascending), the stored values (the train loss unsmoothed: each bucket's mean
 * minibatch loss), empty where a run has no value at that step.
 */
export function runsCsv(charted: readonly RunRecord[]): string {
  const rows: (string | number)[][] = [];
  for (const r of charted) {
    const train = new Map(r.curve.trainStep.map((s, k) => [s, r.curve.train[k]!]));
    const dev = new Map(r.curve.devStep.map((s, k) => [s, r.curve.dev[k]!]));
    const steps = [...new Set([...r.curve.trainStep, ...r.curve.devStep])].sort((a, b) => a - b);
    for (const s of steps) rows.push([r.id, s, train.get(s) ?? '', dev.get(s) ?? '']);
  }
  return csvText(CSV_FIELDS, rows);
}

/** A file name from a word list's name: "lists/pokémon.txt" → "pokémon". */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  const stem = last.replace(/\.[^.]+$/, '') || last;
  return stem.replace(/[\\/:*?"<>|]/g, '_').slice(0, 80) || 'runs';
}
