import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { nodeJobWorker, spawnNodeWorker } from '../../../src/extension/jobs/nodeWorker';
import { WorkerSession, type JobInput, type JobOutcome, type JobWorker } from '../../../src/extension/jobs/workerSession';
import type { RunEvent } from '../../../src/shared/events';
import { generatedNames } from './helpers';

const DIST = path.resolve(__dirname, '../../../dist');
const WORKER = path.join(DIST, 'worker.js');

function request(text: string, config: JobInput<'train'>['config']): JobInput<'train'> & { type: 'train' } {
  return { type: 'train', text, listName: 'names.txt', config };
}

/** Spawns the real worker and remembers it, to check that it is gone afterwards. */
function recordingSpawn(): { spawn: () => JobWorker; exited: Promise<number>[] } {
  const exited: Promise<number>[] = [];
  const spawn = (): JobWorker => {
    const worker = new Worker(WORKER);
    exited.push(new Promise((resolve) => worker.once('exit', resolve)));
    return nodeJobWorker(worker);
  };
  return { spawn, exited };
}

const small = { blockSize: 3, embeddingSize: 4, hiddenSize: 32, batchSize: 64 };

describe('worker session: training (the real dist/worker.js)', function () {
  before(function () {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  it('trains in a worker, passes the run events on, returns the model and ends the worker', async () => {
    const { spawn, exited } = recordingSpawn();
    const session = new WorkerSession(spawn);
    const events: RunEvent[] = [];
    const run = session.run(request(generatedNames(400).join('\n'), { ...small, steps: 300 }), (e) => events.push(e));
    assert.equal(session.running, true);
    assert.throws(() => session.run(request('a\nb', {}), () => undefined), /already in progress/);
    const outcome = await run;
    assert.equal(outcome.kind, 'finished');
    assert.equal(session.running, false);
    if (outcome.kind !== 'finished') return;
    // Stages of reading the list come first only when reading took a while (a busy machine): core/progress.ts gatedPhases.
    assert.equal(events.find((e) => e.type !== 'phase')!.type, 'trainStarted');
    assert.ok(events.some((e) => e.type === 'trainProgress'));
    assert.equal(outcome.finished.steps, 300);
    assert.equal(outcome.finished.stopped, false);
    const ck = decodeCheckpoint(outcome.model!);
    assert.equal(ck.source.words, 400);
    assert.equal(ck.config.hiddenSize, 32);
    assert.ok(events.some((e) => e.type === 'samples' && e.words.length > 0));
    assert.equal(exited.length, 1);
    await exited[0]; // the worker is terminated once the run is over
  });

  it('reports a bad word list as an input error, without run events', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    const events: RunEvent[] = [];
    const outcome = await session.run(request('   \n\n', small), (e) => events.push(e));
    assert.equal(outcome.kind, 'rejected');
    assert.match(outcome.kind === 'rejected' ? outcome.message : '', /empty|blank/i);
    assert.deepEqual(events, []);
  });

  it('stops when asked and keeps the best model so far', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    let asked = false;
    const outcome = await session.run(request(generatedNames(400).join('\n'), { ...small, steps: 5_000_000 }), (e) => {
      if (e.type === 'trainProgress' && e.step > 50 && !asked) {
        asked = true;
        session.stop();
      }
    });
    assert.equal(outcome.kind, 'finished');
    if (outcome.kind !== 'finished') return;
    assert.equal(outcome.finished.stopped, true);
    assert.ok(outcome.finished.steps < 5_000_000);
    assert.ok(decodeCheckpoint(outcome.model!).losses.dev! > 0);
  });

  describe('a worker that dies', () => {
    const cases: [string, string, RegExp][] = [
      ['throws', `throw new Error('kaboom')`, /The training worker crashed: kaboom\./],
      ['exits', `process.exit(3)`, /stopped unexpectedly \(exit code 3\)/],
      ['runs out of memory', `const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));`, /ran out of memory/],
    ];
    for (const [what, code, message] of cases) {
      it(`${what}: a failed outcome with a clear message, and the host carries on`, async () => {
        const session = new WorkerSession(() =>
          nodeJobWorker(new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } })),
        );
        const outcome = await session.run(request('a\nb', {}), () => undefined);
        assert.equal(outcome.kind, 'failed');
        assert.match(outcome.kind === 'failed' ? outcome.failed.message : '', message);
        assert.equal(session.running, false);
      });
    }

    it('cannot start: a failed outcome', async () => {
      const session = new WorkerSession(spawnNodeWorker(path.join(DIST, 'no-such-worker.js')));
      const outcome = await session.run(request('a\nb', {}), () => undefined);
      assert.equal(outcome.kind, 'failed');
    });

    it("is named for the job it ran: a sweep's or the learning-rate finder's worker is not the training worker", async () => {
      const config = { ...small, steps: 100 };
      const sweep: JobInput<'sweep'> & { type: 'sweep' } = {
        type: 'sweep',
        text: 'a\nb',
        listName: 'names.txt',
        config,
        settings: [{ hiddenSize: 8 }],
      };
      const lrFind: JobInput<'lrFind'> & { type: 'lrFind' } = {
        type: 'lrFind',
        text: 'a\nb',
        listName: 'names.txt',
        config,
        steps: 100,
        minLr: 1e-4,
        maxLr: 1,
      };
      const messageOf = (outcome: JobOutcome): string => (outcome.kind === 'failed' ? outcome.failed.message : JSON.stringify(outcome));
      // A worker that cannot be created (the browser's "Creating workers is not supported").
      const unsupported = new WorkerSession(() => {
        throw new Error('Creating workers is not supported.');
      });
      assert.equal(
        messageOf(await unsupported.run(sweep, () => undefined)),
        'The sweep worker could not start: Creating workers is not supported.',
      );
      assert.equal(
        messageOf(await unsupported.run(lrFind, () => undefined)),
        'The learning-rate finder worker could not start: Creating workers is not supported.',
      );
      assert.equal(
        messageOf(await unsupported.run(request('a\nb', {}), () => undefined)),
        'The training worker could not start: Creating workers is not supported.',
      );
      // A worker that crashes.
      const crashing = new WorkerSession((role) => nodeJobWorker(new Worker(`throw new Error('kaboom')`, { eval: true }), role));
      assert.equal(messageOf(await crashing.run(sweep, () => undefined)), 'The sweep worker crashed: kaboom.');
    });
  });
});

