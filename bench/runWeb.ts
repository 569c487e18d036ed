/**
 * `npm run bench:web`: section 8 of the benchmark alone — the web build's training step in a
 * Chromium Web Worker against the Node build's in a Node worker, same model and batch, taking
 * turns (bench/webStep.ts). The table goes to stdout, the numbers to bench/results/web.json.
 *
 *   npm run bench:web [-- --data FILE] [--rounds 5] [--steps 300] [--out FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT, lastOf, machineInfo, runTsChild } from './children';
import type { WebStepLine } from './messages';
import { formatWebStep, textTable, webStepTargets } from './report';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      steps: { type: 'string', default: '300' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'web.json') },
    },
  });
  const data = values.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
  if (!fs.existsSync(data)) throw new Error(`${data}: no such file (pass --data FILE or set MAKEMORE_NAMES).`);
  const loadStart = os.loadavg();
  process.stderr.write(
    `The training step: a Chromium Web Worker (dist/web/worker.js) and a Node worker (dist/worker.js), ${values.rounds} rounds taking turns…\n`,
  );
  const run = await runTsChild<WebStepLine>('webStep.ts', ['--data', data, '--rounds', values.rounds, '--steps', values.steps]);
  const { event: _event, at: _at, ...webStep } = lastOf(run, 'webStep');
  const results = { date: new Date().toISOString(), machine: machineInfo(loadStart), data, webStep };
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(
    [
      `Load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} at start, ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at end (${results.machine.cpus} cores)`,
      ...formatWebStep(webStep),
      '',
      textTable(
        [['', 'goal', 'measured', ''], ...webStepTargets(webStep).map((t) => [t.name, t.goal, t.measured, t.met ? 'met' : 'MISSED'])],
        'lrrl',
      ),
    ].join('\n') + '\n',
  );
  process.stderr.write(`Results written to ${path.relative(process.cwd(), values.out) || values.out}.\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
