/**
 * The factored output layer (core/outputLayer.ts) as everything outside training reads it: the
 * classes by frequency binning, exact normalisation (plain JavaScript and the backend agree, and
 * sum to 1), and sampling — class then symbol, and temperature / top-k on the whole distribution
 * — against the model's own probabilities (chi-square goodness of fit, seeded: the outcome is fixed).
 */
import * as assert from 'node:assert/strict';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { initParams, Predictor, type ModelShape, type Params } from '../../../src/core/model';
import { ClassLayout, frequencyClasses } from '../../../src/core/outputLayer';
import { Rng } from '../../../src/core/rng';
import { draw } from '../../../src/core/sample';
import { ForwardPass } from '../../../src/core/step';

/** A small factored model with random, non-trivial parameters. */
function randomFactored(V: number, classes: number, seed: number): { shape: ModelShape; params: Params } {
  const rng = new Rng(seed);
  const counts = Array.from({ length: V }, (_, v) => Math.round(1000 / (v + 1)));
  const shape: ModelShape = { vocabSize: V, blockSize: 3, embeddingSize: 4, hiddenSize: 10, classes: frequencyClasses(counts, classes) };
  const params = initParams(shape, rng);
  for (const a of Object.values(params)) for (let i = 0; i < a.length; i++) a[i] = rng.normal() * 0.8;
  return { shape, params };
}

/**
 * Chi-square goodness of fit of `counts` to the probabilities `p` (categories with an expected
 * count under 5 pooled), against the quantile at one-sided p = 1e-4 (Wilson–Hilferty, z = 3.72).
 */
function chiSquare(counts: number[], p: number[]): { stat: number; critical: number } {
  const N = counts.reduce((a, b) => a + b, 0);
  let stat = 0;
  let df = -1;
  let pooledObserved = 0;
  let pooledExpected = 0;
  for (let i = 0; i < p.length; i++) {
    const e = N * p[i]!;
    if (e < 5) {
      pooledObserved += counts[i]!;
      pooledExpected += e;
      continue;
    }
    stat += (counts[i]! - e) ** 2 / e;
    df++;
  }
  if (pooledExpected >= 5) {
    stat += (pooledObserved - pooledExpected) ** 2 / pooledExpected;
    df++;
  } else assert.ok(pooledObserved <= 20, `${pooledObserved} draws of symbols the model makes rare`);
  return { stat, critical: df * (1 - 2 / (9 * df) + 3.72 * Math.sqrt(2 / (9 * df))) ** 3 };
}

