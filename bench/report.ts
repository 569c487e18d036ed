/**
 * The benchmark's results (what bench/results/latest.json holds), the ratios and targets
 * derived from them, and the table printed at the end of `npm run bench`. Pure functions.
 */
import { SEED_RECIPE, type TrainingConfig } from '../src/core/config';
import type { SplitLosses } from '../src/core/splits';
import { formatLoss, formatThroughput } from '../src/shared/format';
import type { BatchThroughput, GenerationLine, ScoreLine, ThroughputLine, WebStepLine } from './messages';
import { median, type Summary } from './stats';

/** A dev evaluation that reached the target loss; `seconds` is wall time since the process was spawned. */
export interface Crossing {
  step: number;
  seconds: number;
  dev: number;
}

export interface FullRun {
  /** Wall time from spawn to exit. */
  wallSeconds: number;
  steps: number;
  losses: SplitLosses;
  /** Dev evaluated every this many steps during the run. */
  evalEvery: number;
  /** The first evaluation with dev ≤ the target, if any. */
  crossing: Crossing | null;
}

export interface BenchResults {
  date: string;
  machine: { cpus: number; cpuModel: string; node: string; loadAverage: { start: number[]; end: number[] } };
  data: { path: string; words: number };
  options: { full: boolean; budgetSeconds: number; referenceSteps: number; target: number };
  /** Engine throughput, one entry per backend (each measured in its own process). */
  throughput: Omit<ThroughputLine, 'event'>[];
  defaults: {
    config: TrainingConfig;
    timeToTarget: {
      /** Probe run: dev evaluated every `probeEvery` steps to find the crossing step. */
      probeEvery: number;
      probe: (Crossing & { evaluations: number }) | null;
      /** Runs evaluating only at the crossing step: the headline time is their median. */
      measured: (Crossing & { runs: number[]; startupSeconds: number }) | null;
      /** Best dev seen when the target was not reached. */
      bestDev: number;
    };
    budget: {
      budgetSeconds: number;
      wallSeconds: number;
      steps: number;
      keptStep: number;
      trainSeconds: number;
      examplesPerSecond: number;
      /** 'time' when the budget ended the run before the default number of steps. */
      endedBy: 'steps' | 'time';
      losses: SplitLosses;
      bigram: SplitLosses;
    };
    /** Peak RSS of the process hosting the worker that ran the budget run (kB). */
    memory: { baselineRssKb: number; peakRssKb: number };
    sampling: { count: number; ms: Summary; examples: string[] };
  };
  /** 7. Generating names from the budget run's model (bench/generate.ts). */
  generation: Omit<GenerationLine, 'event'>;
  /** 9. Scoring a list and answering the explorer's questions in the generation worker (bench/score.ts); absent in older results. */
  score?: Omit<ScoreLine, 'event'>;
  /** 8. The web build's training step against the Node build's (bench/webStep.ts); null when skipped (--web-rounds 0). */
  webStep?: Omit<WebStepLine, 'event'> | null;
  seedRecipe: {
    ours: {
      steps: number;
      /** Rates between progress events (~100 ms) over all rounds. */
      examplesPerSecond: Summary;
      /** Peak RSS of that training process (plain Node, no worker), kB. */
      maxRssKb: number;
      full: FullRun | null;
    };
    reference:
      | {
          python: string;
          torch: string;
          threads: number;
          /** Short runs at 1 thread and at the machine's core count; the faster one is used. */
          threadProbe: { threads: number; stepsPerSecond: number }[];
          steps: number;
          /** Examples/s of the chunks of the fixed-steps rounds (evaluations excluded). */
          examplesPerSecond: Summary;
          /** Ours / PyTorch examples/s in each round (medians of the round's measurements). */
          roundRatios: number[];
          batchThroughput: BatchThroughput[];
          maxRssKb: number;
          full: (FullRun & { trainSeconds: number }) | null;
        }
      | { missing: string };
  };
}

