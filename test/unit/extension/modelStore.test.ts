import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CheckpointError, decodeCheckpoint, readCheckpointHeader, sha256Hex } from '../../../src/core/checkpoint';
import { ModelStore, documentKey, modelFileName, type StorageDir } from '../../../src/extension/models/modelStore';
import { bytesOf, diskDir, memento, tempDir } from './helpers';

const DOC = 'file:///home/user/names.txt';
const OTHER = 'untitled:Untitled-1';

describe('model store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = path.join(await tempDir(), 'models');
  });
  afterEach(() => fs.rm(path.dirname(dir), { recursive: true, force: true }));

  it('keys a model by its document URI and the SHA-256 of its text', () => {
    const a = sha256Hex('emma\nolivia\n');
    const b = sha256Hex('emma\nolivia\nava\n');
    assert.equal(modelFileName(DOC, a), modelFileName(DOC, a));
    assert.notEqual(modelFileName(DOC, a), modelFileName(DOC, b));
    assert.notEqual(modelFileName(DOC, a), modelFileName(OTHER, a));
    assert.match(modelFileName(DOC, a), /^[0-9a-f]{16}-[0-9a-f]{16}\.makemore$/);
    assert.ok(modelFileName(DOC, a).startsWith(`${documentKey(DOC)}-`));
    assert.ok(modelFileName(DOC, a).includes(a.slice(0, 16)));
  });

  it('creates its directory, saves, lists and loads models, newest first', async () => {
    const store = new ModelStore(diskDir(dir), memento());
    assert.deepEqual(await store.list(), { models: [], problems: [] });
    assert.equal(await store.hasModels(), false);
    const first = await store.save(DOC, bytesOf(['emma', 'olivia'], { createdAt: '2026-01-01T00:00:00Z' }));
    const second = await store.save(OTHER, bytesOf(['ava', 'mia'], { createdAt: '2026-01-02T00:00:00Z' }));
    assert.equal(await store.hasModels(), true);
    const { models, problems } = await store.list();
    assert.deepEqual(problems, []);
    assert.deepEqual(models.map((m) => m.file), [second.file, first.file]);
    assert.deepEqual((await store.load(first.file)).trainingWords, ['emma', 'olivia']);
    assert.deepEqual((await fs.readdir(dir)).sort(), [first.file, second.file].sort(), 'no temporary file is left behind');
  });

  it("finds a document's model: the one of this text, else the newest of the document", async () => {
    const store = new ModelStore(diskDir(dir), memento());
    const v1 = ['emma', 'olivia'];
    const v2 = ['emma', 'olivia', 'ava'];
    const m1 = await store.save(DOC, bytesOf(v1, { createdAt: '2026-01-01T00:00:00Z' }));
    const m2 = await store.save(DOC, bytesOf(v2, { createdAt: '2026-01-02T00:00:00Z' }));
    await store.save(OTHER, bytesOf(['zed', 'zoe'], { createdAt: '2026-01-03T00:00:00Z' }));
    assert.equal((await store.modelFor(DOC, sha256Hex(v1.join('\n'))))?.file, m1.file);
    assert.equal((await store.modelFor(DOC, sha256Hex(v2.join('\n'))))?.file, m2.file);
    assert.equal((await store.modelFor(DOC, sha256Hex('edited since')))?.file, m2.file);
    assert.equal(await store.modelFor('file:///elsewhere.txt', sha256Hex('x')), undefined);
  });

  it('replaces the model when the same text is trained again', async () => {
    const store = new ModelStore(diskDir(dir), memento());
    const a = await store.save(DOC, bytesOf(['emma', 'olivia'], { dev: 2.5 }));
    const b = await store.save(DOC, bytesOf(['emma', 'olivia'], { dev: 2.1 }));
    assert.equal(a.file, b.file);
    const { models } = await store.list();
    assert.equal(models.length, 1);
    assert.equal(models[0]!.header.losses.dev, 2.1);
  });

  it('remembers the recent model across instances, and forgets a deleted one', async () => {
    const memory = memento();
    const store = new ModelStore(diskDir(dir), memory);
    const a = await store.save(DOC, bytesOf(['emma', 'olivia'], { createdAt: '2026-01-01T00:00:00Z' }));
    const b = await store.save(OTHER, bytesOf(['ava', 'mia'], { createdAt: '2026-01-02T00:00:00Z' }));
    await store.select(a.file);
    // A new store over the same directory and memento (a reloaded window).
    const again = new ModelStore(diskDir(dir), memory);
    assert.equal((await again.recent())?.file, a.file);
    await again.delete(a.file);
    assert.equal((await again.recent())?.file, b.file, 'falls back to the newest model');
    await again.delete(b.file);
    assert.equal(await again.recent(), undefined);
  });

  it('never leaves half a model: a failed write keeps the old model and no temporary file', async () => {
    const disk = diskDir(dir);
    const store = new ModelStore(disk, memento());
    const old = await store.save(DOC, bytesOf(['emma', 'olivia'], { dev: 2.5 }));
    const oldBytes = await fs.readFile(path.join(dir, old.file));
    // The disk fills up halfway through writing the new model.
    const failing: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        await disk.write(name, bytes.subarray(0, bytes.length >> 1));
        throw new Error('ENOSPC: no space left on device');
      },
    };
    await assert.rejects(new ModelStore(failing, memento()).save(DOC, bytesOf(['emma', 'olivia'], { dev: 2.0 })), /ENOSPC/);
    assert.deepEqual(await fs.readdir(dir), [old.file]);
    assert.deepEqual(await fs.readFile(path.join(dir, old.file)), oldBytes);
    assert.equal(decodeCheckpoint(new Uint8Array(oldBytes)).losses.dev, 2.5);
  });

  it('writes under a temporary name and renames it into place', async () => {
    const disk = diskDir(dir);
    const calls: string[] = [];
    const spying: StorageDir = {
      ...disk,
      write: async (name, bytes) => {
        calls.push(`write ${name}`);
        await disk.write(name, bytes);
      },
      rename: async (from, to) => {
        calls.push(`rename ${from} -> ${to}`);
        throw new Error('EXDEV: the rename failed');
      },
    };
    const bytes = bytesOf(['emma', 'olivia']);
    const file = modelFileName(DOC, readCheckpointHeader(bytes).source.sha256);
    await assert.rejects(new ModelStore(spying, memento()).save(DOC, bytes), /EXDEV/);
    assert.equal(calls.length, 2);
    const temp = calls[0]!.slice('write '.length);
    assert.notEqual(temp, file);
    assert.equal(calls[1], `rename ${temp} -> ${file}`);
    assert.deepEqual(await fs.readdir(dir), [], 'the temporary file is removed');
  });

  it('reports and skips corrupt files, and still lists the good ones', async () => {
    const store = new ModelStore(diskDir(dir), memento());
    const good = await store.save(DOC, bytesOf(['emma', 'olivia']));
    const bytes = await fs.readFile(path.join(dir, good.file));
    await fs.writeFile(path.join(dir, 'garbage.makemore'), 'not a model at all');
    await fs.writeFile(path.join(dir, 'future.makemore'), Buffer.concat([Buffer.from('MAKEMORE'), Buffer.from([9, 0, 0, 0, 0, 0, 0, 0])]));
    await fs.writeFile(path.join(dir, 'truncated.makemore'), bytes.subarray(0, bytes.length - 100));
    await fs.writeFile(path.join(dir, 'notes.txt'), 'unrelated');
    const { models, problems } = await store.list();
    // The truncated file's header is intact: it is listed, and rejected when loaded.
    assert.deepEqual(models.map((m) => m.file).sort(), [good.file, 'truncated.makemore'].sort());
    assert.deepEqual(problems.map((p) => p.file).sort(), ['future.makemore', 'garbage.makemore']);
    assert.match(problems.find((p) => p.file === 'garbage.makemore')!.message, /Not a Makemore model file/);
    assert.match(problems.find((p) => p.file === 'future.makemore')!.message, /newer Makemore/);
    await assert.rejects(store.load('truncated.makemore'), (e: unknown) => e instanceof CheckpointError && /truncated/.test(e.message));
  });
});
