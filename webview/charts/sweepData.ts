/**
 * The sweep chart's data: each setting placed on the x axis (its value, or the parameter count
 * when several settings vary), and the underfitting / overfitting bands behind the points.
 * Pure functions (no DOM), tested in Node.
 */
import type { Diagnosis, SweepKey, SweepRun } from '../../src/core/sweepPlan';
import { formatSetting } from '../../src/shared/format';
import type { SweepState } from '../../src/shared/runState';
import { logRange, logTicks } from './logAxis';

/** One setting of the sweep, placed on the chart's x axis. */
export interface SweepPoint {
  /** Its index in the sweep's settings. */
  index: number;
  x: number;
  /** Its values of the varied settings, short (a label on the chart) and in full. */
  label: string;
  name: string;
  /** The run's result, once it finished. */
  run: SweepRun | null;
  diagnosis: Diagnosis | null;
}

export interface SweepPlot {
  /** The setting along x when one varies; null when several do (x is then the parameter count). */
  key: SweepKey | null;
  /** Sorted by x. */
  points: SweepPoint[];
  /** Where x ticks go. */
  ticks: number[];
  /** The x scale's range (log), with room around the outer points. */
  range: [number, number];
}

/**
 * The chart's points. One varied setting: every planned run at its value (the axis is known
 * from the start). Several: each run at its parameter count, once known (the run has started).
 */
export function sweepPlot(s: SweepState): SweepPlot {
  const key = s.varied.length === 1 ? s.varied[0] : null;
  const finished = new Map(s.runs.map((r, k) => [r.index, { run: r, diagnosis: s.diagnosis[k] ?? null }]));
  const points: SweepPoint[] = [];
  s.settings.forEach((setting, index) => {
    const done = finished.get(index);
    const x = key ? setting[key] : (done?.run.paramCount ?? (s.current?.index === index ? s.current.paramCount : undefined));
    if (x === undefined || !(x > 0)) return;
    points.push({
      index,
      x,
      label: formatSetting(setting, 'short', s.varied),
      name: formatSetting(setting, 'name', s.varied),
      run: done?.run ?? null,
      diagnosis: done?.diagnosis ?? null,
    });
  });
  points.sort((a, b) => a.x - b.x || a.index - b.index);
  const xs = points.map((p) => p.x);
  const range = logRange(xs);
  const round = logTicks(range[0], range[1]);
  const ticks = key || round.length < 2 ? [...new Set(xs)] : round;
  return { key, points, ticks, range };
}

/** Stretches of x where the runs underfit or overfit. */
export interface Band {
  from: number;
  to: number;
  diagnosis: 'underfit' | 'overfit';
}

/**
 * The bands behind the sweep chart: each point's stretch of the (log) x axis reaches halfway to
 * its neighbours (the geometric mean), and to `min` / `max` at the ends; neighbouring runs with
 * the same diagnosis share one band. Points without a diagnosis (not run yet) belong to none.
 */
export function diagnosisBands(points: readonly Pick<SweepPoint, 'x' | 'diagnosis'>[], min: number, max: number): Band[] {
  const bands: Band[] = [];
  for (let i = 0; i < points.length; i++) {
    const d = points[i].diagnosis;
    if (d !== 'underfit' && d !== 'overfit') continue;
    const from = i === 0 ? min : Math.sqrt(points[i - 1].x * points[i].x);
    const to = i === points.length - 1 ? max : Math.sqrt(points[i].x * points[i + 1].x);
    const last = bands.at(-1);
    if (last && last.diagnosis === d && points[i - 1]?.diagnosis === d) last.to = to;
    else bands.push({ from, to, diagnosis: d });
  }
  return bands.filter((b) => b.to > b.from);
}
