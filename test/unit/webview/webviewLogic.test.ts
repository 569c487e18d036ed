/**
 * The webviews' pure logic, in Node: the PCA projection, nearest neighbours, the loss chart's
 * data (merge of history and evaluations, the trend line), the sweep and learning-rate charts'
 * data (points, bands, log ticks, ranges), progress and status, and number formats.
 */
import * as assert from 'node:assert/strict';
import { BASE_DEFAULTS } from '../../../src/core/config';
import type { SweepRun } from '../../../src/core/sweepPlan';
import {
  formatCompact,
  formatCount,
  formatElapsed,
  formatLearningRate,
  formatLogTick,
  formatLoss,
  formatLossDelta,
  formatSetting,
  formatTick,
} from '../../../src/shared/format';
import { addLosses, emptyHistory, initialRunState, trend, type LrFindState, type SweepState } from '../../../src/shared/runState';
import { logRange, logTicks } from '../../../webview/charts/logAxis';
import { lossSeries } from '../../../webview/charts/lossData';
import { lrLossRange, nearestRate } from '../../../webview/charts/lrData';
import { nearestNeighbours } from '../../../webview/charts/neighbours';
import { project2d } from '../../../webview/charts/pca';
import { diagnosisBands, sweepPlot } from '../../../webview/charts/sweepData';
import { experimentStatus, lrBlewUp, lrFindProgress, sweepProgress } from '../../../webview/lib/experiments';
import { mulberry32 } from '../helpers/random';

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  return d / Math.sqrt(na * nb);
};

describe('embedding projection (PCA)', () => {
  // 60 points in 6-d on a 10 × 6 grid spanned by u (wide) and v (narrow), orthonormal, so the
  // sample's principal directions are exactly u and v; plus a little noise.
  const dims = 6;
  const rows = 60;
  const random = mulberry32(1);
  const u = [1, 2, 0, -1, 0, 1].map((x) => x / Math.sqrt(7));
  const v = [0, 1, 1, 2, 1, 0].map((x) => x / Math.sqrt(7));
  assert.ok(Math.abs(cosine(u, v)) < 1e-12);
  const C: number[] = [];
  const along: [number, number][] = [];
  for (let i = 0; i < rows; i++) {
    const a = ((i % 10) - 4.5) * 1.2;
    const b = (Math.floor(i / 10) - 2.5) * 0.6;
    along.push([a, b]);
    for (let j = 0; j < dims; j++) C.push(5 + a * u[j] + b * v[j] + (random() - 0.5) * 0.02);
  }

  it('finds the two principal directions and their share of the variance', () => {
    const p = project2d(C, rows, dims);
    assert.equal(p.method, 'pca');
    assert.ok(Math.abs(cosine(p.components![0], u)) > 0.999, 'first component along u');
    assert.ok(Math.abs(cosine(p.components![1], v)) > 0.999, 'second component along v');
    const [e1, e2] = p.explained!;
    assert.ok(e1 > 0.85 && e2 > 0.05 && e1 + e2 > 0.999 && e1 + e2 <= 1 + 1e-9, `explained ${e1}, ${e2}`);
    // The projected coordinates are the (centred) positions along u and v, up to sign.
    assert.ok(
      Math.abs(
        cosine(
          p.x,
          along.map((c) => c[0] - mean(along.map((d) => d[0]))),
        ),
      ) > 0.999,
    );
    assert.ok(
      Math.abs(
        cosine(
          p.y,
          along.map((c) => c[1] - mean(along.map((d) => d[1]))),
        ),
      ) > 0.999,
    );
  });

  it('keeps the axes’ orientation from one update to the next (no flipping)', () => {
    const first = project2d(C, rows, dims);
    const flipped: [Float64Array, Float64Array] = [first.components![0].map((x) => -x), first.components![1]];
    const next = project2d(C, rows, dims, flipped);
    assert.ok(cosine(next.components![0], flipped[0]) > 0.999, 'aligned with the previous (flipped) first axis');
    assert.ok(cosine(next.components![1], first.components![1]) > 0.999);
    next.x.forEach((x, i) => assert.ok(Math.abs(x + first.x[i]) < 1e-4, `x[${i}]: ${x} vs ${first.x[i]}`));
  });

  it('shows 2-d embeddings as they are, and copes with no variance at all', () => {
    const raw = project2d([1, 2, 3, 4, 5, 6], 3, 2);
    assert.deepEqual({ x: raw.x, y: raw.y, method: raw.method }, { x: [1, 3, 5], y: [2, 4, 6], method: 'raw' });
    const flat = project2d(new Array(4 * 3).fill(0.5), 4, 3);
    assert.deepEqual(flat.explained, [0, 0]);
    assert.ok([...flat.x, ...flat.y].every((x) => x === 0));
  });
});

