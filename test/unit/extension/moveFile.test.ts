/** Replacing a file on file systems without a (working) rename: the web's (runs/moveFile.ts). */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { decodeCheckpoint } from '../../../src/core/checkpoint';
import { moveFile, type MoveOps } from '../../../src/extension/runs/moveFile';
import { RunStore, fileKeyOf } from '../../../src/extension/runs/runStore';
import type { StorageDir } from '../../../src/extension/runs/storage';
import { bytesOf, diskDir, memento, tempDir } from './helpers';

/** A directory in memory whose rename fails as `renameError` says (or works, without one). */
function memoryOps(files: Map<string, Uint8Array>, renameError?: Error): MoveOps {
  const missing = (name: string) => Object.assign(new Error(`${name} not found`), { code: 'FileNotFound' });
  return {
    rename: async (from, to) => {
      if (renameError) throw renameError;
      const bytes = files.get(from);
      if (!bytes) throw missing(from);
      files.set(to, bytes);
      files.delete(from);
    },
    read: async (name) => {
      const bytes = files.get(name);
      if (!bytes) throw missing(name);
      return bytes;
    },
    write: async (name, bytes) => void files.set(name, bytes),
    delete: async (name) => void files.delete(name),
    isNotFound: (e) => (e as { code?: string }).code === 'FileNotFound',
  };
}

describe('moving a file onto another name', () => {
  it('renames where it can', async () => {
    const files = new Map([
      ['a.tmp', new Uint8Array([1])],
      ['a', new Uint8Array([0])],
    ]);
    await moveFile(memoryOps(files), 'a.tmp', 'a');
    assert.deepEqual([...files.keys()], ['a']);
    assert.deepEqual([...files.get('a')!], [1]);
  });

  it('where rename fails (unsupported, not atomic), writes the final name and deletes the source', async () => {
    const files = new Map([
      ['a.tmp', new Uint8Array([1, 2])],
      ['a', new Uint8Array([0])],
    ]);
    await moveFile(memoryOps(files, Object.assign(new Error('Unable to rename'), { code: 'Unavailable' })), 'a.tmp', 'a');
    assert.deepEqual([...files.keys()], ['a']);
    assert.deepEqual([...files.get('a')!], [1, 2]);
  });

  it('a missing source is an error, not a reason to write', async () => {
    const files = new Map<string, Uint8Array>();
    await assert.rejects(moveFile(memoryOps(files), 'gone.tmp', 'a'), /gone\.tmp not found/);
    assert.equal(files.size, 0);
  });

  it('the run store saves through it on a file system that cannot rename: the model, its record and the state are there, no temporary file left', async () => {
    const dir = await tempDir();
    try {
      const disk = diskDir(dir);
      const noRename: StorageDir = {
        ...disk,
        rename: (from, to) =>
          moveFile(
            {
              rename: async () => {
                throw new Error('rename is not supported by this file system');
              },
              read: disk.read,
              write: disk.write,
              delete: disk.delete,
              isNotFound: (e) => (e as NodeJS.ErrnoException).code === 'ENOENT',
            },
            from,
            to,
          ),
      };
      const store = new RunStore(noRename, memento());
      const bytes = bytesOf(['emma', 'olivia', 'ava', 'isabella']);
      const document = 'file:///names.txt';
      const saved = await store.save({
        fileKey: fileKeyOf(document),
        document,
        fileName: 'names.txt',
        bytes,
        origin: 'train',
        curve: { trainStep: [], train: [], devStep: [], dev: [] },
        samples: [],
      });
      const key = fileKeyOf(document);
      assert.deepEqual(
        (await fs.readdir(dir)).sort(),
        [`${key}.${saved.run.id}.makemore`, `${key}.${saved.run.id}.run.json`, `${key}.file.json`, ...saved.run.shared!].sort(),
      );
      assert.equal(decodeCheckpoint(await store.modelBytes(saved.run)).source.words, 4);
      // A second run replaces the state file through the same fallback.
      const better = await store.save({
        fileKey: key,
        document,
        fileName: 'names.txt',
        bytes: bytesOf(['emma', 'olivia', 'ava', 'isabella'], { dev: 2.0 }),
        origin: 'train',
        curve: { trainStep: [], train: [], devStep: [], dev: [] },
        samples: [],
      });
      assert.equal((await store.file(key)).group.active?.id, better.run.id);
      assert.ok(
        (await fs.readdir(dir)).every((n) => !n.endsWith('.tmp')),
        'no temporary file is left',
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
