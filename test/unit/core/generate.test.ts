/**
 * The batched generator (core/generate.ts) on several models — trained on names.txt, trained on
 * a mixed-case list with spaces, random parameters over a small alphabet, and a hand-built chain
 * — checked against independent re-computations: every name satisfies every constraint, its tag
 * is its word's stored split, its typicality is its log-probability under the model computed in
 * plain JavaScript, and its distribution is that of the one-at-a-time sampler.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as assert from 'node:assert/strict';
import leven from 'leven';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { BASE_DEFAULTS, type OutputLayerChoice } from '../../../src/core/config';
import { ConstraintError, planRequest, type GenerateRequest } from '../../../src/core/constraints';
import { buildDataset } from '../../../src/core/dataset';
import { generateNames, NameGenerator, type GeneratorModel } from '../../../src/core/generate';
import type { GeneratedName } from '../../../src/core/generated';
import { SPLIT_CODES } from '../../../src/core/listIndex';
import { initParams, Predictor, type ModelShape } from '../../../src/core/model';
import { listWithSplits } from '../../../src/core/pipeline';
import { Rng } from '../../../src/core/rng';
import { sampleWords } from '../../../src/core/sample';
import { train } from '../../../src/core/train';
import { BOUNDARY, Vocabulary } from '../../../src/core/vocabulary';
import { namesList } from '../helpers/data';
import { chainModel } from '../helpers/models';

async function trainedModel(
  words: string[],
  blockSize: number,
  steps: number,
  outputLayer: OutputLayerChoice = 'flat',
): Promise<GeneratorModel> {
  const dataset = buildDataset(words, blockSize, 1);
  const r = await train(dataset, {
    ...BASE_DEFAULTS,
    blockSize,
    embeddingSize: 10,
    hiddenSize: 64,
    batchSize: 256,
    steps,
    learningRate: 0.01,
    evalEvery: steps,
    outputLayer,
  });
  return { shape: r.shape, params: r.params, vocabulary: dataset.vocabulary, ...listWithSplits(words, dataset.splitWords) };
}

/** Random parameters ("randn", large logits) over a five-letter alphabet: wild names. */
function randomModel(): GeneratorModel {
  const trainingWords = ['abc', 'bad', 'cab', 'déa', 'ea', 'abba', 'dace', 'ebb'];
  const vocabulary = Vocabulary.fromWords(trainingWords);
  const shape: ModelShape = { vocabSize: vocabulary.size, blockSize: 2, embeddingSize: 3, hiddenSize: 8 };
  const params = initParams(shape, new Rng(5), 'randn');
  for (let i = 0; i < params.W2.length; i++) params.W2[i]! *= 0.4;
  params.b2[BOUNDARY] = 1.5; // names end often enough
  const wordSplits = Uint8Array.from(trainingWords, (_, i) => [SPLIT_CODES.train, SPLIT_CODES.dev, SPLIT_CODES.test][i % 3]!);
  return { shape, params, vocabulary, trainingWords, wordSplits };
}

/** Mean log-probability per character of `word` (end included), in plain JavaScript. */
function typicality(model: GeneratorModel, word: string): number {
  const { shape, vocabulary } = model;
  const predictor = new Predictor(shape, model.params);
  const context = new Int32Array(shape.blockSize);
  const logits = new Float32Array(shape.vocabSize);
  const symbols = [...vocabulary.encode(word), BOUNDARY];
  let lp = 0;
  for (const s of symbols) {
    predictor.logits(context, logits);
    const max = Math.max(...logits);
    lp += logits[s]! - max - Math.log(logits.reduce((a, l) => a + Math.exp(l - max), 0));
    context.copyWithin(0, 1);
    context[shape.blockSize - 1] = s;
  }
  return lp / symbols.length;
}

