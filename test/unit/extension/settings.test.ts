import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BASE_DEFAULTS, NUMERIC_SPECS, validateConfig } from '../../../src/core/config';
import { InputError } from '../../../src/core/errors';
import {
  AUTO,
  SAMPLING_DEFAULTS,
  SAMPLING_SECTION,
  SAMPLING_SPECS,
  TRAINING_SECTION,
  readSamplingSettings,
  readTrainingSettings,
  samplingRequest,
  samplingSettingOf,
  type SettingsReader,
} from '../../../src/extension/settings';
import { DEFAULT_RUNS_PER_FILE } from '../../../src/extension/runs/runStore';

interface SettingSchema {
  type: string | string[];
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

  it('gives the sampling settings the bounds and defaults the extension checks', () => {
    assert.deepEqual(Object.keys(sampling).sort(), Object.keys(SAMPLING_DEFAULTS).sort());
    for (const [key, value] of Object.entries(SAMPLING_DEFAULTS)) assert.deepEqual(sampling[key]!.default, value, key);
    for (const spec of SAMPLING_SPECS) {
      const s = sampling[spec.key]!;
      const type = spec.integer ? 'integer' : 'number';
      assert.deepEqual(s.type, spec.nullable ? [type, 'null'] : type, spec.key);
      assert.equal(spec.minExclusive ? s.exclusiveMinimum : s.minimum, spec.min, spec.key);
      assert.equal(s.maximum, spec.max, spec.key);
    }
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

  it('reads the sampling settings with their defaults and bounds', () => {
    assert.deepEqual(readSamplingSettings(reader(sampling)), SAMPLING_DEFAULTS);
    assert.deepEqual(readSamplingSettings(reader(sampling, { temperature: 0.5, topK: 3, novelOnly: false, namesPerCursor: 2 })), {
      ...SAMPLING_DEFAULTS,
      temperature: 0.5,
      topK: 3,
      novelOnly: false,
      namesPerCursor: 2,
    });
    assert.throws(
      () => readSamplingSettings(reader(sampling, { temperature: 0 })),
      inputError(/makemore\.sampling\.temperature must be above 0/),
    );
    assert.throws(
      () => readSamplingSettings(reader(sampling, { namesPerCursor: 0 })),
      inputError(/makemore\.sampling\.namesPerCursor must be at least 1/),
    );
  });

  it('reads the constraint settings, and turns them into the request Insert Sampled Name generates', () => {
    const settings = readSamplingSettings(
      reader(sampling, {
        minLength: 5,
        maxLength: 7,
        startsWith: ' ka ',
        endsWith: 'a',
        contains: ['i', ' '],
        excludes: ['q', 'zz'],
        minEdits: 2,
        novelOnly: false,
      }),
    );
    assert.deepEqual(
      { ...settings },
      {
        ...SAMPLING_DEFAULTS,
        minLength: 5,
        maxLength: 7,
        startsWith: 'ka',
        endsWith: 'a',
        contains: ['i'],
        excludes: ['q', 'zz'],
        minEdits: 2,
        novelOnly: false,
      },
    );
    assert.deepEqual(samplingRequest(settings, 3), {
      count: 3,
      temperature: 1,
      topK: 0,
      newOnly: false,
      minEdits: 2,
      minLength: 5,
      maxLength: 7,
      startsWith: 'ka',
      endsWith: 'a',
      contains: ['i'],
      excludes: ['q', 'zz'],
    });
    // The selection replaces the setting's start; the defaults ask for nothing but new names.
    assert.equal(samplingRequest(settings, 1, 'br').startsWith, 'br');
    assert.deepEqual(samplingRequest(SAMPLING_DEFAULTS, 2), { count: 2, temperature: 1, topK: 0, newOnly: true, minEdits: 0 });
    assert.equal(samplingSettingOf('endsWith'), 'makemore.sampling.endsWith');
    assert.equal(samplingSettingOf('count'), 'makemore.sampling.namesPerCursor');
  });

  it('names a bad constraint setting', () => {
    assert.throws(
      () => readSamplingSettings(reader(sampling, { maxLength: 200 })),
      inputError(/makemore\.sampling\.maxLength must be at most 128/),
    );
    assert.throws(
      () => readSamplingSettings(reader(sampling, { minEdits: 4 })),
      inputError(/makemore\.sampling\.minEdits must be at most 3/),
    );
    assert.throws(
      () => readSamplingSettings(reader(sampling, { contains: 'ab' })),
      inputError(/makemore\.sampling\.contains must be a list of texts/),
    );
    assert.throws(
      () => readSamplingSettings(reader(sampling, { startsWith: 3 })),
      inputError(/makemore\.sampling\.startsWith must be text/),
    );
  });
});
