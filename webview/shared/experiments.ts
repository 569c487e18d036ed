/**
 * The hyperparameter sweep and the learning-rate finder as the webviews show them, computed
 * from the shared RunState: each one's progress and status, the names of the swept settings,
 * the sweep chart's points and its underfitting / overfitting bands, and the axes' ranges and
 * ticks. Pure functions (no DOM), tested in Node.
 */
import { SWEEP_LABELS, type Diagnosis, type SweepKey, type SweepRun, type SweepSetting } from '../../src/core/sweepPlan';
import type { LrFindState, RunState, RunStatus, SweepState } from '../../src/shared/runState';

export type Experiment = 'sweep' | 'lrFind';

/** The values of `keys` in `setting`: "hidden units 200, context length 3", or short "hid 200 · ctx 3". */
export function settingLabel(setting: SweepSetting, keys: readonly SweepKey[], short = false): string {
  return keys
    .filter((k) => setting[k] !== undefined)
    .map((k) => `${short ? SWEEP_LABELS[k].short : SWEEP_LABELS[k].name} ${setting[k]}`)
    .join(short ? ' · ' : ', ');
}

/** The status an experiment's view shows: the run's while it is the latest activity, else how it ended. */
export function experimentStatus(run: RunState, experiment: Experiment): RunStatus {
  const state = experiment === 'sweep' ? run.sweep : run.lrFind;
  if (!state) return 'idle';
  if (run.activity === experiment) return run.status;
  // Another activity came after it: it finished, or it failed (the failure was that activity's status).
  return state.finished ? 'finished' : 'failed';
}

/** Whether an activity is under way (running or stopping). */
export function isBusy(status: RunStatus): boolean {
  return status === 'training' || status === 'stopping';
}

/** 0..1 over the whole sweep: finished runs, plus the share of the run in progress. */
export function sweepProgress(s: SweepState): number {
  const total = s.settings.length;
  if (total === 0) return 0;
  return Math.min(1, (s.runs.length + (s.current?.progress ?? 0)) / total);
}

/** The finished run with the lowest dev loss so far, if any. */
export function bestRun(s: SweepState): SweepRun | null {
  return s.best >= 0 ? (s.runs[s.best] ?? null) : null;
}

/** 0..1 of the finder's steps; a search that ended at the blow-up is complete. */
export function lrFindProgress(lr: LrFindState): number {
  if (lr.finished && !lr.stopped) return 1;
  return lr.steps > 0 ? Math.min(1, lr.learningRates.length / lr.steps) : 0;
}

/** The finder ended before its last step because the loss blew up (not because it was stopped). */
export function lrBlewUp(lr: LrFindState): boolean {
  return lr.finished && !lr.stopped && lr.learningRates.length < lr.steps;
}

// ---------------------------------------------------------------- the sweep chart

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
    points.push({ index, x, label: settingLabel(setting, s.varied, true), name: settingLabel(setting, s.varied), run: done?.run ?? null, diagnosis: done?.diagnosis ?? null });
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

/** A log-scale range around `xs`: half the mean spacing of the points beyond each end (an octave for one point). */
export function logRange(xs: readonly number[]): [number, number] {
  if (xs.length === 0) return [1, 10];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const span = Math.log(hi / lo);
  const pad = span > 0 ? span / Math.max(1, new Set(xs).size - 1) / 2 : Math.LN2;
  return [lo / Math.exp(pad), hi * Math.exp(pad)];
}

/** Round ticks for a log axis from `min` to `max`: 1, 2 and 5 × 10^k, or only the powers of ten over a wide range. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > min)) return [];
  const ticks: { value: number; power: boolean }[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** e).toPrecision(1));
      if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) ticks.push({ value, power: m === 1 });
    }
  }
  return (ticks.length <= 7 ? ticks : ticks.filter((t) => t.power)).map((t) => t.value);
}

// ---------------------------------------------------------------- the learning-rate chart

/**
 * The loss axis of the finder's chart: from the lowest loss to a little above the highest
 * smoothed loss (the start, or the blow-up), so a raw spike does not flatten the curve.
 */
export function lrLossRange(losses: readonly number[], smoothed: readonly number[]): [number, number] {
  const finite = (xs: readonly number[]): number[] => xs.filter((x) => Number.isFinite(x));
  const raw = finite(losses);
  const smooth = finite(smoothed);
  if (raw.length === 0 || smooth.length === 0) return [0, 1];
  const lo = Math.min(...raw, ...smooth);
  const hi = Math.max(Math.min(Math.max(...raw), Math.max(...smooth) * 1.1), lo + 0.1);
  const pad = (hi - lo) * 0.04;
  return [Math.max(0, lo - pad), hi + pad];
}

/** Index of the finder's point nearest `rate` on the log axis (-1 when the curve is empty). */
export function nearestRate(learningRates: readonly number[], rate: number): number {
  let best = -1;
  let distance = Infinity;
  for (let i = 0; i < learningRates.length; i++) {
    const d = Math.abs(Math.log(learningRates[i] / rate));
    if (d < distance) {
      best = i;
      distance = d;
    }
  }
  return best;
}