describe('nearest neighbours', () => {
  it('ranks the other rows by cosine similarity', () => {
    const C = [1, 0, 0.9, 0.1, 0, 1, -1, 0, 2, 0.1];
    const n = nearestNeighbours(C, 5, 2, 0, 3);
    assert.deepEqual(
      n.map((x) => x.index),
      [4, 1, 2],
    );
    assert.ok(Math.abs(n[0].similarity - 2 / Math.hypot(2, 0.1)) < 1e-12);
    assert.equal(nearestNeighbours(C, 5, 2, 0, 10).at(-1)!.similarity, -1);
  });
});

describe('loss chart data', () => {
  it('merges the history and the evaluations on one step axis', () => {
    const h = emptyHistory();
    addLosses(h, [3, 2.8, 2.9, 2.6, 2.5], 5);
    const evals = [2, 5, 5, 7].map((step) => ({ step, seconds: step, dev: 3 - step / 10, trainSmooth: 0 }));
    const d = lossSeries(h, evals, 2.45);
    assert.deepEqual(d.step, [1, 2, 3, 4, 5, 7]);
    assert.deepEqual(d.mean, [3, 2.8, 2.9, 2.6, 2.5, null]);
    assert.deepEqual(d.dev, [null, 2.8, null, null, 2.5, 2.3]);
    assert.deepEqual(d.bigram, [2.45, 2.45, 2.45, 2.45, 2.45, 2.45]);
    assert.deepEqual(lossSeries(h, [], null).bigram, [null, null, null, null, null]);
  });

  it('draws a trend that follows a falling loss without lagging behind it', () => {
    const falling = Array.from({ length: 400 }, (_, i) => 3 - i / 400);
    const count = falling.map(() => 1);
    const t = trend(falling, count);
    assert.equal(t[0], falling[0], 'starts where the losses start');
    for (let i = 1; i < 380; i++) assert.ok(Math.abs(t[i] - falling[i]) < 1e-9, `no lag at ${i}`);
    // Bucket counts weigh in: a bucket of 3 steps counts three times.
    assert.equal(trend([1, 4, 1, 1, 1], [1, 3, 1, 1, 1])[2], (1 + 12 + 1 + 1 + 1) / 7);
  });
});

