/**
 * The Generate views' side in the host (src/extension/generation/generationViews.ts) in front
 * of the real generation worker: what a view is told when it is ready, its names streamed then
 * one end, a new request superseding the previous one (whose end is never sent), problems
 * answered before any sampling, favourites shared by the views of a list, a hidden view's
 * request stopped.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { listFactsOf } from '../../../src/core/constraints';
import { FavouritesStore } from '../../../src/extension/generation/favourites';
import { GenerationViews, type ViewTarget } from '../../../src/extension/generation/generationViews';
import { GenerationWorker } from '../../../src/extension/generation/generationWorker';
import { spawnNodeWorker } from '../../../src/extension/jobs/nodeWorker';
import type { ToWebview } from '../../../src/shared/messages';
import { bytesOf, diskDir, generatedNames, tempDir } from './helpers';

const DIST = path.resolve(__dirname, '../../../dist');
const KEY = '00112233aabbccdd';

function targetOf(words: string[]): ViewTarget {
  const bytes = bytesOf(words);
  const ck = decodeCheckpoint(bytes);
  const facts = listFactsOf(ck);
  return {
    model: { key: 'm1', bytes: async () => bytes, facts },
    info: {
      document: 'names.txt',
      key: KEY,
      list: 'names.txt',
      model: { label: 'names.txt · dev 2.600', listName: 'names.txt', createdAt: ck.createdAt, dev: 2.6, facts, own: true, note: null },
    },
  };
}

/** Waits until `messages` has one matching `predicate`. */
async function until<T extends ToWebview>(messages: ToWebview[], predicate: (m: ToWebview) => m is T): Promise<T> {
  for (let i = 0; i < 2000; i++) {
    const found = messages.find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Not posted; got ${JSON.stringify(messages.map((m) => m.type))}`);
}

const ended =
  (id: number) =>
  (m: ToWebview): m is Extract<ToWebview, { type: 'generateEnded' }> =>
    m.type === 'generateEnded' && m.id === id;

describe('Generate views: the host side', function () {
  this.timeout(60_000);
  let worker: GenerationWorker;
  let views: GenerationViews;
  let target: ViewTarget;
  const listeners = new Set<(t: ViewTarget) => void>();
  const errors: string[] = [];

  beforeEach(async () => {
    worker = new GenerationWorker(spawnNodeWorker(path.join(DIST, 'worker.js')));
    target = targetOf(generatedNames(300));
    views = new GenerationViews({
      worker,
      targets: { current: async () => target, onDidChange: (l) => (listeners.add(l), { dispose: () => listeners.delete(l) }) },
      favourites: new FavouritesStore(diskDir(await tempDir())),
      logError: (m) => errors.push(m),
      showError: (m) => errors.push(m),
    });
  });

  afterEach(() => {
    views.dispose();
    worker.dispose();
    listeners.clear();
    assert.deepEqual(errors.splice(0), []);
  });

  it('tells a ready view its target and favourites, streams its names, then says how the request ended', async () => {
    const posted: ToWebview[] = [];
    const client = views.client((m) => posted.push(m));
    await client.sendTarget();
    await until(posted, (m): m is ToWebview => m.type === 'favourites');
    assert.deepEqual(posted.slice(0, 2), [
      { type: 'generationTarget', target: target.info },
      { type: 'favourites', key: KEY, names: [] },
    ]);
    client.receive({ type: 'generate', id: 1, request: { count: 40, startsWith: 'b' } });
    const end = await until(posted, ended(1));
    assert.equal(end.summary?.ended, 'done');
    const names = posted.flatMap((m) => (m.type === 'generatedNames' && m.id === 1 ? m.names : []));
    assert.equal(names.length, 40);
    assert.ok(names.every((n) => n.name.startsWith('b')));
    assert.equal(posted.at(-1), end, 'the end comes last');
  });

  it('a new request supersedes the running one: the old one’s end is never sent', async () => {
    const posted: ToWebview[] = [];
    const client = views.client((m) => posted.push(m));
    await client.sendTarget();
    client.receive({ type: 'generate', id: 1, request: { count: 1000, contains: ['bb', 'aa'], endsWith: 'io', maxTries: 50_000_000 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.receive({ type: 'generate', id: 2, request: { count: 10 } });
    await until(posted, ended(2));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(posted.filter(ended(1)).length, 0);
    const last2 = posted.findIndex((m) => 'id' in m && m.id === 2);
    assert.ok(
      posted.slice(last2).every((m) => !('id' in m) || m.id === 2),
      'nothing of request 1 after request 2 began',
    );
  });

  it('answers a bad request, or a document without a model, before any sampling', async () => {
    const posted: ToWebview[] = [];
    const client = views.client((m) => posted.push(m));
    await client.sendTarget();
    client.receive({ type: 'generate', id: 1, request: { count: 5, endsWith: 'q' } });
    assert.match((await until(posted, ended(1))).error ?? '', /does not know "q"/);
    target = { model: undefined, info: { document: 'draft.txt', key: null, list: 'draft.txt', model: null } };
    client.receive({ type: 'generate', id: 2, request: { count: 5 } });
    assert.equal((await until(posted, ended(2))).error, 'No model for draft.txt yet: train one (Makemore: Train on File).');
    assert.equal(worker.alive, false, 'no worker was started');
  });

  it('shares favourites among the views of a list; a hidden view’s request stops', async () => {
    const a: ToWebview[] = [];
    const b: ToWebview[] = [];
    const ca = views.client((m) => a.push(m));
    const cb = views.client((m) => b.push(m));
    await ca.sendTarget();
    await cb.sendTarget();
    ca.receive({ type: 'favourite', key: KEY, action: 'add', names: [{ name: 'kaia', tag: 'new', logProbPerChar: -2 }] });
    const inB = await until(b, (m): m is Extract<ToWebview, { type: 'favourites' }> => m.type === 'favourites' && m.names.length === 1);
    assert.deepEqual(inB.names, [{ name: 'kaia', tag: 'new', logProbPerChar: -2 }]);
    ca.receive({ type: 'generate', id: 7, request: { count: 1000, contains: ['bb', 'aa'], endsWith: 'io', maxTries: 50_000_000 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    ca.hidden();
    const count = a.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(a.length, count, 'nothing is sent to a hidden view');
    // The target changes: ready views hear of it.
    const other = targetOf(generatedNames(200, 99));
    target = other;
    for (const l of listeners) l(other);
    assert.ok(b.some((m) => m.type === 'generationTarget' && m.target === other.info));
    assert.ok(!a.slice(count).some((m) => m.type === 'generationTarget'));
  });
});
