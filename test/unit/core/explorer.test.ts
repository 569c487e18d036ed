/**
 * Exploring a model (core/predictions.ts, explorer.ts, nameSearch.ts, typicality.ts,
 * distribution.ts) against independent re-computations: the explorer's distribution against a
 * forward pass of the trained weights written out in float64 (it sums to 1 within 1e-6), both
 * engines against each other, the best-first search's names against brute force on small models,
 * the scores' mean over the dev split against the dev loss the run reports (to 1e-4) — for a flat
 * and a factored output layer — and the percentiles, rank buckets, entropy and sampling
 * distribution by hand.
 */
import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { buildDataset } from '../../../src/core/dataset';
import {
  drawFrom,
  entropy,
  equallyLikelyChoices,
  percentileAmong,
  rankBucket,
  rankOf,
  samplingDistribution,
  topIndices,
} from '../../../src/core/distribution';
import { ModelExplorer, type ExplorerModel } from '../../../src/core/explorer';
import { meanSurprisal } from '../../../src/core/explored';
import { initParams, type ModelShape, type Params } from '../../../src/core/model';
import { bestNames } from '../../../src/core/nameSearch';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { listWithSplits } from '../../../src/core/pipeline';
import { Predictions, logProbabilities, targetLogProbabilities } from '../../../src/core/predictions';
import { Rng } from '../../../src/core/rng';
import { train } from '../../../src/core/train';
import { referenceItems, scoreItems, TypicalityReference } from '../../../src/core/typicality';
import { BOUNDARY, Vocabulary } from '../../../src/core/vocabulary';
import { namesList } from '../helpers/data';

/** The model's log-probabilities after one context, written out plainly in float64. */
function plainForward(shape: ModelShape, params: Params, context: ArrayLike<number>): number[] {
  const { vocabSize: V, blockSize: T, embeddingSize: E, hiddenSize: H } = shape;
  const x: number[] = [];
  for (let p = 0; p < T; p++) for (let e = 0; e < E; e++) x.push(params.C[context[p]! * E + e]!);
  const h: number[] = [];
  for (let j = 0; j < H; j++) {
    let z = params.b1[j]!;
    for (let k = 0; k < T * E; k++) z += x[k]! * params.W1[k * H + j]!;
    h.push(Math.tanh(z));
  }
  const logits: number[] = [];
  for (let v = 0; v < V; v++) {
    let l = params.b2[v]!;
    for (let j = 0; j < H; j++) l += h[j]! * params.W2[j * V + v]!;
    logits.push(l);
  }
  const max = Math.max(...logits);
  const lse = max + Math.log(logits.reduce((s, l) => s + Math.exp(l - max), 0));
  return logits.map((l) => l - lse);
}

/** Log-probability of a whole name (symbols, then the end) after the prefix, plainly. */
function plainNameLogProb(shape: ModelShape, params: Params, prefix: number[], rest: number[]): number {
  const all = [...prefix, ...rest, BOUNDARY];
  let lp = 0;
  for (let k = prefix.length; k < all.length; k++) {
    const ctx = Array.from({ length: shape.blockSize }, (_, p) => {
      const j = k - shape.blockSize + p;
      return j >= 0 ? all[j]! : BOUNDARY;
    });
    lp += plainForward(shape, params, ctx)[all[k]!]!;
  }
  return lp;
}

/** Every string over `letters` (symbol indices) of length 0..maxLength. */
function allStrings(letters: number[], maxLength: number): number[][] {
  const out: number[][] = [[]];
  let frontier: number[][] = [[]];
  for (let L = 1; L <= maxLength; L++) {
    frontier = frontier.flatMap((s) => letters.map((c) => [...s, c]));
    out.push(...frontier);
  }
  return out;
}

/** Brute force: the `count` most probable complete names after `prefix`, all strings up to maxLength scored at once. */
function bruteForceBest(p: Predictions, prefix: number[], maxLength: number, count: number): { symbols: number[]; logProb: number }[] {
  const V = p.V;
  const T = p.blockSize;
  const letters = Array.from({ length: V - 1 }, (_, i) => i + 1);
  const rests = allStrings(letters, maxLength - prefix.length);
  const rows: number[] = [];
  const targets: number[] = [];
  for (const rest of rests) {
    const all = [...prefix, ...rest, BOUNDARY];
    for (let k = prefix.length; k < all.length; k++) {
      for (let q = 0; q < T; q++) {
        const j = k - T + q;
        rows.push(j >= 0 ? all[j]! : BOUNDARY);
      }
      targets.push(all[k]!);
    }
  }
  const lp = new Float64Array(targets.length);
  p.targetLogProbabilities(rows, targets, targets.length, lp);
  let i = 0;
  const scored = rests.map((rest) => {
    let total = 0;
    for (let k = 0; k <= rest.length; k++) total += lp[i++]!;
    return { symbols: rest, logProb: total };
  });
  return scored.sort((a, b) => b.logProb - a.logProb).slice(0, count);
}

