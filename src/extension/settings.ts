/**
 * The extension's settings (package.json `contributes.configuration`, checked against this
 * module and core/config.ts by a unit test):
 *
 * - `makemore.training.*`: one setting per hyperparameter of core/config.ts `TrainingConfig`.
 *   An unset value (null, or "auto") is left out of the training request, so the engine picks it
 *   for the size of the word list (`prepareConfigured` → `defaultsFor`).
 * - `makemore.sampling.*`: how Insert Sampled Name draws names — the model's temperature and
 *   top-k, and the constraints of core/constraints.ts (the panel's samples take the model's
 *   settings and novelty only: commands.ts moreSamples).
 *
 * Values come from settings.json, which the Settings editor's bounds do not guard, so they are
 * checked here and a bad one is named in the message.
 */
import { FOLD_CASE_CHOICES, normalizeFoldCase } from '../core/casing';
import { NUMERIC_SPECS, checkValue, type NumericSpec, type TrainingConfig } from '../core/config';
import { MAX_MIN_EDITS, type ConstraintField, type GenerateRequest } from '../core/constraints';
import { InputError } from '../core/errors';
import { MAX_LINE_LENGTH } from '../core/wordlist';

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
  outputLayer: ['flat', 'factored'],
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
    if (!mode)
      throw new InputError(`${name('foldCase')} must be one of ${FOLD_CASE_CHOICES.join(', ')} (got ${JSON.stringify(foldCase)}).`);
    config.foldCase = mode;
  }
  return config;
}

/**
 * How Insert Sampled Name draws names: the model's settings (temperature, top-k), how many names
 * per cursor, and the constraints of core/constraints.ts — the same ones the Generate views and
 * Generate Names ask for. (The panel's samples use the model's settings and novelty only.)
 */
export interface SamplingSettings {
  temperature: number;
  topK: number;
  /** Only names that are not in the training list (the request's `newOnly`). */
  novelOnly: boolean;
  namesPerCursor: number;
  /** The selected text starts the names (instead of `startsWith`). */
  prefixFromSelection: boolean;
  /** null: the list's own shortest / longest name. */
  minLength: number | null;
  maxLength: number | null;
  startsWith: string;
  endsWith: string;
  contains: string[];
  excludes: string[];
  minEdits: number;
}

type SamplingNumber = 'temperature' | 'topK' | 'namesPerCursor' | 'minLength' | 'maxLength' | 'minEdits';

/** Bounds of the numeric sampling settings (the same as in package.json); `nullable`: null means the list's own. */
export const SAMPLING_SPECS: readonly (Pick<NumericSpec, 'integer' | 'min' | 'minExclusive' | 'max'> & {
  key: SamplingNumber;
  nullable?: boolean;
})[] = [
  { key: 'temperature', integer: false, min: 0, minExclusive: true, max: 10 },
  { key: 'topK', integer: true, min: 0, max: 1000 },
  { key: 'namesPerCursor', integer: true, min: 1, max: 100 },
  { key: 'minLength', integer: true, min: 1, max: MAX_LINE_LENGTH, nullable: true },
  { key: 'maxLength', integer: true, min: 1, max: MAX_LINE_LENGTH, nullable: true },
  { key: 'minEdits', integer: true, min: 0, max: MAX_MIN_EDITS },
];

export const SAMPLING_DEFAULTS: SamplingSettings = {
  temperature: 1,
  topK: 0,
  novelOnly: true,
  namesPerCursor: 1,
  prefixFromSelection: false,
  minLength: null,
  maxLength: null,
  startsWith: '',
  endsWith: '',
  contains: [],
  excludes: [],
  minEdits: 0,
};

/** The sampling settings, defaults filled in. Throws InputError. */
export function readSamplingSettings(settings: SettingsReader): SamplingSettings {
  const out: SamplingSettings = { ...SAMPLING_DEFAULTS, contains: [], excludes: [] };
  const name = (key: string): string => `The setting ${SAMPLING_SECTION}.${key}`;
  for (const spec of SAMPLING_SPECS) {
    const value = settings.get<unknown>(spec.key);
    if (value === null || value === undefined) continue;
    const problem = checkValue({ ...spec, flag: spec.key }, typeof value === 'number' ? value : NaN, name(spec.key));
    if (problem) throw new InputError(problem);
    out[spec.key] = value as number;
  }
  for (const key of ['novelOnly', 'prefixFromSelection'] as const) {
    const value = settings.get<unknown>(key);
    if (typeof value === 'boolean') out[key] = value;
  }
  for (const key of ['startsWith', 'endsWith'] as const) {
    const value = settings.get<unknown>(key);
    if (value === null || value === undefined) continue;
    if (typeof value !== 'string') throw new InputError(`${name(key)} must be text (got ${JSON.stringify(value)}).`);
    out[key] = value.trim();
  }
  for (const key of ['contains', 'excludes'] as const) {
    const value = settings.get<unknown>(key);
    if (value === null || value === undefined) continue;
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new InputError(`${name(key)} must be a list of texts, e.g. ["a", "ie"] (got ${JSON.stringify(value)}).`);
    }
    out[key] = value.map((v: string) => v.trim()).filter((v) => v.length > 0);
  }
  return out;
}

/**
 * The generation request of the sampling settings for `count` names; `startsWith` replaces the
 * setting's (the selected text, with prefixFromSelection).
 */
export function samplingRequest(settings: SamplingSettings, count: number, startsWith = settings.startsWith): GenerateRequest {
  return {
    count,
    temperature: settings.temperature,
    topK: settings.topK,
    newOnly: settings.novelOnly,
    minEdits: settings.minEdits,
    ...(settings.minLength !== null ? { minLength: settings.minLength } : {}),
    ...(settings.maxLength !== null ? { maxLength: settings.maxLength } : {}),
    ...(startsWith ? { startsWith } : {}),
    ...(settings.endsWith ? { endsWith: settings.endsWith } : {}),
    ...(settings.contains.length ? { contains: settings.contains } : {}),
    ...(settings.excludes.length ? { excludes: settings.excludes } : {}),
  };
}

/** The sampling setting behind a request field, for messages ("makemore.sampling.endsWith"). */
export function samplingSettingOf(field: ConstraintField): string {
  const key: Partial<Record<ConstraintField, keyof SamplingSettings>> = { count: 'namesPerCursor' };
  return `${SAMPLING_SECTION}.${key[field] ?? field}`;
}
