/**
 * `npm run bench`: our engine against the seed's PyTorch reference, side by side in one run on
 * this machine. Every measurement runs in a child process of its own, one at a time; the table
 * goes to stdout, progress to stderr, and everything to bench/results/latest.json.
 *
 *   npm run bench [-- --full] [--data FILE] [--budget 60] [--ref-steps 20000] [--target 2.17]
 *                 [--repeats 5] [--min-ms 300] [--batches 32,128,512] [--python PATH] [--out FILE]
 *                 [--web-rounds 5] [--web-steps 300]
 *
 * --full also runs the seed's whole recipe (200,000 steps) in both implementations, for their
 * total time, losses and the time at which dev first reaches the target.
 * Data: --data, else $MAKEMORE_NAMES, else ../shared/data/names.txt next to the repository.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SEED_RECIPE } from '../src/core/config';
import { parseWordList } from '../src/core/wordlist';
import {
  BENCH_DIR,
  REPO_ROOT,
  findTorchPython,
  lastOf,
  linesOf,
  machineInfo,
  runChild,
  runTsChild,
  type ChildRun,
  type TorchPython,
} from './children';
import type { EngineLine, EvalLine, GenerationLine, ReferenceLine, ScoreLine, WebStepLine, WorkerRunLine } from './messages';
import { formatReport, type BenchResults, type Crossing, type FullRun } from './report';
import { median, summarize } from './stats';

interface Options {
  data: string;
  full: boolean;
  budget: number;
  refSteps: number;
  target: number;
  repeats: number;
  minMs: number;
  batches: number[];
  python?: string;
  out: string;
  /** Rounds of section 8 (the web build's training step in Chromium); 0 skips it. */
  webRounds: number;
  webSteps: number;
}

/** Steps between dev evaluations during the full seed-recipe runs (both implementations). */
const FULL_EVAL_EVERY = 1000;
/** Steps between dev evaluations in the probe run that finds when the defaults cross the target. */
const PROBE_EVAL_EVERY = 10;
/** Rounds of the fixed-steps comparison of the seed recipe (ours and PyTorch take turns). */
const SEED_ROUNDS = 4;
/** Timed runs of the defaults to the target (the median is reported). */
const TIMED_RUNS = 3;
/** The reference's batch size in the seed's recipe. */
const SEED_BATCH = SEED_RECIPE.batchSize;

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      full: { type: 'boolean', default: false },
      budget: { type: 'string', default: '60' },
      'ref-steps': { type: 'string', default: '20000' },
      target: { type: 'string', default: '2.17' },
      repeats: { type: 'string', default: '5' },
      'min-ms': { type: 'string', default: '300' },
      batches: { type: 'string', default: '32,128,512' },
      python: { type: 'string' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'latest.json') },
      'web-rounds': { type: 'string', default: '5' },
      'web-steps': { type: 'string', default: '300' },
    },
  });
  const numberFlag = (name: string, raw: string, min: number): number => {
    const n = Number(raw);
    if (!(n >= min)) throw new Error(`--${name} must be a number ≥ ${min} (got ${raw}).`);
    return n;
  };
  const batches = values.batches.split(',').map((b) => numberFlag('batches', b, 1));
  if (!batches.includes(SEED_BATCH)) throw new Error(`--batches must include the seed's batch size, ${SEED_BATCH}.`);
  return {
    data: values.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt'),
    full: values.full,
    budget: numberFlag('budget', values.budget, 1),
    refSteps: Math.round(numberFlag('ref-steps', values['ref-steps'], 10)),
    target: numberFlag('target', values.target, 0),
    repeats: Math.round(numberFlag('repeats', values.repeats, 1)),
    minMs: numberFlag('min-ms', values['min-ms'], 1),
    batches,
    python: values.python,
    out: values.out,
    webRounds: Math.round(numberFlag('web-rounds', values['web-rounds'], 0)),
    webSteps: Math.round(numberFlag('web-steps', values['web-steps'], 50)),
  };
}

