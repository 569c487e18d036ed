/**
 * The hyperparameter sweep of makemore part 2: train one model per setting (sweepPlan.ts), with
 * one seed (so one split and one initialisation stream), and judge each on the dev split. The
 * test split is never evaluated, so it can't sway the choice.
 */
import type { TrainingConfig } from './config';
import { validateConfig } from './config';
import { buildDataset } from './dataset';
import { countParams } from './model';
import type { PhaseListener, TrainProgress } from './progress';
import { MAX_SWEEP_RUNS, bestRunIndex, diagnose, type Diagnosis, type SweepRun, type SweepSetting } from './sweepPlan';
import { modelShape, train, type TrainResult } from './train';

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
  /** The waits between training steps: building each run's examples, its final evaluation. */
  onPhase?: PhaseListener;
}

/**
 * Trains one model per setting on `words`, each with `base` overridden by the setting. With a
 * time budget in `base.timeBudget` each run gets that many seconds.
 */
export async function sweep(
  words: readonly string[],
  base: TrainingConfig,
  settings: SweepSetting[],
  callbacks: SweepCallbacks = {},
): Promise<SweepResult> {
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
    callbacks.onPhase?.({ phase: 'building', label: `building examples for run ${index + 1} of ${configs.length}` });
    const dataset = buildDataset(words, config.blockSize, config.seed);
    const paramCount = countParams(modelShape(dataset, config));
    callbacks.onRunStart?.(index, settings[index]!, config, paramCount);
    const result = await train(dataset, config, {
      signal: callbacks.signal,
      finalSplits: ['train', 'dev'],
      onProgress: (p) => callbacks.onRunProgress?.(index, p),
      onPhase: callbacks.onPhase,
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
    };
    runs.push(run);
    if (!bestResult || run.dev < bestResult.losses.dev!) bestResult = result;
    callbacks.onRunEnd?.(run);
  }
  const diagnosis = diagnose(runs);
  return { runs, best: bestRunIndex(runs), diagnosis, bestResult, stopped };
}