/** The tag a name should get, from the stored words and splits (train wins, case ignored). */
function expectedTag(model: GeneratorModel, name: string): string {
  const codes = model.trainingWords.flatMap((w, i) =>
    w.toLowerCase() === name.toLowerCase() ? [model.wordSplits ? model.wordSplits[i]! : -1] : [],
  );
  if (codes.length === 0) return 'new';
  if (!model.wordSplits) return 'list';
  return codes.includes(SPLIT_CODES.train) ? 'train' : 'heldout';
}

const chars = (s: string): number => [...s].length;

/** Checks every name against every constraint of the request, independently of the engine. */
function checkNames(model: GeneratorModel, request: GenerateRequest, names: GeneratedName[], label: string): void {
  const plan = planRequest(request, {
    characters: model.vocabulary.characters,
    lengths: { min: Math.min(...model.trainingWords.map(chars)), max: Math.max(...model.trainingWords.map(chars)) },
  });
  const list = new Set(model.trainingWords.map((w) => w.toLowerCase()));
  const lowerList = [...list];
  const seen = new Set<string>();
  for (const { name, tag, logProbPerChar } of names) {
    const at = `${label}: ${JSON.stringify(name)}`;
    const low = name.toLowerCase();
    assert.ok(chars(name) >= plan.minLength && chars(name) <= plan.maxLength, `${at} length in ${plan.minLength}–${plan.maxLength}`);
    assert.ok(low.startsWith((request.startsWith ?? '').toLowerCase()), `${at} starts with ${request.startsWith}`);
    assert.ok(low.endsWith((request.endsWith ?? '').toLowerCase()), `${at} ends with ${request.endsWith}`);
    for (const c of request.contains ?? []) assert.ok(low.includes(c.toLowerCase()), `${at} contains ${c}`);
    for (const x of request.excludes ?? []) assert.ok(!low.includes(x.toLowerCase()), `${at} excludes ${x}`);
    if (request.newOnly || (request.minEdits ?? 0) > 0) assert.ok(!list.has(low), `${at} is new`);
    const minEdits = request.minEdits ?? 0;
    if (minEdits > 1)
      assert.ok(
        lowerList.every((w) => leven(low, w) >= minEdits),
        `${at} is ≥ ${minEdits} edits from the list`,
      );
    assert.ok(!seen.has(low), `${at} is not repeated`);
    seen.add(low);
    assert.equal(tag, expectedTag(model, name), `${at} tag`);
    assert.ok(
      Math.abs(logProbPerChar - typicality(model, name)) < 1e-3,
      `${at} typicality ${logProbPerChar} vs ${typicality(model, name)}`,
    );
  }
}

/** Symbol frequencies of names (characters and the end of word). */
function symbolCounts(words: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words) for (const c of [...w, '.']) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

/** Chi-square test of homogeneity at p = 1e-4 (symbols seen fewer than 20 times left out). */
function homogeneity(a: Map<string, number>, b: Map<string, number>): { stat: number; critical: number } {
  const keys = [...new Set([...a.keys(), ...b.keys()])];
  const na = [...a.values()].reduce((x, y) => x + y, 0);
  const nb = [...b.values()].reduce((x, y) => x + y, 0);
  let stat = 0;
  let df = -1;
  for (const k of keys) {
    const total = (a.get(k) ?? 0) + (b.get(k) ?? 0);
    if (total < 20) continue;
    df++;
    const ea = (total * na) / (na + nb);
    const eb = (total * nb) / (na + nb);
    stat += ((a.get(k) ?? 0) - ea) ** 2 / ea + ((b.get(k) ?? 0) - eb) ** 2 / eb;
  }
  return { stat, critical: df * (1 - 2 / (9 * df) + 3.72 * Math.sqrt(2 / (9 * df))) ** 3 };
}

