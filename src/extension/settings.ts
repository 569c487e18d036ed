/**
 * The extension's settings (package.json `contributes.configuration`, checked against this
 * module and core/config.ts by a unit test):
 *
 * - `makemore.training.*`: one setting per hyperparameter of core/config.ts `TrainingConfig`.
 *   An unset value (null, or "auto") is left out of the training request, so the engine picks it
 *   for the size of the word list (`prepareConfigured` → `defaultsFor`).
 * - `makemore.sampling.*`: what Insert Sampled Name does that the Generate controls do not say
 *   (names per cursor, the selection as the start). How names are drawn is the list's Generate
 *   controls (generation/generateControlsStore.ts); the settings of earlier versions that were
 *   controls are read once into them (movedSettingsControls).
 *
 * Values come from settings.json, which the Settings editor's bounds do not guard, so they are
 * checked here and a bad one is named in the message.
 */
import { FOLD_CASE_CHOICES, normalizeFoldCase } from '../core/casing';
import { NUMERIC_SPECS, checkValue, type TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';
import { assertNever } from '../shared/assertNever';
import { DEFAULT_CONTROLS, MIN_EDITS, TEMPERATURE, type GenerateControls } from '../shared/generateControls';

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
 * What Insert Sampled Name does that the Generate controls do not say: how many names per cursor,
 * and whether the selected text starts them. (How it draws names — creativity, top-k, new only,
 * lengths, starts / ends with, contains, excludes, edits — is the list's Generate controls:
 * generation/generateControlsStore.ts `latest`.)
 */
export interface InsertSettings {
  namesPerCursor: number;
  /** The selected text starts the names (instead of the controls' "starts with"). */
  prefixFromSelection: boolean;
}

/** Bounds of namesPerCursor (the same as in package.json). */
export const NAMES_PER_CURSOR = { key: 'namesPerCursor', integer: true, min: 1, max: 100 } as const;

export const INSERT_DEFAULTS: InsertSettings = { namesPerCursor: 1, prefixFromSelection: false };

/** The settings of Insert Sampled Name, defaults filled in. Throws InputError. */
export function readInsertSettings(settings: SettingsReader): InsertSettings {
  const out: InsertSettings = { ...INSERT_DEFAULTS };
  const value = settings.get<unknown>('namesPerCursor');
  if (value !== null && value !== undefined) {
    const name = `The setting ${SAMPLING_SECTION}.namesPerCursor`;
    const problem = checkValue({ ...NAMES_PER_CURSOR, flag: 'namesPerCursor' }, typeof value === 'number' ? value : NaN, name);
    if (problem) throw new InputError(problem);
    out.namesPerCursor = value as number;
  }
  const prefix = settings.get<unknown>('prefixFromSelection');
  if (typeof prefix === 'boolean') out.prefixFromSelection = prefix;
  return out;
}

/**
 * The `makemore.sampling.*` settings of earlier versions that were Generate controls, and the
 * control each became. They stay declared (deprecated, so the Settings editor greys them and the
 * user's values stay in settings.json); movedSettingsControls reads them once.
 */
export const MOVED_SAMPLING_SETTINGS = {
  temperature: 'temperature',
  topK: 'topK',
  novelOnly: 'newOnly',
  minLength: 'minLength',
  maxLength: 'maxLength',
  startsWith: 'startsWith',
  endsWith: 'endsWith',
  contains: 'contains',
  excludes: 'excludes',
  minEdits: 'minEdits',
} as const satisfies Record<string, keyof GenerateControls>;
export type MovedSetting = keyof typeof MOVED_SAMPLING_SETTINGS;

/** Where a setting was set (`vscode.WorkspaceConfiguration.inspect` gives this). */
export interface SettingsInspector {
  inspect<T>(key: string): { globalValue?: T; workspaceValue?: T; workspaceFolderValue?: T } | undefined;
}

/** What the moved settings the user set make of the Generate controls. */
export interface MovedSettings {
  controls: GenerateControls;
  /** "makemore.sampling.temperature = 0.8", one per setting taken. */
  taken: string[];
  /** The settings that could not be taken as they are, and why. */
  notTaken: string[];
}

/**
 * The Generate controls the moved settings stand for (on top of `base`), or undefined when the
 * user set none of them, in the workspace or for the user (a workspace's value wins).
 */
export function movedSettingsControls(settings: SettingsInspector, base: GenerateControls = DEFAULT_CONTROLS): MovedSettings | undefined {
  const controls: GenerateControls = { ...base };
  const taken: string[] = [];
  const notTaken: string[] = [];
  for (const key of Object.keys(MOVED_SAMPLING_SETTINGS) as MovedSetting[]) {
    const where = settings.inspect<unknown>(key);
    const value = where?.workspaceFolderValue ?? where?.workspaceValue ?? where?.globalValue;
    if (value === undefined) continue;
    const name = `${SAMPLING_SECTION}.${key}`;
    const text = (v: unknown): string | undefined =>
      v === null ? '' : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? String(v) : typeof v === 'string' ? v.trim() : undefined;
    const field = MOVED_SAMPLING_SETTINGS[key];
    let ok = true;
    switch (field) {
      case 'temperature': {
        if (typeof value !== 'number' || !(value > 0)) ok = false;
        else {
          controls.temperature = Math.min(TEMPERATURE.max, Math.max(TEMPERATURE.min, value));
          if (controls.temperature !== value)
            notTaken.push(
              `${name} = ${value}: the creativity slider goes from ${TEMPERATURE.min} to ${TEMPERATURE.max}, so it is ${controls.temperature}`,
            );
        }
        break;
      }
      case 'newOnly':
        if (typeof value !== 'boolean') ok = false;
        else controls.newOnly = value;
        break;
      case 'minEdits':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < MIN_EDITS.min || value > MIN_EDITS.max) ok = false;
        else controls.minEdits = value;
        break;
      case 'contains':
      case 'excludes':
        if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) ok = false;
        else
          controls[field] = value
            .map((v: string) => v.trim())
            .filter(Boolean)
            .join(', ');
        break;
      case 'topK':
      case 'minLength':
      case 'maxLength':
      case 'startsWith':
      case 'endsWith': {
        const t = text(value);
        if (t === undefined) ok = false;
        else controls[field] = t;
        break;
      }
      default:
        assertNever(field, 'moved setting');
    }
    if (ok) taken.push(`${name} = ${JSON.stringify(value)}`);
    else notTaken.push(`${name} = ${JSON.stringify(value)}: not a value the Generate view takes`);
  }
  return taken.length || notTaken.length ? { controls, taken, notTaken } : undefined;
}
