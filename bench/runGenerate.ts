/**
 * `npm run bench:generate`: section 7 of the benchmark alone — generating names — for when only
 * the generator changed. Trains the defaults on the data in a worker exactly as `npm run bench`
 * does (or takes --model), then runs bench/generate.ts in a process of its own; the table goes to
 * stdout, the numbers to bench/results/generation.json.
 *
 *   npm run bench:generate [-- --data FILE] [--model FILE] [--budget 60] [--repeats 5] [--out FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT, lastOf, machineInfo, runTsChild } from './children';
import type { GenerationLine, WorkerRunLine } from './messages';
import { formatGeneration, generationTargets, textTable } from './report';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      model: { type: 'string' },
      budget: { type: 'string', default: '60' },
      repeats: { type: 'string', default: '5' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'generation.json') },
    },
  });
  const data = values.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
  const loadStart = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-'));
  try {
    let model = values.model;
    let trained: Extract<WorkerRunLine, { event: 'result' }>['summary'] | undefined;
    if (!model) {
      if (!fs.existsSync(data)) throw new Error(`${data}: no such file (pass --data FILE or --model FILE).`);
      model = path.join(dir, 'defaults.makemore');
      process.stderr.write(`Training the defaults on ${data} in a worker (≤ ${values.budget} s)…\n`);
      const run = await runTsChild<WorkerRunLine>('workerRun.ts', [
        '--data',
        data,
        '--config',
        JSON.stringify({ timeBudget: Number(values.budget) }),
        '--save',
        model,
      ]);
      trained = lastOf(run, 'result').summary;
    }
    process.stderr.write('Generating names: batched (wasm) and one at a time (JavaScript), taking turns…\n');
    const run = await runTsChild<GenerationLine>('generate.ts', ['--model', model, '--repeats', values.repeats]);
    const { event: _event, at: _at, ...generation } = lastOf(run, 'generation');
    const results = {
      date: new Date().toISOString(),
      machine: machineInfo(loadStart),
      data: values.model ? null : data,
      model: values.model ?? 'the defaults, trained in this run',
      ...(trained ? { trained: { steps: trained.steps, losses: trained.losses, seconds: trained.seconds } } : {}),
      generation,
    };
    fs.mkdirSync(path.dirname(values.out), { recursive: true });
    fs.writeFileSync(values.out, JSON.stringify(results, null, 2) + '\n');
    const targets = generationTargets(generation);
    process.stdout.write(
      [
        `Load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} at start, ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} at end (${results.machine.cpus} cores)`,
        ...(trained ? [`Model: ${trained.steps} steps, dev ${trained.losses.dev?.toFixed(4)}`] : []),
        ...formatGeneration(generation),
        '',
        textTable([['', 'goal', 'measured', ''], ...targets.map((t) => [t.name, t.goal, t.measured, t.met ? 'met' : 'MISSED'])], 'lrrl'),
      ].join('\n') + '\n',
    );
    process.stderr.write(`Results written to ${path.relative(process.cwd(), values.out) || values.out}.\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
