import * as assert from 'node:assert/strict';
import { initBackend } from '../../../src/core/backend';
import {
  decideCasing,
  describeCasing,
  detectCasing,
  foldCase,
  normalizeFoldCase,
  restoreCase,
  type CasePattern,
} from '../../../src/core/casing';
import { decodeCheckpoint, encodeCheckpoint } from '../../../src/core/checkpoint';
import { generateNames, generatorModelOf } from '../../../src/core/generate';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { prepareConfigured, toCheckpoint } from '../../../src/core/pipeline';
import { sampleWords, samplingModelOf } from '../../../src/core/sample';
import { train } from '../../../src/core/train';
import { namesList } from '../helpers/data';
import { dogNames, pokemonNames } from '../../../bench/listData';

/** A word follows a pattern when restoring it on the folded word gives the word back. */
const follows = (w: string, p: CasePattern): boolean => restoreCase(foldCase(w), p) === w;

describe('casing: detection and restoration', () => {
  it('restores lower, UPPER and Title Case (per word: after spaces and hyphens)', () => {
    assert.equal(restoreCase('mary-jane van der berg', 'title'), 'Mary-Jane Van Der Berg');
    assert.equal(restoreCase('éhyydee', 'title'), 'Éhyydee');
    assert.equal(restoreCase("o'brien 2nd", 'title'), "O'brien 2Nd");
    assert.equal(restoreCase('zoé', 'upper'), 'ZOÉ');
    assert.equal(restoreCase('ZoÉ', 'lower'), 'zoé');
    assert.equal(restoreCase('McDonald', 'mixed'), 'McDonald');
    assert.equal(restoreCase('名前', 'title'), '名前');
  });

  it('detects the pattern of real lists: names.txt lower, dog names and Pokémon Title Case', () => {
    assert.deepEqual(detectCasing(namesList()).pattern, 'lower');
    const dogs = detectCasing(dogNames());
    assert.equal(dogs.pattern, 'title');
    assert.equal(dogs.share, 1);
    const pokemon = detectCasing(pokemonNames());
    assert.equal(pokemon.pattern, 'title');
    assert.ok(pokemon.share >= 0.95 && pokemon.share < 1, `${pokemon.share}: a few exceptions such as Jangmo-o`);
    assert.equal(detectCasing(['ANNA', 'BOB', 'ÉLODIE', 'X-RAY']).pattern, 'upper');
  });

  it('needs 95% of the cased items in one pattern; words without case do not count', () => {
    const title = Array.from({ length: 96 }, (_, i) => `Name${String.fromCharCode(97 + (i % 26))}`);
    assert.equal(detectCasing([...title, 'mixED', 'lower', 'UPPER', 'abc']).pattern, 'title');
    assert.equal(detectCasing([...title.slice(0, 90), ...Array(10).fill('McDonald')]).pattern, 'mixed');
    assert.equal(detectCasing(['Anna', 'Bob', '123', '名前', '___']).share, 1);
  });

  it('a large list decides about case on a sample read in the format the user chose', () => {
    // Read as lines, "x,Bella" is neither lower nor Title Case; read as CSV, its first column is lower case.
    const names = namesList()
      .slice(0, 2000)
      .map((n) => n[0]!.toUpperCase() + n.slice(1));
    const lines: string[] = [];
    for (let length = 0, i = 0; length < 2_100_000; i++) {
      const line = `x,${names[i % names.length]}${Math.floor(i / names.length)}`;
      lines.push(line);
      length += line.length + 1;
    }
    const { data } = prepareConfigured(lines.join('\n') + '\n', { ...BASE_DEFAULTS, steps: 1 }, { format: 'lines' });
    assert.equal(data.listReading.format, 'lines');
    assert.equal(data.casing.pattern, 'mixed');
    assert.equal(data.casing.folded, false);
  });

  it('auto folds a one-pattern list and restores it; on always folds; off never does', () => {
    const dogs = dogNames();
    assert.deepEqual(decideCasing(dogs, 'auto'), { pattern: 'title', share: 1, folded: true, restored: true });
    assert.deepEqual(decideCasing(dogs, 'off'), { pattern: 'title', share: 1, folded: false, restored: false });
    const mixed = ['McDonald', 'anna', 'BOB', 'Carl'];
    assert.equal(decideCasing(mixed, 'auto').folded, false);
    assert.deepEqual(decideCasing(mixed, 'on'), { pattern: 'mixed', share: 0.25, folded: true, restored: false });
    assert.equal(describeCasing(decideCasing(dogs, 'auto')), 'casing: Title Case, restored');
    assert.equal(describeCasing(decideCasing(mixed, 'auto')), 'casing: mixed, kept as data');
    assert.equal(describeCasing(decideCasing(namesList(), 'auto')), 'casing: lower case');
    assert.equal(normalizeFoldCase(true), 'on');
    assert.equal(normalizeFoldCase(false), 'off');
    assert.equal(normalizeFoldCase('sometimes'), undefined);
  });
});

