import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_DEFAULTS, NUMERIC_SPECS, validateConfig } from '../../../src/core/config';
import { InputError } from '../../../src/core/errors';
import {
  AUTO,
  INSERT_DEFAULTS,
  MOVED_SAMPLING_SETTINGS,
  NAMES_PER_CURSOR,
  SAMPLING_SECTION,
  TRAINING_SECTION,
  movedSettingsControls,
  readInsertSettings,
  readTrainingSettings,
  type SettingsInspector,
  type SettingsReader,
} from '../../../src/extension/settings';
import { DEFAULT_CONTROLS, isGenerateControls } from '../../../src/shared/generateControls';
import { DEFAULT_RUNS_PER_FILE } from '../../../src/extension/runs/runStore';

interface SettingSchema {
  type: string | string[];
  markdownDeprecationMessage?: string;
  default: unknown;
  description: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  enum?: string[];
  items?: { exclusiveMinimum?: number; exclusiveMaximum?: number };
}

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
const properties: Record<string, SettingSchema> = Object.assign(
  {},
  ...(manifest.contributes.configuration as { properties: Record<string, SettingSchema> }[]).map((c) => c.properties),
);
const section = (prefix: string): Record<string, SettingSchema> =>
  Object.fromEntries(
    Object.entries(properties)
      .filter(([k]) => k.startsWith(`${prefix}.`))
      .map(([k, v]) => [k.slice(prefix.length + 1), v]),
  );
const training = section(TRAINING_SECTION);
const sampling = section(SAMPLING_SECTION);

/** What VS Code's getConfiguration(section) returns: the user's values over the defaults. */
function reader(schema: Record<string, SettingSchema>, values: Record<string, unknown> = {}): SettingsReader {
  return { get: <T>(key: string) => (key in values ? values[key] : schema[key]?.default) as T | undefined };
}

const inputError = (pattern: RegExp) => (e: unknown) => e instanceof InputError && pattern.test(e.message);

describe('settings: package.json against the engine', () => {
  it('keeps makemore.models.runsPerFile runs per word list, by default as many as the run store', () => {
    const s = properties['makemore.models.runsPerFile']!;
    assert.equal(s.type, 'integer');
    assert.equal(s.default, DEFAULT_RUNS_PER_FILE);
    assert.equal(s.minimum, 1);
  });

  it('has one training setting per hyperparameter, and no other', () => {
    assert.deepEqual(Object.keys(training).sort(), Object.keys(BASE_DEFAULTS).sort());
  });

  it('gives every numeric hyperparameter the type, bounds and description of NUMERIC_SPECS, unset by default', () => {
    for (const spec of NUMERIC_SPECS) {
      const s = training[spec.key]!;
      assert.ok(s, `makemore.training.${spec.key} is missing`);
      assert.deepEqual(s.type, [spec.integer ? 'integer' : 'number', 'null'], spec.key);
      assert.equal(s.default, null, `${spec.key} defaults to automatic`);
      if (spec.minExclusive) {
        assert.equal(s.exclusiveMinimum, spec.min, spec.key);
        assert.equal(s.minimum, undefined, spec.key);
      } else {
        assert.equal(s.minimum, spec.min, spec.key);
        assert.equal(s.exclusiveMinimum, undefined, spec.key);
      }
      assert.equal(s.maximum, spec.max, spec.key);
      assert.ok(s.description.startsWith(spec.description), `${spec.key}: "${s.description}"`);
      assert.match(s.description, /automatic/);
    }
  });

  it('offers only choices the engine accepts, plus "auto"', () => {
    for (const key of ['optimizer', 'init'] as const) {
      const choices = training[key]!.enum!;
      assert.equal(training[key]!.default, AUTO);
      assert.ok(choices.includes(AUTO));
      for (const choice of choices.filter((c) => c !== AUTO)) {
        assert.doesNotThrow(() => validateConfig({ ...BASE_DEFAULTS, [key]: choice }), `${key}: ${choice}`);
      }
      assert.ok(choices.includes(BASE_DEFAULTS[key]), `${key}: the engine's default is a choice`);
    }
    assert.equal(training.foldCase!.default, BASE_DEFAULTS.foldCase);
    assert.deepEqual(training.lrDrops!.items, { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 });
  });

  it('keeps as sampling settings only what is not a Generate control; the moved ones stay declared, deprecated', () => {
    const kept = Object.keys(sampling).filter((k) => !sampling[k]!.markdownDeprecationMessage);
    assert.deepEqual(kept.sort(), Object.keys(INSERT_DEFAULTS).sort());
    for (const [key, value] of Object.entries(INSERT_DEFAULTS)) assert.deepEqual(sampling[key]!.default, value, key);
    const n = sampling.namesPerCursor!;
    assert.equal(n.type, 'integer');
    assert.equal(n.minimum, NAMES_PER_CURSOR.min);
    assert.equal(n.maximum, NAMES_PER_CURSOR.max);
    // Every moved setting is still declared (the user's value is kept and greyed), pointing to the Generate view.
    const deprecated = Object.keys(sampling).filter((k) => sampling[k]!.markdownDeprecationMessage);
    assert.deepEqual(deprecated.sort(), Object.keys(MOVED_SAMPLING_SETTINGS).sort());
    for (const key of deprecated) assert.match(sampling[key]!.markdownDeprecationMessage!, /\*\*Generate\*\* view/, key);
  });
});

