/**
 * The choices of a sweep and of the learning-rate finder, checked: the values typed in the
 * sweep's quick picks, and the argument object the two commands accept (from keybindings,
 * other extensions and tests) instead of asking:
 *
 *   makemore.sweep             { "vary": { "hiddenSize": [8, 32], "blockSize": "preset" },
 *                                "timeBudget": 10, "steps": 500 }
 *   makemore.findLearningRate  { "steps": 1000, "minLr": 1e-5, "maxLr": 0.1 }
 *
 * Values are checked against the hyperparameters' bounds (core/config.ts NUMERIC_SPECS); a bad
 * one throws an InputError that names it. No VS Code here, so it is unit-tested.
 */
import { BASE_DEFAULTS, NUMERIC_SPECS, checkValue, type NumericSpec } from '../../core/config';
import { InputError } from '../../core/errors';
import { defaultLrRange } from '../../core/lrFindPlan';
import { MAX_SWEEP_RUNS, SWEEP_KEYS, SWEEP_LABELS, SWEEP_PRESETS, sweepSettings } from '../../core/sweepPlan';
import type { SweepKey } from '../../core/sweepPlan';
import type { TrainingConfig } from '../../core/config';

export type SweepValues = Partial<Record<SweepKey, number[]>>;

export interface SweepPlan {
  /** The values of each varied hyperparameter; the runs are every combination. */
  vary: SweepValues;
  /** Seconds per run (0: no limit, and `steps` ends each run). */
  timeBudget: number;
  /** Steps per run; unset, a run ends on its time budget. */
  steps?: number;
}

/** The time budgets per run offered, in seconds. */
export const SWEEP_TIME_BUDGETS: readonly number[] = [5, 10, 20, 30, 60];
export const DEFAULT_SWEEP_TIME_BUDGET = 10;

function spec(key: NumericSpec['key']): NumericSpec {
  return NUMERIC_SPECS.find((s) => s.key === key)!;
}

/** Steps of a run that ends on its time budget: the most there may be. */
const UNTIL_TIME_IS_UP = spec('steps').max;

/** How many runs a sweep of these values has (every combination). */
export function sweepRunCount(vary: SweepValues): number {
  return sweepSettings(vary).length;
}

function tooMany(runs: number): string | undefined {
  return runs > MAX_SWEEP_RUNS ? `That makes ${runs} runs; a sweep may have at most ${MAX_SWEEP_RUNS}.` : undefined;
}

/** Checks values of `key`: whole numbers within its bounds; returns them sorted, each once. */
function checkValues(key: SweepKey, values: readonly unknown[], name: string): number[] {
  if (values.length === 0) throw new InputError(`${name} needs at least one value.`);
  for (const v of values) {
    const problem = checkValue(spec(key), typeof v === 'number' ? v : NaN, name);
    if (problem) throw new InputError(typeof v === 'number' ? problem : `${name}: ${JSON.stringify(v)} is not a number.`);
  }
  return [...new Set(values as number[])].sort((a, b) => a - b);
}

/**
 * The values typed for `key` ("8, 16, 32": commas or spaces between them), sorted, each once.
 * `otherRuns` is the number of combinations of the other varied settings: the product must stay
 * within MAX_SWEEP_RUNS. Throws InputError.
 */
export function parseSweepValues(key: SweepKey, text: string, otherRuns = 1): number[] {
  const tokens = text.split(/[\s,;]+/).filter((t) => t.length > 0);
  const values = checkValues(
    key,
    tokens.map((t) => (Number.isNaN(Number(t)) ? t : Number(t))),
    SWEEP_LABELS[key].title,
  );
  const problem = tooMany(otherRuns * values.length);
  if (problem) throw new InputError(problem);
  return values;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function checkKeys(what: string, object: Record<string, unknown>, allowed: readonly string[]): void {
  const unknown = Object.keys(object).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw new InputError(`${what} has no "${unknown}"; it takes ${allowed.join(', ')}.`);
}

/** A number option of an argument object checked against `bounds`, or undefined when absent. */
function optionalNumber(object: Record<string, unknown>, key: string, bounds: Parameters<typeof checkValue>[0]): number | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  const problem = checkValue(bounds, typeof value === 'number' ? value : NaN, key);
  if (problem) throw new InputError(problem);
  return value as number;
}

