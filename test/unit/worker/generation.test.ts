/**
 * Generation in its own worker: the extension's GenerationWorker (src/extension/generation/
 * generationWorker.ts) driving the real dist/worker.js in a worker thread, as the extension
 * does — names streamed and checked against the request, a model's bytes sent once, requests
 * stopped by their signal and overlapping ones kept apart, bad requests turned down with a
 * message, names to avoid avoided, the worker ended when idle or when the models change and
 * started again, a crashed worker reported, and generation running while a training run does.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeCheckpoint, readCheckpointHeader } from '../../../src/core/checkpoint';
import { listFactsOf, type GenerateRequest } from '../../../src/core/constraints';
import { GenerationWorker, type WorkerModel, type IdleTimer } from '../../../src/extension/generation/generationWorker';
import { nodeJobWorker, spawnNodeWorker } from '../../../src/extension/jobs/nodeWorker';
import { WorkerSession, type JobWorker } from '../../../src/extension/jobs/workerSession';
import { bytesOf, generatedNames } from '../extension/helpers';

const DIST = path.resolve(__dirname, '../../../dist');
const WORKER = path.join(DIST, 'worker.js');

/** A model of `words` whose bytes are counted as they are read. */
function countedModel(words: string[], key = 'model-a'): WorkerModel & { reads: number; bytesNow: Uint8Array } {
  const bytesNow = bytesOf(words);
  const model = {
    key,
    reads: 0,
    bytesNow,
    bytes: async () => {
      model.reads++;
      return bytesNow;
    },
  };
  return model;
}

/** Spawns the real worker, counting spawns and remembering the threads. */
function countingSpawn(): { spawn: () => JobWorker; workers: Worker[] } {
  const workers: Worker[] = [];
  return {
    workers,
    spawn: () => {
      const w = new Worker(WORKER);
      workers.push(w);
      return nodeJobWorker(w);
    },
  };
}

/** An idle timer fired by hand. */
function manualTimer(): IdleTimer & { fire(): void; pending: number } {
  let callback: (() => void) | undefined;
  const t = {
    pending: 0,
    setTimeout: (cb: () => void) => {
      callback = cb;
      t.pending++;
      return t.pending;
    },
    clearTimeout: () => {
      callback = undefined;
    },
    fire: () => {
      const cb = callback;
      callback = undefined;
      cb?.();
    },
  };
  return t;
}

const exited = (w: Worker): Promise<number> => new Promise((resolve) => (w.threadId === -1 ? resolve(0) : w.once('exit', resolve)));

