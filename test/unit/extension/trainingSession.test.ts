import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { TrainingSession, spawnWorker, type RunRequest } from '../../../src/extension/trainingSession';
import type { RunEvent } from '../../../src/shared/protocol';
import { generatedNames } from './helpers';

const DIST = path.resolve(__dirname, '../../../dist');
const WORKER = path.join(DIST, 'worker.js');

function request(text: string, config: RunRequest['config']): RunRequest {
  return { text, sourceName: 'names.txt', config, wasmDir: DIST };
}

/** Spawns the real worker and remembers it, to check that it is gone afterwards. */
function recordingSpawn(): { spawn: () => Worker; exited: Promise<number>[] } {
  const exited: Promise<number>[] = [];
  const spawn = (): Worker => {
    const worker = spawnWorker(WORKER)();
    exited.push(new Promise((resolve) => worker.once('exit', resolve)));
    return worker;
  };
  return { spawn, exited };
}

const small = { blockSize: 3, embeddingSize: 4, hiddenSize: 32, batchSize: 64 };

describe('training session (the real dist/worker.js)', function () {
  before(function () {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
  });

  it('trains in a worker, passes the run events on, returns the model and ends the worker', async () => {
    const { spawn, exited } = recordingSpawn();
    const session = new TrainingSession(spawn);
    const events: RunEvent[] = [];
    const run = session.run(request(generatedNames(400).join('\n'), { ...small, steps: 300 }), (e) => events.push(e));
    assert.equal(session.running, true);
    assert.throws(() => session.run(request('a\nb', {}), () => undefined), /already in progress/);
    const outcome = await run;
    assert.equal(outcome.kind, 'result');
    assert.equal(session.running, false);
    if (outcome.kind !== 'result') return;
    assert.equal(events[0]!.type, 'started');
    assert.ok(events.some((e) => e.type === 'progress'));
    assert.equal(outcome.result.summary.steps, 300);
    assert.equal(outcome.result.summary.stopped, false);
    const ck = decodeCheckpoint(outcome.result.bytes);
    assert.equal(ck.source.words, 400);
    assert.equal(ck.config.hiddenSize, 32);
    assert.ok(outcome.result.samples.length > 0);
    assert.equal(exited.length, 1);
    await exited[0]; // the worker is terminated once the run is over
  });

  it('reports a bad word list as an input error, without run events', async () => {
    const session = new TrainingSession(spawnWorker(WORKER));
    const events: RunEvent[] = [];
    const outcome = await session.run(request('   \n\n', small), (e) => events.push(e));
    assert.equal(outcome.kind, 'inputError');
    assert.match(outcome.kind === 'inputError' ? outcome.message : '', /empty|blank/i);
    assert.deepEqual(events, []);
  });

  it('stops when asked and keeps the best model so far', async () => {
    const session = new TrainingSession(spawnWorker(WORKER));
    let asked = false;
    const outcome = await session.run(request(generatedNames(400).join('\n'), { ...small, steps: 5_000_000 }), (e) => {
      if (e.type === 'progress' && e.step > 50 && !asked) {
        asked = true;
        session.stop();
      }
    });
    assert.equal(outcome.kind, 'result');
    if (outcome.kind !== 'result') return;
    assert.equal(outcome.result.summary.stopped, true);
    assert.ok(outcome.result.summary.steps < 5_000_000);
    assert.ok(decodeCheckpoint(outcome.result.bytes).losses.dev! > 0);
  });

  describe('a worker that dies', () => {
    const cases: [string, string, RegExp][] = [
      ['throws', `throw new Error('kaboom')`, /The training worker crashed: kaboom\./],
      ['exits', `process.exit(3)`, /stopped unexpectedly \(exit code 3\)/],
      ['runs out of memory', `const a = []; for (;;) a.push(new Array(1e5).fill(Math.random()));`, /ran out of memory/],
    ];
    for (const [what, code, message] of cases) {
      it(`${what}: a failed outcome with a clear message, and the host carries on`, async () => {
        const session = new TrainingSession(() => new Worker(code, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 32 } }));
        const outcome = await session.run(request('a\nb', {}), () => undefined);
        assert.equal(outcome.kind, 'failed');
        assert.match(outcome.kind === 'failed' ? outcome.message : '', message);
        assert.equal(session.running, false);
      });
    }

    it('cannot start: a failed outcome', async () => {
      const session = new TrainingSession(spawnWorker(path.join(DIST, 'no-such-worker.js')));
      const outcome = await session.run(request('a\nb', {}), () => undefined);
      assert.equal(outcome.kind, 'failed');
    });
  });
});