describe("casing: every sample in the list's pattern", function () {
  this.timeout(180_000);
  before(async () => {
    await initBackend();
  });

  it('a model of Title Case Pokémon names trains folded and samples Title Case, over many seeds, through its checkpoint', async () => {
    const text = pokemonNames().join('\n');
    const { data, config } = prepareConfigured(text, { steps: 300, hiddenSize: 64, batchSize: 256 });
    assert.equal(config.foldCase, 'on', 'the stored configuration says what was applied');
    assert.deepEqual(
      { pattern: data.casing.pattern, folded: data.casing.folded, restored: data.casing.restored },
      { pattern: 'title', folded: true, restored: true },
    );
    assert.ok(
      data.dataset.vocabulary.characters.every((c) => c === c.toLowerCase()),
      'trained on folded text',
    );
    const result = await train(data.dataset, config);
    // The samples shown during training are restored too.
    for (const e of result.evals) for (const w of e.samples) assert.ok(follows(w, 'title'), `eval sample ${w}`);
    const ck = decodeCheckpoint(encodeCheckpoint(toCheckpoint(result, data, 'pokemon.txt', 'wasm')));
    assert.deepEqual(ck.casing, data.casing);
    const model = samplingModelOf(ck);
    let n = 0;
    for (let seed = 0; seed < 40; seed++) {
      for (const w of sampleWords(model, { count: 25, seed, temperature: 1.3 }).words) {
        assert.ok(follows(w, 'title'), `seed ${seed}: ${JSON.stringify(w)} is not Title Case`);
        n++;
      }
    }
    assert.equal(n, 1000);
    // A prefix in any case continues folded and comes back in the pattern; novelty is judged folded.
    for (const w of sampleWords(model, { count: 20, seed: 1, prefix: 'PI', novel: true }).words) {
      assert.match(w, /^Pi/);
      assert.ok(!ck.trainingWords.includes(foldCase(w)), w);
    }
    // The batched generator shows names the same way, matches constraints by the name as shown,
    // and tags a name of the list as in the list whatever its case.
    const generated = await generateNames(generatorModelOf(ck), { count: 300, startsWith: 'ch', newOnly: false }, { seed: 3 });
    assert.equal(generated.names.length, 300);
    for (const { name, tag } of generated.names) {
      assert.ok(follows(name, 'title') && name.startsWith('Ch'), `generated ${JSON.stringify(name)}`);
      assert.equal(tag === 'new', !ck.trainingWords.includes(foldCase(name)), `${name}: ${tag}`);
    }
    const fresh = await generateNames(generatorModelOf(ck), { count: 50, endsWith: 'A', newOnly: true }, { seed: 4 });
    for (const { name, tag } of fresh.names)
      assert.ok(tag === 'new' && /a$/i.test(name) && follows(name, 'title'), `${JSON.stringify(name)} ${tag}`);
  });

  it('with foldCase off, case stays data (the vocabulary keeps both cases)', () => {
    const { data, config } = prepareConfigured(dogNames().join('\n'), { foldCase: 'off', steps: 10 });
    assert.equal(config.foldCase, 'off');
    assert.equal(data.casing.folded, false);
    assert.ok(data.dataset.vocabulary.has('B') && data.dataset.vocabulary.has('b'));
  });

  it('reads older checkpoints: foldCase true / false become on / off, and a folded one folds the prefix', () => {
    const { data } = prepareConfigured(namesList().slice(0, 300).join('\n'), { ...BASE_DEFAULTS, steps: 1 });
    const ck = toCheckpoint(
      {
        shape: { vocabSize: data.dataset.vocabulary.size, blockSize: 5, embeddingSize: 24, hiddenSize: 8 },
        params: {
          C: new Float32Array(27 * 24),
          W1: new Float32Array(120 * 8),
          b1: new Float32Array(8),
          W2: new Float32Array(8 * 27),
          b2: new Float32Array(27),
          Wc: new Float32Array(0),
          bc: new Float32Array(0),
        },
        config: { ...BASE_DEFAULTS, hiddenSize: 8, foldCase: true as unknown as 'on' },
        losses: { train: 1, dev: 1, test: 1 },
        bigram: { train: 1, dev: 1, test: 1 },
        steps: 1,
        keptStep: 1,
        seconds: 1,
        examplesPerSecond: 1,
        paramCount: 1,
        stopped: false,
        evals: [],
        devSampleExamples: 1,
      },
      data,
      'old.txt',
      'wasm',
    );
    delete ck.casing;
    const back = decodeCheckpoint(encodeCheckpoint(ck));
    assert.equal(back.config.foldCase, 'on');
    assert.equal(back.casing, undefined);
    assert.equal(samplingModelOf(back).casing?.folded, true);
    assert.match(sampleWords(samplingModelOf(back), { count: 1, seed: 1, prefix: 'EM' }).words[0]!, /^em/);
  });
});
