/** Test doubles for the extension's host-independent parts: a StorageDir on the real disk, a
 * memento in memory, small real checkpoints, and generated names (the benchmarks' run stores use
 * the first two as well). */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeCheckpoint, sha256Hex, type Checkpoint } from '../../../src/core/checkpoint';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { initParams, type ModelShape } from '../../../src/core/model';
import { Rng } from '../../../src/core/rng';
import { Vocabulary } from '../../../src/core/vocabulary';
import type { KeyValueStore, StorageDir } from '../../../src/extension/runs/storage';

export { generatedNames } from '../../vscode/names';

/** A StorageDir over a directory on disk (what workspace.fs does in VS Code). */
export function diskDir(dir: string): StorageDir {
  const at = (name: string): string => path.join(dir, name);
  return {
    ensure: async () => void (await fs.mkdir(dir, { recursive: true })),
    list: async () => {
      try {
        return (await fs.readdir(dir, { withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw e;
      }
    },
    read: async (name) => new Uint8Array(await fs.readFile(at(name))),
    size: async (name) => (await fs.stat(at(name))).size,
    write: (name, bytes) => fs.writeFile(at(name), bytes),
    rename: (from, to) => fs.rename(at(from), at(to)),
    delete: (name) => fs.rm(at(name)),
  };
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'makemore-ext-test-'));
}

export function memento(): KeyValueStore & { values: Map<string, unknown> } {
  const values = new Map<string, unknown>();
  return {
    values,
    get: <T>(key: string) => values.get(key) as T | undefined,
    update: async (key, value) => {
      if (value === undefined) values.delete(key);
      else values.set(key, value);
    },
  };
}

/** A small random-initialised model of `words`, as a checkpoint. */
export function checkpointOf(
  words: string[],
  options: {
    createdAt?: string;
    listName?: string;
    dev?: number | null;
    foldCase?: boolean;
    hiddenSize?: number;
    steps?: number;
    stopped?: boolean;
    splitSeed?: number;
  } = {},
): Checkpoint {
  const vocabulary = Vocabulary.fromWords(words);
  const hiddenSize = options.hiddenSize ?? 8;
  const shape: ModelShape = { vocabSize: vocabulary.size, blockSize: 3, embeddingSize: 4, hiddenSize };
  return {
    createdAt: options.createdAt ?? new Date().toISOString(),
    shape,
    vocabulary,
    config: {
      ...BASE_DEFAULTS,
      blockSize: 3,
      embeddingSize: 4,
      hiddenSize,
      steps: options.steps ?? 100,
      foldCase: options.foldCase ? 'on' : 'off',
    },
    params: initParams(shape, new Rng(7)),
    run: {
      steps: options.steps ?? 100,
      keptStep: options.steps ?? 100,
      seconds: 1,
      examplesPerSecond: 1000,
      stopped: options.stopped ?? false,
      backend: 'wasm',
    },
    losses: { train: 2.5, dev: options.dev === undefined ? 2.6 : options.dev, test: 2.7 },
    bigram: { train: 2.8, dev: 2.9, test: 3.0 },
    source: { name: options.listName ?? 'words.txt', sha256: sha256Hex(words.join('\n')), words: words.length },
    trainingWords: [...new Set(words)],
    // Each word's split (0 train, 1 dev, 2 test), drawn from `splitSeed`, as a run's seed decides it.
    ...(options.splitSeed === undefined
      ? {}
      : { wordSplits: Uint8Array.from([...new Set(words)], (_, i) => (i * 7 + options.splitSeed!) % 3) }),
    ...(options.foldCase ? { casing: { pattern: 'mixed' as const, share: 0.5, folded: true, restored: false } } : {}),
  };
}

export function bytesOf(words: string[], options: Parameters<typeof checkpointOf>[1] = {}): Uint8Array {
  return encodeCheckpoint(checkpointOf(words, options));
}