describe('worker session: sweeps and the learning-rate finder (the real dist/worker.js)', function () {
  const text = generatedNames(400).join('\n');
  const base = { ...small, timeBudget: 0 };

  before(function () {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  it('sweeps: each run reported, then the end with the best run as a model', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    const events: RunEvent[] = [];
    const settings = [{ hiddenSize: 8 }, { hiddenSize: 32 }];
    const outcome = await session.run({ type: 'sweep', text, listName: 'names.txt', config: { ...base, steps: 150 }, settings }, (e) =>
      events.push(e),
    );
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    // Stages of reading the list come first only when reading took a while (a busy machine): core/progress.ts gatedPhases.
    assert.equal(events.find((e) => e.type !== 'phase')!.type, 'sweepStarted');
    const runs = events.flatMap((e) => (e.type === 'sweepRunFinished' ? [e.run] : []));
    assert.deepEqual(
      runs.map((r) => r.setting),
      settings,
    );
    assert.ok(!events.some((e) => e.type === 'sweepFinished'), 'the last event ends the outcome instead');
    const { finished, model } = outcome;
    assert.equal(finished.stopped, false);
    assert.equal(finished.best, runs[0]!.dev <= runs[1]!.dev ? 0 : 1);
    const ck = decodeCheckpoint(model!);
    assert.equal(ck.config.hiddenSize, runs[finished.best]!.config.hiddenSize);
    assert.equal(ck.losses.test, null, 'the test split is not used');
    assert.equal(session.running, false);
  });

  it('stops a sweep when asked, keeping the finished runs and the best of them', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    const events: RunEvent[] = [];
    const settings = [{ hiddenSize: 8 }, { hiddenSize: 16 }, { hiddenSize: 24 }];
    // Each run trains for 1 s; the stop comes as soon as the first has finished.
    const outcome = await session.run(
      { type: 'sweep', text, listName: 'names.txt', config: { ...base, steps: 5_000_000, timeBudget: 1 }, settings },
      (e) => {
        events.push(e);
        if (e.type === 'sweepRunFinished') session.stop();
      },
    );
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    assert.equal(outcome.finished.stopped, true);
    assert.equal(events.filter((e) => e.type === 'sweepRunFinished').length, 1);
    assert.equal(outcome.finished.best, 0);
    assert.equal(decodeCheckpoint(outcome.model!).config.hiddenSize, 8);
  });

  it('finds a learning rate: the curve as it grows, then the suggestion', async () => {
    const session = new WorkerSession(spawnNodeWorker(WORKER));
    const events: RunEvent[] = [];
    const outcome = await session.run(
      { type: 'lrFind', text, listName: 'names.txt', config: small, steps: 200, minLr: 1e-4, maxLr: 1 },
      (e) => events.push(e),
    );
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    // Stages of reading the list come first only when reading took a while (a busy machine): core/progress.ts gatedPhases.
    assert.equal(events.find((e) => e.type !== 'phase')!.type, 'lrFindStarted');
    const rates = events.flatMap((e) => (e.type === 'lrFindProgress' ? e.learningRates : []));
    assert.ok(rates.length > 10 && rates.length <= 200);
    assert.ok(rates.includes(outcome.finished.minimum));
    assert.ok(outcome.finished.suggestion <= outcome.finished.minimum && outcome.finished.suggestion >= 1e-4 / 2);
  });
});