describe('number formats', () => {
  it('formats losses, counts, rates and durations', () => {
    assert.equal(formatLoss(2.123456), '2.1235');
    assert.equal(formatLoss(null), '—');
    assert.equal(formatLoss(NaN), '—');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.deepEqual([950, 1234, 45_600, 2_345_678].map(formatCompact), ['950', '1.23k', '46k', '2.35M']);
    assert.deepEqual([0.005, 0.1, 0.00012, 0].map(formatLearningRate), ['0.005', '0.1', '1.2e-4', '0']);
    assert.deepEqual([250, 1000, 1250, 12_500, 200_000, 1_500_000, 2.25].map(formatTick), [
      '250',
      '1k',
      '1.25k',
      '12.5k',
      '200k',
      '1.5M',
      '2.25',
    ]);
    assert.deepEqual([8.04, 185, 3725].map(formatElapsed), ['8.0 s', '3 min 05 s', '1 h 02 min']);
  });
});

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe('sweep and learning-rate views: data', () => {
  const run = (index: number, hiddenSize: number, paramCount: number, train: number, dev: number): SweepRun => ({
    index,
    setting: { hiddenSize },
    config: { ...BASE_DEFAULTS, hiddenSize },
    paramCount,
    train,
    dev,
    steps: 100,
    seconds: 1,
  });
  const sweep = (over: Partial<SweepState>): SweepState => ({
    listName: 'names.txt',
    words: 100,
    settings: [],
    varied: ['hiddenSize'],
    config: BASE_DEFAULTS,
    backend: 'wasm',
    runs: [],
    diagnosis: [],
    current: null,
    best: -1,
    finished: false,
    stopped: false,
    kept: null,
    ...over,
  });

  it('places every planned run of a one-setting sweep at its value, in order, results as they come', () => {
    const s = sweep({
      settings: [{ hiddenSize: 256 }, { hiddenSize: 4 }, { hiddenSize: 32 }],
      runs: [run(0, 256, 9000, 1.6, 2.3), run(1, 4, 1200, 2.8, 2.8)],
      diagnosis: ['best', 'underfit'],
      best: 0,
      current: { index: 2, paramCount: 5000, progress: 0.5, smoothLoss: 2.2 },
    });
    const plot = sweepPlot(s);
    assert.equal(plot.key, 'hiddenSize');
    assert.deepEqual(
      plot.points.map((p) => [p.x, p.index, p.diagnosis, p.run?.dev ?? null]),
      [
        [4, 1, 'underfit', 2.8],
        [32, 2, null, null],
        [256, 0, 'best', 2.3],
      ],
    );
    assert.deepEqual(plot.ticks, [4, 32, 256]);
    // Half the spacing (three octaves) beyond each end.
    assert.deepEqual(
      plot.range.map((x) => Number(x.toFixed(6))),
      [Number((4 / 2 ** 1.5).toFixed(6)), Number((256 * 2 ** 1.5).toFixed(6))],
    );
    assert.deepEqual([plot.points[0].label, plot.points[0].name], ['hid 4', 'hidden units 4']);
  });

  it('places runs of a several-setting sweep at their parameter count, once known', () => {
    const s = sweep({
      settings: [
        { embeddingSize: 2, hiddenSize: 8 },
        { embeddingSize: 2, hiddenSize: 64 },
        { embeddingSize: 12, hiddenSize: 8 },
      ],
      varied: ['embeddingSize', 'hiddenSize'],
      runs: [{ ...run(0, 8, 385, 2.6, 2.7), setting: { embeddingSize: 2, hiddenSize: 8 } }],
      diagnosis: ['best'],
      best: 0,
      current: { index: 1, paramCount: 2513, progress: 0.1, smoothLoss: null },
    });
    const plot = sweepPlot(s);
    assert.equal(plot.key, null);
    assert.deepEqual(
      plot.points.map((p) => [p.x, p.label]),
      [
        [385, 'emb 2 · hid 8'],
        [2513, 'emb 2 · hid 64'],
      ],
    );
    assert.deepEqual(plot.ticks, [200, 500, 1000, 2000, 5000]);
  });

  it('bands the underfitting and overfitting runs, halfway (on the log axis) to their neighbours', () => {
    const points = [4, 32, 256, 2048].map((x, i) => ({ x, diagnosis: (['underfit', 'best', 'overfit', 'overfit'] as const)[i] }));
    assert.deepEqual(diagnosisBands(points, 1, 8192), [
      { from: 1, to: Math.sqrt(4 * 32), diagnosis: 'underfit' },
      { from: Math.sqrt(32 * 256), to: 8192, diagnosis: 'overfit' },
    ]);
    // A run not finished yet separates bands; a single point's band reaches both edges.
    const gap = [
      { x: 2, diagnosis: 'underfit' as const },
      { x: 8, diagnosis: null },
      { x: 32, diagnosis: 'underfit' as const },
    ];
    assert.deepEqual(
      diagnosisBands(gap, 1, 64).map((b) => [b.from, b.to]),
      [
        [1, 4],
        [16, 64],
      ],
    );
    assert.deepEqual(diagnosisBands([{ x: 10, diagnosis: 'overfit' }], 5, 20), [{ from: 5, to: 20, diagnosis: 'overfit' }]);
  });

  it('puts round ticks on log axes, and keeps the learning-rate curve’s loss axis on the curve', () => {
    assert.deepEqual(logTicks(1e-5, 0.1), [1e-5, 1e-4, 1e-3, 0.01, 0.1]);
    assert.deepEqual(logTicks(300, 8000), [500, 1000, 2000, 5000]);
    assert.deepEqual(logRange([10]), [5, 20]);
    // A spike of the raw loss at the blow-up does not flatten the curve: the top is a tenth
    // above the highest smoothed loss (plus a margin), not the spike.
    const [lo, hi] = lrLossRange([3.3, 2.5, 2.2, 9], [3.3, 2.9, 2.6, 2.8]);
    assert.ok(lo < 2.2 && lo > 2.1, `${lo}`);
    assert.ok(hi > 3.63 && hi < 3.75, `${hi}`);
    assert.equal(nearestRate([1e-4, 1e-3, 1e-2], 0.004), 2);
    assert.equal(nearestRate([1e-4, 1e-3, 1e-2], 0.002), 1);
  });

  it('says what ran and how far it got', () => {
    const s = sweep({
      settings: [{ hiddenSize: 4 }, { hiddenSize: 8 }],
      runs: [run(0, 4, 10, 3, 3)],
      current: { index: 1, paramCount: 20, progress: 0.5, smoothLoss: 2 },
    });
    assert.equal(sweepProgress(s), 0.75);
    assert.equal(
      formatSetting({ blockSize: 3, hiddenSize: 200 }, 'name', ['blockSize', 'hiddenSize']),
      'context length 3, hidden units 200',
    );
    const state = { ...initialRunState(), job: 'train' as const, status: 'running' as const, sweep: s };
    assert.equal(experimentStatus(state, 'sweep'), 'failed', 'a sweep that another job followed without it finishing');
    assert.equal(experimentStatus({ ...state, sweep: { ...s, finished: true } }, 'sweep'), 'finished');
    assert.equal(experimentStatus({ ...state, job: 'sweep' }, 'sweep'), 'running');
    assert.equal(experimentStatus(state, 'lrFind'), 'idle');
    const lr: LrFindState = {
      listName: 'x',
      optimizer: 'adam',
      minLr: 1e-5,
      maxLr: 0.1,
      steps: 100,
      backend: 'wasm',
      learningRates: new Array(40).fill(0.01),
      losses: [],
      smoothed: [],
      suggestion: 0.01,
      minimum: 0.012,
      finished: true,
      stopped: false,
      applied: null,
      appliedTo: null,
    };
    assert.equal(lrFindProgress(lr), 1, 'ended at the blow-up: complete');
    assert.ok(lrBlewUp(lr));
    assert.equal(lrFindProgress({ ...lr, stopped: true }), 0.4);
    assert.equal(lrBlewUp({ ...lr, stopped: true }), false);
  });

  it('formats loss differences and log-axis ticks', () => {
    assert.deepEqual([0.05234, -0.01, 0].map(formatLossDelta), ['+0.0523', '−0.0100', '+0.0000']);
    assert.deepEqual([1e-5, 2e-4, 1e-3, 0.05, 1, 2000].map(formatLogTick), ['1e-5', '2e-4', '0.001', '0.05', '1', '2k']);
  });
});
