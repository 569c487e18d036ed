import * as assert from 'node:assert/strict';
import {
  CHECKPOINT_VERSION,
  CheckpointError,
  decodeCheckpoint,
  encodeCheckpoint,
  readCheckpointHeader,
  type Checkpoint,
} from '../../../src/core/checkpoint';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { initParams, PARAM_NAMES, type ModelShape } from '../../../src/core/model';
import { Rng } from '../../../src/core/rng';
import { Vocabulary } from '../../../src/core/vocabulary';

function example(): Checkpoint {
  const vocabulary = Vocabulary.fromWords(['zoé', 'ana', '🦊.']);
  const shape: ModelShape = { vocabSize: vocabulary.size, blockSize: 3, embeddingSize: 4, hiddenSize: 5 };
  return {
    createdAt: '2026-11-24T10:00:00.000Z',
    shape,
    vocabulary,
    config: { ...BASE_DEFAULTS, blockSize: 3, embeddingSize: 4, hiddenSize: 5 },
    params: initParams(shape, new Rng(1)),
    run: { steps: 10, keptStep: 10, seconds: 1.5, examplesPerSecond: 1000, stopped: false, backend: 'wasm' },
    losses: { train: 2.1, dev: 2.2, test: null },
    bigram: { train: 2.4, dev: 2.5, test: null },
    source: { name: 'words.txt', sha256: 'ab'.repeat(32), words: 3 },
    trainingWords: ['zoé', 'ana', '🦊.'],
  };
}

const rejects = (bytes: Uint8Array, pattern: RegExp): void => {
  assert.throws(() => decodeCheckpoint(bytes), (e: unknown) => e instanceof CheckpointError && pattern.test(e.message));
};

describe('checkpoint format', () => {
  it('round-trips every field exactly', () => {
    const ck = example();
    const back = decodeCheckpoint(encodeCheckpoint(ck));
    for (const name of PARAM_NAMES) assert.deepEqual(back.params[name], ck.params[name]);
    assert.deepEqual(back.vocabulary.symbols, ck.vocabulary.symbols);
    assert.deepEqual({ ...back, params: null, vocabulary: null }, { ...ck, params: null, vocabulary: null });
    assert.equal(readCheckpointHeader(encodeCheckpoint(ck)).version, CHECKPOINT_VERSION);
  });

  it('rejects a truncated file', () => {
    const bytes = encodeCheckpoint(example());
    rejects(bytes.subarray(0, bytes.length - 10), /truncated/);
    rejects(bytes.subarray(0, 30), /truncated|corrupt/);
    rejects(bytes.subarray(0, 5), /Not a Makemore model file/);
  });

  it('rejects a corrupt file', () => {
    const bytes = encodeCheckpoint(example());
    const flipped = bytes.slice();
    flipped[flipped.length - 100] ^= 0x40;
    rejects(flipped, /checksum/);
    const badHeader = bytes.slice();
    badHeader[20] = 0x7b; // '{' inside the JSON header
    rejects(badHeader, /corrupt/);
    rejects(new TextEncoder().encode('emma\nolivia\n'), /Not a Makemore model file/);
  });

  it('rejects a file from a newer version with a clear message', () => {
    const bytes = encodeCheckpoint(example());
    new DataView(bytes.buffer).setUint32(8, CHECKPOINT_VERSION + 1, true);
    rejects(bytes, new RegExp(`newer Makemore \\(format ${CHECKPOINT_VERSION + 1}\\)`));
  });

  it('refuses to save inconsistent parameters', () => {
    const ck = example();
    ck.params.W1 = ck.params.W1.subarray(1);
    assert.throws(() => encodeCheckpoint(ck), /W1 has/);
    const nan = example();
    nan.params.b2[0] = NaN;
    assert.throws(() => encodeCheckpoint(nan), /non-finite/);
  });
});
