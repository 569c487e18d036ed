/**
 * The extension's settings (package.json `contributes.configuration`, checked against this
 * module and core/config.ts by a unit test):
 *
 * - `makemore.training.*`: one setting per hyperparameter of core/config.ts `TrainingConfig`.
 *   An unset value (null, or "auto") is left out of the training request, so the engine picks it
 *   for the size of the word list (`prepareConfigured` → `defaultsFor`).
 * - `makemore.sampling.*`: how Insert Sampled Name and the panel's samples draw names.
 *
 * Values come from settings.json, which the Settings editor's bounds do not guard, so they are
 * checked here and a bad one is named in the message.
 */
import { FOLD_CASE_CHOICES, normalizeFoldCase } from '../core/casing';
import { NUMERIC_SPECS, checkValue, type NumericSpec, type TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';

export const TRAINING_SECTION = 'makemore.training';
export const SAMPLING_SECTION = 'makemore.sampling';

/** Reads one section's values (`vscode.WorkspaceConfiguration` is one). */
export interface SettingsReader {
  get<T>(key: string): T | undefined;
}

/** Values of the string settings that mean "let the engine choose". */
export const AUTO = 'auto';

const ENUMS = {
  optimizer: ['adam', 'sgd'],
  init: ['scaled', 'randn'],
} as const satisfies Partial<Record<keyof TrainingConfig, readonly string[]>>;

/** The hyperparameters the user set; the rest are left to the engine. Throws InputError. */
export function readTrainingSettings(settings: SettingsReader): Partial<TrainingConfig> {
  const config: Partial<TrainingConfig> = {};
  const name = (key: string): string => `The setting ${TRAINING_SECTION}.${key}`;
  for (const spec of NUMERIC_SPECS) {
    const value = settings.get<unknown>(spec.key);
    if (value === null || value === undefined) continue;
    const problem = checkValue(spec, typeof value === 'number' ? value : NaN, name(spec.key));
    if (problem) throw new InputError(problem);
    config[spec.key] = value as number;
  }
  for (const key of Object.keys(ENUMS) as (keyof typeof ENUMS)[]) {
    const value = settings.get<unknown>(key);
    if (value === null || value === undefined || value === AUTO) continue;
    const allowed: readonly unknown[] = ENUMS[key];
    if (!allowed.includes(value)) {
      throw new InputError(`${name(key)} must be one of ${[AUTO, ...ENUMS[key]].join(', ')} (got ${JSON.stringify(value)}).`);
    }
    Object.assign(config, { [key]: value });
  }
  const drops = settings.get<unknown>('lrDrops');
  if (drops !== null && drops !== undefined) {
    if (!Array.isArray(drops) || !drops.every((d) => typeof d === 'number' && d > 0 && d < 1)) {
      throw new InputError(`${name('lrDrops')} must be a list of fractions between 0 and 1, e.g. [0.6, 0.85].`);
    }
    config.lrDrops = drops;
  }
  // auto / on / off; a user's older true / false still means on / off.
  const foldCase = settings.get<unknown>('foldCase');
  if (foldCase !== null && foldCase !== undefined) {
    const mode = normalizeFoldCase(foldCase);
    if (!mode) throw new InputError(`${name('foldCase')} must be one of ${FOLD_CASE_CHOICES.join(', ')} (got ${JSON.stringify(foldCase)}).`);
    config.foldCase = mode;
  }
  return config;
}

export interface SamplingSettings {
  temperature: number;
  topK: number;
  novelOnly: boolean;
  namesPerCursor: number;
  prefixFromSelection: boolean;
}

type SamplingNumber = 'temperature' | 'topK' | 'namesPerCursor';

/** Bounds of the numeric sampling settings (the same as in package.json). */
export const SAMPLING_SPECS: readonly (Pick<NumericSpec, 'integer' | 'min' | 'minExclusive' | 'max'> & { key: SamplingNumber })[] = [
  { key: 'temperature', integer: false, min: 0, minExclusive: true, max: 10 },
  { key: 'topK', integer: true, min: 0, max: 1000 },
  { key: 'namesPerCursor', integer: true, min: 1, max: 100 },
];

export const SAMPLING_DEFAULTS: SamplingSettings = {
  temperature: 1,
  topK: 0,
  novelOnly: true,
  namesPerCursor: 1,
  prefixFromSelection: false,
};

/** The sampling settings, defaults filled in. Throws InputError. */
export function readSamplingSettings(settings: SettingsReader): SamplingSettings {
  const out = { ...SAMPLING_DEFAULTS };
  for (const spec of SAMPLING_SPECS) {
    const value = settings.get<unknown>(spec.key);
    if (value === null || value === undefined) continue;
    const problem = checkValue({ ...spec, flag: spec.key }, typeof value === 'number' ? value : NaN, `The setting ${SAMPLING_SECTION}.${spec.key}`);
    if (problem) throw new InputError(problem);
    out[spec.key] = value as number;
  }
  for (const key of ['novelOnly', 'prefixFromSelection'] as const) {
    const value = settings.get<unknown>(key);
    if (typeof value === 'boolean') out[key] = value;
  }
  return out;
}