describe('settings: reading', () => {
  it('leaves unset hyperparameters to the engine', () => {
    assert.deepEqual(readTrainingSettings(reader(training)), { foldCase: 'auto' });
  });

  it('passes the values the user set', () => {
    const config = readTrainingSettings(
      reader(training, {
        steps: 300,
        learningRate: 0.01,
        optimizer: 'sgd',
        init: 'auto',
        lrDrops: [0.5],
        foldCase: 'off',
        timeBudget: 0,
        patience: 0,
      }),
    );
    assert.deepEqual(config, {
      steps: 300,
      learningRate: 0.01,
      optimizer: 'sgd',
      lrDrops: [0.5],
      foldCase: 'off',
      timeBudget: 0,
      patience: 0,
    });
    assert.doesNotThrow(() => validateConfig({ ...BASE_DEFAULTS, ...config }));
  });

  it("keeps a user's older foldCase true / false working as on / off", () => {
    assert.equal(readTrainingSettings(reader(training, { foldCase: true })).foldCase, 'on');
    assert.equal(readTrainingSettings(reader(training, { foldCase: false })).foldCase, 'off');
    assert.equal(readTrainingSettings(reader(training, { foldCase: 'on' })).foldCase, 'on');
    assert.throws(
      () => readTrainingSettings(reader(training, { foldCase: 'yes' })),
      inputError(/makemore\.training\.foldCase must be one of auto, on, off/),
    );
  });

  it('names the setting of a bad value (settings.json is not checked by VS Code)', () => {
    assert.throws(
      () => readTrainingSettings(reader(training, { blockSize: 17 })),
      inputError(/^The setting makemore\.training\.blockSize must be at most 16 \(got 17\)\.$/),
    );
    assert.throws(
      () => readTrainingSettings(reader(training, { hiddenSize: 2.5 })),
      inputError(/makemore\.training\.hiddenSize must be a whole number/),
    );
    assert.throws(
      () => readTrainingSettings(reader(training, { learningRate: 0 })),
      inputError(/makemore\.training\.learningRate must be above 0/),
    );
    assert.throws(() => readTrainingSettings(reader(training, { steps: '300' })), inputError(/makemore\.training\.steps must be a number/));
    assert.throws(
      () => readTrainingSettings(reader(training, { optimizer: 'rmsprop' })),
      inputError(/makemore\.training\.optimizer must be one of auto, adam, sgd/),
    );
    assert.throws(() => readTrainingSettings(reader(training, { lrDrops: [0.5, 1] })), inputError(/makemore\.training\.lrDrops/));
  });

  it('reads the settings of Insert Sampled Name with their defaults and bounds', () => {
    assert.deepEqual(readInsertSettings(reader(sampling)), INSERT_DEFAULTS);
    // A moved setting is not read: it no longer changes what Insert does.
    assert.deepEqual(readInsertSettings(reader(sampling, { namesPerCursor: 2, prefixFromSelection: true, temperature: 0.5 })), {
      namesPerCursor: 2,
      prefixFromSelection: true,
    });
    assert.throws(
      () => readInsertSettings(reader(sampling, { namesPerCursor: 0 })),
      inputError(/makemore\.sampling\.namesPerCursor must be at least 1/),
    );
  });
});

/** A settings source as `inspect` sees it: values set for the user and in the workspace. */
function inspector(user: Record<string, unknown>, workspace: Record<string, unknown> = {}): SettingsInspector {
  return {
    inspect: <T>(key: string) => ({ globalValue: user[key] as T | undefined, workspaceValue: workspace[key] as T | undefined }),
  };
}

describe('settings: the sampling settings that became Generate controls', () => {
  it('reads nothing when the user set none of them (defaults in package.json do not count)', () => {
    assert.equal(movedSettingsControls(inspector({ namesPerCursor: 3 })), undefined);
  });

  it('turns each one the user set into its control, the workspace value over the user one', () => {
    const moved = movedSettingsControls(
      inspector(
        {
          temperature: 0.8,
          topK: 5,
          novelOnly: false,
          minLength: 4,
          maxLength: null,
          startsWith: ' ka ',
          endsWith: 'a',
          contains: ['i', ' e '],
          excludes: ['q'],
          minEdits: 2,
        },
        { topK: 7 },
      ),
    );
    assert.ok(moved);
    assert.deepEqual(moved.controls, {
      ...DEFAULT_CONTROLS,
      temperature: 0.8,
      topK: '7',
      newOnly: false,
      minLength: '4',
      maxLength: '',
      startsWith: 'ka',
      endsWith: 'a',
      contains: 'i, e',
      excludes: 'q',
      minEdits: 2,
    });
    assert.ok(isGenerateControls(moved.controls));
    assert.equal(moved.taken.length, 10);
    assert.ok(moved.taken.includes('makemore.sampling.topK = 7'));
    assert.deepEqual(moved.notTaken, []);
  });

  it('says which values it could not take as they are, and keeps the controls valid', () => {
    const moved = movedSettingsControls(inspector({ temperature: 5, minEdits: 9, contains: 'ab' }));
    assert.ok(moved);
    assert.equal(moved.controls.temperature, 2);
    assert.equal(moved.controls.minEdits, 0);
    assert.equal(moved.controls.contains, '');
    assert.ok(isGenerateControls(moved.controls));
    assert.deepEqual(moved.taken, ['makemore.sampling.temperature = 5']);
    assert.equal(moved.notTaken.length, 3);
    assert.match(moved.notTaken.join('\n'), /temperature = 5: the creativity slider goes from 0.2 to 2, so it is 2/);
    assert.match(moved.notTaken.join('\n'), /minEdits = 9: not a value/);
  });
});