/** Two-sample z statistic of the means. */
function zTest(a: number[], b: number[]): number {
  const meanVar = (xs: number[]): [number, number] => {
    const m = xs.reduce((x, y) => x + y, 0) / xs.length;
    return [m, xs.reduce((x, y) => x + (y - m) ** 2, 0) / (xs.length - 1)];
  };
  const [ma, va] = meanVar(a);
  const [mb, vb] = meanVar(b);
  return (ma - mb) / Math.sqrt(va / a.length + vb / b.length);
}

/** A random request built from the model's own list, so that most can be met. */
function randomRequest(model: GeneratorModel, rng: Rng): GenerateRequest {
  const words = model.trainingWords;
  const pick = (): string => words[rng.int(words.length)]!;
  const randomCase = (s: string): string => [...s].map((c) => (rng.next() < 0.5 ? c.toUpperCase() : c)).join('');
  const request: GenerateRequest = { count: 12, maxTries: 20_000 };
  if (rng.next() < 0.5) request.startsWith = randomCase([...pick()].slice(0, 1 + rng.int(2)).join(''));
  if (rng.next() < 0.4) request.endsWith = randomCase([...pick()].slice(-1 - rng.int(2)).join(''));
  if (rng.next() < 0.3) request.contains = [[...pick()][0]!];
  if (rng.next() < 0.4) {
    const w = [...pick()];
    request.excludes = [rng.next() < 0.5 ? w.at(-1)! : w.slice(0, 2).join('')];
  }
  if (rng.next() < 0.5) {
    const lengths = words.map(chars);
    const lo = Math.min(...lengths);
    const hi = Math.max(...lengths);
    const a = lo + rng.int(hi - lo + 1);
    const b = a + rng.int(4);
    request.minLength = a;
    request.maxLength = Math.min(b, 128);
  }
  if (rng.next() < 0.4) request.newOnly = true;
  if (rng.next() < 0.2) request.minEdits = 1 + rng.int(2);
  request.temperature = [0.7, 1, 1.4][rng.int(3)];
  request.topK = [0, 0, 3, 10][rng.int(4)];
  return request;
}