/** Random parameters over a four-letter alphabet, with names that end often: a search with many near ties. */
function smallRandomModel(seed: number): ExplorerModel {
  const words = ['ab', 'bad', 'cab', 'dab', 'abba', 'cad'];
  const vocabulary = Vocabulary.fromWords(words);
  const shape: ModelShape = { vocabSize: vocabulary.size, blockSize: 2, embeddingSize: 3, hiddenSize: 8 };
  const params = initParams(shape, new Rng(seed), 'randn');
  for (let i = 0; i < params.W2.length; i++) params.W2[i]! *= 0.5;
  params.b2[BOUNDARY] = 0.8;
  return { shape, params, vocabulary, trainingWords: words };
}

describe('exploring a model', function () {
  this.timeout(300_000);
  let names: ExplorerModel & { dev: number; devWords: readonly string[] };

  before(async () => {
    assert.equal((await initNodeBackend()).name, 'wasm');
    const words = namesList().slice(0, 6000);
    const dataset = buildDataset(words, 3, 1);
    const r = await train(dataset, {
      ...BASE_DEFAULTS,
      blockSize: 3,
      embeddingSize: 10,
      hiddenSize: 64,
      batchSize: 128,
      steps: 400,
      learningRate: 0.01,
      evalEvery: 400,
    });
    assert.ok(r.losses.dev !== null && !r.stopped);
    names = {
      shape: r.shape,
      params: r.params,
      vocabulary: dataset.vocabulary,
      ...listWithSplits(words, dataset.splitWords),
      dev: r.losses.dev,
      devWords: dataset.splitWords.dev,
    };
  });

  describe('predictions', () => {
    it('the explorer’s distribution is the trained weights’ forward pass, and sums to 1 within 1e-6', () => {
      const explorer = new ModelExplorer(names, 'plain');
      for (const prefix of ['', 'e', 'em', 'emm', 'xzav', 'qqqqq']) {
        const answer = explorer.next(prefix);
        const symbols = names.vocabulary.encode(prefix);
        const ctx = explorer.context(symbols);
        const reference = plainForward(names.shape, names.params, ctx);
        assert.equal(answer.logp.length, names.vocabulary.size, 'every symbol, the end included');
        answer.logp.forEach((lp, v) =>
          assert.ok(Math.abs(lp - reference[v]!) < 1e-4, `${prefix}: log p(${names.vocabulary.label(v)}) ${lp} vs ${reference[v]}`),
        );
        const sum = answer.logp.reduce((s, lp) => s + Math.exp(lp), 0);
        assert.ok(Math.abs(sum - 1) < 1e-6, `${prefix}: the probabilities sum to ${sum}`);
        assert.ok(Math.abs(answer.entropy - entropy(reference)) < 1e-4);
      }
      explorer.dispose();
    });

    it('shows the context as the model sees it: the padding dots of the lecture, then the last characters', () => {
      const explorer = new ModelExplorer(names, 'plain');
      assert.deepEqual(explorer.next('').context, ['.', '.', '.']);
      assert.deepEqual(explorer.next('').padding, [true, true, true]);
      assert.deepEqual(explorer.next('em').context, ['.', 'e', 'm']);
      assert.deepEqual(explorer.next('em').padding, [true, false, false]);
      assert.deepEqual(explorer.next('emma').context, ['m', 'm', 'a']);
      assert.throws(() => explorer.next('é'), /The model does not know "é"/);
    });

    it('the plain and the batched engine agree, and the one-off functions are the same', () => {
      const rng = new Rng(3);
      const n = 300;
      const T = names.shape.blockSize;
      const V = names.shape.vocabSize;
      const contexts = Int32Array.from({ length: n * T }, () => rng.int(V));
      const targets = Int32Array.from({ length: n }, () => rng.int(V));
      const plain = new Float64Array(n * V);
      const batched = new Float64Array(n * V);
      new Predictions(names, 'plain').logProbabilities(contexts, n, plain);
      const p = new Predictions(names, 'batched');
      p.logProbabilities(contexts, n, batched);
      for (let i = 0; i < n * V; i++) assert.ok(Math.abs(plain[i]! - batched[i]!) < 1e-4, `${i}: ${plain[i]} vs ${batched[i]}`);
      const oneOff = new Float64Array(n * V);
      logProbabilities(names, contexts, n, oneOff);
      assert.deepEqual(oneOff, plain);
      const t1 = new Float64Array(n);
      const t2 = new Float64Array(n);
      p.targetLogProbabilities(contexts, targets, n, t1);
      targetLogProbabilities(names, contexts, targets, n, t2, 'plain');
      for (let i = 0; i < n; i++) {
        assert.ok(Math.abs(t1[i]! - plain[i * V + targets[i]!]!) < 1e-4);
        assert.ok(Math.abs(t2[i]! - plain[i * V + targets[i]!]!) < 1e-9);
      }
      p.dispose();
    });

    it('keeps the contexts met: asked again, the very same numbers; without a cache, the same up to float32 rounding', () => {
      const rng = new Rng(9);
      const n = 500;
      const T = names.shape.blockSize;
      const V = names.shape.vocabSize;
      const contexts = Int32Array.from({ length: n * T }, () => rng.int(V));
      const targets = Int32Array.from({ length: n }, () => rng.int(V));
      const cached = new Predictions(names, 'batched');
      const first = new Float64Array(n);
      const again = new Float64Array(n);
      cached.targetLogProbabilities(contexts, targets, n, first);
      cached.targetLogProbabilities(contexts, targets, n, again);
      assert.deepEqual(again, first);
      const rows = new Float64Array(n * V);
      cached.logProbabilities(contexts, n, rows);
      for (let i = 0; i < n; i++) assert.equal(rows[i * V + targets[i]!], first[i]);
      const none = new Predictions(names, 'batched', 0);
      const fresh = new Float64Array(n);
      none.targetLogProbabilities(contexts, targets, n, fresh);
      for (let i = 0; i < n; i++) assert.ok(Math.abs(fresh[i]! - first[i]!) < 1e-5);
      cached.dispose();
      none.dispose();
    });
  });

  describe('a factored output layer', () => {
    let factored: ExplorerModel & { dev: number; devWords: readonly string[] };

    before(async () => {
      const words = namesList().slice(6000, 10000);
      const dataset = buildDataset(words, 3, 2);
      const r = await train(dataset, {
        ...BASE_DEFAULTS,
        blockSize: 3,
        embeddingSize: 8,
        hiddenSize: 48,
        batchSize: 128,
        steps: 300,
        learningRate: 0.01,
        evalEvery: 300,
        outputLayer: 'factored',
      });
      assert.ok(r.shape.classes && r.shape.classes.length > 0, 'a factored model');
      factored = {
        shape: r.shape,
        params: r.params,
        vocabulary: dataset.vocabulary,
        ...listWithSplits(words, dataset.splitWords),
        dev: r.losses.dev!,
        devWords: dataset.splitWords.dev,
      };
    });

    it('the distribution sums to 1 and both engines agree; targets scored by their class only give the same numbers', () => {
      const plain = new ModelExplorer(factored, 'plain');
      const batched = new ModelExplorer(factored, 'batched');
      for (const prefix of ['', 'e', 'em', 'qx']) {
        const a = plain.next(prefix);
        const sum = a.logp.reduce((s, lp) => s + Math.exp(lp), 0);
        assert.ok(Math.abs(sum - 1) < 1e-6, `${prefix}: sums to ${sum}`);
      }
      const rng = new Rng(4);
      const T = factored.shape.blockSize;
      const V = factored.shape.vocabSize;
      const n = 200;
      const contexts = Int32Array.from({ length: n * T }, () => rng.int(V));
      const targets = Int32Array.from({ length: n }, () => rng.int(V));
      const rows = new Float64Array(n * V);
      new Predictions(factored, 'plain').logProbabilities(contexts, n, rows);
      const cheap = new Float64Array(n);
      batched.predictions.targetLogProbabilities(contexts, targets, n, cheap);
      for (let i = 0; i < n; i++)
        assert.ok(Math.abs(cheap[i]! - rows[i * V + targets[i]!]!) < 1e-4, `${i}: ${cheap[i]} vs ${rows[i * V + targets[i]!]}`);
      const full = new Float64Array(n * V);
      batched.predictions.logProbabilities(contexts, n, full);
      for (let i = 0; i < n * V; i++) assert.ok(Math.abs(full[i]! - rows[i]!) < 1e-4);
      batched.dispose();
    });

    it('the scores’ mean over the dev split is the dev loss the run reports; the search is exact', () => {
      const explorer = new ModelExplorer(factored, 'batched');
      const scores = explorer.score(factored.devWords);
      let total = 0;
      let symbols = 0;
      scores.logProb.forEach((lp, i) => {
        total -= lp;
        symbols += scores.symbols[i]!;
      });
      assert.ok(Math.abs(total / symbols - factored.dev) < 1e-4, `scores ${total / symbols} vs dev loss ${factored.dev}`);
      const found = bestNames(explorer.predictions, factored.vocabulary.encode('m'), { count: 10, maxLength: 3 });
      const brute = bruteForceBest(explorer.predictions, factored.vocabulary.encode('m'), 3, 10);
      assert.deepEqual(
        found.names.map((x) => x.symbols),
        brute.map((x) => x.symbols),
      );
      explorer.dispose();
    });
  });

  describe('best-first search', () => {
    for (const seed of [1, 2, 3]) {
      it(`finds exactly the 10 most probable complete names, as brute force does (random model ${seed})`, () => {
        const model = smallRandomModel(seed);
        const p = new Predictions(model, 'plain');
        for (const prefix of [[], [1], [2, 1]]) {
          const maxLength = 6;
          const found = bestNames(p, prefix, { count: 10, maxLength });
          const brute = bruteForceBest(p, prefix, maxLength, 10);
          assert.equal(found.exact, 10);
          assert.equal(found.bounded, null);
          assert.deepEqual(
            found.names.map((n) => n.symbols),
            brute.map((n) => n.symbols),
            `prefix ${prefix}`,
          );
          found.names.forEach((n, i) => {
            assert.ok(Math.abs(n.logProb - brute[i]!.logProb) < 1e-9);
            assert.ok(Math.abs(n.logProb - plainNameLogProb(model.shape, model.params, prefix, n.symbols)) < 1e-4);
          });
        }
      });
    }

    it('on a model of names: the 10 most probable names of at most 3 letters, as brute force finds them', () => {
      const p = new Predictions(names, 'batched');
      for (const prefix of [[], names.vocabulary.encode('m')]) {
        const found = bestNames(p, prefix, { count: 10, maxLength: 3, batch: 16 });
        const brute = bruteForceBest(p, prefix, 3, 10);
        assert.deepEqual(
          found.names.map((n) => names.vocabulary.decode(n.symbols)),
          brute.map((n) => names.vocabulary.decode(n.symbols)),
        );
        assert.equal(found.exact, 10);
      }
      p.dispose();
    });

    it('is bounded, and says so: the names it vouches for are still the most probable', () => {
      const model = smallRandomModel(1);
      const p = new Predictions(model, 'plain');
      const full = bestNames(p, [], { count: 10, maxLength: 6 });
      const bounded = bestNames(p, [], { count: 10, maxLength: 6, maxExpansions: 4, batch: 1 });
      assert.equal(bounded.bounded, 'expansions');
      assert.ok(bounded.expansions <= 4);
      assert.ok(bounded.exact < 10);
      assert.deepEqual(
        bounded.names.slice(0, bounded.exact).map((n) => n.symbols),
        full.names.slice(0, bounded.exact).map((n) => n.symbols),
      );
      const few = bestNames(p, [], { count: 10, maxLength: 6, maxNodes: 30 });
      assert.equal(few.bounded, 'nodes');
    });

    it('the explorer’s search: names that continue the prefix, most probable first, probabilities given the prefix', () => {
      const explorer = new ModelExplorer(names, 'batched');
      const answer = explorer.search('em', 10);
      assert.equal(answer.names.length, 10);
      assert.equal(answer.exact, 10);
      for (const n of answer.names) assert.ok(n.name.startsWith('em'), n.name);
      for (let i = 1; i < 10; i++) assert.ok(answer.names[i - 1]!.p >= answer.names[i]!.p);
      const first = answer.names[0]!;
      const rest = names.vocabulary.encode(first.name.slice(2));
      assert.ok(Math.abs(Math.log(first.p) - plainNameLogProb(names.shape, names.params, names.vocabulary.encode('em'), rest)) < 1e-4);
      explorer.dispose();
    });
  });

  describe('scores', () => {
    it('their mean over the dev split, weighted by symbols, is the dev loss the run reports (to 1e-4)', () => {
      const explorer = new ModelExplorer(names, 'batched');
      const scores = explorer.score(names.devWords);
      let total = 0;
      let symbols = 0;
      for (let i = 0; i < names.devWords.length; i++) {
        total -= scores.logProb[i]!;
        symbols += scores.symbols[i]!;
      }
      assert.ok(Math.abs(total / symbols - names.dev) < 1e-4, `scores ${total / symbols} vs dev loss ${names.dev}`);
      explorer.dispose();
    });

    it('a name’s score is its letters’ log-probabilities; unknown characters are reported per item, not fatal', () => {
      const explorer = new ModelExplorer(names, 'batched');
      const items = ['emma', 'xzavier', 'zoë', '', 'ava', 'q'];
      const scores = explorer.score(items);
      for (const [i, item] of items.entries()) {
        if (item === 'zoë') continue;
        const lp = plainNameLogProb(names.shape, names.params, [], names.vocabulary.encode(item));
        assert.ok(Math.abs(scores.logProb[i]! - lp) < 1e-4, `${item}: ${scores.logProb[i]} vs ${lp}`);
        assert.equal(scores.symbols[i], [...item].length + 1);
        const reading = explorer.read(item);
        assert.ok(Math.abs(reading.logProb - lp) < 1e-4);
        assert.ok(Math.abs(reading.surprisal - meanSurprisal(lp, [...item].length + 1)) < 1e-4);
        // The same up to the float32 rounding of the two engines: at most an item of the list either way.
        assert.ok(
          Math.abs(reading.percentile! - scores.percentile[i]!) <= 100 / scores.referenceSize,
          `${item}: ${reading.percentile} vs ${scores.percentile[i]}`,
        );
      }
      assert.deepEqual(scores.unknown, { 2: ['ë'] });
      assert.ok(Number.isNaN(scores.logProb[2]!) && Number.isNaN(scores.percentile[2]!));
      assert.equal(scores.referenceSize, names.trainingWords.length);
      assert.deepEqual(explorer.read('zoë').unknown, ['ë']);
      explorer.dispose();
    });

    it('a name read letter by letter: probability, surprisal, rank and bucket of every letter, the top 5 guesses under each', () => {
      const explorer = new ModelExplorer(names, 'plain');
      const reading = explorer.read('emma');
      assert.equal(reading.letters.length, 5, 'four letters and the end');
      assert.deepEqual(
        reading.letters.map((l) => l.char),
        ['e', 'm', 'm', 'a', ''],
      );
      assert.equal(reading.letters.at(-1)!.label, '.');
      const symbols = [...names.vocabulary.encode('emma'), BOUNDARY];
      reading.letters.forEach((letter, k) => {
        const ctx = explorer.context(symbols.slice(0, k));
        const ref = plainForward(names.shape, names.params, ctx);
        assert.ok(Math.abs(Math.log(letter.p) - ref[symbols[k]!]!) < 1e-4);
        assert.ok(Math.abs(letter.surprisal + ref[symbols[k]!]!) < 1e-4);
        assert.equal(letter.rank, rankOf(ref, symbols[k]!));
        assert.equal(letter.bucket, rankBucket(letter.rank));
        assert.deepEqual(
          letter.top.map((t) => t.label),
          topIndices(ref, 5).map((v) => names.vocabulary.label(v)),
        );
      });
      assert.equal(reading.tag === 'train' || reading.tag === 'heldout', true, 'emma is in the list');
      assert.equal(explorer.read('zzqx').tag, 'new');
    });

    it('folded models read typed case as their list, and restore its pattern on the names they find', () => {
      const model: ExplorerModel = { ...names, casing: { folded: true, pattern: 'title', restored: true } };
      const explorer = new ModelExplorer(model, 'plain');
      assert.equal(explorer.next('EM').prefix, 'em');
      const reading = explorer.read('Emma');
      assert.deepEqual(
        reading.letters.map((l) => l.char),
        ['E', 'm', 'm', 'a', ''],
      );
      assert.ok(Math.abs(reading.logProb - explorer.read('emma').logProb) < 1e-12);
      for (const n of explorer.search('Em', 5).names) assert.match(n.name, /^Em[a-z]*$/);
    });
  });

  describe('percentiles', () => {
    it('the share of the list less typical, ties counting half', () => {
      const sorted = Float64Array.from([1, 2, 2, 3, 4]);
      assert.equal(percentileAmong(sorted, 0.5), 100);
      assert.equal(percentileAmong(sorted, 5), 0);
      assert.equal(percentileAmong(sorted, 2), 60); // 2 above, 2 tied
      assert.equal(percentileAmong(sorted, 3.5), 20);
      assert.equal(percentileAmong(new Float64Array(0), 1), null);
      assert.equal(percentileAmong(sorted, Infinity), 0);
    });

    it('per length: compared with the items of about the same length, short lengths pooled into bins of enough items', () => {
      // 300 items of length 3 with surprisal 3, 300 of length 8 with surprisal 2, and 5 of length 20.
      const surprisals = [...Array(300).fill(3), ...Array(300).fill(2), ...Array(5).fill(2.5)];
      const lengths = [...Array(300).fill(3), ...Array(300).fill(8), ...Array(5).fill(20)];
      const ref = new TypicalityReference(surprisals, lengths);
      assert.equal(ref.size, 605);
      assert.equal(ref.lengthPercentile(2.5, 3), 100, 'better than every short item');
      assert.ok(ref.lengthPercentile(2.5, 8)! < 2, 'worse than nearly every long item');
      assert.equal(ref.lengthPercentile(2.5, 20), ref.lengthPercentile(2.5, 8), 'a length with few items joins its neighbours');
      assert.equal(ref.lengthPercentile(2.5, 5), ref.lengthPercentile(2.5, 3), 'an unseen length takes the nearest shorter bin');
      assert.ok(Math.abs(ref.percentile(2.5)! - (100 * 300) / 605 - (100 * 2.5) / 605) < 1e-9);
    });

    it('a long list is compared through a fixed random sample', () => {
      const words = Array.from({ length: 250 }, (_, i) => `w${i}`);
      const a = referenceItems(words, 100);
      assert.equal(a.length, 100);
      assert.deepEqual(a, referenceItems(words, 100));
      assert.equal(new Set(a).size, 100);
      assert.equal(referenceItems(words, 1000), words);
      const explorer = new ModelExplorer(names, 'batched');
      const scores = scoreItems(explorer.predictions, names.vocabulary, false, names.trainingWords.slice(0, 50));
      assert.ok(scores.logProb.every((lp) => lp < 0));
      explorer.dispose();
    });
  });

  describe('distributions', () => {
    it('rank buckets: top 1, top 3, top 10, beyond', () => {
      assert.deepEqual([1, 2, 3, 4, 10, 11, 27].map(rankBucket), ['top1', 'top3', 'top3', 'top10', 'top10', 'beyond', 'beyond']);
      const logp = [Math.log(0.5), Math.log(0.3), Math.log(0.1), Math.log(0.1)];
      assert.deepEqual(
        [0, 1, 2, 3].map((v) => rankOf(logp, v)),
        [1, 2, 3, 3],
        'ties share the better rank',
      );
      assert.deepEqual(topIndices(logp, 3), [0, 1, 2]);
    });

    it('entropy in nats, and as equally likely choices', () => {
      const uniform = Array(8).fill(Math.log(1 / 8));
      assert.ok(Math.abs(entropy(uniform) - Math.log(8)) < 1e-12);
      assert.ok(Math.abs(equallyLikelyChoices(entropy(uniform)) - 8) < 1e-9);
      assert.equal(entropy([0, -Infinity]), 0);
    });

    it('temperature and top-k applied on top of the exact distribution, as the generator draws', () => {
      const p = [0.5, 0.25, 0.15, 0.1];
      const logp = p.map(Math.log);
      assert.deepEqual(
        Array.from(samplingDistribution(logp, 1, 0)).map((x) => +x.toFixed(12)),
        p,
      );
      const cold = samplingDistribution(logp, 0.5, 0);
      const z = p.reduce((s, x) => s + x * x, 0);
      cold.forEach((x, i) => assert.ok(Math.abs(x - (p[i]! * p[i]!) / z) < 1e-12));
      const top2 = samplingDistribution(logp, 1, 2);
      assert.deepEqual(
        Array.from(top2).map((x) => +x.toFixed(12)),
        [0.5 / 0.75, 0.25 / 0.75, 0, 0].map((x) => +x.toFixed(12)),
      );
      assert.equal(drawFrom(top2, 0), 0);
      assert.equal(drawFrom(top2, 0.7), 1);
      assert.equal(drawFrom(top2, 0.999999), 1);
      assert.equal(drawFrom([0, 0, 1], 0.5), 2);
    });
  });
});