/** The sweep command's argument object, checked (see the top of this file). Throws InputError. */
export function parseSweepArgs(arg: unknown): SweepPlan {
  if (!isRecord(arg))
    throw new InputError('The sweep takes an object such as { "vary": { "hiddenSize": [50, 100, 200] }, "timeBudget": 10 }.');
  checkKeys('The sweep', arg, ['vary', 'timeBudget', 'steps']);
  const vary = arg.vary;
  if (!isRecord(vary) || Object.keys(vary).length === 0) {
    throw new InputError(`The sweep needs "vary": the values of one or more of ${SWEEP_KEYS.join(', ')}.`);
  }
  checkKeys('"vary"', vary, SWEEP_KEYS);
  const values: SweepValues = {};
  for (const key of SWEEP_KEYS) {
    const given = vary[key];
    if (given === undefined) continue;
    if (given !== 'preset' && !Array.isArray(given)) throw new InputError(`vary.${key} must be a list of numbers or "preset".`);
    values[key] = given === 'preset' ? [...SWEEP_PRESETS[key]] : checkValues(key, given, `vary.${key}`);
  }
  const problem = tooMany(sweepRunCount(values));
  if (problem) throw new InputError(problem);
  const steps = optionalNumber(arg, 'steps', spec('steps'));
  const timeBudget = optionalNumber(arg, 'timeBudget', spec('timeBudget')) ?? DEFAULT_SWEEP_TIME_BUDGET;
  if (timeBudget === 0 && steps === undefined) throw new InputError('A sweep without a time budget (timeBudget 0) needs "steps".');
  return { vary: values, timeBudget, ...(steps !== undefined ? { steps } : {}) };
}

/**
 * The configuration every run of the sweep starts from: the user's training settings, with the
 * plan's time budget and steps. By default a run ends when its time is up, however many steps
 * the settings ask for, so every run gets the same time.
 */
export function sweepBaseConfig(settings: Partial<TrainingConfig>, plan: SweepPlan): Partial<TrainingConfig> {
  return { ...settings, timeBudget: plan.timeBudget, steps: plan.steps ?? UNTIL_TIME_IS_UP };
}

export interface LrFindPlan {
  steps: number;
  minLr: number;
  maxLr: number;
}

/** Steps of the learning-rate finder: the notebook's 1000 by default (bounds as the CLI's). */
export const DEFAULT_LR_FIND_STEPS = 1000;
const LR_FIND_STEP_BOUNDS = { flag: 'lr-steps', integer: true, min: 10, max: 100_000 };

/**
 * The learning-rate finder's argument object (none: the defaults), checked, with the range of
 * `optimizer` filling in what it leaves out ('auto' is the engine's default optimizer).
 * Throws InputError.
 */
export function parseLrFindArgs(arg: unknown, optimizer: TrainingConfig['optimizer'] | undefined): LrFindPlan {
  if (arg !== undefined && !isRecord(arg))
    throw new InputError('The learning-rate finder takes an object such as { "steps": 1000, "minLr": 1e-5, "maxLr": 0.1 }.');
  const options = arg ?? {};
  checkKeys('The learning-rate finder', options, ['steps', 'minLr', 'maxLr']);
  const steps = optionalNumber(options, 'steps', LR_FIND_STEP_BOUNDS) ?? DEFAULT_LR_FIND_STEPS;
  const [defaultMin, defaultMax] = defaultLrRange(optimizer ?? BASE_DEFAULTS.optimizer);
  const minLr = optionalNumber(options, 'minLr', spec('learningRate')) ?? defaultMin;
  const maxLr = optionalNumber(options, 'maxLr', spec('learningRate')) ?? defaultMax;
  if (!(minLr < maxLr)) throw new InputError(`minLr must be below maxLr (got ${minLr} and ${maxLr}).`);
  return { steps, minLr, maxLr };
}
