/**
 * The web worker bundle (dist/web/worker.js) in headless Chromium, as VS Code for the Web runs
 * it: started from a blob by the extension's own Web Worker adapter, under a strict content
 * security policy that allows no network access at all, the `.wasm` files handed over as
 * bytes. It trains on the WebAssembly backend and the loss falls; a worker that cannot load, or
 * whose `.wasm` files are missing, gives a clear message and the next job still runs.
 */
import * as assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { decodeCheckpoint } from '../../src/core/checkpoint';
import { isOutOfMemory } from '../../src/shared/failures';
import type { RunEvent, TrainFinishedEvent, TrainStartedEvent } from '../../src/shared/events';
import { launchBrowser } from '../harness/browser';
import { ensureChromium } from '../harness/tools';
import { namesList } from '../unit/helpers/data';
import { builtAssets, openWorkerHost, type WorkerHostPage } from './workerHost';

const text = namesList().slice(0, 3000).join('\n');
const small = { blockSize: 3, embeddingSize: 10, hiddenSize: 64, batchSize: 128, evalEvery: 100 };

function progressLosses(events: RunEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'trainProgress' ? e.losses : []));
}

describe('the web worker bundle in Chromium (strict CSP, wasm bytes from the host)', function () {
  let browser: Browser;
  let host: WorkerHostPage;

  before(async function () {
    browser = await launchBrowser({ chromium: process.env.CHROMIUM_PATH ?? ensureChromium() });
    host = await openWorkerHost(browser);
  });

  after(async function () {
    await host?.close();
    await browser?.close();
  });

  afterEach(async function () {
    assert.deepEqual(await host.problems(), [], 'no CSP violation, console error or page error');
  });

  it('the policy holds: a worker started here cannot fetch, even from its own origin', async () => {
    assert.match(await host.workerCanFetch(), /^blocked: TypeError/);
  });

  it('trains a few hundred steps on the wasm backend: the loss falls, the model comes back', async () => {
    await host.setAssets();
    const { outcome, events } = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 300 } });
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    const started = events.find((e): e is TrainStartedEvent => e.type === 'trainStarted');
    assert.ok(started);
    assert.equal(started.backend, 'wasm', 'the WebAssembly backend, from the posted bytes');
    assert.equal(started.warning, undefined);
    const losses = progressLosses(events);
    assert.ok(losses.length >= 250, `${losses.length} minibatch losses`);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const [first, last] = [losses[0]!, mean(losses.slice(-50))];
    assert.ok(first > 3.0, `the first loss is about log(27) = 3.3: ${first}`);
    assert.ok(last < first - 0.6, `the loss falls: ${first.toFixed(3)} → ${last.toFixed(3)}`);
    const finished = outcome.finished as TrainFinishedEvent;
    assert.equal(finished.steps, 300);
    assert.ok(finished.losses.dev! < finished.bigram.dev!, `dev ${finished.losses.dev} beats the bigram's ${finished.bigram.dev}`);
    const checkpoint = decodeCheckpoint(new Uint8Array(Buffer.from(outcome.model!, 'base64')));
    assert.equal(checkpoint.config.hiddenSize, 64);
    assert.equal(checkpoint.run.backend, 'wasm');
    assert.equal(checkpoint.source.words, 3000);
  });

  it('stops when asked and keeps the best model so far', async () => {
    const { outcome } = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 1_000_000 } }, 150);
    assert.equal(outcome.kind, 'finished', JSON.stringify(outcome));
    if (outcome.kind !== 'finished') return;
    const finished = outcome.finished as TrainFinishedEvent;
    assert.equal(finished.stopped, true);
    assert.ok(finished.steps >= 150 && finished.steps < 1_000_000, `${finished.steps} steps`);
    assert.ok(outcome.model, 'a model');
  });

  it('runs a sweep and the learning-rate finder (the same job code as the Node worker)', async () => {
    const sweep = await host.run({
      type: 'sweep',
      text,
      listName: 'names.txt',
      config: { ...small, steps: 100 },
      settings: [{ hiddenSize: 8 }, { hiddenSize: 32 }],
    });
    assert.equal(sweep.outcome.kind, 'finished', JSON.stringify(sweep.outcome));
    assert.equal(sweep.events.filter((e) => e.type === 'sweepRunFinished').length, 2);
    const lr = await host.run({ type: 'lrFind', text, listName: 'names.txt', config: small, steps: 150 });
    assert.equal(lr.outcome.kind, 'finished', JSON.stringify(lr.outcome));
    assert.ok(lr.events.some((e) => e.type === 'lrFindProgress'));
  });

  it('a worker whose script does not run: "could not load", and the next job runs', async () => {
    await host.setAssets('this is not JavaScript (', builtAssets().wasm);
    const broken = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 50 } });
    assert.equal(broken.outcome.kind, 'failed');
    if (broken.outcome.kind !== 'failed') return;
    assert.match(broken.outcome.failed.message, /^The training worker could not load: SyntaxError/);
    assert.deepEqual(broken.events, []);

    await host.failAssets('its script dist/web/worker.js could not be read (FileNotFound)');
    const unread = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 50 } });
    assert.equal(unread.outcome.kind, 'failed');
    if (unread.outcome.kind === 'failed')
      assert.equal(
        unread.outcome.failed.message,
        'The training worker could not load: its script dist/web/worker.js could not be read (FileNotFound).',
      );

    await host.setAssets();
    const again = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 50 } });
    assert.equal(again.outcome.kind, 'finished', 'the next job runs');
  });

  it('without the .wasm files (or with corrupt ones) it trains on the cpu backend and says why', async () => {
    const { script } = builtAssets();
    await host.setAssets(script, {});
    const none = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 20 } });
    assert.equal(none.outcome.kind, 'finished');
    const started = none.events.find((e): e is TrainStartedEvent => e.type === 'trainStarted');
    assert.equal(started?.backend, 'cpu');
    assert.match(started?.warning ?? '', /WebAssembly backend is unavailable \(no \.wasm file reached the worker\).*5–10× slower/);

    await host.setAssets(script, {
      'tfjs-backend-wasm-simd.wasm': new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]),
      'tfjs-backend-wasm.wasm': new Uint8Array(16),
    });
    const corrupt = await host.run({ type: 'train', text, listName: 'names.txt', config: { ...small, steps: 20 } });
    assert.equal(corrupt.outcome.kind, 'finished');
    const corruptStart = corrupt.events.find((e): e is TrainStartedEvent => e.type === 'trainStarted');
    assert.equal(corruptStart?.backend, 'cpu');
    assert.match(
      corruptStart?.warning ?? '',
      /WebAssembly backend is unavailable \(tfjs-backend-wasm\.wasm is not a valid WebAssembly module\)/,
    );
    await host.setAssets();
  });

  it('recognises what Chromium says when a worker runs out of memory', async () => {
    const messages = await host.outOfMemoryMessages();
    console.log(`      Chromium: ${messages.join(' | ')}`);
    assert.equal(messages.length, 2, JSON.stringify(messages));
    for (const message of messages) assert.ok(isOutOfMemory(message), message);
  });
});