describe('batched generation', function () {
  this.timeout(300_000);
  const models: Record<string, GeneratorModel> = {};

  before(async () => {
    await initNodeBackend();
    const names = namesList();
    models.names = await trainedModel(names, 3, 300);
    const mixed = names.slice(0, 4000).map((w, i) => {
      const title = w[0]!.toUpperCase() + w.slice(1);
      return i % 10 === 3 ? `${title} ${names[i + 1]}` : i % 2 === 0 ? title : w;
    });
    models.mixed = await trainedModel(mixed, 4, 200);
    models.random = randomModel();
    // A factored output layer (core/outputLayer.ts): the mixed-case list has ~55 symbols, 7 classes.
    models.factored = await trainedModel(mixed, 4, 200, 'factored');
    assert.ok(models.factored.shape.classes, 'the factored model has classes');
  });

  it('every name satisfies every constraint, over many seeds and several models', async () => {
    let generated = 0;
    let contradictions = 0;
    let shortfalls = 0;
    for (const [label, model] of Object.entries(models)) {
      const generator = new NameGenerator(model);
      const rng = new Rng(label.length * 1000 + 1);
      for (let seed = 0; seed < 25; seed++) {
        const request = randomRequest(model, rng);
        const what = `${label} seed ${seed} ${JSON.stringify(request)}`;
        let problem: unknown;
        try {
          planRequest(request, generator.facts);
        } catch (e) {
          problem = e;
        }
        if (problem) {
          assert.ok(problem instanceof ConstraintError, what);
          await assert.rejects(generator.generate(request, { seed }), ConstraintError, what);
          contradictions++;
          continue;
        }
        const result = await generator.generate(request, { seed });
        checkNames(model, request, result.names, what);
        generated += result.names.length;
        if (result.names.length < request.count) {
          shortfalls++;
          assert.equal(result.ended, 'tries', what);
          assert.equal(result.tries, request.maxTries, what);
          assert.match(result.shortfall!, new RegExp(`^found ${result.names.length} of 12 after 20,000 tries — .*loosen a constraint$`));
        } else {
          assert.equal(result.names.length, request.count, what);
          assert.equal(result.shortfall, undefined);
        }
      }
    }
    // The random requests exercised all three outcomes.
    assert.ok(generated > 500, `${generated} names checked`);
    assert.ok(contradictions > 0 && shortfalls > 0, `${contradictions} contradictions, ${shortfalls} shortfalls`);
  });

  it('one seed, one list of names; "starts with" is fed in the cases the model knows', async () => {
    const generator = new NameGenerator(models.mixed!);
    const request: GenerateRequest = { count: 40, startsWith: 'ma', maxTries: 50_000 };
    const a = await generator.generate(request, { seed: 3 });
    assert.deepEqual((await generator.generate(request, { seed: 3 })).names, a.names);
    assert.notDeepEqual((await generator.generate(request, { seed: 4 })).names, a.names);
    // The list is mostly Title Case, so the model mostly starts names with a capital, as typed or not.
    const capital = a.names.filter((n) => n.name.startsWith('Ma')).length;
    assert.ok(capital > 20 && a.names.every((n) => /^[Mm][Aa]/.test(n.name)), a.names.map((n) => n.name).join(' '));
    // A model trained on lower case only: the prefix is fed in lower case whatever is typed.
    const lower = await new NameGenerator(models.names!).generate({ count: 20, startsWith: 'KA' }, { seed: 1 });
    assert.ok(lower.names.every((n) => n.name.startsWith('ka')));
  });

  it('never truncates a name: the only name is "abcdef", so a maximum of 3 finds none', async () => {
    const generator = new NameGenerator(chainModel());
    const whole = await generator.generate({ count: 1, minLength: 1, maxLength: 10 }, { seed: 1 });
    assert.deepEqual(
      whole.names.map((n) => n.name),
      ['abcdef'],
    );
    assert.ok(whole.names[0]!.logProbPerChar > -1e-3, 'the model is certain of it');
    assert.equal(whole.names[0]!.tag, 'new');
    const short = await generator.generate({ count: 3, maxLength: 3, maxTries: 500 }, { seed: 1 });
    assert.deepEqual(short.names, []);
    assert.deepEqual(short.rejected, { tooLong: 500 });
    assert.equal(short.shortfall, 'found 0 of 3 after 500 tries — most were rejected by the maximum length; loosen a constraint');
    // Two names asked of a model that knows one: found 1 of 2, the rest repeats.
    const two = await generator.generate({ count: 2, maxLength: 6, maxTries: 300 }, { seed: 1 });
    assert.deepEqual(
      two.names.map((n) => n.name),
      ['abcdef'],
    );
    assert.equal(two.rejected.repeat, 299);
    assert.match(two.shortfall!, /^found 1 of 2 after 300 tries — most were rejected by repeats/);
    assert.deepEqual(
      (await generator.generate({ count: 1, startsWith: 'abc', endsWith: 'ef', excludes: ['cd'], maxTries: 100 }, { seed: 1 })).rejected,
      { excludes: 100 },
    );
    // With no practical budget of tries, a time limit still ends it.
    const timed = await generator.generate({ count: 1, maxLength: 3, maxTries: 1e12 }, { seed: 1, timeLimitMs: 100 });
    assert.equal(timed.ended, 'time');
    assert.match(
      timed.shortfall!,
      /^found 0 of 1 after [\d,]+ tries \(the time limit\) — most were rejected by the maximum length; loosen a constraint$/,
    );
  });

  it('streams names in batches, and stops when told', async () => {
    const generator = new NameGenerator(models.names!);
    const batches: GeneratedName[][] = [];
    const result = await generator.generate(
      { count: 1000, minEdits: 2 },
      {
        seed: 5,
        flushMs: 0,
        onNames: (names, progress) => {
          batches.push(names);
          assert.equal(progress.found, batches.flat().length);
        },
      },
    );
    assert.ok(batches.length > 1, `${batches.length} batches`);
    assert.deepEqual(batches.flat(), result.names);
    assert.equal(result.names.length, 1000);

    const controller = new AbortController();
    let seen = 0;
    const stopped = await generator.generate(
      { count: 1000, minEdits: 3, maxTries: 1e9 },
      {
        seed: 6,
        signal: controller.signal,
        flushMs: 0,
        onNames: (names) => {
          seen += names.length;
          controller.abort();
        },
      },
    );
    assert.equal(stopped.ended, 'stopped');
    assert.equal(stopped.names.length, seen);
    assert.ok(stopped.names.length < 1000);
    assert.match(stopped.shortfall!, /^stopped: found \d+ of 1,000 after [\d,]+ tries$/);
  });

  it('draws names from the same distribution as the one-at-a-time sampler', async () => {
    // Both keep the first occurrence of each name in the order candidates are drawn, with the
    // same length bounds; only the arithmetic differs (float32 wasm kernels vs plain JS).
    const model = models.names!;
    const N = 6000;
    const one = sampleWords(
      { ...model, trainingWords: new Set(model.trainingWords) },
      { count: N, unique: true, maxLength: 128, seed: 2 },
    ).words;
    const generator = new NameGenerator(model);
    const batched = (await generator.generate({ count: N, minLength: 1, maxLength: 128 }, { seed: 1, limits: { maxCount: N } })).names;
    const hot = (
      await generator.generate({ count: N, minLength: 1, maxLength: 128, temperature: 1.25 }, { seed: 1, limits: { maxCount: N } })
    ).names;
    assert.equal(one.length, N);
    assert.equal(batched.length, N);

    // Symbol frequencies (characters and the end of word): a chi-square test of homogeneity at
    // p = 1e-4 — a false alarm once in 10,000 runs; the seeds are fixed, so the outcome is too.
    const counts = (words: string[]): Map<string, number> => {
      const m = new Map<string, number>();
      for (const w of words) for (const c of [...w, '.']) m.set(c, (m.get(c) ?? 0) + 1);
      return m;
    };
    const chiSquare = (a: Map<string, number>, b: Map<string, number>): { stat: number; critical: number } => {
      const keys = [...new Set([...a.keys(), ...b.keys()])];
      const na = [...a.values()].reduce((x, y) => x + y, 0);
      const nb = [...b.values()].reduce((x, y) => x + y, 0);
      let stat = 0;
      let df = -1;
      for (const k of keys) {
        const total = (a.get(k) ?? 0) + (b.get(k) ?? 0);
        if (total < 20) continue; // too rare to test
        df++;
        const ea = (total * na) / (na + nb);
        const eb = (total * nb) / (na + nb);
        stat += ((a.get(k) ?? 0) - ea) ** 2 / ea + ((b.get(k) ?? 0) - eb) ** 2 / eb;
      }
      // Wilson–Hilferty: the chi-square quantile of df at z = 3.72 (one-sided p = 1e-4).
      const critical = df * (1 - 2 / (9 * df) + 3.72 * Math.sqrt(2 / (9 * df))) ** 3;
      return { stat, critical };
    };
    const same = chiSquare(counts(one), counts(batched.map((n) => n.name)));
    assert.ok(same.stat < same.critical, `symbol frequencies differ: χ² = ${same.stat.toFixed(1)} ≥ ${same.critical.toFixed(1)}`);

    // Mean typicality: a two-sample z-test, |z| < 4 (p ≈ 6e-5).
    const meanVar = (xs: number[]): [number, number] => {
      const m = xs.reduce((a, b) => a + b, 0) / xs.length;
      return [m, xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1)];
    };
    const z = (a: number[], b: number[]): number => {
      const [ma, va] = meanVar(a);
      const [mb, vb] = meanVar(b);
      return (ma - mb) / Math.sqrt(va / a.length + vb / b.length);
    };
    const oneTypicality = one.map((w) => typicality(model, w));
    const zSame = z(
      oneTypicality,
      batched.map((n) => n.logProbPerChar),
    );
    assert.ok(Math.abs(zSame) < 4, `mean typicality differs: z = ${zSame.toFixed(2)}`);
    // Mean length too (names are distinct in both, so this also covers the dedup order).
    const zLength = z(
      one.map(chars),
      batched.map((n) => chars(n.name)),
    );
    assert.ok(Math.abs(zLength) < 4, `mean length differs: z = ${zLength.toFixed(2)}`);

    // Small requests too: many rows run at once and the shortest names finish first, so names
    // must be kept in the order their candidates began, not as they finish.
    const small: string[] = [];
    for (let seed = 0; seed < 150; seed++) {
      small.push(...(await generator.generate({ count: 10, minLength: 1, maxLength: 128 }, { seed: 100 + seed })).names.map((n) => n.name));
    }
    const zSmall = z(one.map(chars), small.map(chars));
    assert.ok(Math.abs(zSmall) < 4, `mean length of names from requests of 10 differs: z = ${zSmall.toFixed(2)}`);

    // The tests have the power to see a different sampler: temperature 1.25 instead of 1.
    const zHot = z(
      oneTypicality,
      hot.map((n) => n.logProbPerChar),
    );
    assert.ok(zHot > 4, `a hotter sampler is told apart: z = ${zHot.toFixed(2)}`);
    const hotChi = chiSquare(counts(one), counts(hot.map((n) => n.name)));
    assert.ok(hotChi.stat > hotChi.critical, `χ² = ${hotChi.stat.toFixed(1)} vs ${hotChi.critical.toFixed(1)}`);
  });

  it("draws a factored model's names from the same distribution as the one-at-a-time sampler, at temperature 1 and with temperature and top-k", async () => {
    const model = models.factored!;
    const generator = new NameGenerator(model);
    for (const [temperature, topK, N] of [
      [1, 0, 4000],
      [0.8, 5, 3000],
    ] as const) {
      const one = sampleWords(
        { ...model, trainingWords: new Set(model.trainingWords) },
        { count: N, unique: true, maxLength: 128, seed: 3, temperature, topK },
      ).words;
      const batched = (
        await generator.generate({ count: N, minLength: 1, maxLength: 128, temperature, topK }, { seed: 2, limits: { maxCount: N } })
      ).names;
      assert.equal(one.length, N);
      assert.equal(batched.length, N);
      const same = homogeneity(symbolCounts(one), symbolCounts(batched.map((n) => n.name)));
      assert.ok(
        same.stat < same.critical,
        `T ${temperature}, top-k ${topK}: symbol frequencies differ: χ² = ${same.stat.toFixed(1)} ≥ ${same.critical.toFixed(1)}`,
      );
      const zLength = zTest(
        one.map(chars),
        batched.map((n) => chars(n.name)),
      );
      assert.ok(Math.abs(zLength) < 4, `T ${temperature}, top-k ${topK}: mean length differs: z = ${zLength.toFixed(2)}`);
      // Typicality is the model's own log-probability (temperature 1), whatever the sampling.
      for (const n of batched.slice(0, 50)) assert.ok(Math.abs(n.logProbPerChar - typicality(model, n.name)) < 1e-3, n.name);
    }
  });

  it('runs overlapping requests on one generator as it runs them one after the other', async () => {
    const generator = new NameGenerator(models.names!);
    const a: GenerateRequest = { count: 1000, minEdits: 2 };
    const b: GenerateRequest = { count: 500, startsWith: 'a', newOnly: true };
    const order: string[] = [];
    const [x, y] = await Promise.all([
      generator.generate(a, { seed: 1, flushMs: 0, onNames: () => order.push('a') }),
      generator.generate(b, { seed: 2, flushMs: 0, onNames: () => order.push('b') }),
    ]);
    // `a` starts first (it runs until its first yield), yet names of `b` come before its last.
    assert.ok(order.includes('b') && order.at(-1) === 'a', `they overlap: ${order.join('')}`);
    const fresh = new NameGenerator(models.names!);
    assert.deepEqual(x.names, (await fresh.generate(a, { seed: 1 })).names);
    assert.deepEqual(y.names, (await fresh.generate(b, { seed: 2 })).names);
    generator.dispose();
    fresh.dispose();
  });

  it('keeps the weights on the backend until disposed; generateNames does it all in one call', async () => {
    const before = tf.memory().numTensors;
    const generator = new NameGenerator(models.random!);
    assert.equal(tf.memory().numTensors, before + 4, 'W1, b1, W2, b2 uploaded once');
    await generator.generate({ count: 20, maxTries: 5000 }, { seed: 1 });
    assert.equal(tf.memory().numTensors, before + 4, 'nothing leaks per step');
    generator.dispose();
    assert.equal(tf.memory().numTensors, before);
    const once = await generateNames(models.random!, { count: 20, maxTries: 5000 }, { seed: 1 });
    assert.equal(once.names.length, 20);
    assert.equal(tf.memory().numTensors, before);
  });

  it('tags names of the list by their split, and only new names with "new only"', async () => {
    const model = models.names!;
    const generator = new NameGenerator(model);
    const all = await generator.generate({ count: 1000, temperature: 0.6 }, { seed: 8 });
    const tags = new Set(all.names.map((n) => n.tag));
    assert.deepEqual([...tags].sort(), ['heldout', 'new', 'train'], 'a cool model reproduces names of both splits');
    checkNames(model, { count: 1000, temperature: 0.6 }, all.names, 'tags');
    const fresh = await generator.generate({ count: 300, temperature: 0.6, newOnly: true }, { seed: 8 });
    assert.ok(fresh.names.every((n) => n.tag === 'new'));
    // A model saved before the splits were stored: names of the list are tagged "list".
    const old = new NameGenerator({ ...model, wordSplits: undefined });
    const oldTags = new Set((await old.generate({ count: 300, temperature: 0.6 }, { seed: 8 })).names.map((n) => n.tag));
    assert.deepEqual([...oldTags].sort(), ['list', 'new']);
  });

  it('never gives a name it was asked to avoid (case ignored), and says so when they were all it had', async () => {
    const model = models.names!;
    const generator = new NameGenerator(model);
    const request: GenerateRequest = { count: 200, temperature: 0.5, startsWith: 'ma', maxLength: 5 };
    const first = await generator.generate(request, { seed: 3 });
    // Avoid the likeliest names (in another case, as a document might hold them).
    const avoid = first.names.slice(0, 40).map((n) => n.name.toUpperCase());
    const second = await generator.generate(request, { seed: 3, avoid });
    const avoided = new Set(avoid.map((a) => a.toLowerCase()));
    assert.ok(second.names.length > 0);
    assert.ok(
      second.names.every((n) => !avoided.has(n.name.toLowerCase())),
      'no avoided name comes out',
    );
    assert.ok((second.rejected.avoided ?? 0) > 0, 'candidates were rejected for being avoided');
    checkNames(model, request, second.names, 'avoid');
    // The chain model has one name only: avoiding it leaves nothing, and the shortfall says why.
    const chain = new NameGenerator(chainModel());
    const none = await chain.generate({ count: 2, maxTries: 500 }, { seed: 1, avoid: ['ABCDEF'] });
    assert.equal(none.names.length, 0);
    assert.match(
      none.shortfall ?? '',
      /^found 0 of 2 after 500 tries — most were rejected by names already in the document; loosen a constraint$/,
    );
    chain.dispose();
    generator.dispose();
  });
});
