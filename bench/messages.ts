/**
 * What the benchmark's child processes print: one JSON object per line on stdout, read by
 * bench/run.ts, which stamps each line with its arrival time (seconds since the child was
 * spawned). The PyTorch reference (bench/reference.py) speaks the same way.
 */
import type { TrainingConfig } from '../src/core/config';
import type { SplitLosses } from '../src/core/splits';
import type { TrainFinishedEvent } from '../src/shared/events';
import type { Summary } from './stats';

// ---------------------------------------------------------------- bench/engine.ts throughput

export interface BatchThroughput {
  batch: number;
  /** Examples per second of one training step (minibatch + forward + backward + optimiser). */
  examplesPerSecond: Summary;
}

export interface ModelThroughput {
  /** 'seed': the seed notebook's model and optimiser; 'default': the defaults for the data. */
  model: 'seed' | 'default';
  blockSize: number;
  embeddingSize: number;
  hiddenSize: number;
  optimizer: TrainingConfig['optimizer'];
  paramCount: number;
  batches: BatchThroughput[];
  /** One dev evaluation as `train` does it (the whole dev split, plus 8 samples), in ms. */
  evalMs: Summary;
}

export interface ThroughputLine {
  event: 'throughput';
  backend: string;
  /** Set when the requested backend was unavailable. */
  warning?: string;
  models: ModelThroughput[];
  maxRssKb: number;
}

// ---------------------------------------------------------------- bench/engine.ts seed recipe

export interface EngineReadyLine {
  event: 'ready';
  backend: string;
  examples: Record<'train' | 'dev' | 'test', number>;
}

export interface EvalLine {
  event: 'eval';
  step: number;
  dev: number;
}

export interface EngineDoneLine {
  event: 'done';
  steps: number;
  /** Training time measured by the engine (evaluations during the run included). */
  seconds: number;
  /** The engine's own rate over the whole run. */
  examplesPerSecond: number;
  /** Rates between progress events (~every 100 ms). */
  progressExamplesPerSecond: Summary;
  losses: SplitLosses;
  maxRssKb: number;
}

export type EngineLine = ThroughputLine | EngineReadyLine | EvalLine | EngineDoneLine;

// ---------------------------------------------------------------- bench/workerRun.ts

export interface WorkerStartedLine {
  event: 'started';
  backend: string;
  warning?: string;
  config: TrainingConfig;
  paramCount: number;
}

export interface WorkerResultLine {
  event: 'result';
  summary: Omit<TrainFinishedEvent, 'type'>;
}

export interface MemoryLine {
  event: 'memory';
  /** Peak RSS of the host process before the worker was created (kB). */
  baselineRssKb: number;
  /** Peak RSS of the process (host + worker) once the run is over (kB). */
  peakRssKb: number;
}

export interface SamplingLine {
  event: 'sampling';
  count: number;
  /** Time to draw `count` words with sampleWords, in ms. */
  ms: Summary;
  examples: string[];
}

export type WorkerRunLine = WorkerStartedLine | EvalLine | WorkerResultLine | MemoryLine | SamplingLine;

// ---------------------------------------------------------------- bench/generate.ts

export interface ConstrainedCase {
  label: string;
  /** Time to 100 names (or the shortfall). */
  ms: Summary;
  /** Fewest names found in a round (100 when every round found them all). */
  found: number;
  tries: Summary;
  examples: string[];
}

export interface GenerationLine {
  event: 'generation';
  backend: string;
  model: { vocabSize: number; blockSize: number; embeddingSize: number; hiddenSize: number; classes?: number; words: number };
  /** sampleWords, `count` names, as the extension host samples today (repeats allowed). */
  oneAtATime: { count: number; ms: Summary; namesPerSecond: Summary };
  /** The batched generator, `count` distinct names without constraints (lengths 1–128). */
  batched: { count: number; ms: Summary; namesPerSecond: Summary; triesPerSecond: Summary };
  /** 1,000 names, as a view asks for them: total time and time to the first batch. */
  thousand: { ms: Summary; firstBatchMs: Summary; examples: string[] };
  /** A fresh generator (list index, forward pass) and its first request of 1,000 names. */
  cold: { setupMs: number; firstRequestMs: number; firstBatchMs: number };
  constrained: ConstrainedCase[];
  /** 100 names at least 3 edits from every name in the list. */
  minEdits3: { count: number; ms: Summary };
  /** Batched names/s over one-at-a-time names/s, per round. */
  ratio: Summary;
}

// ---------------------------------------------------------------- bench/score.ts

export interface ScoreLine {
  event: 'score';
  model: { vocabSize: number; blockSize: number; embeddingSize: number; hiddenSize: number; words: number };
  /** Lines scored per question. */
  lines: number;
  /** The worker's first question about the model: reading it, scoring its own list (the percentiles), then the lines. */
  coldMs: number;
  /** Other lists of as many lines (fresh variants; the model and its list's scores held), from the extension host's question to its answer. */
  freshMs: Summary;
  /** The first list again: every context met before. */
  againMs: number;
  /** The fresh lists in the benchmark's process, without the worker: wall and CPU time. */
  inProcessMs: Summary;
  inProcessCpuMs: Summary;
  /** A hover's question (a name read letter by letter), a click's (the distribution after a prefix), the 10 best names. */
  readMs: Summary;
  nextMs: Summary;
  searchMs: Summary;
}

// ---------------------------------------------------------------- bench/reference.py

interface ReferenceTimed {
  /** Seconds since the script started (before importing torch). */
  seconds: number;
}

export type ReferenceLine =
  | (ReferenceTimed & {
      event: 'ready';
      torch: string;
      threads: number;
      python: string;
      examples: Record<'train' | 'dev' | 'test', number>;
    })
  | (ReferenceTimed & { event: 'chunk'; step: number; stepsPerSecond: number; loss: number })
  | (ReferenceTimed & EvalLine)
  | (ReferenceTimed & { event: 'done'; steps: number; trainSeconds: number; train: number; dev: number; test: number; maxRssKb: number });

// ---------------------------------------------------------------- bench/webStep.ts

export interface WebStepLine {
  event: 'webStep';
  /** Chromium's version. */
  chromium: string;
  /** The training job both workers ran (the default model at batch 512, no evaluation). */
  config: Partial<TrainingConfig>;
  /** Steps before the timed span. */
  warmUpSteps: number;
  /** The backend each worker ran (with its warning, if it fell back). */
  backends: { node: string; web: string };
  /** ms per training step, one measurement per round: the Node worker (dist/worker.js)… */
  nodeMs: Summary;
  /** …and the web worker (dist/web/worker.js) in Chromium. */
  webMs: Summary;
  /** web / Node ms per step, per round. */
  ratio: Summary;
}
