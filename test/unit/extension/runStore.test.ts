import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { decodeCheckpoint, readCheckpointHeader, sha256Hex } from '../../../src/core/checkpoint';
import {
  ActiveRunError,
  LEGACY_RECENT_KEY,
  RunStore,
  fileKeyOf,
  modelFile,
  recordFile,
  recordOf,
  runIdFor,
  sharedFile,
  stateFile,
  type NewRun,
} from '../../../src/extension/runs/runStore';
import { writeWhole, type StorageDir } from '../../../src/extension/runs/storage';
import { RUN_RECORD_FORMAT, type RunCurve } from '../../../src/shared/runRecord';
import { bytesOf, diskDir, memento, tempDir } from './helpers';

const DOC = 'file:///home/user/names.txt';
const OTHER = 'untitled:Untitled-1';
const WORDS = ['emma', 'olivia', 'ava', 'mia'];
const CURVE: RunCurve = { trainStep: [1, 2, 3], train: [3.3, 3.1, 2.9], devStep: [3], dev: [3.0] };

/** A run of `words` (default WORDS) ending on day `day` of January with dev loss `dev`. */
function newRun(
  day: number,
  dev: number | null,
  options: { document?: string; words?: string[]; origin?: 'train' | 'sweep'; steps?: number; stopped?: boolean } = {},
): NewRun {
  const createdAt = `2026-01-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  return {
    fileKey: fileKeyOf(options.document ?? DOC),
    document: options.document ?? DOC,
    fileName: options.document === OTHER ? 'Untitled-1' : 'names.txt',
    bytes: bytesOf(options.words ?? WORDS, { createdAt, dev, steps: options.steps, stopped: options.stopped, listName: 'names.txt' }),
    origin: options.origin ?? 'train',
    curve: CURVE,
    samples: ['emmy', 'livia'],
  };
}

describe('run store', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await tempDir();
    dir = path.join(root, 'runs');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const store = (runsPerFile = 20, memory = memento(), storage: StorageDir = diskDir(dir)): RunStore =>
    new RunStore(storage, memory, { runsPerFile: () => runsPerFile });

  it('keeps every run: its model, and a record with configuration, losses, curve, samples, date, duration, file name and text hash', async () => {
    const s = store();
    const a = await s.save(newRun(1, 2.5));
    const b = await s.save(newRun(2, 2.6, { origin: 'sweep' }));
    const { group, problems } = await s.file(fileKeyOf(DOC));
    assert.deepEqual(problems, []);
    assert.deepEqual(
      group.runs.map((r) => r.id),
      [b.run.id, a.run.id],
      'newest first',
    );
    const run = group.runs[1]!;
    assert.equal(run.format, RUN_RECORD_FORMAT);
    assert.equal(run.fileName, 'names.txt');
    assert.equal(run.document, DOC);
    assert.equal(run.createdAt, '2026-01-01T10:00:00.000Z');
    assert.match(run.id, /^20260101-100000-[0-9a-z]{4}$/);
    assert.equal(run.textSha256.length, 64);
    assert.deepEqual(run.losses, { train: 2.5, dev: 2.5, test: 2.7 });
    assert.equal(run.config.hiddenSize, 8);
    assert.deepEqual(run.vocabulary, [...'aeilmov']);
    assert.equal(run.seconds, 1);
    assert.equal(run.stopped, false);
    assert.deepEqual(run.curve, CURVE);
    assert.deepEqual(run.samples, ['emmy', 'livia']);
    assert.equal(group.runs[0]!.origin, 'sweep');
    assert.deepEqual((await s.loadModel(run)).trainingWords, WORDS);
    assert.deepEqual(decodeCheckpoint(await s.modelBytes(run)).params.W1, (await s.loadModel(run)).params.W1, 'the model file as stored');
    const files = (await fs.readdir(dir)).sort();
    const words = sharedFile({ name: 'trainingWords', sha256: sha256Hex(new TextEncoder().encode(WORDS.join('\n'))) });
    assert.deepEqual(
      files,
      [
        modelFile(run.fileKey, a.run.id),
        recordFile(run.fileKey, a.run.id),
        modelFile(run.fileKey, b.run.id),
        recordFile(run.fileKey, b.run.id),
        stateFile(run.fileKey),
        words,
      ].sort(),
      'no temporary file is left behind; the list kept once',
    );
  });

  it("keeps a list's text once, shared by the runs that have it; a deleted run frees only what was its own (issue 18, item 9)", async () => {
    const s = store();
    const key = fileKeyOf(DOC);
    const withSplits = (day: number, dev: number, seed: number): NewRun => ({
      ...newRun(day, dev),
      bytes: bytesOf(WORDS, { createdAt: `2026-01-0${day}T10:00:00.000Z`, dev, splitSeed: seed }),
    });
    const a = await s.save(withSplits(1, 2.5, 1));
    const b = await s.save(withSplits(2, 2.4, 1));
    const c = await s.save(withSplits(3, 2.6, 2));
    const shared = (await fs.readdir(dir)).filter((f) => f.startsWith('shared.')).sort();
    // One copy of the words for the three runs; the splits once per distinct split (two seeds).
    assert.equal(shared.filter((f) => f.endsWith('.trainingWords')).length, 1);
    assert.equal(shared.filter((f) => f.endsWith('.wordSplits')).length, 2);
    assert.deepEqual(a.run.shared?.[0], b.run.shared?.[0]);
    for (const r of [a, b, c]) {
      const own = await fs.readFile(path.join(dir, modelFile(key, r.run.id)));
      assert.ok(!new TextDecoder().decode(own).includes('olivia'), 'a run stores what only it has: not the words');
      assert.deepEqual((await s.loadModel(r.run)).trainingWords, WORDS, 'and loads whole');
    }
    const { group } = await s.file(key);
    const storage = await s.storage(group);
    const sizes = await Promise.all(shared.map((f) => fs.stat(path.join(dir, f)).then((st) => st.size)));
    assert.equal(
      storage.shared,
      sizes.reduce((x, y) => x + y, 0),
    );
    for (const r of [a, b, c]) {
      const own =
        (await fs.stat(path.join(dir, modelFile(key, r.run.id)))).size + (await fs.stat(path.join(dir, recordFile(key, r.run.id)))).size;
      assert.equal(storage.runs[r.run.id], own);
    }
    assert.equal(storage.total, storage.shared + Object.values(storage.runs).reduce((x, y) => x + y, 0));

    // Delete one: the others still load, the shared words stay; c's splits (its own seed) go.
    await s.delete(key, c.run.id);
    assert.deepEqual((await s.loadModel(a.run)).trainingWords, WORDS);
    assert.equal((await fs.readdir(dir)).filter((f) => f.startsWith('shared.')).length, 2);
    await s.delete(key, a.run.id);
    assert.deepEqual((await s.loadModel(b.run)).wordSplits, decodeCheckpoint(withSplits(2, 2.4, 1).bytes).wordSplits);
    // The last run gone: nothing of the list is left but its state.
    await s.delete(key, b.run.id);
    assert.deepEqual(await fs.readdir(dir), [stateFile(key)]);
  });

  it('loads runs stored whole by an earlier version; the first new run of their list moves their text apart, read back before', async () => {
    const key = fileKeyOf(DOC);
    await fs.mkdir(dir, { recursive: true });
    // Two runs as 0.2 stored them: the whole model in its file, a record without `shared`.
    const old: { id: string; bytes: Uint8Array }[] = [];
    for (const day of [1, 2]) {
      const run = newRun(day, 2.5 + day / 10);
      const id = runIdFor(`2026-01-0${day}T10:00:00.000Z`, `old${day}`);
      const record = recordOf(readCheckpointHeader(run.bytes), {
        id,
        fileKey: key,
        document: DOC,
        fileName: 'names.txt',
        origin: 'train',
        curve: CURVE,
        samples: [],
      });
      await fs.writeFile(path.join(dir, modelFile(key, id)), run.bytes);
      await fs.writeFile(path.join(dir, recordFile(key, id)), JSON.stringify(record));
      old.push({ id, bytes: run.bytes });
    }
    const s = store();
    let { group } = await s.file(key);
    assert.deepEqual(
      group.runs.map((r) => r.shared),
      [undefined, undefined],
    );
    for (const o of old) assert.deepEqual(await s.modelBytes({ fileKey: key, id: o.id }), o.bytes, 'a whole model loads as it is');
    const before = await s.storage(group);
    assert.equal(before.shared, 0);

    await s.save(newRun(3, 2.9));
    ({ group } = await s.file(key));
    assert.equal(group.runs.length, 3);
    for (const o of old) {
      assert.deepEqual(await s.modelBytes({ fileKey: key, id: o.id }), o.bytes, 'moved apart, it loads byte for byte as it was');
      assert.ok(
        !new TextDecoder().decode(await fs.readFile(path.join(dir, modelFile(key, o.id)))).includes('olivia'),
        'its file holds no words now',
      );
    }
    assert.ok(
      group.runs.every((r) => r.shared?.length === 1),
      'every record says which shared text it needs',
    );
    assert.equal((await fs.readdir(dir)).filter((f) => f.startsWith('shared.')).length, 1, 'the three runs share one copy');
    // A fresh store (a reload) reads them the same.
    const fresh = store();
    for (const o of old) assert.deepEqual(await fresh.modelBytes({ fileKey: key, id: o.id }), o.bytes);
  });

  it('a save that fails (a full disk, a write that reads back wrong) stores nothing and keeps the earlier runs', async () => {
    const key = fileKeyOf(DOC);
    const first = await store().save(newRun(1, 2.5));
    const listing = async () => (await fs.readdir(dir)).sort();
    const before = await listing();
    const disk = diskDir(dir);
    const full: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        if (name.startsWith(key) && name.includes('.makemore.'))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await disk.write(name, bytes);
      },
    };
    await assert.rejects(store(20, memento(), full).save(newRun(2, 2.4, { words: ['zed', 'zoe', 'zara'] })), /ENOSPC/);
    assert.deepEqual(
      (await listing()).filter((f) => !f.startsWith('shared.')),
      before.filter((f) => !f.startsWith('shared.')),
      'no run file of the failed save is left',
    );
    const flipping: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        const copy = bytes.slice();
        if (name.includes('.makemore.')) copy[copy.length - 1] ^= 0xff;
        await disk.write(name, copy);
      },
    };
    await assert.rejects(store(20, memento(), flipping).save(newRun(3, 2.4)), /reads back different|corrupt/);
    assert.deepEqual(
      (await listing()).filter((f) => !f.startsWith('shared.')),
      before.filter((f) => !f.startsWith('shared.')),
    );

    assert.deepEqual((await store().loadModel(first.run)).trainingWords, WORDS, 'the earlier run still loads');
  });

  it('makes the first run active, then a better one; a worse or stopped run never replaces the active model', async () => {
    const s = store();
    const first = await s.save(newRun(1, 2.5));
    assert.equal(first.verdict.kind, 'first');
    const worse = await s.save(newRun(2, 2.56));
    assert.equal(worse.verdict.kind, 'notBetter');
    assert.equal(worse.verdict.active.id, first.run.id);
    const stopped = await s.save(newRun(3, 2.86, { stopped: true }));
    assert.equal(stopped.verdict.kind, 'notBetter');
    const modelBytes = await fs.readFile(path.join(dir, modelFile(first.run.fileKey, first.run.id)));
    const { group } = await s.file(fileKeyOf(DOC));
    assert.equal(group.active?.id, first.run.id, 'the better model stays active');
    assert.equal(group.chosen, false);
    assert.deepEqual(
      await fs.readFile(path.join(dir, modelFile(first.run.fileKey, first.run.id))),
      modelBytes,
      'its stored file is untouched',
    );
    const better = await s.save(newRun(4, 2.4));
    assert.equal(better.verdict.kind, 'better');
    assert.equal(better.verdict.previous?.id, first.run.id);
    assert.equal((await s.file(fileKeyOf(DOC))).group.active?.id, better.run.id);
  });

  it('a run on an edited text becomes active: losses on different data do not compare', async () => {
    const s = store();
    const a = await s.save(newRun(1, 2.1));
    const edited = await s.save(newRun(2, 2.7, { words: [...WORDS, 'zoe'] }));
    assert.equal(edited.verdict.kind, 'newText');
    assert.equal(edited.verdict.previous?.id, a.run.id);
    assert.equal((await s.file(fileKeyOf(DOC))).group.active?.id, edited.run.id);
  });

  it("keeps runs per file apart, and each file's active run", async () => {
    const s = store();
    const mine = await s.save(newRun(1, 2.5));
    const theirs = await s.save(newRun(2, 2.9, { document: OTHER }));
    assert.equal(theirs.verdict.kind, 'first', 'another file starts its own runs');
    const { groups } = await s.files();
    assert.deepEqual(
      groups.map((g) => [g.fileName, g.runs.length, g.active?.id]),
      [
        ['Untitled-1', 1, theirs.run.id],
        ['names.txt', 1, mine.run.id],
      ],
    );
    assert.equal(s.recentFile(), fileKeyOf(OTHER), 'the last file stored to is the recent one');
    assert.deepEqual((await s.filesWithText(mine.run.textSha256)).map((g) => g.fileKey).sort(), [fileKeyOf(DOC), fileKeyOf(OTHER)].sort());
  });

  it('the user chooses the active run; it stays until a better run comes', async () => {
    const memory = memento();
    const s = store(20, memory);
    const best = await s.save(newRun(1, 2.5));
    const worse = await s.save(newRun(2, 2.7));
    await s.setActive(fileKeyOf(DOC), worse.run.id);
    // A reloaded window: a new store over the same directory and memory.
    const again = store(20, memory);
    let { group } = await again.file(fileKeyOf(DOC));
    assert.equal(group.active?.id, worse.run.id);
    assert.equal(group.chosen, true);
    const between = await again.save(newRun(3, 2.8));
    assert.equal(between.verdict.kind, 'notBetter', 'worse than the chosen run: the choice stands');
    ({ group } = await again.file(fileKeyOf(DOC)));
    assert.equal(group.active?.id, worse.run.id);
    assert.equal(group.chosen, true);
    const better = await again.save(newRun(4, 2.6));
    assert.equal(better.verdict.kind, 'better');
    ({ group } = await again.file(fileKeyOf(DOC)));
    assert.equal(group.active?.id, better.run.id);
    assert.equal(group.chosen, false);
    assert.notEqual(best.run.id, group.active?.id);
    await assert.rejects(again.setActive(fileKeyOf(DOC), '20990101-000000-zzzz'), /no longer stored/);
  });

  it('keeps the newest runsPerFile runs and never evicts the active run', async () => {
    const s = store(3);
    const best = await s.save(newRun(1, 2.0));
    const later: Awaited<ReturnType<RunStore['save']>>[] = [];
    for (let day = 2; day <= 6; day++) later.push(await s.save(newRun(day, 2.5 + day / 100)));
    // The three newest and the active run: the fourth later run evicts the first.
    assert.deepEqual(
      later.map((r) => r.evicted.length),
      [0, 0, 0, 1, 1],
    );
    assert.deepEqual(
      later[3]!.evicted.map((r) => r.id),
      [later[0]!.run.id],
      'the oldest run that is not active goes',
    );
    const { group } = await s.file(fileKeyOf(DOC));
    assert.deepEqual(
      group.runs.map((r) => r.id),
      [later[4]!.run.id, later[3]!.run.id, later[2]!.run.id, best.run.id],
      'the three newest, and the active run',
    );
    assert.equal(group.active?.id, best.run.id);
    const names = await fs.readdir(dir);
    assert.ok(!names.some((n) => n.includes(later[0]!.run.id)), 'an evicted run leaves no file');
  });

  it('never evicts the run it has just saved, however old its date (a sweep best kept after later runs)', async () => {
    const s = store(2);
    const active = await s.save(newRun(5, 2.0));
    await s.save(newRun(6, 2.1));
    await s.save(newRun(7, 2.2));
    // Dated before them all and no better than the active run: neither among the newest two nor active.
    const kept = await s.save(newRun(1, 2.4, { origin: 'sweep' }));
    assert.deepEqual(kept.evicted, []);
    const { group } = await s.file(fileKeyOf(DOC));
    assert.ok(
      group.runs.some((r) => r.id === kept.run.id),
      'the run just saved is stored',
    );
    assert.equal(group.active?.id, active.run.id);
  });

  it('deletes a run, but the active run only once another is chosen in its place', async () => {
    const s = store();
    const a = await s.save(newRun(1, 2.5));
    const b = await s.save(newRun(2, 2.6));
    const c = await s.save(newRun(3, 2.7));
    const key = fileKeyOf(DOC);
    await s.delete(key, c.run.id);
    assert.deepEqual(
      (await s.file(key)).group.runs.map((r) => r.id),
      [b.run.id, a.run.id],
    );
    await assert.rejects(s.delete(key, a.run.id), (e: unknown) => e instanceof ActiveRunError && e.run.id === a.run.id);
    await assert.rejects(s.delete(key, a.run.id, a.run.id), ActiveRunError, 'not itself');
    assert.equal((await s.file(key)).group.runs.length, 2, 'nothing deleted');
    await s.delete(key, a.run.id, b.run.id);
    let { group } = await s.file(key);
    assert.deepEqual(
      group.runs.map((r) => r.id),
      [b.run.id],
    );
    assert.equal(group.active?.id, b.run.id);
    assert.equal(group.chosen, true);
    // The only run of a file may go: the file then has no model (its settings stay).
    await s.setSettings(key, { learningRate: 0.002 }, { document: DOC, fileName: 'names.txt' });
    await s.delete(key, b.run.id);
    ({ group } = await s.file(key));
    assert.deepEqual(group.runs, []);
    assert.equal(group.active, undefined);
    assert.deepEqual(group.settings, { learningRate: 0.002 });
    assert.deepEqual(await fs.readdir(dir), [stateFile(key)]);
  });

  it("keeps a file's settings for its next runs, and clears them", async () => {
    const s = store();
    const key = fileKeyOf(DOC);
    assert.deepEqual(await s.settings(key), {});
    assert.deepEqual(await s.setSettings(key, { learningRate: 0.002 }, { document: DOC, fileName: 'names.txt' }), { learningRate: 0.002 });
    await s.save(newRun(1, 2.5));
    assert.deepEqual(await s.settings(key), { learningRate: 0.002 }, 'a new run keeps them');
    assert.deepEqual(await s.setSettings(key, { learningRate: undefined }, { document: DOC, fileName: 'names.txt' }), {});
    assert.deepEqual(await s.settings(key), {});
  });

  it('skips and reports a corrupt record, still offering its model; reports a corrupt state and falls back to the best run', async () => {
    const s = store();
    const a = await s.save(newRun(1, 2.5));
    const b = await s.save(newRun(2, 2.4));
    const key = fileKeyOf(DOC);
    await fs.writeFile(path.join(dir, recordFile(key, b.run.id)), '{"format": "makemore-run", "vers');
    await fs.writeFile(path.join(dir, stateFile(key)), 'not json');
    await fs.writeFile(path.join(dir, `${key}.20260103-100000-dead.run.json`), JSON.stringify({ format: RUN_RECORD_FORMAT }));
    await fs.writeFile(path.join(dir, `${key}.20260104-100000-beef.makemore`), 'not a model');
    await fs.writeFile(path.join(dir, 'notes.txt'), 'unrelated');
    const fresh = store();
    const { group, problems } = await fresh.file(key);
    assert.deepEqual(
      problems.map((p) => p.file).sort(),
      [recordFile(key, b.run.id), `${key}.20260103-100000-dead.run.json`, `${key}.20260104-100000-beef.makemore`, stateFile(key)].sort(),
    );
    assert.match(problems.find((p) => p.file === stateFile(key))!.message, /JSON/);
    assert.match(problems.find((p) => p.file.endsWith('dead.run.json'))!.message, /model file is missing/);
    assert.match(problems.find((p) => p.file.endsWith('beef.makemore'))!.message, /Not a Makemore model file/);
    // The run whose record is corrupt is restored from its model's header (no curve), not lost.
    assert.deepEqual(
      group.runs.map((r) => [r.id, r.origin]),
      [
        [b.run.id, 'restored'],
        [a.run.id, 'train'],
      ],
    );
    assert.equal(group.active?.id, b.run.id, 'with the state unreadable, the best run is active');
    assert.deepEqual(group.runs[0]!.curve.train, []);
    // Saving again rewrites the state.
    await fresh.save(newRun(5, 2.9));
    assert.equal(
      (await fresh.file(key)).problems.some((p) => p.file === stateFile(key)),
      false,
    );
  });

  it('a model whose record was never written (a save cut short) still counts as a run', async () => {
    const s = store();
    const key = fileKeyOf(DOC);
    await fs.mkdir(dir, { recursive: true });
    const id = runIdFor('2026-01-07T10:00:00.000Z', 'abcd');
    await fs.writeFile(path.join(dir, modelFile(key, id)), newRun(7, 2.3).bytes);
    const { group, problems } = await s.file(key);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      group.runs.map((r) => [r.id, r.origin, r.losses.dev]),
      [[id, 'restored', 2.3]],
    );
    assert.equal(group.active?.id, id);
  });

  it('migrates the models stored before runs were kept into runs of their files, once; leaves an unreadable one', async () => {
    const legacyDir = path.join(root, 'models');
    const legacy = diskDir(legacyDir);
    await legacy.ensure();
    const docKey = fileKeyOf(DOC);
    const olderText = bytesOf(['emma', 'olivia'], { createdAt: '2025-11-27T09:00:00.000Z', dev: 2.4, listName: 'names.txt' });
    const newerText = bytesOf(WORDS, { createdAt: '2025-11-28T09:00:00.000Z', dev: 2.6, listName: 'names.txt' });
    const other = bytesOf(['zed', 'zoe'], { createdAt: '2025-11-29T09:00:00.000Z', listName: 'Untitled-1' });
    const names = [
      `${docKey}-${'1'.repeat(16)}.makemore`,
      `${docKey}-${'2'.repeat(16)}.makemore`,
      `${fileKeyOf(OTHER)}-${'3'.repeat(16)}.makemore`,
    ];
    await legacy.write(names[0]!, olderText);
    await legacy.write(names[1]!, newerText);
    await legacy.write(names[2]!, other);
    await legacy.write('broken.makemore', new TextEncoder().encode('garbage'));
    const memory = memento();
    await memory.update(LEGACY_RECENT_KEY, names[0]);
    const s = store(20, memory);
    const { migrated, problems } = await s.migrateLegacy(legacy);
    assert.equal(migrated.length, 3);
    assert.deepEqual(
      problems.map((p) => p.file),
      ['broken.makemore'],
    );
    assert.deepEqual(await fs.readdir(legacyDir), ['broken.makemore'], 'migrated files are moved; the unreadable one stays');
    const { groups } = await s.files();
    assert.equal(s.recentFile(), docKey, 'the recent model is remembered as its file');
    assert.equal(memory.get(LEGACY_RECENT_KEY), undefined);
    const mine = groups.find((g) => g.fileKey === docKey)!;
    assert.deepEqual(
      mine.runs.map((r) => [r.createdAt, r.origin, r.fileName, r.document]),
      [
        ['2025-11-28T09:00:00.000Z', 'restored', 'names.txt', null],
        ['2025-11-27T09:00:00.000Z', 'restored', 'names.txt', null],
      ],
    );
    // The newest text's best run is active (the older text's lower loss was on other data).
    assert.equal(mine.active?.losses.dev, 2.6);
    assert.deepEqual((await s.loadModel(mine.runs[0]!)).trainingWords, WORDS);
    assert.deepEqual(decodeCheckpoint(newerText).params.W1, (await s.loadModel(mine.runs[0]!)).params.W1);
    // Saving a run of that document joins the migrated runs (same key), and fills in its URI.
    const next = await s.save(newRun(3, 2.5));
    assert.equal(next.verdict.kind, 'better');
    assert.equal((await s.file(docKey)).group.runs.length, 3);
    // Running the migration again changes nothing.
    const again = await s.migrateLegacy(legacy);
    assert.equal(again.migrated.length, 0);
    assert.equal((await s.file(docKey)).group.runs.length, 3);
  });

  it('repeats a migration cut short without copying a model twice', async () => {
    const legacy = diskDir(path.join(root, 'models'));
    await legacy.ensure();
    const name = `${fileKeyOf(DOC)}-${'4'.repeat(16)}.makemore`;
    await legacy.write(name, bytesOf(WORDS, { createdAt: '2025-11-28T09:00:00.000Z' }));
    // The first attempt copied the model and its record, then stopped before removing the old file.
    const failing: StorageDir = { ...legacy, delete: async () => Promise.reject(new Error('EBUSY')) };
    const s = store();
    const first = await s.migrateLegacy(failing);
    assert.deepEqual(
      first.problems.map((p) => p.message),
      ['EBUSY'],
    );
    const second = await s.migrateLegacy(legacy);
    assert.equal(second.migrated.length, 1);
    assert.equal((await s.file(fileKeyOf(DOC))).group.runs.length, 1);
    assert.deepEqual(await legacy.list(), []);
  });
});

describe('atomic writes', () => {
  let root: string;
  beforeEach(async () => {
    root = await tempDir();
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('writes under a temporary name and renames it into place', async () => {
    const disk = diskDir(root);
    const calls: string[] = [];
    const spying: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        calls.push(`write ${name}`);
        await disk.write(name, bytes);
      },
      rename: async (from, to) => {
        calls.push(`rename ${from} -> ${to}`);
        await disk.rename(from, to);
      },
    };
    await writeWhole(spying, 'a.json', new TextEncoder().encode('{}'));
    assert.equal(calls.length, 2);
    const temp = calls[0]!.slice('write '.length);
    assert.match(temp, /^a\.json\.[0-9a-z]+\.tmp$/);
    assert.equal(calls[1], `rename ${temp} -> a.json`);
    assert.deepEqual(await fs.readdir(root), ['a.json']);
  });

  it('never leaves half a file: a failed write keeps the old file and no temporary file', async () => {
    const disk = diskDir(root);
    await writeWhole(disk, 'model.makemore', new Uint8Array([1, 2, 3, 4]));
    const failing: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        await disk.write(name, bytes.subarray(0, bytes.length >> 1));
        throw new Error('ENOSPC: no space left on device');
      },
    };
    await assert.rejects(writeWhole(failing, 'model.makemore', new Uint8Array([9, 9, 9, 9, 9, 9])), /ENOSPC/);
    assert.deepEqual(await fs.readdir(root), ['model.makemore']);
    assert.deepEqual([...(await fs.readFile(path.join(root, 'model.makemore')))], [1, 2, 3, 4]);
  });
});
