/**
 * Child process of the benchmark, section 8: the training step of the web build against the
 * Node build's, on the same machine, same model, same batch. The Node worker (dist/worker.js,
 * `worker_threads`, as the desktop extension runs it) and the web worker (dist/web/worker.js in
 * headless Chromium, started from a blob with the `.wasm` bytes posted to it under a strict CSP,
 * as VS Code for the Web runs it; test/web/workerHost.ts) take turns in rounds, so that the
 * load of other processes falls on both; the ratio is the median of the rounds' ratios.
 *
 *   webStep.ts --data FILE [--rounds 5] [--steps 300]
 *
 * ms per step comes from the runs' progress events (about every 100 ms), from the first one at
 * or after step 30 (warm-up: XNNPACK's first packing, the JIT) to the last; no evaluation runs
 * in between. Prints one JSON line (bench/messages.ts WebStepLine).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { TrainingConfig } from '../src/core/config';
import { Worker } from 'node:worker_threads';
import { nodeJobWorker, WORKER_HEAP_MB } from '../src/extension/jobs/nodeWorker';
import { WorkerSession } from '../src/extension/jobs/workerSession';
import type { RunEvent } from '../src/shared/events';
import { launchBrowser } from '../test/harness/browser';
import { ensureChromium } from '../test/harness/tools';
import { openWorkerHost, WEB_WORKER } from '../test/web/workerHost';
import { REPO_ROOT } from './children';
import type { WebStepLine } from './messages';
import { summarize } from './stats';

/** Steps before the timed span starts. */
export const WARM_UP_STEPS = 30;

/** The default model on names.txt (block 5, embedding 24, hidden 400, Adam) at batch 512, with no evaluation during the run. */
export function webStepConfig(steps: number): Partial<TrainingConfig> {
  return {
    blockSize: 5,
    embeddingSize: 24,
    hiddenSize: 400,
    batchSize: 512,
    optimizer: 'adam',
    steps,
    timeBudget: 0,
    evalEvery: 10_000_000,
    seed: 42,
  };
}

/** Milliseconds per training step between the first progress event at or after `warmUp` steps and the last one. */
export function msPerStep(events: readonly RunEvent[], warmUp = WARM_UP_STEPS): number {
  const progress = events.flatMap((e) => (e.type === 'trainProgress' ? [{ step: e.step, seconds: e.seconds }] : []));
  const first = progress.find((p) => p.step >= warmUp);
  const last = progress.at(-1);
  if (!first || !last || last.step - first.step < 10)
    throw new Error(`Too few steps after the warm-up to time (${progress.map((p) => p.step).join(', ')}).`);
  return ((last.seconds - first.seconds) * 1000) / (last.step - first.step);
}

function backendOf(events: readonly RunEvent[]): string {
  const started = events.find((e) => e.type === 'trainStarted');
  if (!started || started.type !== 'trainStarted') throw new Error('The run did not start.');
  return started.warning ? `${started.backend} (${started.warning})` : started.backend;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, rounds: { type: 'string', default: '5' }, steps: { type: 'string', default: '300' } },
  });
  if (!values.data) throw new Error('--data FILE is required.');
  const nodeScript = path.join(REPO_ROOT, 'dist', 'worker.js');
  for (const f of [nodeScript, WEB_WORKER]) if (!fs.existsSync(f)) throw new Error(`${f} is missing: run npm run build first.`);
  const text = fs.readFileSync(values.data, 'utf8');
  const [rounds, steps] = [Number(values.rounds), Number(values.steps)];
  const input = { type: 'train' as const, text, listName: path.basename(values.data), config: webStepConfig(steps) };

  // As the extension starts it (spawnNodeWorker), but without this process's TypeScript loader (tsx).
  const node = new WorkerSession(() =>
    nodeJobWorker(new Worker(nodeScript, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } })),
  );
  const runNode = async (): Promise<RunEvent[]> => {
    const events: RunEvent[] = [];
    const outcome = await node.run(input, (e) => events.push(e));
    if (outcome.kind !== 'finished') throw new Error(`The Node worker's run ended: ${JSON.stringify(outcome)}`);
    return events;
  };

  const browser = await launchBrowser({ chromium: process.env.CHROMIUM_PATH ?? ensureChromium() });
  try {
    const web = await openWorkerHost(browser);
    await web.setAssets();
    const runWeb = async (): Promise<RunEvent[]> => {
      const { outcome, events } = await web.run(input);
      if (outcome.kind !== 'finished') throw new Error(`The web worker's run ended: ${JSON.stringify(outcome)}`);
      return events;
    };
    const nodeMs: number[] = [];
    const webMs: number[] = [];
    const ratios: number[] = [];
    const backends = { node: '', web: '' };
    for (let round = 0; round < rounds; round++) {
      // Alternate which goes first, so neither always follows the other.
      const order = round % 2 === 0 ? (['node', 'web'] as const) : (['web', 'node'] as const);
      const ms: Record<'node' | 'web', number> = { node: 0, web: 0 };
      for (const which of order) {
        const events = which === 'node' ? await runNode() : await runWeb();
        backends[which] = backendOf(events);
        ms[which] = msPerStep(events);
      }
      nodeMs.push(ms.node);
      webMs.push(ms.web);
      ratios.push(ms.web / ms.node);
      process.stderr.write(
        `[webStep] round ${round + 1}/${rounds}: Node ${ms.node.toFixed(2)} ms/step, Chromium ${ms.web.toFixed(2)} ms/step\n`,
      );
    }
    const problems = await web.problems();
    if (problems.length > 0) throw new Error(`The web worker's page reported: ${problems.join('; ')}`);
    await web.close();
    const line: WebStepLine = {
      event: 'webStep',
      chromium: browser.version(),
      config: webStepConfig(steps),
      warmUpSteps: WARM_UP_STEPS,
      backends,
      nodeMs: summarize(nodeMs),
      webMs: summarize(webMs),
      ratio: summarize(ratios),
    };
    process.stdout.write(JSON.stringify(line) + '\n');
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