describe('generation worker (the real dist/worker.js)', function () {
  this.timeout(120_000);
  const words = generatedNames(400);
  const facts = (() => {
    const ck = decodeCheckpoint(bytesOf(words));
    return listFactsOf(ck);
  })();

  before(function () {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  it('streams names that meet the request, and sends a model only once', async () => {
    const { spawn, workers } = countingSpawn();
    const generation = new GenerationWorker(spawn);
    const model = countedModel(words);
    const request: GenerateRequest = { count: 60, startsWith: 'b', minLength: 4, maxLength: 8, newOnly: true };
    const batches: number[] = [];
    const outcome = await generation.generate({ model, request, onNames: (names) => batches.push(names.length) });
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    if (outcome.kind !== 'done') return;
    assert.equal(outcome.summary.ended, 'done');
    assert.equal(outcome.names.length, 60);
    assert.equal(
      batches.reduce((a, b) => a + b, 0),
      60,
      'every name streamed once',
    );
    const list = new Set(words);
    for (const { name, tag } of outcome.names) {
      assert.ok(name.startsWith('b') && name.length >= 4 && name.length <= 8, name);
      assert.ok(!list.has(name), `${name} is new`);
      assert.equal(tag, 'new');
    }
    assert.equal(new Set(outcome.names.map((n) => n.name)).size, 60, 'distinct');
    const again = await generation.generate({ model, request: { count: 10 } });
    assert.equal(again.kind, 'done');
    assert.equal(model.reads, 1, 'the worker keeps the model: its bytes went once');
    assert.equal(workers.length, 1, 'one warm worker');
    // Another model (or a retrained one: a new key) is sent, then kept.
    const other = countedModel(words.slice(0, 200), 'model-b');
    assert.equal((await generation.generate({ model: other, request: { count: 5 } })).kind, 'done');
    assert.equal((await generation.generate({ model: other, request: { count: 5 } })).kind, 'done');
    assert.equal(other.reads, 1);
    generation.dispose();
    await exited(workers[0]!);
  });

  it('stops a request when its signal aborts (the names so far kept); overlapping requests keep apart', async () => {
    const generation = new GenerationWorker(spawnNodeWorker(WORKER));
    const model = countedModel(words);
    // Rarely met: runs until stopped.
    const slow: GenerateRequest = { count: 1000, contains: ['bb', 'aa'], endsWith: 'io', maxTries: 50_000_000 };
    const stop = new AbortController();
    const running = generation.generate({ model, request: slow, signal: stop.signal, onNames: () => undefined });
    const quick = await generation.generate({ model, request: { count: 20, startsWith: 'd' } });
    assert.equal(quick.kind, 'done');
    if (quick.kind === 'done')
      assert.ok(
        quick.names.length === 20 && quick.names.every((n) => n.name.startsWith('d')),
        'the quick request got its own names while the slow one ran',
      );
    stop.abort();
    const outcome = await running;
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    if (outcome.kind === 'done') {
      assert.equal(outcome.summary.ended, 'stopped');
      assert.ok(outcome.names.length < 1000);
      assert.match(outcome.summary.shortfall ?? '', /^stopped: found \d+ of 1,000 after [\d,]+ tries$/);
    }
    // Already stopped before it is posted: it ends at once, with no names.
    const aborted = new AbortController();
    aborted.abort();
    const never = await generation.generate({ model, request: { count: 5 }, signal: aborted.signal });
    assert.ok(never.kind === 'done' && never.summary.ended === 'stopped' && never.names.length === 0);
    generation.dispose();
  });

  it('a request superseded while its model is being read stops: it does not run beside its replacement', async () => {
    const generation = new GenerationWorker(spawnNodeWorker(WORKER));
    // A model whose bytes come when the test says (a large model read from disk).
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let reading!: () => void;
    const readStarted = new Promise<void>((resolve) => (reading = resolve));
    const bytesNow = bytesOf(words);
    const model: WorkerModel = {
      key: 'slow-to-read',
      bytes: async () => {
        reading();
        await gate;
        return bytesNow;
      },
    };
    const first = new AbortController();
    const firstNames: string[] = [];
    const superseded = generation.generate({
      model,
      request: { count: 40 },
      signal: first.signal,
      onNames: (names) => firstNames.push(...names.map((n) => n.name)),
    });
    await readStarted;
    // The view's controls change: it stops its request and makes the next, while the bytes are read.
    first.abort();
    const next = generation.generate({ model, request: { count: 10, startsWith: 'a' } });
    release();
    const [old, replacement] = await Promise.all([superseded, next]);
    assert.ok(old.kind === 'done' && old.summary.ended === 'stopped', `the superseded request stopped: ${JSON.stringify(old)}`);
    assert.deepEqual(firstNames, [], 'and made no names');
    assert.ok(
      replacement.kind === 'done' && replacement.summary.ended === 'done' && replacement.names.length === 10,
      JSON.stringify(replacement),
    );
    generation.dispose();
  });

  it('turns down what the model cannot do with the message for the user, and avoids names it is told to', async () => {
    const generation = new GenerationWorker(spawnNodeWorker(WORKER));
    const model = countedModel(words);
    assert.ok(!facts.characters.includes('q'));
    const bad = await generation.generate({ model, request: { count: 5, startsWith: 'q' } });
    assert.deepEqual(bad, {
      kind: 'rejected',
      message: 'The model does not know "q" (in "starts with" "q"): its word list has no such character.',
    });
    const contradiction = await generation.generate({ model, request: { count: 5, minLength: 6, maxLength: 4 } });
    assert.equal(contradiction.kind, 'rejected');
    const first = await generation.generate({ model, request: { count: 30, startsWith: 'ba', maxLength: 5 }, seed: 4 });
    assert.equal(first.kind, 'done');
    if (first.kind !== 'done') return;
    const avoid = first.names.map((n) => n.name);
    const second = await generation.generate({ model, request: { count: 30, startsWith: 'ba', maxLength: 5 }, seed: 4, avoid });
    assert.equal(second.kind, 'done');
    if (second.kind === 'done') {
      const avoided = new Set(avoid);
      assert.ok(
        second.names.every((n) => !avoided.has(n.name)),
        'none of the avoided names',
      );
    }
    // Bytes that are not a model: turned down, with the checkpoint's own message.
    const broken = { key: 'broken', bytes: async () => new Uint8Array([1, 2, 3]) };
    const outcome = await generation.generate({ model: broken, request: { count: 1 } });
    assert.equal(outcome.kind, 'rejected');
    generation.dispose();
  });

  it('ends the worker after an idle spell and when the models change while idle; the next request starts another', async () => {
    const { spawn, workers } = countingSpawn();
    const timer = manualTimer();
    const generation = new GenerationWorker(spawn, 60_000, timer);
    const model = countedModel(words);
    assert.equal(generation.alive, false, 'started on demand');
    assert.equal((await generation.generate({ model, request: { count: 3 } })).kind, 'done');
    assert.equal(generation.alive, true);
    timer.fire();
    assert.equal(generation.alive, false);
    await exited(workers[0]!);
    assert.equal((await generation.generate({ model, request: { count: 3 } })).kind, 'done');
    assert.equal(workers.length, 2, 'a new worker');
    assert.equal(model.reads, 2, 'which is sent the model again');
    generation.modelsChanged();
    assert.equal(generation.alive, false);
    await exited(workers[1]!);
    // Busy: a change of models does not end it.
    const stop = new AbortController();
    const running = generation.generate({
      model,
      request: { count: 1000, contains: ['bb', 'aa'], endsWith: 'io', maxTries: 50_000_000 },
      signal: stop.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    generation.modelsChanged();
    assert.equal(generation.alive, true);
    stop.abort();
    assert.equal((await running).kind, 'done');
    generation.dispose();
  });

  it('reports a worker that dies, and starts a new one for the next request', async () => {
    let spawned = 0;
    const spawn = (): JobWorker => {
      spawned++;
      return spawned === 1
        ? nodeJobWorker(new Worker('setTimeout(() => process.exit(3), 20)', { eval: true }))
        : nodeJobWorker(new Worker(WORKER));
    };
    const generation = new GenerationWorker(spawn);
    const model = countedModel(words);
    const outcome = await generation.generate({ model, request: { count: 3 } });
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind === 'failed') assert.match(outcome.message, /stopped unexpectedly \(exit code 3\)/);
    assert.equal((await generation.generate({ model, request: { count: 3 } })).kind, 'done');
    assert.equal(spawned, 2);
    generation.dispose();
  });

  it('generates while a training run goes on in the other worker', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    const generation = new GenerationWorker(spawnNodeWorker(WORKER));
    const model = countedModel(words);
    let progress = 0;
    let generatedDuring = 0;
    const training = session.run(
      {
        type: 'train',
        text: generatedNames(600).join('\n'),
        listName: 'names.txt',
        config: { blockSize: 3, embeddingSize: 8, hiddenSize: 64, steps: 2000, batchSize: 128 },
      },
      (e) => {
        if (e.type === 'trainProgress') progress = e.step;
      },
    );
    // Requests one after another until the run is over.
    let over = false;
    void training.then(() => (over = true));
    while (!over) {
      const outcome = await generation.generate({ model, request: { count: 50 } });
      assert.equal(outcome.kind, 'done');
      if (!over && progress > 0) generatedDuring++;
    }
    const result = await training;
    assert.equal(result.kind, 'finished');
    if (result.kind === 'finished') assert.equal(readCheckpointHeader(result.model!).run.steps, 2000);
    assert.ok(generatedDuring > 0, 'names were generated while the run was training');
    generation.dispose();
  });
});
