/**
 * The hyperparameter sweep of makemore part 2: train one model per setting of the context
 * length, embedding size and hidden size, with one seed (so one split and one initialisation
 * stream), and judge each on the dev split. The test split is never evaluated, so it can't
 * sway the choice.
 *
 * Reading the result, as the lecture does: while capacity is too small both losses are high
 * and close (underfitting); past the sweet spot the training loss keeps falling while dev loss
 * stops following, and the gap between them opens (overfitting).
 */
import type { TrainingConfig } from './config';
import { validateConfig } from './config';
import { buildDataset } from './dataset';
import { countParams } from './model';
import { modelShape, train, type TrainProgress, type TrainResult } from './train';

export const SWEEP_KEYS = ['blockSize', 'embeddingSize', 'hiddenSize'] as const;
export type SweepKey = (typeof SWEEP_KEYS)[number];
export type SweepSetting = Partial<Pick<TrainingConfig, SweepKey>>;

/** Values offered to choose from, around the lecture's. */
export const SWEEP_PRESETS: Record<SweepKey, number[]> = {
  blockSize: [1, 2, 3, 4, 5, 6, 8],
  embeddingSize: [2, 4, 8, 16, 24, 32],
  hiddenSize: [25, 50, 100, 200, 400, 800],
};

/** Most runs a sweep may have. */
export const MAX_SWEEP_RUNS = 48;

export type Diagnosis = 'underfit' | 'good' | 'best' | 'overfit';

export interface SweepRun {
  index: number;
  setting: SweepSetting;
  config: TrainingConfig;
  paramCount: number;
  train: number;
  dev: number;
  steps: number;
  seconds: number;
  stopped: boolean;
}

export interface SweepResult {
  runs: SweepRun[];
  /** Index of the run with the lowest dev loss. */
  best: number;
  diagnosis: Diagnosis[];
  /** The best run's model (to keep it). */
  bestResult: TrainResult | null;
  stopped: boolean;
}

export interface SweepCallbacks {
  signal?: AbortSignal;
  onRunStart?(index: number, setting: SweepSetting, config: TrainingConfig, paramCount: number): void;
  onRunProgress?(index: number, progress: TrainProgress): void;
  onRunEnd?(run: SweepRun): void;
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

/**
 * Trains one model per setting on `words`, each with `base` overridden by the setting. With a
 * time budget in `base.timeBudget` each run gets that many seconds.
 */
export async function sweep(words: readonly string[], base: TrainingConfig, settings: SweepSetting[], callbacks: SweepCallbacks = {}): Promise<SweepResult> {
  if (settings.length === 0) throw new Error('A sweep needs at least one setting.');
  if (settings.length > MAX_SWEEP_RUNS) throw new Error(`A sweep may have at most ${MAX_SWEEP_RUNS} runs (got ${settings.length}).`);
  const configs = settings.map((s) => validateConfig({ ...base, ...s }));
  const runs: SweepRun[] = [];
  let bestResult: TrainResult | null = null;
  let stopped = false;
  for (let index = 0; index < configs.length; index++) {
    if (callbacks.signal?.aborted) {
      stopped = true;
      break;
    }
    const config = configs[index]!;
    const dataset = buildDataset(words, config.blockSize, config.seed);
    const paramCount = countParams(modelShape(dataset, config));
    callbacks.onRunStart?.(index, settings[index]!, config, paramCount);
    const result = await train(dataset, config, {
      signal: callbacks.signal,
      finalSplits: ['train', 'dev'],
      onProgress: (p) => callbacks.onRunProgress?.(index, p),
    });
    // A run cut short by a stop is not comparable with the others: leave it out.
    if (result.stopped) {
      stopped = true;
      break;
    }
    const run: SweepRun = {
      index,
      setting: settings[index]!,
      config,
      paramCount,
      train: result.losses.train!,
      dev: result.losses.dev!,
      steps: result.steps,
      seconds: result.seconds,
      stopped: false,
    };
    runs.push(run);
    if (!bestResult || run.dev < bestResult.losses.dev!) bestResult = result;
    callbacks.onRunEnd?.(run);
  }
  const diagnosis = diagnose(runs);
  const best = runs.length === 0 ? -1 : runs.reduce((b, r, i) => (r.dev < runs[b]!.dev ? i : b), 0);
  return { runs, best, diagnosis, bestResult, stopped };
}

/**
 * Labels each run: `best` (lowest dev loss); `overfit` when dev loss exceeds training loss by
 * more than OVERFIT_GAP and by clearly more than the best run's gap; `underfit` when even the
 * training loss is no lower than the best dev loss and dev is clearly worse than the best (the
 * model cannot fit what it sees); `good` otherwise.
 */
export function diagnose(runs: readonly Pick<SweepRun, 'train' | 'dev'>[]): Diagnosis[] {
  if (runs.length === 0) return [];
  const bestIndex = runs.reduce((b, r, i) => (r.dev < runs[b]!.dev ? i : b), 0);
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
