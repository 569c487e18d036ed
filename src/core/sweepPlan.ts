/**
 * The plan and the reading of a hyperparameter sweep (makemore part 2): which settings to vary,
 * their presets and labels, every combination to run, and the diagnosis of the finished runs.
 * Pure: no TensorFlow.js, so the CLI, the extension host and the webviews share it. The runs
 * themselves are trained by sweep.ts.
 *
 * Reading the result, as the lecture does: while capacity is too small both losses are high
 * and close (underfitting); past the sweet spot the training loss keeps falling while dev loss
 * stops following, and the gap between them opens (overfitting).
 */
import type { TrainingConfig } from './config';

export const SWEEP_KEYS = ['blockSize', 'embeddingSize', 'hiddenSize'] as const;
export type SweepKey = (typeof SWEEP_KEYS)[number];
export type SweepSetting = Partial<Pick<TrainingConfig, SweepKey>>;

/**
 * What each swept hyperparameter is called: `title` in quick picks, `name` in table headings
 * and axis titles, `label` in short texts ("hidden 200"), `short` on chart points. (The CLI's
 * --vary names it by its flag, core/config.ts NUMERIC_SPECS.)
 */
export const SWEEP_LABELS: Record<SweepKey, { title: string; name: string; label: string; short: string }> = {
  blockSize: { title: 'Context length', name: 'context length', label: 'context', short: 'ctx' },
  embeddingSize: { title: 'Embedding size', name: 'embedding size', label: 'embedding', short: 'emb' },
  hiddenSize: { title: 'Hidden size', name: 'hidden units', label: 'hidden', short: 'hid' },
};

/** Values offered to choose from, around the lecture's. */
export const SWEEP_PRESETS: Record<SweepKey, number[]> = {
  blockSize: [1, 2, 3, 4, 5, 6, 8],
  embeddingSize: [2, 4, 8, 16, 24, 32],
  hiddenSize: [25, 50, 100, 200, 400, 800],
};

/** Most runs a sweep may have. */
export const MAX_SWEEP_RUNS = 48;

export type Diagnosis = 'underfit' | 'good' | 'best' | 'overfit';

/** One finished run of a sweep, judged on the dev split (the test split is never evaluated). */
export interface SweepRun {
  index: number;
  setting: SweepSetting;
  config: TrainingConfig;
  paramCount: number;
  train: number;
  dev: number;
  steps: number;
  seconds: number;
}

/** Every combination of the given values (the cartesian product), in order. */
export function sweepSettings(values: Partial<Record<SweepKey, number[]>>): SweepSetting[] {
  let settings: SweepSetting[] = [{}];
  for (const key of SWEEP_KEYS) {
    const vs = values[key];
    if (!vs || vs.length === 0) continue;
    settings = settings.flatMap((s) => vs.map((v) => ({ ...s, [key]: v })));
  }
  return settings;
}

/** Index of the run with the lowest dev loss (-1 for none). */
export function bestRunIndex(runs: readonly Pick<SweepRun, 'dev'>[]): number {
  return runs.length === 0 ? -1 : runs.reduce((b, r, i) => (r.dev < runs[b]!.dev ? i : b), 0);
}

/**
 * Labels each run: `best` (lowest dev loss); `overfit` when dev loss exceeds training loss by
 * more than OVERFIT_GAP and by clearly more than the best run's gap; `underfit` when even the
 * training loss is no lower than the best dev loss and dev is clearly worse than the best (the
 * model cannot fit what it sees); `good` otherwise.
 */
export function diagnose(runs: readonly Pick<SweepRun, 'train' | 'dev'>[]): Diagnosis[] {
  if (runs.length === 0) return [];
  const bestIndex = bestRunIndex(runs);
  const bestDev = runs[bestIndex]!.dev;
  const bestGap = runs[bestIndex]!.dev - runs[bestIndex]!.train;
  return runs.map((r, i) => {
    if (i === bestIndex) return 'best';
    const gap = r.dev - r.train;
    if (gap > OVERFIT_GAP && gap > bestGap + 0.03) return 'overfit';
    if (r.train >= bestDev - 0.01 && r.dev > bestDev + UNDERFIT_MARGIN) return 'underfit';
    return 'good';
  });
}

export const OVERFIT_GAP = 0.08;
export const UNDERFIT_MARGIN = 0.03;
