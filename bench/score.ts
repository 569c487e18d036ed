/**
 * Child process of the benchmark: exploring a trained model (a checkpoint file) in the
 * generation worker — dist/worker.js in a worker thread, driven by the extension's own
 * GenerationWorker, as Rank Lines by Typicality, the hover and the Explore tab use it. Prints one
 * JSON line (bench/messages.ts ScoreLine).
 *
 * - scoring a list of `--lines` lines (the data file's lines, then one-letter variants of them
 *   until there are enough: most contexts are the list's own, a good part are new): cold (the
 *   worker's first question about the model: it reads the model and scores the model's own list
 *   once, for the percentiles, then the lines), then `--repeats` lists with fresh variants, and
 *   one list again (every context met before); and the fresh lists in this process
 *   (core/explorer.ts, no worker), wall and CPU time, to tell the work from the machine's load;
 * - a hover's question (a name read letter by letter) and a click's (the next-character
 *   distribution after a prefix), one after the other, each timed from the question to the
 *   answer in the extension host.
 *
 *   score.ts --model FILE --data FILE [--lines 100000] [--repeats 5] [--questions 200]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeCheckpoint } from '../src/core/checkpoint';
import { explorerModelOf, ModelExplorer } from '../src/core/explorer';
import { initNodeBackend } from '../src/core/nodeBackend';
import { Rng } from '../src/core/rng';
import { GenerationWorker, type WorkerModel } from '../src/extension/generation/generationWorker';
import { spawnNodeWorker } from '../src/extension/jobs/nodeWorker';
import { scoringLines } from './listData';
import type { ScoreLine } from './messages';
import { summarize } from './stats';

const WORKER = path.resolve(__dirname, '../dist/worker.js');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      model: { type: 'string' },
      data: { type: 'string' },
      lines: { type: 'string', default: '100000' },
      repeats: { type: 'string', default: '5' },
      questions: { type: 'string', default: '200' },
    },
  });
  if (!values.model || !values.data) throw new Error('--model FILE and --data FILE are required.');
  if (!fs.existsSync(WORKER)) throw new Error(`${WORKER} is missing: run npm run build first.`);
  const bytes = new Uint8Array(fs.readFileSync(values.model));
  const ck = decodeCheckpoint(bytes);
  const words = fs
    .readFileSync(values.data, 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const n = Number(values.lines);
  const lines = scoringLines(words, n);
  const repeats = Number(values.repeats);
  const fresh = Array.from({ length: repeats }, (_, r) => scoringLines(words, n, 100 + r));
  const questions = Number(values.questions);

  const worker = new GenerationWorker(spawnNodeWorker(WORKER));
  const model: WorkerModel = { key: 'bench', bytes: async () => bytes };
  const timed = async (query: Parameters<GenerationWorker['explore']>[0]['query']): Promise<number> => {
    const start = performance.now();
    const outcome = await worker.explore({ model, query });
    if (outcome.kind !== 'answer') throw new Error(`${query.kind}: ${JSON.stringify(outcome)}`);
    return performance.now() - start;
  };
  try {
    const coldMs = await timed({ kind: 'score', items: lines });
    const freshMs: number[] = [];
    for (const list of fresh) freshMs.push(await timed({ kind: 'score', items: list }));
    const againMs = await timed({ kind: 'score', items: lines });
    const rng = new Rng(11);
    const read: number[] = [];
    const next: number[] = [];
    for (let q = 0; q < questions; q++) {
      const w = words[rng.int(words.length)]!;
      read.push(await timed({ kind: 'read', text: w }));
      next.push(await timed({ kind: 'next', prefix: [...w].slice(0, 1 + rng.int(Math.max(1, [...w].length - 1))).join('') }));
    }
    const search: number[] = [];
    for (let q = 0; q < Math.min(questions, 50); q++)
      search.push(await timed({ kind: 'search', prefix: words[rng.int(words.length)]!.slice(0, 2), count: 10 }));

    // The fresh lists in this process, without the worker: a new explorer each (its list's own
    // scores first, as in the worker), wall and CPU time.
    await initNodeBackend();
    const inProcess: number[] = [];
    const inProcessCpu: number[] = [];
    for (const list of fresh) {
      const explorer = new ModelExplorer(explorerModelOf(ck), 'batched');
      explorer.typicalityReference();
      const start = performance.now();
      const cpu = process.cpuUsage();
      explorer.score(list);
      const used = process.cpuUsage(cpu);
      inProcess.push(performance.now() - start);
      inProcessCpu.push((used.user + used.system) / 1000);
      explorer.dispose();
    }
    const line: ScoreLine = {
      event: 'score',
      model: { ...ck.shape, words: ck.trainingWords.length },
      lines: lines.length,
      coldMs,
      freshMs: summarize(freshMs),
      againMs,
      inProcessMs: summarize(inProcess),
      inProcessCpuMs: summarize(inProcessCpu),
      readMs: summarize(read),
      nextMs: summarize(next),
      searchMs: summarize(search),
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    worker.dispose();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`score: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
