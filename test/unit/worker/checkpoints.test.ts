/**
 * A long training run keeps its best model so far: the worker posts a checkpoint at a dev
 * evaluation that found a better model, past the run's first minute and at most once a minute
 * (here with no minute to wait: the same code, `checkpointSeconds` 0). Each is a model file that
 * reads back whole — the best parameters so far, its kept step, losses not measured (null) — and
 * the list's job events carry the key of its runs.
 */
import * as assert from 'node:assert/strict';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { sampleWords } from '../../../src/core/sample';
import type { CheckpointMessage, WorkerMessage } from '../../../src/shared/messages';
import { runTraining, CHECKPOINT_SECONDS } from '../../../src/worker/runTraining';
import { namesList } from '../helpers/data';

describe('checkpoints of a long training run', function () {
  this.timeout(300_000);
  const text = namesList()
    .filter((_, i) => i % 8 === 0)
    .join('\n');

  async function train(checkpointSeconds: number): Promise<WorkerMessage[]> {
    const messages: WorkerMessage[] = [];
    await runTraining(
      {
        type: 'train',
        jobId: 5,
        text,
        listName: 'names.txt',
        listKey: '0123456789abcdef',
        config: { steps: 300, evalEvery: 50, hiddenSize: 32, seed: 3 },
      },
      (m) => messages.push(m),
      new AbortController().signal,
      { initBackend: () => initNodeBackend() },
      checkpointSeconds,
    );
    return messages;
  }

  it('posts the best model so far at each better evaluation once its time has come, as a stopped run', async () => {
    const messages = await train(0);
    const checkpoints = messages.filter((m): m is CheckpointMessage => m.type === 'checkpoint');
    // The evaluations during the steps (the one after the last step comes with the run's own model).
    const evals = (messages.filter((m) => m.type === 'trainEval') as { step: number; dev: number }[]).filter((e) => e.step < 300);
    // Every evaluation that beat the ones before it.
    let best = Infinity;
    const better = evals.filter((e) => (e.dev < best ? ((best = e.dev), true) : false)).map((e) => e.step);
    assert.ok(better.length >= 2, `evaluations that improved: ${better}`);
    assert.deepEqual(
      checkpoints.map((c) => c.keptStep),
      better,
    );
    assert.deepEqual(
      checkpoints.map((c) => c.step),
      better,
      'posted at the evaluation itself',
    );
    const last = decodeCheckpoint(checkpoints.at(-1)!.bytes);
    assert.equal(last.run.stopped, true);
    assert.equal(last.run.keptStep, better.at(-1));
    assert.deepEqual(
      last.losses,
      { train: null, dev: null, test: null },
      'not measured: never active over a measured run of the same text',
    );
    assert.ok(last.bigram.dev! > 2 && last.bigram.dev! < 3, `the bigram baseline ${last.bigram.dev}`);
    assert.equal(last.source.name, 'names.txt');
    // A model that works: it samples names of the list's alphabet.
    const words = sampleWords(
      { shape: last.shape, params: last.params, vocabulary: last.vocabulary, casing: last.casing },
      { count: 5, seed: 1 },
    ).words;
    assert.ok(
      words.every((w) => /^[a-z]+$/.test(w)),
      words.join(', '),
    );
    // Which list the job is on: in its started event.
    const started = messages.find((m) => m.type === 'trainStarted');
    assert.equal(started?.type === 'trainStarted' ? started.listKey : undefined, '0123456789abcdef');
  });

  it('posts none in a run shorter than a minute (the default)', async () => {
    assert.equal(CHECKPOINT_SECONDS, 60);
    const messages = await train(CHECKPOINT_SECONDS);
    assert.equal(messages.filter((m) => m.type === 'checkpoint').length, 0);
    assert.equal(messages.filter((m) => m.type === 'model').length, 1, 'the run’s own model, at its end');
  });
});
