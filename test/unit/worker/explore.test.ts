/**
 * Questions about a model in the generation worker: the extension's GenerationWorker and
 * ExploreClient driving the real dist/worker.js in a worker thread — the answers are those of the
 * same model computed here (core/explorer.ts), a model's bytes go once for generating and
 * exploring alike, a character the model does not know is turned down with a message, a long
 * scoring stops at once when asked and the worker goes on, and a view without a model is told so.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { listFactsOf } from '../../../src/core/constraints';
import type { ItemScores, NextAnswer, Reading, SearchAnswer } from '../../../src/core/explored';
import { explorerModelOf, ModelExplorer } from '../../../src/core/explorer';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { ExploreClient } from '../../../src/extension/explore/exploreClient';
import type { ViewTarget } from '../../../src/extension/generation/generationViews';
import { GenerationWorker, type WorkerModel } from '../../../src/extension/generation/generationWorker';
import { spawnNodeWorker } from '../../../src/extension/jobs/nodeWorker';
import type { ToWebview } from '../../../src/shared/messages';
import { bytesOf, generatedNames } from '../extension/helpers';

const WORKER = path.resolve(__dirname, '../../../dist/worker.js');

describe('exploring a model in the generation worker (the real dist/worker.js)', function () {
  this.timeout(120_000);
  const words = generatedNames(600, 4);
  const bytes = bytesOf(words, { hiddenSize: 32 });
  let local: ModelExplorer;
  let generation: GenerationWorker;
  const model: WorkerModel & { reads: number } = {
    key: 'm-explore',
    reads: 0,
    bytes: async () => {
      model.reads++;
      return bytes;
    },
  };

  before(async () => {
    assert.ok(fs.existsSync(WORKER), `${WORKER} is missing: run npm run build first`);
    await initNodeBackend();
    local = new ModelExplorer(explorerModelOf(decodeCheckpoint(bytes)), 'batched');
    generation = new GenerationWorker(spawnNodeWorker(WORKER));
  });

  after(() => {
    generation.dispose();
    local.dispose();
  });

  async function ask<A>(query: Parameters<GenerationWorker['explore']>[0]['query']): Promise<A> {
    const outcome = await generation.explore({ model, query });
    assert.equal(outcome.kind, 'answer', JSON.stringify(outcome));
    return (outcome as unknown as { answer: A }).answer;
  }

  it('answers as the model does here: the distribution, a reading, the best names, the scores', async () => {
    const next = await ask<NextAnswer>({ kind: 'next', prefix: 'ka' });
    const mine = local.next('ka');
    assert.deepEqual(next.context, mine.context);
    next.logp.forEach((lp, v) => assert.ok(Math.abs(lp - mine.logp[v]!) < 1e-9));
    const reading = await ask<Reading>({ kind: 'read', text: words[3]! });
    assert.notEqual(reading.tag, 'new', 'a word of the list');
    assert.ok(Math.abs(reading.logProb - local.read(words[3]!).logProb) < 1e-9);
    const search = await ask<SearchAnswer>({ kind: 'search', prefix: 'b', count: 5 });
    assert.deepEqual(search.names, local.search('b', 5).names);
    const odd = [...'abcdefghijklmnopqrstuvwxyz']
      .filter((c) => local.model.vocabulary.has(c))
      .reverse()
      .slice(0, 4)
      .join('');
    const items = [...words.slice(0, 200), odd, 'zoë'];
    const scores = await ask<ItemScores>({ kind: 'score', items });
    const expected = local.score(items);
    for (let i = 0; i < items.length - 1; i++) assert.ok(Math.abs(scores.logProb[i]! - expected.logProb[i]!) < 1e-9, items[i]);
    assert.deepEqual(scores.unknown, { [items.length - 1]: ['ë'] });
    assert.equal(scores.referenceSize, new Set(words).size);
    // Generating from the same model: its bytes were sent once, for everything.
    const names = await generation.generate({ model, request: { count: 5 } });
    assert.equal(names.kind, 'done');
    assert.equal(model.reads, 1, 'one model, sent once');
  });

  it('turns down text the model cannot read, with a message; a stopped scoring ends at once and the worker goes on', async () => {
    const outcome = await generation.explore({ model, query: { kind: 'next', prefix: 'kö' } });
    assert.deepEqual(outcome, { kind: 'rejected', message: 'The model does not know "ö": its word list has no such character.' });
    const stop = new AbortController();
    const many = Array.from({ length: 200_000 }, (_, i) => words[i % words.length]!);
    const long = generation.explore({ model, query: { kind: 'score', items: many }, signal: stop.signal });
    setTimeout(() => stop.abort(), 20);
    assert.deepEqual(await long, { kind: 'stopped' });
    const after = await ask<NextAnswer>({ kind: 'next', prefix: '' });
    assert.equal(after.kind, 'next');
  });

  it('ExploreClient: answers a view under its question’s id, or says there is no model yet', async () => {
    const posted: ToWebview[] = [];
    const ck = decodeCheckpoint(bytes);
    const withModel: ViewTarget = {
      model: { ...model, facts: listFactsOf(ck) },
      info: { document: 'names.txt', key: '00112233aabbccdd', list: 'names.txt', model: null },
    };
    let target = withModel;
    const client = new ExploreClient(
      {
        worker: generation,
        targets: { current: async () => target, onDidChange: () => ({ dispose: () => undefined }) },
        logError: () => undefined,
      },
      (m) => posted.push(m),
    );
    await client.receive(7, { kind: 'read', text: 'ava' });
    assert.equal(posted.length, 1);
    const [answer] = posted;
    assert.equal(answer!.type === 'exploredAnswer' && answer.id === 7 && answer.answer?.kind === 'read', true, JSON.stringify(answer));
    await client.receive(8, { kind: 'next', prefix: 'ö' });
    assert.deepEqual(posted[1], {
      type: 'exploredAnswer',
      id: 8,
      error: 'The model does not know "ö": its word list has no such character.',
    });
    target = { model: undefined, info: { document: 'draft.txt', key: null, list: 'draft.txt', model: null } };
    await client.receive(9, { kind: 'next', prefix: '' });
    assert.deepEqual(posted[2], {
      type: 'exploredAnswer',
      id: 9,
      error: 'No model for draft.txt yet: train one (Makemore: Train on File), then explore it here.',
    });
    // A hidden view's questions are dropped.
    target = withModel;
    const pending = client.receive(10, { kind: 'next', prefix: '' });
    client.hidden();
    await pending;
    assert.equal(posted.length, 3);
    client.dispose();
  });
});