describe('factored output layer', () => {
  before(async () => {
    await initNodeBackend();
  });

  it('bins symbols by frequency: equal shares of the counts, the most frequent first, unseen ones last', () => {
    // The end of a word (index 0) fills more than a share alone: a class of its own.
    const counts = [500, 100, 90, 80, 70, 60, 40, 30, 20, 10, 0, 0];
    const classes = frequencyClasses(counts, 4);
    const layout = new ClassLayout(classes);
    assert.equal(classes[0], 0);
    assert.equal(layout.size(0), 1);
    // Classes are numbered by frequency: a more frequent symbol never has a later class.
    const order = counts.map((_, v) => v).sort((a, b) => counts[b]! - counts[a]! || a - b);
    for (let i = 1; i < order.length; i++) assert.ok(classes[order[i]!]! >= classes[order[i - 1]!]!);
    // Unseen symbols join the last class, and every class is used.
    assert.equal(classes[10], layout.count - 1);
    assert.equal(classes[11], layout.count - 1);
    assert.deepEqual(
      [...new Set(classes)].sort(),
      Array.from({ length: layout.count }, (_, k) => k),
    );
    // Each class's members, positions and start agree.
    for (let v = 0; v < counts.length; v++) assert.equal(layout.members[layout.start[classes[v]!]! + layout.position[v]!], v);
    // √V parts of a Zipf-like alphabet of 400 symbols: about 20 classes, the expected class size about V / classes.
    const zipf = Array.from({ length: 400 }, (_, v) => 1e6 / (v + 1));
    const big = new ClassLayout(frequencyClasses(zipf, 20));
    const total = zipf.reduce((a, b) => a + b, 0);
    const expected = zipf.reduce((a, c, v) => a + (c / total) * big.size(big.classOf[v]!), 0);
    assert.ok(big.count >= 15 && big.count <= 20, `${big.count} classes`);
    assert.ok(expected < 2 * (400 / big.count), `expected class size ${expected.toFixed(1)}`);
  });

  it('is exactly normalised: probabilities over all symbols sum to 1 within 1e-6, in JavaScript and on the backend alike', () => {
    const { shape, params } = randomFactored(60, 8, 1);
    const rng = new Rng(2);
    const n = 50;
    const contexts = Int32Array.from({ length: n * shape.blockSize }, () => rng.int(shape.vocabSize));
    const V = shape.vocabSize;
    const predictor = new Predictor(shape, params);
    const plain = new Float32Array(V);
    const forward = new ForwardPass(shape, 16);
    forward.loadParams(params);
    const batched = new Float64Array(n * V);
    forward.logProbabilities(params, contexts, 0, n, batched);
    const targets = Int32Array.from({ length: n }, () => rng.int(V));
    const picked = new Float64Array(n);
    forward.targetLogProbabilities(params, contexts, targets, 0, n, picked);
    for (let i = 0; i < n; i++) {
      predictor.logits(contexts.subarray(i * shape.blockSize, (i + 1) * shape.blockSize), plain);
      let sumPlain = 0;
      let sumBatched = 0;
      for (let v = 0; v < V; v++) {
        sumPlain += Math.exp(plain[v]!);
        sumBatched += Math.exp(batched[i * V + v]!);
        assert.ok(Math.abs(plain[v]! - batched[i * V + v]!) < 1e-4, `context ${i}, symbol ${v}: ${plain[v]} vs ${batched[i * V + v]}`);
      }
      assert.ok(Math.abs(sumPlain - 1) < 1e-6, `JavaScript: Σ p = ${sumPlain}`);
      assert.ok(Math.abs(sumBatched - 1) < 1e-6, `backend: Σ p = ${sumBatched}`);
      assert.ok(Math.abs(picked[i]! - batched[i * V + targets[i]!]!) < 1e-5, `target of context ${i}`);
    }
  });

  it("draws class then symbol with the model's probabilities (chi-square)", () => {
    const { shape, params } = randomFactored(30, 5, 3);
    const predictor = new Predictor(shape, params);
    const context = Int32Array.from([0, 4, 7]);
    const logp = new Float32Array(shape.vocabSize);
    predictor.logits(context, logp);
    const p = Array.from(logp, Math.exp);
    const rng = new Rng(11);
    const counts = new Array<number>(shape.vocabSize).fill(0);
    const N = 40_000;
    for (let i = 0; i < N; i++) {
      const { symbol, logProb } = predictor.drawFactored(context, rng);
      counts[symbol]!++;
      if (i < 100) assert.ok(Math.abs(logProb - logp[symbol]!) < 1e-5, 'the draw reports its log-probability');
    }
    const { stat, critical } = chiSquare(counts, p);
    assert.ok(stat < critical, `χ² = ${stat.toFixed(1)} ≥ ${critical.toFixed(1)}`);
    // The test has the power to see another distribution: the probabilities at temperature 1.5.
    const hot = p.map((x) => x ** (1 / 1.5));
    const z = hot.reduce((a, b) => a + b, 0);
    assert.ok(
      chiSquare(
        counts,
        hot.map((x) => x / z),
      ).stat > critical,
      'a hotter distribution is told apart',
    );
  });

  it('applies temperature and top-k to the whole distribution, as the flat layer does (chi-square)', () => {
    const { shape, params } = randomFactored(30, 5, 4);
    const predictor = new Predictor(shape, params);
    const context = Int32Array.from([2, 0, 9]);
    const logp = new Float32Array(shape.vocabSize);
    predictor.logits(context, logp);
    const T = 0.7;
    const k = 6;
    // Expected: P(c)^(1/T) over the k most likely symbols of all classes, normalised.
    const top = Array.from(logp.keys())
      .sort((a, b) => logp[b]! - logp[a]!)
      .slice(0, k);
    const weights = Array.from(logp, (l, v) => (top.includes(v) ? Math.exp(l / T) : 0));
    const z = weights.reduce((a, b) => a + b, 0);
    const expected = weights.map((w) => w / z);
    const rng = new Rng(12);
    const probs = new Float64Array(shape.vocabSize);
    const order = Array.from({ length: shape.vocabSize }, (_, i) => i);
    const counts = new Array<number>(shape.vocabSize).fill(0);
    for (let i = 0; i < 30_000; i++) counts[draw(logp, T, k, probs, order, rng)]!++;
    assert.ok(
      counts.every((c, v) => c === 0 || top.includes(v)),
      'only the top k are drawn',
    );
    const { stat, critical } = chiSquare(counts, expected);
    assert.ok(stat < critical, `χ² = ${stat.toFixed(1)} ≥ ${critical.toFixed(1)}`);
  });
});
