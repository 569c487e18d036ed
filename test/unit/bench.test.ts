/**
 * The benchmark (bench/) runs end to end on a small word list with tiny settings: every child
 * process, the table and the results file. Nothing here asserts a timing; the PyTorch reference
 * is optional (skipped, saying so, where no interpreter has torch).
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTorchPython, REPO_ROOT } from '../../bench/children';
import type { ReferenceLine } from '../../bench/messages';
import { formatReport, ratios, targets, type BenchResults } from '../../bench/report';
import { median, summarize } from '../../bench/stats';
import { namesList } from './helpers/data';

const WORDS = 1500;

describe('benchmark', function () {
  this.timeout(300_000);
  let dir: string;
  let data: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-'));
    data = path.join(dir, 'names.txt');
    fs.writeFileSync(data, namesList().slice(0, WORDS).join('\n') + '\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('summarises repeated measurements by their median', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.deepEqual(summarize([2, 9, 4]), { median: 4, min: 2, max: 9, runs: [2, 9, 4] });
    assert.throws(() => median([]));
  });

  it('reports why no interpreter with PyTorch was found', () => {
    const { found, tried } = findTorchPython([path.join(dir, 'no-python3')]);
    assert.equal(found, undefined);
    assert.equal(tried.length, 1);
    assert.match(tried[0]!, /no-python3: ENOENT/);
  });

  it('runs the PyTorch reference for a few steps (when torch is installed)', function () {
    const { found, tried } = findTorchPython();
    if (!found) {
      console.log(`      skipped: no Python interpreter with torch (${tried.join('; ')})`);
      this.skip();
    }
    const r = spawnSync(
      found.python,
      [
        path.join(REPO_ROOT, 'bench/reference.py'),
        '--data',
        data,
        '--steps',
        '40',
        '--chunk',
        '10',
        '--eval-every',
        '20',
        '--batch',
        '8',
        '--threads',
        '1',
      ],
      { encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as ReferenceLine);
    assert.deepEqual(
      lines.map((l) => l.event),
      ['ready', 'chunk', 'chunk', 'eval', 'chunk', 'chunk', 'eval', 'done'],
    );
    const ready = lines[0] as Extract<ReferenceLine, { event: 'ready' }>;
    // Every word gives its characters plus the end of word as examples, whichever split it is in.
    const expected = namesList()
      .slice(0, WORDS)
      .reduce((n, w) => n + w.length + 1, 0);
    assert.equal(ready.examples.train + ready.examples.dev + ready.examples.test, expected);
    assert.equal(ready.threads, 1);
    const done = lines.at(-1) as Extract<ReferenceLine, { event: 'done' }>;
    const lastEval = lines.at(-2) as Extract<ReferenceLine, { event: 'eval' }>;
    assert.equal(done.steps, 40);
    assert.equal(lastEval.step, 40);
    assert.equal(done.dev, lastEval.dev, 'the final dev loss is that of the last evaluation (same model)');
    for (const loss of [done.train, done.dev, done.test]) assert.ok(Number.isFinite(loss) && loss > 0);
    for (const l of lines) if (l.event === 'chunk') assert.ok(l.stepsPerSecond > 0);
  });

  it('bench:generate measures generation alone, training its model first', () => {
    const out = path.join(dir, 'generation.json');
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'bench/runGenerate.ts'), '--data', data, '--budget', '2', '--repeats', '1', '--out', out],
      {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as {
      data: string;
      trained: { steps: number };
      generation: BenchResults['generation'];
    };
    assert.equal(results.data, data);
    assert.ok(results.trained.steps > 0);
    assert.equal(results.generation.ratio.runs.length, 1);
    assert.match(r.stdout, /7\. Generating names/);
    assert.match(r.stdout, /names\/s, batched, no constraints \(defaults\)\s+≥ 30k\s+\S+\s+(met|MISSED)/);
  });

  it('runs every measurement on a small list and writes the results and the table', () => {
    const out = path.join(dir, 'results.json');
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(REPO_ROOT, 'bench/run.ts'),
        '--data',
        data,
        '--out',
        out,
        '--budget',
        '2',
        '--target',
        '2.8',
        '--ref-steps',
        '60',
        '--repeats',
        '2',
        '--min-ms',
        '20',
        '--batches',
        '16,32',
        // Section 8 runs Chromium: test/web/benchWebStep.test.ts covers it (npm run test:web).
        '--web-rounds',
        '0',
      ],
      { cwd: REPO_ROOT, encoding: 'utf8', timeout: 280_000 },
    );
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(fs.readFileSync(out, 'utf8')) as BenchResults;
    assert.equal(results.data.words, WORDS);

    // 1. Throughput: both backends, both models, each batch size, `repeats` runs each.
    assert.deepEqual(
      results.throughput.map((t) => t.backend),
      ['wasm', 'cpu'],
    );
    for (const t of results.throughput) {
      assert.deepEqual(
        t.models.map((m) => m.model),
        ['seed', 'default'],
      );
      for (const m of t.models) {
        assert.deepEqual(
          m.batches.map((b) => b.batch),
          [16, 32],
        );
        for (const b of m.batches) {
          assert.equal(b.examplesPerSecond.runs.length, 2);
          assert.ok(b.examplesPerSecond.median > 0);
        }
      }
    }
    const seed = results.throughput[0]!.models[0]!;
    assert.deepEqual([seed.blockSize, seed.embeddingSize, seed.hiddenSize, seed.optimizer], [3, 10, 200, 'sgd']);

    // 2. Time to the target: the timed run crosses at the step the probe found, with the same loss.
    const { probe, measured } = results.defaults.timeToTarget;
    assert.ok(probe && measured, 'the defaults reach dev ≤ 2.8');
    assert.equal(measured.step, probe.step);
    assert.equal(measured.dev, probe.dev);
    assert.ok(measured.dev <= 2.8);
    assert.ok(measured.startupSeconds > 0 && measured.startupSeconds < measured.seconds);

    // 3–5. Budget run, sampling, memory.
    const { budget, sampling, memory } = results.defaults;
    assert.ok(budget.steps > 0 && budget.keptStep <= budget.steps);
    for (const split of ['train', 'dev', 'test'] as const) assert.ok(Number.isFinite(budget.losses[split]));
    assert.equal(sampling.count, 1000);
    assert.ok(sampling.examples.length > 0);
    assert.ok(memory.peakRssKb >= memory.baselineRssKb && memory.baselineRssKb > 0);

    // 7. Generation from the budget run's model: both samplers in every round, the three
    // constrained cases, the targets judged from the numbers.
    const g = results.generation;
    assert.equal(g.backend, 'wasm');
    assert.equal(g.model.vocabSize, 27);
    assert.equal(g.oneAtATime.count, 1000);
    assert.equal(g.batched.count, 10_000);
    for (const summary of [g.oneAtATime.ms, g.batched.ms, g.thousand.ms, g.thousand.firstBatchMs, g.minEdits3.ms, g.ratio]) {
      assert.equal(summary.runs.length, 2);
      assert.ok(summary.runs.every((x) => x > 0));
    }
    assert.ok(g.batched.triesPerSecond.median >= g.batched.namesPerSecond.median);
    assert.ok(g.thousand.firstBatchMs.median <= g.thousand.ms.median);
    assert.equal(g.constrained.length, 3);
    for (const c of g.constrained) {
      assert.ok(c.found > 0 && c.found <= 100);
      for (const name of c.examples) assert.ok(name.length >= 5 && name.length <= 7, name);
    }
    assert.match(g.constrained[0]!.label, /starts with "ka", ends with "a", 5–7 characters, new only/);
    for (const name of g.constrained[0]!.examples) assert.match(name, /^ka[a-z]*a$/);
    assert.match(r.stdout, /7\. Generating names/);
    const rate = targets(results).find((t) => t.name.startsWith('names/s, batched'))!;
    assert.equal(rate.met, g.batched.namesPerSecond.median >= 30_000);

    // 6. Our seed recipe, and the reference when torch is present.
    assert.equal(results.seedRecipe.ours.steps, 60);
    const ref = results.seedRecipe.reference;
    const table = r.stdout;
    if ('missing' in ref) {
      assert.match(table, /PyTorch not found, so only our numbers are shown/);
    } else {
      assert.equal(ref.steps, 60);
      assert.deepEqual(
        ref.batchThroughput.map((b) => b.batch),
        [16, 32],
      );
      assert.ok(ref.threadProbe.some((p) => p.threads === ref.threads));
      assert.equal(ref.roundRatios.length, 4, 'ours and PyTorch take turns in 4 rounds');
      assert.equal(ratios(results).examplesPerSecond, median(ref.roundRatios));
      assert.match(table, /examples\/s, seed recipe at batch 32: ours \/ PyTorch = [\d.]+× \(median of 4 rounds/);
    }
    assert.equal(ratios(results).timeToTarget, null, 'no time ratio without --full');

    // The table shows the measured values and judges the targets from them.
    assert.match(table, /1\. Engine throughput/);
    assert.equal(measured.runs.length, 3);
    assert.equal(measured.seconds, median(measured.runs));
    assert.match(
      table,
      new RegExp(
        `time to dev ≤ 2\\.8 \\(wall, from process spawn\\)\\s+${measured.seconds.toFixed(1)} s \\(median of 3; step ${measured.step}`,
      ),
    );
    const dev = targets(results).find((t) => t.name.startsWith('dev loss'))!;
    assert.equal(dev.met, budget.losses.dev! <= 2.05);
    assert.match(
      formatReport({ ...results, seedRecipe: { ...results.seedRecipe, reference: { missing: 'x: ENOENT' } } }),
      /PyTorch not found.*x: ENOENT/,
    );
    assert.equal(results.webStep, null);
    assert.match(table, /8\. The web build's training step: not measured \(--web-rounds 0\)/);

    // 9. The explorer's questions in the generation worker.
    const sc = results.score!;
    assert.equal(sc.lines, 100_000);
    assert.equal(sc.model.vocabSize, 27);
    assert.equal(sc.freshMs.runs.length, 2);
    assert.ok(sc.coldMs > 0 && sc.againMs > 0 && sc.inProcessCpuMs.median > 0);
    assert.equal(sc.readMs.runs.length, 200);
    assert.match(table, /9\. Exploring that model .* in the generation worker/);
    assert.match(table, /scoring 100,000 lines, other lists \(2 runs\)/);
    const scoring = targets(results).find((t) => t.name === 'scoring 100,000 lines in the worker')!;
    assert.equal(scoring.met, sc.freshMs.median <= 2000);
  });
});