export interface Ratios {
  /** Our time to the target (defaults) over the reference's (its recipe); null without --full. */
  timeToTarget: number | null;
  /** Our examples/s over the reference's, same recipe and batch: the median of the rounds' ratios. */
  examplesPerSecond: number | null;
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

const MB = 1024;

function hasReference(
  r: BenchResults['seedRecipe']['reference'],
): r is Exclude<BenchResults['seedRecipe']['reference'], { missing: string }> {
  return !('missing' in r);
}

export function ratios(results: BenchResults): Ratios {
  const ref = results.seedRecipe.reference;
  if (!hasReference(ref)) return { timeToTarget: null, examplesPerSecond: null };
  const ours = results.defaults.timeToTarget.measured;
  const theirs = ref.full?.crossing;
  return {
    timeToTarget: ours && theirs ? ours.seconds / theirs.seconds : null,
    examplesPerSecond: median(ref.roundRatios),
  };
}

function throughputAt(results: BenchResults, backend: string, model: 'seed' | 'default', batch: number): number | undefined {
  return results.throughput
    .find((t) => t.backend === backend)
    ?.models.find((m) => m.model === model)
    ?.batches.find((b) => b.batch === batch)?.examplesPerSecond.median;
}

export function targets(results: BenchResults): Target[] {
  const r = ratios(results);
  const target = results.options.target;
  const at512 = throughputAt(results, 'wasm', 'seed', 512);
  const budget = results.defaults.budget;
  const peakMb = results.defaults.memory.peakRssKb / MB;
  return [
    {
      name: `time to dev ≤ ${target} vs PyTorch`,
      goal: '≤ 1/10',
      measured: r.timeToTarget === null ? 'n/a (needs --full and PyTorch)' : `1/${(1 / r.timeToTarget).toFixed(1)}`,
      met: r.timeToTarget === null ? null : r.timeToTarget <= 0.1,
    },
    {
      name: 'examples/s at batch 512, seed model (wasm)',
      goal: '≥ 150k',
      measured: at512 === undefined ? 'n/a' : formatThroughput(at512),
      met: at512 === undefined ? null : at512 >= 150_000,
    },
    {
      name: `dev loss, defaults, ≤ ${results.options.budgetSeconds} s`,
      goal: '≤ 2.05',
      measured: formatLoss(budget.losses.dev),
      met: budget.losses.dev === null ? null : budget.losses.dev <= 2.05,
    },
    {
      name: 'peak RSS, training in a worker',
      goal: '≤ 400 MB',
      measured: `${peakMb.toFixed(0)} MB`,
      met: peakMb <= 400,
    },
    ...generationTargets(results.generation),
    ...(results.webStep ? webStepTargets(results.webStep) : []),
    ...(results.score ? scoreTargets(results.score) : []),
  ];
}

/** The goals of issue 20: a list scored in the worker, a hover, a click in the explorer. */
export function scoreTargets(sc: Omit<ScoreLine, 'event'>): Target[] {
  return [
    {
      name: `scoring ${sc.lines.toLocaleString('en-US')} lines in the worker`,
      goal: '≤ 2 s',
      measured: `${(sc.freshMs.median / 1000).toFixed(2)} s (CPU ${(sc.inProcessCpuMs.median / 1000).toFixed(2)} s)`,
      met: sc.lines >= 100_000 ? sc.freshMs.median <= 2000 : null,
    },
    {
      name: "a hover's reading, question to answer",
      goal: '≤ 50 ms',
      measured: `${sc.readMs.median.toFixed(1)} ms (max ${sc.readMs.max.toFixed(0)})`,
      met: sc.readMs.median <= 50,
    },
    {
      name: "an explorer click's distribution, question to answer",
      goal: '≤ 50 ms',
      measured: `${sc.nextMs.median.toFixed(1)} ms (max ${sc.nextMs.max.toFixed(0)})`,
      met: sc.nextMs.median <= 50,
    },
  ];
}

/** Section 9 of the report: the explorer's questions in the generation worker. */
export function formatScore(sc: Omit<ScoreLine, 'event'> | undefined): string[] {
  if (!sc) return ['9. Scoring a list (the explorer): not measured.'];
  const m = sc.model;
  const ms = (x: number): string => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
  const spread = (x: { median: number; min: number; max: number }): string => `${ms(x.median)} (${ms(x.min)}–${ms(x.max)})`;
  return [
    `9. Exploring that model (${m.blockSize}/${m.embeddingSize}/${m.hiddenSize}, ${m.words.toLocaleString('en-US')} list words) in the generation worker: question to answer, from the extension host`,
    textTable(
      [
        ['measure', 'median (min–max)'],
        [`scoring ${sc.lines.toLocaleString('en-US')} lines, cold (the model read, its own list scored first)`, ms(sc.coldMs)],
        [`scoring ${sc.lines.toLocaleString('en-US')} lines, other lists (${sc.freshMs.runs.length} runs)`, spread(sc.freshMs)],
        ['  the same in the benchmark process, no worker: wall', spread(sc.inProcessMs)],
        ['  … and CPU time', spread(sc.inProcessCpuMs)],
        ['  the first list again (every context met before)', ms(sc.againMs)],
        [`a name read letter by letter (the hover; ${sc.readMs.runs.length} names)`, spread(sc.readMs)],
        ['the next-character distribution (a click in the explorer)', spread(sc.nextMs)],
        ['the 10 most probable names after a 2-letter prefix', spread(sc.searchMs)],
      ],
      'lr',
    ),
  ];
}

/** The goal of issue 13: the web build trains as fast as the Node build, within 1.2×. */
export function webStepTargets(w: Omit<WebStepLine, 'event'>): Target[] {
  return [
    {
      name: 'training step, web worker (Chromium) / Node worker',
      goal: '≤ 1.2×',
      measured: `${w.ratio.median.toFixed(2)}×`,
      met: w.ratio.median <= 1.2,
    },
  ];
}

/** Section 8 of the report: the web build's training step (also printed alone by bench/runWeb.ts). */
export function formatWebStep(w: Omit<WebStepLine, 'event'> | null | undefined): string[] {
  if (!w) return ["8. The web build's training step: not measured (--web-rounds 0)."];
  const c = w.config;
  const out = [
    `8. The web build's training step: model ${c.blockSize}/${c.embeddingSize}/${c.hiddenSize}, ${c.optimizer}, batch ${c.batchSize}, ` +
      `${c.steps} steps a run (ms per step after step ${w.warmUpSteps}); ${w.ratio.runs.length} rounds taking turns`,
  ];
  const ms = (x: number): string => `${x.toFixed(2)} ms`;
  out.push(
    textTable(
      [
        ['worker', 'backend', 'ms per step (median)', 'min–max'],
        ['Node (dist/worker.js, worker_threads)', w.backends.node, ms(w.nodeMs.median), `${ms(w.nodeMs.min)}–${ms(w.nodeMs.max)}`],
        [
          `web (dist/web/worker.js, Chromium ${w.chromium} Web Worker)`,
          w.backends.web,
          ms(w.webMs.median),
          `${ms(w.webMs.min)}–${ms(w.webMs.max)}`,
        ],
      ],
      'llrr',
    ),
  );
  out.push(`  web / Node, per round: ${w.ratio.runs.map((r) => r.toFixed(2)).join(', ')} → median ${w.ratio.median.toFixed(2)}×`);
  return out;
}

/** The goals of issue 12 for generating names. */
export function generationTargets(gen: Omit<GenerationLine, 'event'>): Target[] {
  const slowest = gen.constrained.reduce((a, b) => (b.ms.median > a.ms.median ? b : a));
  return [
    {
      name: 'names/s, batched, no constraints (defaults)',
      goal: '≥ 30k',
      measured: formatThroughput(gen.batched.namesPerSecond.median),
      met: gen.batched.namesPerSecond.median >= 30_000,
    },
    {
      name: '100 names, starts + ends with, 5–7, new only',
      goal: '< 1 s',
      measured: `${slowest.ms.median.toFixed(0)} ms (slowest case)`,
      met: slowest.ms.median < 1000 && slowest.found === 100,
    },
  ];
}

/** Section 7 of the report: generating names (also printed alone by bench/runGenerate.ts). */
export function formatGeneration(g: Omit<GenerationLine, 'event'>): string[] {
  const out: string[] = [];
  const m = g.model;
  out.push(
    `7. Generating names from that model (${m.blockSize}/${m.embeddingSize}/${m.hiddenSize}, ${m.words.toLocaleString('en-US')} list words; median of ${g.ratio.runs.length} rounds taking turns, ${g.backend})`,
  );
  const ms = (x: number): string => `${x.toFixed(0)} ms`;
  const rows: string[][] = [['measure', 'value']];
  rows.push([
    `one at a time (sampleWords, JavaScript), ${g.oneAtATime.count.toLocaleString('en-US')} names`,
    `${ms(g.oneAtATime.ms.median)} = ${formatThroughput(g.oneAtATime.namesPerSecond.median)} names/s`,
  ]);
  rows.push([
    `batched (wasm), ${g.batched.count.toLocaleString('en-US')} distinct names, no constraints`,
    `${ms(g.batched.ms.median)} = ${formatThroughput(g.batched.namesPerSecond.median)} names/s (${formatThroughput(g.batched.triesPerSecond.median)} tries/s)`,
  ]);
  rows.push(['  batched / one at a time (same rounds)', `${g.ratio.median.toFixed(1)}×`]);
  rows.push(['batched, 1,000 names', `${ms(g.thousand.ms.median)}, first batch after ${ms(g.thousand.firstBatchMs.median)}`]);
  rows.push([
    '  a fresh generator: set-up, first 1,000 names (first batch)',
    `${ms(g.cold.setupMs)}, ${ms(g.cold.firstRequestMs)} (${ms(g.cold.firstBatchMs)})`,
  ]);
  for (const c of g.constrained) {
    rows.push([
      `100 names, ${c.label}`,
      `${ms(c.ms.median)} (${c.found < 100 ? `found ${c.found}, ` : ''}${Math.round(c.tries.median).toLocaleString('en-US')} tries)`,
    ]);
  }
  rows.push(['100 names at least 3 edits from every name in the list', ms(g.minEdits3.ms.median)]);
  out.push(textTable(rows, 'll'));
  return out;
}

const s = (x: number): string => `${x.toFixed(1)} s`;
const mb = (kb: number): string => `${(kb / MB).toFixed(0)} MB`;

/** An aligned text table: `align` has one letter per column, l(eft) or r(ight); by default the first column is left-aligned, the others right-aligned. */
export function textTable(rows: string[][], align?: string): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const left = (i: number): boolean => (align ? align[i] === 'l' : i === 0);
  return rows
    .map((r) =>
      r
        .map((c, i) => (left(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The report printed at the end of the run. */
export function formatReport(results: BenchResults): string {
  const out: string[] = [];
  const { target } = results.options;
  const ref = results.seedRecipe.reference;
  const refOk = hasReference(ref);

  out.push(`Makemore benchmark — ${results.date}`);
  out.push(
    `${results.machine.cpuModel}, ${results.machine.cpus} cores, Node ${results.machine.node}; load average ` +
      `${results.machine.loadAverage.start.map((l) => l.toFixed(1)).join(' ')} at start, ` +
      `${results.machine.loadAverage.end.map((l) => l.toFixed(1)).join(' ')} at end`,
  );
  out.push(`Data: ${results.data.path} (${results.data.words.toLocaleString('en-US')} words)`);
  out.push('');

  out.push('1. Engine throughput, examples/s of one training step (median of repeats)');
  const batches = results.throughput[0]?.models[0]?.batches.map((b) => b.batch) ?? [];
  const rows: string[][] = [['model', 'backend', ...batches.map((b) => `B=${b}`), 'dev eval']];
  for (const t of results.throughput) {
    for (const m of t.models) {
      rows.push([
        `${m.model} ${m.blockSize}/${m.embeddingSize}/${m.hiddenSize} ${m.optimizer}`,
        t.backend,
        ...m.batches.map((b) => formatThroughput(b.examplesPerSecond.median)),
        `${m.evalMs.median.toFixed(0)} ms`,
      ]);
    }
  }
  if (refOk) {
    rows.push([
      'seed 3/10/200 sgd',
      `PyTorch ×${ref.threads}`,
      ...batches.map((b) => {
        const found = ref.batchThroughput.find((x) => x.batch === b);
        return found ? formatThroughput(found.examplesPerSecond.median) : '—';
      }),
      '',
    ]);
  }
  out.push(textTable(rows));
  for (const t of results.throughput) if (t.warning) out.push(`  (${t.backend}: ${t.warning})`);
  out.push('');

  const d = results.defaults;
  const c = d.config;
  out.push(
    `2–5. Default settings on this data: block ${c.blockSize}, embedding ${c.embeddingSize}, hidden ${c.hiddenSize}, ` +
      `${c.optimizer} lr ${c.learningRate}, batch ${c.batchSize}, ${c.steps} steps (in a worker, dist/worker.js)`,
  );
  const t2 = d.timeToTarget;
  const rows2: string[][] = [['measure', 'value']];
  if (t2.measured && t2.probe) {
    rows2.push([
      `time to dev ≤ ${target} (wall, from process spawn)`,
      `${s(t2.measured.seconds)} (median of ${t2.measured.runs.length}; step ${t2.measured.step}, dev ${formatLoss(t2.measured.dev)})`,
    ]);
    rows2.push(['  of which startup (spawn → data ready)', s(t2.measured.startupSeconds)]);
    rows2.push([`  probe run, dev every ${t2.probeEvery} steps`, `${s(t2.probe.seconds)} (${t2.probe.evaluations} evaluations)`]);
  } else {
    rows2.push([`time to dev ≤ ${target}`, `not reached (best dev ${formatLoss(t2.bestDev)})`]);
  }
  const b = d.budget;
  rows2.push([
    `best dev within ${b.budgetSeconds} s (test)`,
    `${formatLoss(b.losses.dev)} (${formatLoss(b.losses.test)}); train ${formatLoss(b.losses.train)}; bigram dev ${formatLoss(b.bigram.dev)}`,
  ]);
  rows2.push([
    '  run',
    `${b.steps} steps (${b.endedBy === 'time' ? 'ended by the budget' : 'all steps'}), kept step ${b.keptStep}, ` +
      `${formatThroughput(b.examplesPerSecond)} ex/s, ${s(b.wallSeconds)} wall`,
  ]);
  rows2.push([`sampling ${d.sampling.count} names`, `${d.sampling.ms.median.toFixed(0)} ms`]);
  rows2.push(['peak RSS, host + worker (host alone)', `${mb(d.memory.peakRssKb)} (${mb(d.memory.baselineRssKb)})`]);
  rows2.push(['peak RSS, plain Node process, seed recipe', mb(results.seedRecipe.ours.maxRssKb)]);
  out.push(textTable(rows2, 'll'));
  out.push('');

  const sr = SEED_RECIPE;
  out.push(
    `6. The seed's recipe (${sr.blockSize}/${sr.embeddingSize}/${sr.hiddenSize}, ${sr.optimizer.toUpperCase()} ${sr.learningRate} → ` +
      `${Number((sr.learningRate * sr.lrDropFactor).toPrecision(3))} at ${sr.lrDrops.join(', ')} of the run, batch ${sr.batchSize}, ${sr.init} init), side by side`,
  );
  const ours = results.seedRecipe.ours;
  const rows3: string[][] = [['', 'ours (wasm)', refOk ? `PyTorch ${ref.torch} ×${ref.threads}` : 'PyTorch']];
  const refCell = (f: (r: Exclude<typeof ref, { missing: string }>) => string): string => (refOk ? f(ref) : 'missing');
  rows3.push([
    `examples/s (median, ${ours.steps.toLocaleString('en-US')} steps)`,
    formatThroughput(ours.examplesPerSecond.median),
    refCell((r) => formatThroughput(r.examplesPerSecond.median)),
  ]);
  rows3.push(['peak RSS', mb(ours.maxRssKb), refCell((r) => mb(r.maxRssKb))]);
  const fullCells = (f: FullRun | null | undefined, pick: (f: FullRun) => string): string => (f ? pick(f) : '—');
  const refFull = refOk ? ref.full : null;
  if (ours.full || refFull) {
    rows3.push(['full run, wall time', fullCells(ours.full, (f) => s(f.wallSeconds)), fullCells(refFull, (f) => s(f.wallSeconds))]);
    rows3.push([
      'full run, train / dev / test',
      fullCells(ours.full, (f) => [f.losses.train, f.losses.dev, f.losses.test].map(formatLoss).join(' / ')),
      fullCells(refFull, (f) => [f.losses.train, f.losses.dev, f.losses.test].map(formatLoss).join(' / ')),
    ]);
    const cross = (f: FullRun): string => (f.crossing ? `${s(f.crossing.seconds)} (step ${f.crossing.step})` : 'never');
    rows3.push([
      `first dev ≤ ${target} (every ${(ours.full ?? refFull)!.evalEvery} steps)`,
      fullCells(ours.full, cross),
      fullCells(refFull, cross),
    ]);
  }
  out.push(textTable(rows3));
  if (!refOk) out.push(`  PyTorch not found, so only our numbers are shown (${ref.missing}).`);
  else
    out.push(
      `  PyTorch threads: ${ref.threadProbe.map((p) => `${p.threads} → ${p.stepsPerSecond.toFixed(0)} steps/s`).join(', ')} in a short probe; the faster is used.`,
    );
  out.push('');

  out.push(...formatGeneration(results.generation));
  out.push('');
  out.push(...formatWebStep(results.webStep));
  out.push('');
  out.push(...formatScore(results.score));
  out.push('');

  const r = ratios(results);
  out.push('Ratios (same run)');
  out.push(
    `  time to dev ≤ ${target}: ours (defaults) / PyTorch (seed recipe) = ` +
      (r.timeToTarget === null
        ? refOk
          ? 'n/a (run with --full)'
          : 'n/a'
        : `${r.timeToTarget.toFixed(3)} (1/${(1 / r.timeToTarget).toFixed(1)})`),
  );
  out.push(
    `  examples/s, seed recipe at batch ${SEED_RECIPE.batchSize}: ours / PyTorch = ` +
      (r.examplesPerSecond === null || !refOk
        ? 'n/a'
        : `${r.examplesPerSecond.toFixed(2)}× (median of ${ref.roundRatios.length} rounds taking turns: ${ref.roundRatios.map((x) => x.toFixed(2)).join(', ')})`),
  );
  out.push(
    `  names/s, batched generator / one-at-a-time sampler: ${results.generation.ratio.median.toFixed(1)}× (median of ${results.generation.ratio.runs.length} rounds)`,
  );
  if (results.webStep)
    out.push(
      `  training step, web build (Chromium worker) / Node build (Node worker): ${results.webStep.ratio.median.toFixed(2)}× (median of ${results.webStep.ratio.runs.length} rounds)`,
    );
  out.push('');
  out.push('Targets');
  out.push(
    textTable(
      [
        ['', 'goal', 'measured', ''],
        ...targets(results).map((t) => [t.name, t.goal, t.measured, t.met === null ? '—' : t.met ? 'met' : 'MISSED']),
      ],
      'lrrl',
    ),
  );
  return out.join('\n');
}
