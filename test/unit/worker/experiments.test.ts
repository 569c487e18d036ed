/** The worker's sweep and learning-rate jobs, run in-process, folded into the UI's RunState. */
import * as assert from 'node:assert/strict';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import type { RunEvent } from '../../../src/shared/events';
import { runEventOf, type WorkerMessage } from '../../../src/shared/messages';
import { applyRunEvent, initialRunState } from '../../../src/shared/runState';
import { runJob } from '../../../src/worker/serve';
import { namesList } from '../helpers/data';

function collect(): { messages: WorkerMessage[]; post: (m: WorkerMessage) => void } {
  const messages: WorkerMessage[] = [];
  return { messages, post: (m) => messages.push(m) };
}

/** What the host forwards to the webviews: the run events of the worker's messages. */
function toRunEvents(messages: WorkerMessage[]): RunEvent[] {
  return messages.flatMap((m) => runEventOf(m) ?? []);
}

describe('experiments in the worker', function () {
  this.timeout(300_000);
  const text = namesList().slice(0, 2500).join('\n');
  const runtime = { initBackend: () => initNodeBackend() };

  it('sweep: events for every run, the best model, a state the panel can draw', async () => {
    const { messages, post } = collect();
    const settings = [{ hiddenSize: 8 }, { hiddenSize: 48 }];
    await runJob(
      { type: 'sweep', jobId: 7, text, listName: 'names.txt', config: { steps: 120, batchSize: 128, embeddingSize: 8 }, settings },
      post,
      new AbortController().signal,
      runtime,
    );
    const types = messages.map((m) => m.type);
    assert.equal(types[0], 'sweepStarted');
    assert.equal(types.filter((t) => t === 'sweepRunFinished').length, 2);
    assert.deepEqual(types.slice(-2), ['model', 'sweepFinished']);
    assert.ok(messages.every((m) => m.jobId === 7));

    const state = initialRunState();
    for (const e of toRunEvents(messages)) applyRunEvent(state, e);
    assert.equal(state.job, 'sweep');
    assert.equal(state.status, 'finished');
    const sweep = state.sweep!;
    assert.deepEqual(sweep.varied, ['hiddenSize']);
    assert.deepEqual(
      sweep.runs.map((r) => r.setting),
      settings,
    );
    assert.equal(sweep.diagnosis.length, 2);
    assert.equal(sweep.diagnosis[sweep.best], 'best');

    const model = messages.find((m) => m.type === 'model') as Extract<WorkerMessage, { type: 'model' }>;
    const ck = decodeCheckpoint(model.bytes);
    assert.equal(ck.shape.hiddenSize, sweep.runs[sweep.best]!.config.hiddenSize);
    assert.equal(ck.losses.test, null, 'a sweep never evaluates the test split');

    // The best run's curve, kept with it when the user keeps it: every step's loss (120 steps fit
    // the history unbucketed) and its dev evaluations; and names sampled from it.
    const end = messages.at(-1) as Extract<WorkerMessage, { type: 'sweepFinished' }>;
    assert.deepEqual(
      end.bestCurve!.trainStep,
      Array.from({ length: 120 }, (_, i) => i + 1),
    );
    assert.ok(end.bestCurve!.train.every((x) => x > 0 && x < 6));
    assert.ok(end.bestCurve!.devStep.length >= 2 && end.bestCurve!.devStep.at(-1) === 120, JSON.stringify(end.bestCurve!.devStep));
    assert.ok(end.bestSamples!.length > 0);
  });

  it('learning-rate finder: the curve grows, then the suggestion', async () => {
    const { messages, post } = collect();
    await runJob(
      { type: 'lrFind', jobId: 3, text, listName: 'names.txt', config: { blockSize: 3, hiddenSize: 64, batchSize: 64 }, steps: 300 },
      post,
      new AbortController().signal,
      runtime,
    );
    assert.equal(messages[0]!.type, 'lrFindStarted');
    assert.equal(messages.at(-1)!.type, 'lrFindFinished');
    const state = initialRunState();
    for (const e of toRunEvents(messages)) applyRunEvent(state, e);
    const lr = state.lrFind!;
    assert.equal(state.job, 'lrFind');
    assert.equal(lr.learningRates[0], 1e-5);
    assert.equal(lr.learningRates.length, lr.smoothed.length);
    assert.ok(lr.learningRates.length > 100);
    assert.ok(lr.suggestion! > 1e-5 && lr.suggestion! < 0.1, `suggestion ${lr.suggestion}`);
    // A training run afterwards keeps the finder's result for its tab.
    applyRunEvent(state, {
      type: 'trainStarted',
      jobId: 4,
      listName: 'x',
      words: 2,
      symbols: ['.'],
      examples: { train: 1, dev: 1, test: 0 },
      config: BASE_DEFAULTS,
      paramCount: 1,
      backend: 'wasm',
    });
    assert.equal(state.job, 'train');
    assert.ok(state.lrFind);
  });

  it('reports a bad word list as an input error', async () => {
    const { messages, post } = collect();
    await runJob(
      { type: 'sweep', jobId: 1, text: '\n\n', listName: 'e.txt', config: {}, settings: [{ hiddenSize: 8 }] },
      post,
      new AbortController().signal,
      runtime,
    );
    assert.deepEqual(messages, [
      { type: 'rejected', jobId: 1, job: 'sweep', message: 'The file has only blank lines: expected one word per line.' },
    ]);
  });
});