const started = performance.now();
function log(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

/** The first evaluation at or below the target, timed from the child's spawn. */
function firstCrossing(evals: (EvalLine & { at: number })[], target: number): Crossing | null {
  const hit = evals.find((e) => e.dev <= target);
  return hit ? { step: hit.step, seconds: hit.at, dev: hit.dev } : null;
}

function workerRun(o: Options, config: object, extra: string[] = []): Promise<ChildRun<WorkerRunLine>> {
  return runTsChild<WorkerRunLine>('workerRun.ts', ['--data', o.data, '--config', JSON.stringify(config), ...extra]);
}

async function measureThroughput(o: Options): Promise<BenchResults['throughput']> {
  const out: BenchResults['throughput'] = [];
  for (const backend of ['wasm', 'cpu']) {
    log(`1. engine throughput on the ${backend} backend…`);
    const run = await runTsChild<EngineLine>('engine.ts', [
      'throughput',
      '--data',
      o.data,
      '--backend',
      backend,
      '--batches',
      o.batches.join(','),
      '--repeats',
      String(o.repeats),
      '--min-ms',
      String(o.minMs),
    ]);
    const { event: _event, at: _at, ...line } = lastOf(run, 'throughput');
    out.push(line);
  }
  return out;
}

async function measureDefaults(o: Options, modelPath: string): Promise<BenchResults['defaults']> {
  log(`2. defaults: finding the step where dev first reaches ≤ ${o.target} (evaluating every ${PROBE_EVAL_EVERY} steps)…`);
  const probeRun = await workerRun(o, { evalEvery: PROBE_EVAL_EVERY }, ['--stop-at', String(o.target)]);
  const probeEvals = linesOf(probeRun, 'eval');
  const probeCrossing = firstCrossing(probeEvals, o.target);
  const config = lastOf(probeRun, 'started').config;

  let measured: BenchResults['defaults']['timeToTarget']['measured'] = null;
  if (probeCrossing) {
    // The run is deterministic (one seed), so runs evaluating only at that step time the
    // training itself, with one evaluation instead of hundreds.
    log(`2. defaults: timing the run to step ${probeCrossing.step} with one evaluation (${TIMED_RUNS} runs)…`);
    const timed: { crossing: Crossing; startup: number }[] = [];
    for (let i = 0; i < TIMED_RUNS; i++) {
      const run = await workerRun(o, { evalEvery: probeCrossing.step }, ['--stop-at', String(o.target)]);
      const crossing = firstCrossing(linesOf(run, 'eval'), o.target);
      if (crossing) timed.push({ crossing, startup: lastOf(run, 'started').at });
    }
    if (timed.length > 0) {
      measured = {
        ...timed[0]!.crossing,
        seconds: median(timed.map((t) => t.crossing.seconds)),
        runs: timed.map((t) => t.crossing.seconds),
        startupSeconds: median(timed.map((t) => t.startup)),
      };
    }
  }

  log(`3–5. defaults with a ${o.budget} s budget in a worker, then sampling…`);
  const budgetRun = await workerRun(o, { timeBudget: o.budget }, ['--sample', '1000', '--repeats', String(o.repeats), '--save', modelPath]);
  const { summary } = lastOf(budgetRun, 'result');
  const { event: _m, at: _ma, ...memory } = lastOf(budgetRun, 'memory');
  const { event: _s, at: _sa, ...sampling } = lastOf(budgetRun, 'sampling');
  return {
    config,
    timeToTarget: {
      probeEvery: PROBE_EVAL_EVERY,
      probe: probeCrossing && { ...probeCrossing, evaluations: probeEvals.findIndex((e) => e.dev <= o.target) + 1 },
      measured,
      bestDev: Math.min(...probeEvals.map((e) => e.dev)),
    },
    budget: {
      budgetSeconds: o.budget,
      wallSeconds: budgetRun.wallSeconds,
      steps: summary.steps,
      keptStep: summary.keptStep,
      trainSeconds: summary.seconds,
      examplesPerSecond: summary.examplesPerSecond,
      endedBy: summary.steps < config.steps ? 'time' : 'steps',
      losses: summary.losses,
      bigram: summary.bigram,
    },
    memory,
    sampling,
  };
}

/** 7. Names from the model of the budget run: the batched generator against sampleWords. */
async function measureGeneration(o: Options, modelPath: string): Promise<BenchResults['generation']> {
  log('7. generating names: batched (wasm) and one at a time (JavaScript), taking turns…');
  const run = await runTsChild<GenerationLine>('generate.ts', ['--model', modelPath, '--repeats', String(o.repeats)]);
  const { event: _event, at: _at, ...line } = lastOf(run, 'generation');
  return line;
}

/** 9. The explorer's questions in the generation worker: scoring 100,000 lines, a hover's reading, a click's distribution. */
async function measureScore(o: Options, modelPath: string): Promise<BenchResults['score']> {
  log('9. exploring the model in the generation worker: scoring 100,000 lines, reading names, next-character distributions…');
  const run = await runTsChild<ScoreLine>('score.ts', ['--model', modelPath, '--data', o.data, '--repeats', String(o.repeats)]);
  const { event: _event, at: _at, ...line } = lastOf(run, 'score');
  return line;
}

/** 8. The web build's training step in a Chromium Web Worker against the Node build's in a Node worker, taking turns. */
async function measureWebStep(data: string, rounds: number, steps: number): Promise<BenchResults['webStep']> {
  if (rounds === 0) return null;
  log(`8. the web build's training step: a Chromium Web Worker and a Node worker, ${rounds} rounds taking turns…`);
  const run = await runTsChild<WebStepLine>('webStep.ts', ['--data', data, '--rounds', String(rounds), '--steps', String(steps)]);
  const { event: _event, at: _at, ...line } = lastOf(run, 'webStep');
  return line;
}

async function ourSeedRecipe(
  o: Options,
  steps: number,
  evalEvery: number,
): Promise<{ run: ChildRun<EngineLine>; done: Extract<EngineLine, { event: 'done' }> }> {
  const run = await runTsChild<EngineLine>('engine.ts', [
    'seed',
    '--data',
    o.data,
    '--steps',
    String(steps),
    '--eval-every',
    String(evalEvery),
  ]);
  return { run, done: lastOf(run, 'done') };
}

function reference(py: TorchPython, o: Options, args: (string | number)[]): Promise<ChildRun<ReferenceLine>> {
  return runChild<ReferenceLine>(py.python, [path.join(BENCH_DIR, 'reference.py'), '--data', o.data, ...args.map(String)]);
}

function chunkRates(run: ChildRun<ReferenceLine>): number[] {
  return linesOf(run, 'chunk').map((c) => c.stepsPerSecond);
}

/** Short runs at 1 thread and at the machine's core count: on a busy machine, OpenMP threads that wait for each other can be many times slower than one. */
async function probeThreads(py: TorchPython, o: Options): Promise<{ threads: number; stepsPerSecond: number }[]> {
  const probe: { threads: number; stepsPerSecond: number }[] = [];
  for (const threads of [...new Set([1, os.availableParallelism()])]) {
    log(`6. PyTorch: probing ${threads} thread${threads > 1 ? 's' : ''}…`);
    const steps = Math.min(o.refSteps, 600);
    const run = await reference(py, o, ['--steps', steps, '--chunk', Math.max(1, Math.floor(steps / 6)), '--threads', threads]);
    probe.push({ threads, stepsPerSecond: median(chunkRates(run)) });
  }
  return probe;
}

/**
 * The seed's recipe for `--ref-steps` steps in both implementations, in rounds that take turns
 * (ours, PyTorch, ours, …) so that the load of other processes, which drifts over minutes,
 * falls on both; the ratio is the median of the rounds' ratios.
 */
async function compareSeedRecipe(o: Options, torch: { found?: TorchPython; tried: string[] }): Promise<BenchResults['seedRecipe']> {
  const py = torch.found;
  const threadProbe = py ? await probeThreads(py, o) : [];
  const threads = threadProbe.reduce((a, b) => (b.stepsPerSecond > a.stepsPerSecond ? b : a), { threads: 1, stepsPerSecond: 0 }).threads;
  const perRound = Math.max(10, Math.round(o.refSteps / SEED_ROUNDS));
  const chunk = Math.max(1, Math.floor(perRound / 5));
  const ourRates: number[] = [];
  const refRates: number[] = [];
  const roundRatios: number[] = [];
  let ourRss = 0;
  let refRss = 0;
  for (let round = 1; round <= SEED_ROUNDS; round++) {
    log(
      `6. the seed recipe, ${perRound} steps, round ${round}/${SEED_ROUNDS}: ours${py ? `, then PyTorch (${threads} thread${threads > 1 ? 's' : ''})` : ''}…`,
    );
    const { done } = await ourSeedRecipe(o, perRound, 0);
    const ours = done.progressExamplesPerSecond.runs;
    ourRates.push(...ours);
    ourRss = Math.max(ourRss, done.maxRssKb);
    if (py) {
      const run = await reference(py, o, ['--steps', perRound, '--chunk', chunk, '--threads', threads]);
      const theirs = chunkRates(run).map((r) => r * SEED_BATCH);
      refRates.push(...theirs);
      refRss = Math.max(refRss, lastOf(run, 'done').maxRssKb);
      roundRatios.push(median(ours) / median(theirs));
    }
  }
  const ours: BenchResults['seedRecipe']['ours'] = {
    steps: perRound * SEED_ROUNDS,
    examplesPerSecond: summarize(ourRates),
    maxRssKb: ourRss,
    full: null,
  };
  if (!py) return { ours, reference: { missing: torch.tried.join('; ') } };

  const batchThroughput = [{ batch: SEED_BATCH, examplesPerSecond: summarize(refRates) }];
  for (const batch of o.batches.filter((b) => b !== SEED_BATCH)) {
    log(`6. PyTorch: throughput at batch ${batch}…`);
    const perChunk = Math.max(5, Math.round((chunk * SEED_BATCH) / batch));
    const run = await reference(py, o, ['--steps', perChunk * o.repeats, '--chunk', perChunk, '--batch', batch, '--threads', threads]);
    batchThroughput.push({ batch, examplesPerSecond: summarize(chunkRates(run).map((r) => r * batch)) });
  }
  batchThroughput.sort((a, b) => a.batch - b.batch);
  return {
    ours,
    reference: {
      python: py.python,
      torch: py.torch,
      threads,
      threadProbe,
      steps: perRound * SEED_ROUNDS,
      examplesPerSecond: summarize(refRates),
      roundRatios,
      batchThroughput,
      maxRssKb: refRss,
      full: null,
    },
  };
}

async function main(): Promise<void> {
  const o = parseOptions();
  if (!fs.existsSync(o.data)) throw new Error(`${o.data}: no such file (pass --data FILE or set MAKEMORE_NAMES).`);
  const words = parseWordList(fs.readFileSync(o.data, 'utf8')).words.length;
  const loadStart = os.loadavg();
  const torch = o.python ? findTorchPython([o.python]) : findTorchPython();
  if (torch.found) log(`PyTorch ${torch.found.torch} found (${torch.found.python}).`);
  else log(`PyTorch not found (${torch.tried.join('; ')}): our numbers only.`);

  const throughput = await measureThroughput(o);
  const modelDir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-'));
  const modelPath = path.join(modelDir, 'defaults.makemore');
  let defaults: BenchResults['defaults'];
  let generation: BenchResults['generation'];
  let score: BenchResults['score'];
  try {
    defaults = await measureDefaults(o, modelPath);
    generation = await measureGeneration(o, modelPath);
    score = await measureScore(o, modelPath);
  } finally {
    fs.rmSync(modelDir, { recursive: true, force: true });
  }

  const { ours, reference: ref } = await compareSeedRecipe(o, torch);
  const webStep = await measureWebStep(o.data, o.webRounds, o.webSteps);

  if (o.full) {
    log(`6. ours: the whole seed recipe (${SEED_RECIPE.steps} steps, dev every ${FULL_EVAL_EVERY})…`);
    const full = await ourSeedRecipe(o, SEED_RECIPE.steps, FULL_EVAL_EVERY);
    ours.full = fullRun(full.run.wallSeconds, full.done.steps, full.done.losses, linesOf(full.run, 'eval'), o.target);
    if (torch.found && !('missing' in ref)) {
      log(`6. PyTorch: the whole seed recipe (${SEED_RECIPE.steps} steps, dev every ${FULL_EVAL_EVERY})…`);
      const run = await reference(torch.found, o, [
        '--steps',
        SEED_RECIPE.steps,
        '--chunk',
        FULL_EVAL_EVERY,
        '--eval-every',
        FULL_EVAL_EVERY,
        '--threads',
        ref.threads,
      ]);
      const done = lastOf(run, 'done');
      ref.full = {
        ...fullRun(run.wallSeconds, done.steps, { train: done.train, dev: done.dev, test: done.test }, linesOf(run, 'eval'), o.target),
        trainSeconds: done.trainSeconds,
      };
    }
  }

  const results: BenchResults = {
    date: new Date().toISOString(),
    machine: machineInfo(loadStart),
    data: { path: o.data, words },
    options: { full: o.full, budgetSeconds: o.budget, referenceSteps: o.refSteps, target: o.target },
    throughput,
    defaults,
    generation,
    webStep,
    score,
    seedRecipe: { ours, reference: ref },
  };
  fs.mkdirSync(path.dirname(o.out), { recursive: true });
  fs.writeFileSync(o.out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(formatReport(results) + '\n');
  log(`Results written to ${path.relative(process.cwd(), o.out) || o.out}.`);
}

function fullRun(
  wallSeconds: number,
  steps: number,
  losses: FullRun['losses'],
  evals: (EvalLine & { at: number })[],
  target: number,
): FullRun {
  return { wallSeconds, steps, losses, evalEvery: FULL_EVAL_EVERY, crossing: firstCrossing(evals, target) };
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
