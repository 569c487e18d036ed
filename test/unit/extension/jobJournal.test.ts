/**
 * Jobs cut short (extension/jobs/jobJournal.ts): a long training run's best model so far is kept
 * as a stopped run through the run store's own API, in place of the one before, and gives way to
 * the run's own model at its end — never the active model over a measured run of the same text;
 * a job that ends leaves no note; one cut short by the extension shutting down (a window reload)
 * leaves its note, which the next start reports once, with the kept model.
 */
import * as assert from 'node:assert/strict';
import { interruptedText, JobJournal, JOURNAL_KEY, type JournalEntry, type JournalRuns } from '../../../src/extension/jobs/jobJournal';
import { RunHub } from '../../../src/extension/jobs/runHub';
import { RunStore, fileKeyOf } from '../../../src/extension/runs/runStore';
import { BASE_DEFAULTS } from '../../../src/core/config';
import type { CheckpointMessage } from '../../../src/shared/messages';
import { bytesOf, diskDir, generatedNames, memento, tempDir } from './helpers';

const DOCUMENT = 'untitled:cities.txt';
const KEY = fileKeyOf(DOCUMENT);
const quiet = { info: () => undefined, warn: (m: string) => assert.fail(m) };

describe('jobs cut short', () => {
  const words = generatedNames(300, 45);
  let store: RunStore;
  let runs: JournalRuns;
  const checkpoint = (step: number): CheckpointMessage => ({
    type: 'checkpoint',
    jobId: 1,
    bytes: bytesOf(words, {
      dev: null,
      steps: step,
      stopped: true,
      createdAt: new Date(Date.now() + step).toISOString(),
      listName: 'cities.txt',
    }),
    step,
    keptStep: step,
  });
  const kept = async () => {
    const { group } = await store.file(KEY);
    return { ids: group.runs.map((r) => r.id), active: group.active?.id, stopped: group.runs.map((r) => r.stopped) };
  };

  beforeEach(async () => {
    store = new RunStore(diskDir(await tempDir()), memento());
    runs = {
      store,
      save: (document, run) => store.save({ ...run, fileKey: KEY, document }),
      delete: (fileKey, runId, replacement) => store.delete(fileKey, runId, replacement),
      documentOf: async () => DOCUMENT,
    };
  });

  it("keeps a list's first run's best model so far, in place of the one before; the run's own takes its place", async () => {
    const memory = memento();
    const journal = new JobJournal({ memory, hub: new RunHub(), runs, log: quiet });
    await journal.begin('train', 'cities.txt', KEY);
    assert.equal(memory.get<JournalEntry>(JOURNAL_KEY)?.list, 'cities.txt', 'the job is noted');
    journal.keep(checkpoint(100));
    await journal.idle();
    const [first] = (await kept()).ids;
    assert.ok(first, 'the first checkpoint stored');
    journal.keep(checkpoint(200));
    await journal.idle();
    const now = await kept();
    assert.notEqual(now.ids[0], first, 'the second in place of the first');
    assert.deepEqual(
      [now.ids.length, now.stopped, now.active],
      [1, [true], now.ids[0]],
      'a stopped run, the active model of a list with no other',
    );
    assert.equal(memory.get<JournalEntry>(JOURNAL_KEY)?.kept?.keptStep, 200, 'the journal knows the model it kept');
    await journal.end(true);
    assert.deepEqual((await kept()).ids, [], "removed for the run's own model");
    assert.equal(memory.get(JOURNAL_KEY), undefined, 'a job that ended leaves no note');
  });

  it('never makes it the active model over a measured run of the same text; a job cut short is reported once, its model kept', async () => {
    const measured = await store.save({
      fileKey: KEY,
      document: DOCUMENT,
      fileName: 'cities.txt',
      bytes: bytesOf(words, { dev: 2.4, listName: 'cities.txt' }),
      origin: 'train',
      curve: { trainStep: [], train: [], devStep: [], dev: [] },
      samples: [],
    });
    const memory = memento();
    const hub = new RunHub();
    const journal = new JobJournal({ memory, hub, runs, log: quiet });
    await journal.begin('train', 'cities.txt', KEY);
    hub.publish({
      type: 'trainStarted',
      jobId: 1,
      listName: 'cities.txt',
      listKey: KEY,
      words: 300,
      symbols: ['.', 'a'],
      examples: { train: 1, dev: 1, test: 1 },
      config: { ...BASE_DEFAULTS, steps: 2500 },
      paramCount: 1,
      backend: 'wasm',
    });
    hub.publish({
      type: 'trainProgress',
      step: 310,
      totalSteps: 2500,
      progress: 0.12,
      seconds: 61,
      learningRate: 0.1,
      losses: [2.5],
      smoothLoss: 2.5,
      examplesPerSecond: 1,
      embedding: [],
    });
    journal.keep(checkpoint(300));
    await journal.idle();
    assert.equal((await kept()).ids.length, 2, 'the checkpoint beside the measured run');
    assert.equal((await kept()).active, measured.run.id);

    // The window reloads: the extension shuts down, the job ends without a model, its note stays.
    journal.dispose();
    assert.equal(journal.cutShort, true);
    await journal.end(false);
    const next = new JobJournal({ memory, hub: new RunHub(), runs, log: quiet });
    const interrupted = next.takeInterrupted();
    assert.ok(interrupted, 'the job cut short is found');
    assert.match(
      interruptedText(interrupted),
      /^Makemore: the training of cities\.txt was interrupted at step 310 of 2,500 \(the window was reloaded or closed, or the extension host stopped\)\. Its best model so far \(step 300\) was kept as a stopped run \(.+ · dev —\)\.$/,
    );
    assert.equal(next.takeInterrupted(), undefined, 'reported once');
    assert.equal((await kept()).ids.length, 2, 'the kept model stays');
  });

  it('a sweep cut short says where it was; a job that failed leaves no note', async () => {
    const memory = memento();
    const journal = new JobJournal({ memory, hub: new RunHub(), runs, log: quiet });
    await journal.begin('sweep', 'names.txt', KEY);
    const entry = memory.get<JournalEntry>(JOURNAL_KEY)!;
    assert.equal(
      interruptedText({ ...entry, position: 'run 2 of 6' }),
      'Makemore: the hyperparameter sweep on names.txt was interrupted at run 2 of 6 (the window was reloaded or closed, or the extension host stopped).',
    );
    await journal.end(false);
    assert.equal(new JobJournal({ memory, hub: new RunHub(), runs, log: quiet }).takeInterrupted(), undefined);
  });
});
