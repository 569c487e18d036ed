/**
 * Child process of the benchmark: one training run the way the extension runs it, in a
 * `worker_threads` Worker running the bundled dist/worker.js, driven through the worker
 * protocol (src/shared/messages.ts). Prints JSON lines (bench/messages.ts): the run's
 * evaluations as they arrive, its result, the process's peak RSS, and optionally the time to
 * sample words from the trained model (decoded from the checkpoint the worker sent).
 *
 *   workerRun.ts --data FILE [--config JSON] [--stop-at LOSS] [--sample N] [--repeats 5] [--save MODEL] [--worker dist/worker.js]
 *
 * --config: settings as the extension sends them (the rest follow the data's size).
 * --stop-at: stop the run at the first evaluation with dev ≤ LOSS.
 * --save: write the trained model (the checkpoint the worker sent) to MODEL.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { decodeCheckpoint } from '../src/core/checkpoint';
import { sampleWords } from '../src/core/sample';
import type { TrainingConfig } from '../src/core/config';
import { isWorkerMessage, type ToWorker, type WorkerMessage } from '../src/shared/messages';
import { REPO_ROOT } from './children';
import type { WorkerRunLine } from './messages';
import { timeMs } from './stats';

function emit(line: WorkerRunLine): void {
  process.stdout.write(JSON.stringify(line) + '\n');
}

const RUN_ID = 1;

/** Runs the request in a fresh worker; resolves with the checkpoint bytes. */
function runInWorker(
  script: string,
  text: string,
  listName: string,
  config: Partial<TrainingConfig>,
  stopAt: number | undefined,
): Promise<Uint8Array> {
  // execArgv: [] — the worker must not inherit this process's TypeScript loader (tsx).
  const worker = new Worker(script, { execArgv: [] });
  const send = (message: ToWorker): void => worker.postMessage(message);
  return new Promise<Uint8Array>((resolve, reject) => {
    let stopSent = false;
    let bytes: Uint8Array | undefined;
    worker.on('error', reject);
    worker.on('exit', (code) => reject(new Error(`The worker exited (code ${code}) before sending a result.`)));
    worker.on('message', (m: unknown) => {
      if (!isWorkerMessage(m)) return reject(new Error(`Unexpected message from the worker: ${JSON.stringify(m).slice(0, 200)}`));
      const message: WorkerMessage = m;
      switch (message.type) {
        case 'trainStarted':
          emit({
            event: 'started',
            backend: message.backend,
            ...(message.warning ? { warning: message.warning } : {}),
            config: message.config,
            paramCount: message.paramCount,
          });
          break;
        case 'trainEval':
          emit({ event: 'eval', step: message.step, dev: message.dev });
          if (stopAt !== undefined && message.dev <= stopAt && !stopSent) {
            stopSent = true;
            send({ type: 'stop' });
          }
          break;
        case 'model':
          bytes = message.bytes;
          break;
        case 'trainFinished': {
          const { type: _type, jobId: _jobId, ...summary } = message;
          emit({ event: 'result', summary });
          if (bytes) resolve(bytes);
          else reject(new Error('The run ended without a model.'));
          break;
        }
        case 'failed':
          reject(new Error(`The run ended with ${message.type}: ${message.message}`));
          break;
      }
    });
    send({ type: 'train', jobId: RUN_ID, text, listName, config });
  }).finally(() => void worker.terminate());
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      config: { type: 'string', default: '{}' },
      'stop-at': { type: 'string' },
      sample: { type: 'string', default: '0' },
      repeats: { type: 'string', default: '5' },
      save: { type: 'string' },
      worker: { type: 'string', default: path.join(REPO_ROOT, 'dist', 'worker.js') },
    },
  });
  if (!values.data) throw new Error('--data FILE is required.');
  if (!fs.existsSync(values.worker)) throw new Error(`${values.worker} is missing: run npm run build first.`);
  const text = fs.readFileSync(values.data, 'utf8');
  const baselineRssKb = process.resourceUsage().maxRSS;
  const stopAt = values['stop-at'] === undefined ? undefined : Number(values['stop-at']);
  const config = JSON.parse(values.config) as Partial<TrainingConfig>;

  const bytes = await runInWorker(values.worker, text, path.basename(values.data), config, stopAt);
  emit({ event: 'memory', baselineRssKb, peakRssKb: process.resourceUsage().maxRSS });
  if (values.save) fs.writeFileSync(values.save, bytes);

  const count = Number(values.sample);
  if (count > 0) {
    const checkpoint = decodeCheckpoint(bytes);
    const model = { shape: checkpoint.shape, params: checkpoint.params, vocabulary: checkpoint.vocabulary };
    let seed = 0;
    let words: string[] = [];
    const ms = timeMs(() => {
      words = sampleWords(model, { count, seed: ++seed }).words;
    }, Number(values.repeats));
    emit({ event: 'sampling', count, ms, examples: words.slice(0, 12) });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
