/**
 * Child process of the benchmark: generating names from a trained model (a checkpoint file) with
 * the batched generator (core/generate.ts, wasm) and with the one-at-a-time sampler
 * (core/sample.ts, plain JavaScript, what the extension host runs today), in one process, the
 * cases taking turns in every round so that load from other processes falls on all of them.
 * Prints one JSON line (bench/messages.ts GenerationLine).
 *
 *   generate.ts --model FILE [--repeats 5] [--count 10000]
 */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../src/core/nodeBackend';
import { decodeCheckpoint } from '../src/core/checkpoint';
import { planRequest, type GenerateRequest } from '../src/core/constraints';
import { generatorModelOf, NameGenerator } from '../src/core/generate';
import { classCount } from '../src/core/outputLayer';
import type { GenerateResult } from '../src/core/generated';
import { sampleWords } from '../src/core/sample';
import { MAX_LINE_LENGTH } from '../src/core/wordlist';
import type { ConstrainedCase, GenerationLine } from './messages';
import { summarize } from './stats';

/** The one-at-a-time sampler's batch, as the bench has always timed it ("sampling 1,000 names"). */
const ONE_AT_A_TIME = 1000;
/** No length bounds but the line cap (the generator's default is the list's own range). */
const UNBOUNDED = { minLength: 1, maxLength: MAX_LINE_LENGTH };

/** 100 names with starts-with + ends-with + length 5–7 + new only (the goal: < 1 s). */
const CONSTRAINED: { label: string; request: GenerateRequest }[] = [
  ['ka', 'a'],
  ['br', 'n'],
  ['z', 'ie'],
].map(([startsWith, endsWith]) => ({
  label: `starts with "${startsWith}", ends with "${endsWith}", 5–7 characters, new only`,
  request: { count: 100, startsWith, endsWith, minLength: 5, maxLength: 7, newOnly: true },
}));

function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  return f().then((value) => ({ ms: performance.now() - start, value }));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      repeats: { type: 'string', default: '5' },
      count: { type: 'string', default: '10000' },
    },
  });
  if (!values.model) throw new Error('--model FILE is required.');
  const repeats = Number(values.repeats);
  const count = Number(values.count);
  const backend = await initNodeBackend();
  const ck = decodeCheckpoint(fs.readFileSync(values.model));
  const sampling = { shape: ck.shape, params: ck.params, vocabulary: ck.vocabulary };

  // Cold: a fresh generator (list index, forward pass) and its first request, as a worker
  // meets them when a model is loaded.
  const setup = await timed(async () => new NameGenerator(generatorModelOf(ck)));
  const generator = setup.value;
  let firstBatchMs = NaN;
  const coldStart = performance.now();
  const cold = await timed(() =>
    generator.generate(
      { count: 1000, ...UNBOUNDED },
      { seed: 1, onNames: () => (firstBatchMs = Number.isNaN(firstBatchMs) ? performance.now() - coldStart : firstBatchMs) },
    ),
  );

  const oneMs: number[] = [];
  const batchedMs: number[] = [];
  const batchedTries: number[] = [];
  const thousandMs: number[] = [];
  const firstBatch: number[] = [];
  // The constrained cases the model's alphabet can meet (a Chinese model has no "ka").
  const feasible = CONSTRAINED.filter((c) => {
    try {
      planRequest(c.request, generator.facts);
      return true;
    } catch {
      return false;
    }
  });
  const constrained = feasible.map((c) => ({
    ...c,
    ms: [] as number[],
    found: [] as number[],
    tries: [] as number[],
    examples: [] as string[],
  }));
  const editsMs: number[] = [];
  let examples: string[] = [];
  for (let r = 0; r < repeats; r++) {
    const seed = 100 + r;
    const one = await timed(async () => sampleWords(sampling, { count: ONE_AT_A_TIME, seed }));
    oneMs.push(one.ms);
    const big = await timed(() => generator.generate({ count, ...UNBOUNDED }, { seed, limits: { maxCount: count } }));
    batchedMs.push(big.ms);
    batchedTries.push(big.value.tries);
    let first = NaN;
    const start = performance.now();
    const thousand = await timed(() =>
      generator.generate(
        { count: 1000, ...UNBOUNDED },
        { seed, onNames: () => (first = Number.isNaN(first) ? performance.now() - start : first) },
      ),
    );
    thousandMs.push(thousand.ms);
    firstBatch.push(first);
    examples = thousand.value.names.slice(0, 12).map((n) => n.name);
    for (const c of constrained) {
      const run = await timed<GenerateResult>(() => generator.generate(c.request, { seed }));
      c.ms.push(run.ms);
      c.found.push(run.value.names.length);
      c.tries.push(run.value.tries);
      if (r === 0) c.examples = run.value.names.slice(0, 8).map((n) => n.name);
    }
    editsMs.push((await timed(() => generator.generate({ count: 100, minEdits: 3 }, { seed }))).ms);
  }

  const constrainedCases: ConstrainedCase[] = constrained.map((c) => ({
    label: c.label,
    ms: summarize(c.ms),
    found: Math.min(...c.found),
    tries: summarize(c.tries),
    examples: c.examples,
  }));
  const line: GenerationLine = {
    event: 'generation',
    backend: backend.name,
    model: {
      vocabSize: ck.shape.vocabSize,
      blockSize: ck.shape.blockSize,
      embeddingSize: ck.shape.embeddingSize,
      hiddenSize: ck.shape.hiddenSize,
      classes: classCount(ck.shape),
      words: ck.trainingWords.length,
    },
    oneAtATime: { count: ONE_AT_A_TIME, ms: summarize(oneMs), namesPerSecond: summarize(oneMs.map((ms) => (ONE_AT_A_TIME * 1000) / ms)) },
    batched: {
      count,
      ms: summarize(batchedMs),
      namesPerSecond: summarize(batchedMs.map((ms) => (count * 1000) / ms)),
      triesPerSecond: summarize(batchedMs.map((ms, i) => (batchedTries[i]! * 1000) / ms)),
    },
    thousand: { ms: summarize(thousandMs), firstBatchMs: summarize(firstBatch), examples },
    cold: { setupMs: setup.ms, firstRequestMs: cold.ms, firstBatchMs },
    constrained: constrainedCases,
    minEdits3: { count: 100, ms: summarize(editsMs) },
    ratio: summarize(batchedMs.map((ms, i) => count / ms / (ONE_AT_A_TIME / oneMs[i]!))),
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
