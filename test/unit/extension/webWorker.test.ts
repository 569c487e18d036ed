/**
 * The Web Worker adapter of the web extension host (src/extension/jobs/webWorker.ts), with a
 * stand-in for the browser's Worker: the start-up order (the `.wasm` bytes first, then the
 * job), the failures a user must hear of (a worker that cannot load, crashes or runs out of
 * memory), and error events kept from reaching the extension host. The real worker in Chromium
 * is test/web/worker.test.ts.
 */
import * as assert from 'node:assert/strict';
import { webJobWorker, type WebWorkerAssets, type WebWorkerLike, type WorkerErrorEvent } from '../../../src/extension/jobs/webWorker';
import { WorkerSession } from '../../../src/extension/jobs/workerSession';
import type { WorkerInit } from '../../../src/shared/messages';

/** A Worker stand-in: records what it was sent, and lets the test play the worker's side. */
class FakeWorker implements WebWorkerLike {
  readonly sent: { message: unknown; transfer?: ArrayBuffer[] }[] = [];
  terminated = false;
  private readonly listeners: Record<string, ((event: never) => void)[]> = {};

  constructor(readonly url: string) {}

  postMessage(message: unknown, transfer?: ArrayBuffer[]): void {
    this.sent.push({ message, ...(transfer ? { transfer } : {}) });
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** The worker posts `data`. */
  emit(data: unknown): void {
    for (const l of this.listeners.message ?? []) (l as (e: { data: unknown }) => void)({ data });
  }
  /** The worker throws (or fails to load); returns whether the event was preventDefault-ed. */
  error(message?: string): boolean {
    let prevented = false;
    const event: WorkerErrorEvent = { ...(message !== undefined ? { message } : {}), preventDefault: () => (prevented = true) };
    for (const l of this.listeners.error ?? []) (l as (e: WorkerErrorEvent) => void)(event);
    return prevented;
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function assets(): WebWorkerAssets {
  return {
    scriptUrl: 'blob:worker',
    wasm: {
      'tfjs-backend-wasm-simd.wasm': new Uint8Array([0, 97, 115, 109, 1]),
      'tfjs-backend-wasm.wasm': new Uint8Array([0, 97, 115, 109, 2]),
    },
  };
}

function spawner(): { created: FakeWorker[]; create: (url: string) => FakeWorker } {
  const created: FakeWorker[] = [];
  return { created, create: (url) => (created.push(new FakeWorker(url)), created.at(-1)!) };
}

describe('web worker adapter', () => {
  it('starts the worker once the assets are there: the .wasm bytes first (copies, transferred), then what was posted', async () => {
    const shared = assets();
    const { created, create } = spawner();
    const worker = webJobWorker(Promise.resolve(shared), create);
    worker.post({ type: 'stop' });
    assert.equal(created.length, 0, 'not before the assets are read');
    await tick();
    assert.equal(created.length, 1);
    const [fake] = created;
    assert.equal(fake!.url, 'blob:worker');
    const [init, queued] = fake!.sent;
    const message = init!.message as WorkerInit;
    assert.equal(message.type, 'init');
    assert.deepEqual(Object.keys(message.wasm).sort(), ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm']);
    assert.deepEqual([...new Uint8Array(message.wasm['tfjs-backend-wasm.wasm']!)], [0, 97, 115, 109, 2]);
    assert.deepEqual(init!.transfer, Object.values(message.wasm), 'the copies are transferred');
    assert.notEqual(message.wasm['tfjs-backend-wasm.wasm'], shared.wasm['tfjs-backend-wasm.wasm']!.buffer, 'not the cached bytes');
    assert.deepEqual(queued!.message, { type: 'stop' });
    worker.post({ type: 'stop' });
    assert.equal(fake!.sent.length, 3, 'later messages go straight to the worker');

    // A second worker gets the same bytes: the cache was not emptied by the transfer.
    webJobWorker(Promise.resolve(shared), create);
    await tick();
    assert.deepEqual(
      [...new Uint8Array((created[1]!.sent[0]!.message as WorkerInit).wasm['tfjs-backend-wasm.wasm']!)],
      [0, 97, 115, 109, 2],
    );
  });

  it("passes the worker's messages on after its `ready`, not the `ready` itself", async () => {
    const { created, create } = spawner();
    const worker = webJobWorker(Promise.resolve(assets()), create);
    const received: unknown[] = [];
    worker.onMessage((m) => received.push(m));
    await tick();
    created[0]!.emit({ type: 'ready' });
    created[0]!.emit({ type: 'trainStarted', jobId: 1 });
    assert.deepEqual(received, [{ type: 'trainStarted', jobId: 1 }]);
  });

  it('a worker whose script fails: "could not load", the event kept from the extension host, the worker ended', async () => {
    const { created, create } = spawner();
    const worker = webJobWorker(Promise.resolve(assets()), create);
    const reasons: string[] = [];
    worker.onFailure((r) => reasons.push(r));
    await tick();
    assert.equal(created[0]!.error('Uncaught SyntaxError: Unexpected token'), true, 'preventDefault()');
    assert.deepEqual(reasons, ['The training worker could not load: SyntaxError: Unexpected token.']);
    assert.equal(created[0]!.terminated, true);
    created[0]!.error('again');
    assert.equal(reasons.length, 1, 'one failure');
  });

  it('a worker that crashes after loading, or runs out of memory, says so', async () => {
    const { created, create } = spawner();
    const crashed = webJobWorker(Promise.resolve(assets()), create);
    const oom = webJobWorker(Promise.resolve(assets()), create);
    const reasons: string[] = [];
    crashed.onFailure((r) => reasons.push(r));
    oom.onFailure((r) => reasons.push(r));
    await tick();
    for (const fake of created) fake.emit({ type: 'ready' });
    assert.equal(created[0]!.error('Uncaught TypeError: x is not a function'), true);
    assert.equal(created[1]!.error('Uncaught RangeError: Array buffer allocation failed'), true);
    assert.deepEqual(reasons, [
      'The training worker crashed: TypeError: x is not a function.',
      'The training worker crashed: it ran out of memory (try a smaller model, batch size or word list).',
    ]);
  });

  it('assets that cannot be read, or a Worker that cannot be created: "could not load"', async () => {
    const reasons: string[] = [];
    webJobWorker(Promise.reject(new Error('its script dist/web/worker.js could not be read (FileNotFound)')), () =>
      assert.fail('no worker'),
    ).onFailure((r) => reasons.push(r));
    webJobWorker(Promise.resolve(assets()), () => {
      throw new Error('Creating workers is not supported');
    }).onFailure((r) => reasons.push(r));
    await tick();
    assert.deepEqual(reasons, [
      'The training worker could not load: its script dist/web/worker.js could not be read (FileNotFound).',
      'The training worker could not load: Creating workers is not supported.',
    ]);
  });

  it('terminated before its assets arrive: no worker is started', async () => {
    const { created, create } = spawner();
    const worker = webJobWorker(Promise.resolve(assets()), create);
    worker.terminate();
    await tick();
    assert.equal(created.length, 0);
  });

  it('in a session: a worker that cannot load fails the job with that message, and the next job runs', async () => {
    const { created, create } = spawner();
    const session = new WorkerSession(() => webJobWorker(Promise.resolve(assets()), create));
    const failing = session.run({ type: 'train', text: 'ab\ncd', listName: 'w.txt', config: {} }, () => undefined);
    await tick();
    created[0]!.error('Uncaught SyntaxError: Unexpected end of input');
    const outcome = await failing;
    assert.equal(outcome.kind, 'failed');
    if (outcome.kind === 'failed')
      assert.equal(outcome.failed.message, 'The training worker could not load: SyntaxError: Unexpected end of input.');
    assert.equal(session.running, false);

    const next = session.run({ type: 'train', text: 'ab\ncd', listName: 'w.txt', config: {} }, () => undefined);
    await tick();
    const fake = created[1]!;
    const request = fake.sent[1]!.message as { type: string; jobId: number };
    assert.equal(request.type, 'train');
    fake.emit({ type: 'ready' });
    fake.emit({ type: 'rejected', jobId: request.jobId, job: 'train', message: 'The file is empty.' });
    assert.deepEqual(await next, { kind: 'rejected', message: 'The file is empty.' });
    assert.equal(fake.terminated, true, 'the worker ends with its job');
  });
});
