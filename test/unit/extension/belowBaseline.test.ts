/**
 * A run that is not below the bigram baseline (core/honesty.ts) never replaces an existing
 * active model — not even on an edited list, where a new run otherwise becomes active — and
 * is still kept with its list's runs; a list's first run is its active model whatever it is.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { RunStore, becameActive, fileKeyOf, verdictFor, type NewRun } from '../../../src/extension/runs/runStore';
import { verdictText } from '../../../src/extension/runs/describe';
import { bytesOf, diskDir, memento, tempDir } from './helpers';

const DOC = 'file:///home/user/cats.txt';
const WORDS = ['tom', 'felix', 'luna', 'milo'];

/** A run of `words` ending on day `day` with dev loss `dev` (the helper's bigram baseline: dev 2.9, test 3.0). */
function newRun(day: number, dev: number, words = WORDS): NewRun {
  const createdAt = `2026-02-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    fileKey: fileKeyOf(DOC),
    document: DOC,
    fileName: 'cats.txt',
    bytes: bytesOf(words, { createdAt, dev, listName: 'cats.txt' }),
    origin: 'train',
    curve: { trainStep: [], train: [], devStep: [], dev: [] },
    samples: [],
  };
}

describe('runs below the bigram baseline', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir();
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('the first run of a list is its active model, whatever its losses', async () => {
    const store = new RunStore(diskDir(path.join(root, 'runs')), memento());
    const first = await store.save(newRun(1, 3.4));
    assert.equal(first.verdict.kind, 'first');
    assert.ok(becameActive(first.verdict));
  });

  it('never replaces an active model — though its dev loss is lower, or the list was edited — and is kept', async () => {
    const store = new RunStore(diskDir(path.join(root, 'runs')), memento());
    const first = await store.save(newRun(1, 3.4));
    // Lower dev loss than the active run, but not below the baseline's 2.9.
    const lower = await store.save(newRun(2, 2.95));
    assert.equal(lower.verdict.kind, 'belowBaseline');
    assert.ok(!becameActive(lower.verdict));
    assert.equal(lower.verdict.active.id, first.run.id);
    // The list edited: a run on the new text would become active, unless it is below the baseline.
    const edited = await store.save(newRun(3, 2.92, [...WORDS, 'nala']));
    assert.equal(edited.verdict.kind, 'belowBaseline');
    const { group } = await store.file(fileKeyOf(DOC));
    assert.equal(group.active?.id, first.run.id);
    assert.deepEqual(
      group.runs.map((r) => r.id),
      [edited.run.id, lower.run.id, first.run.id],
      'every run is kept',
    );
    // A run that beats the baseline and the active model takes over.
    const good = await store.save(newRun(4, 2.5));
    assert.equal(good.verdict.kind, 'better');
    assert.equal((await store.file(fileKeyOf(DOC))).group.active?.id, good.run.id);
  });

  it('the end message says why the active model stays', async () => {
    const store = new RunStore(diskDir(path.join(root, 'runs')), memento());
    const first = await store.save(newRun(1, 2.5));
    const lower = await store.save(newRun(2, 2.95));
    assert.equal(verdictFor(lower.run, first.run).kind, 'belowBaseline');
    assert.match(
      verdictText(lower.verdict, 'cats.txt', false),
      /^Being no better than the bigram baseline, this run is kept with cats\.txt's runs, and the active model \(dev 2\.500, .*\) stays\.$/,
    );
  });
});
