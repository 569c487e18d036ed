import * as assert from 'node:assert/strict';
import {
  attachListSections,
  CHECKPOINT_VERSION,
  CheckpointError,
  decodeCheckpoint,
  detachListSections,
  encodeCheckpoint,
  readCheckpointHeader,
  sha256Hex,
  type Checkpoint,
} from '../../../src/core/checkpoint';
import { checkReadBack, checkSavedModel, encodeCheckedModel } from '../../../src/core/modelCheck';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { splitWords } from '../../../src/core/dataset';
import { ListIndex, SPLIT_CODES } from '../../../src/core/listIndex';
import { listWithSplits } from '../../../src/core/pipeline';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { initParams, PARAM_NAMES, type ModelShape } from '../../../src/core/model';
import { Rng } from '../../../src/core/rng';
import { sampleWords, samplingModelOf } from '../../../src/core/sample';
import { Vocabulary } from '../../../src/core/vocabulary';
import { mulberry32 } from '../helpers/random';

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
    wordSplits: Uint8Array.from([SPLIT_CODES.train, SPLIT_CODES.dev, SPLIT_CODES.test]),
  };
}

/**
 * The same (flat) model as a format-1 file: version 1 is version 2 without the wordSplits section
 * (same header fields, same payload layout), and a flat model's version 3 is version 2 with
 * another number, so this is byte for byte what Makemore wrote before.
 */
function asVersion1(ck: Checkpoint): Uint8Array {
  const bytes = encodeCheckpoint({ ...ck, wordSplits: undefined });
  const headerLength = new DataView(bytes.buffer).getUint32(12, true);
  const header = new TextDecoder().decode(bytes.subarray(16, 16 + headerLength));
  assert.ok(!header.includes('wordSplits'));
  const v1 = header.replace(`"version":${CHECKPOINT_VERSION},`, '"version":1,');
  assert.equal(v1.length, header.length);
  const out = bytes.slice();
  out.set(new TextEncoder().encode(v1), 16);
  new DataView(out.buffer).setUint32(8, 1, true);
  return out;
}

/** example() with a factored output layer (3 classes). */
function factoredExample(): Checkpoint {
  const ck = example();
  const V = ck.vocabulary.size;
  const shape: ModelShape = { ...ck.shape, classes: Array.from({ length: V }, (_, v) => v % 3) };
  return { ...ck, shape, config: { ...ck.config, outputLayer: 'factored' }, params: initParams(shape, new Rng(2)) };
}

/**
 * The previous encoder (format 2, before the output layer could be factored), kept here as it
 * was so the test reads a file it wrote: magic, version, header length, the JSON header (no
 * `outputLayer` in the configuration), then the sections C, W1, b1, W2, b2, trainingWords and
 * wordSplits, each padded to 4 bytes.
 */
function encodeVersion2(ck: Checkpoint): Uint8Array {
  const { outputLayer: _dropped, ...config } = ck.config;
  const sections: { name: string; dtype: string; shape?: number[]; offset: number; byteLength: number }[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const add = (name: string, dtype: string, bytes: Uint8Array, shape?: number[]): void => {
    sections.push({ name, dtype, ...(shape ? { shape } : {}), offset, byteLength: bytes.byteLength });
    const chunk = new Uint8Array((bytes.byteLength + 3) & ~3);
    chunk.set(bytes);
    chunks.push(chunk);
    offset += chunk.length;
  };
  const { vocabSize: V, blockSize: T, embeddingSize: E, hiddenSize: H } = ck.shape;
  const shapes: Record<string, number[]> = { C: [V, E], W1: [T * E, H], b1: [H], W2: [H, V], b2: [V] };
  for (const name of ['C', 'W1', 'b1', 'W2', 'b2'] as const) {
    const a = ck.params[name];
    add(name, 'float32', new Uint8Array(a.buffer, a.byteOffset, a.byteLength), shapes[name]);
  }
  add('trainingWords', 'utf8', new TextEncoder().encode(ck.trainingWords.join('\n')));
  add('wordSplits', 'uint8', ck.wordSplits!);
  const payload = new Uint8Array(offset);
  let o = 0;
  for (const c of chunks) {
    payload.set(c, o);
    o += c.length;
  }
  const header = {
    format: 'makemore-checkpoint',
    version: 2,
    createdAt: ck.createdAt,
    model: { vocabSize: V, blockSize: T, embeddingSize: E, hiddenSize: H },
    vocabulary: ck.vocabulary.characters,
    config,
    run: ck.run,
    losses: ck.losses,
    bigram: ck.bigram,
    source: ck.source,
    sections,
    payloadSha256: bytesToHex(sha256(payload)),
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(16 + headerBytes.length + payload.length);
  out.set(new TextEncoder().encode('MAKEMORE'), 0);
  new DataView(out.buffer).setUint32(8, 2, true);
  new DataView(out.buffer).setUint32(12, headerBytes.length, true);
  out.set(headerBytes, 16);
  out.set(payload, 16 + headerBytes.length);
  return out;
}

const rejects = (bytes: Uint8Array, pattern: RegExp): void => {
  assert.throws(
    () => decodeCheckpoint(bytes),
    (e: unknown) => e instanceof CheckpointError && pattern.test(e.message),
  );
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

  it('stores the split of every training word (format 2) and still reads format 1 files', () => {
    const ck = example();
    assert.equal(CHECKPOINT_VERSION, 3);
    assert.deepEqual(decodeCheckpoint(encodeCheckpoint(ck)).wordSplits, ck.wordSplits);
    const old = decodeCheckpoint(asVersion1(ck));
    assert.equal(readCheckpointHeader(asVersion1(ck)).version, 1);
    assert.equal(old.wordSplits, undefined);
    assert.deepEqual(old.trainingWords, ck.trainingWords);
    for (const name of PARAM_NAMES) assert.deepEqual(old.params[name], ck.params[name]);
    // Tags: a version 1 model knows a name is in the list, not in which split.
    assert.deepEqual(
      ['zoé', 'ANA', '🦊.', 'bob'].map((w) => new ListIndex(old.trainingWords, old.wordSplits).tagOf(w)),
      ['list', 'list', 'list', 'new'],
    );
    const current = decodeCheckpoint(encodeCheckpoint(ck));
    assert.deepEqual(
      ['zoé', 'ANA', '🦊.', 'bob'].map((w) => new ListIndex(current.trainingWords, current.wordSplits).tagOf(w)),
      ['train', 'heldout', 'heldout', 'new'],
    );
  });

  it('stores a factored output layer (format 3): its classes and class parameters round-trip', () => {
    const ck = factoredExample();
    const bytes = encodeCheckpoint(ck);
    const header = readCheckpointHeader(bytes);
    assert.deepEqual(header.model.classes, ck.shape.classes);
    assert.ok(header.sections.some((x) => x.name === 'Wc') && header.sections.some((x) => x.name === 'bc'));
    const back = decodeCheckpoint(bytes);
    assert.deepEqual(back.shape, ck.shape);
    for (const name of PARAM_NAMES) assert.deepEqual(back.params[name], ck.params[name], name);
    // A flat model's file has no class sections, as before.
    assert.ok(!readCheckpointHeader(encodeCheckpoint(example())).sections.some((x) => x.name === 'Wc' || x.name === 'bc'));
    // Classes that leave a class empty, or miss a symbol, are refused.
    const gap = factoredExample();
    gap.shape = { ...gap.shape, classes: gap.shape.classes!.map((k) => (k === 1 ? 2 : k)) };
    assert.throws(() => encodeCheckpoint(gap), /output classes/);
  });

  it('loads and samples a model file of the previous version (2), written by the previous encoder', () => {
    const ck = example();
    const bytes = encodeVersion2(ck);
    assert.equal(readCheckpointHeader(bytes).version, 2);
    const old = decodeCheckpoint(bytes);
    assert.equal(old.config.outputLayer, 'flat', 'a file from before the choice holds a flat layer');
    assert.equal(old.shape.classes, undefined);
    for (const name of PARAM_NAMES) assert.deepEqual(old.params[name], ck.params[name], name);
    assert.deepEqual(old.wordSplits, ck.wordSplits);
    const samples = sampleWords(samplingModelOf(old), { count: 5, seed: 1, maxLength: 10 });
    assert.equal(samples.words.length + samples.rejected > 0, true);
    assert.deepEqual(samples, sampleWords(samplingModelOf(decodeCheckpoint(encodeCheckpoint(ck))), { count: 5, seed: 1, maxLength: 10 }));
  });

  it('refuses split codes that do not fit the words', () => {
    assert.throws(() => encodeCheckpoint({ ...example(), wordSplits: Uint8Array.from([0, 1]) }), /2 split codes for 3 words/);
    assert.throws(() => encodeCheckpoint({ ...example(), wordSplits: Uint8Array.from([0, 1, 7]) }), /unknown split code/);
  });

  it('records the split each distinct word of the file fell in, in file order', () => {
    const words = ['emma', 'olivia', 'ava', 'emma', 'mia', 'noah', 'liam', 'zoe', 'ivy', 'max', 'leo', 'ava'];
    const splits = splitWords(words, 3);
    const { trainingWords, wordSplits } = listWithSplits(words, splits);
    assert.deepEqual(trainingWords, [...new Set(words)]);
    trainingWords.forEach((w, i) => {
      const expected = splits.train.includes(w) ? SPLIT_CODES.train : splits.dev.includes(w) ? SPLIT_CODES.dev : SPLIT_CODES.test;
      assert.equal(wordSplits[i], expected, w);
    });
    assert.ok(new Set(wordSplits).size >= 2, 'more than one split occurs');
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

  it('keeps the list apart and puts it back byte for byte (the run store shares it between runs)', async () => {
    const bytes = encodeCheckpoint(example());
    const { model, sections } = await detachListSections(bytes);
    assert.deepEqual(
      sections.map((x) => x.name),
      ['trainingWords', 'wordSplits'],
    );
    assert.equal(sections[0]!.sha256, sha256Hex(new TextEncoder().encode('zoé\nana\n🦊.')));
    assert.ok(!new TextDecoder().decode(model).includes('zoé\nana'), 'the words are not in the model file');
    assert.deepEqual(readCheckpointHeader(model).model, readCheckpointHeader(bytes).model, 'its header still reads');
    assert.throws(() => decodeCheckpoint(model), /keeps its word list apart/);
    const byHash = new Map(sections.map((x) => [x.sha256, x.bytes]));
    const whole = await attachListSections(model, async (x) => byHash.get(x.sha256)!);
    assert.deepEqual(whole, bytes);
    assert.deepEqual((await detachListSections(model)).sections, [], 'detached already: as it is');
    assert.deepEqual(await attachListSections(bytes, async () => assert.fail('a whole file needs nothing')), bytes);
    await assert.rejects(
      attachListSections(model, async (x) => byHash.get(x.sha256)!.subarray(1)),
      /kept apart has \d+ bytes, expected/,
    );
  });

  it('checks a saved model before success: it decodes, its words are clean, it samples; the bytes read back are the bytes written', () => {
    const bytes = encodeCheckpoint(example());
    assert.deepEqual(checkSavedModel(bytes).trainingWords, example().trainingWords);
    checkReadBack(bytes.slice(), bytes);
    const changed = bytes.slice();
    changed[changed.length - 1] ^= 1;
    assert.throws(() => checkReadBack(changed, bytes), /reads back different/);
    assert.throws(() => checkReadBack(bytes.subarray(1), bytes), /reads back different/);
    assert.throws(() => checkSavedModel(changed), /corrupt/);
    // A line break in a word: the file's words no longer match their splits, or their count.
    assert.throws(
      () => checkSavedModel(encodeCheckpoint({ ...example(), trainingWords: ['zoé', 'an\na', '🦊.'] })),
      /4 split codes for 3 words|3 split codes for 4 words/,
    );
    assert.throws(
      () => checkSavedModel(encodeCheckpoint({ ...example(), wordSplits: undefined, trainingWords: ['zoé', 'an\na', '🦊.'] })),
      /4 distinct words for a list of 3/,
    );
    // Other characters are the reader's to refuse: a model with them loads, and passes.
    assert.equal(
      checkSavedModel(encodeCheckpoint({ ...example(), trainingWords: ['zoé', 'an\u0007a', '🦊.'] })).trainingWords[1],
      'an\u0007a',
    );
    assert.throws(
      () => checkSavedModel(encodeCheckpoint({ ...example(), source: { ...example().source, words: 2 } })),
      /3 distinct words for a list of 2/,
    );
    // Where models are made (the CLI, the job worker): encoded and checked, or a bug said as such.
    assert.deepEqual(encodeCheckedModel(example()), bytes);
    assert.throws(
      () => encodeCheckedModel({ ...example(), wordSplits: undefined, trainingWords: ['zoé', 'an\na', '🦊.'] }),
      /^Error: the trained model did not pass its check, so it was not saved: The model file is inconsistent/,
    );
  });

  it('for any list and shape: a model encodes, checks, samples, and comes back whole from its parts (200 random cases)', async () => {
    const random = mulberry32(2026);
    const int = (n: number): number => Math.floor(random() * n);
    // Characters from everywhere: ASCII, Latin-1, CJK, astral (emoji), a comma, a space, a tab.
    const pool = [...'abcXYZ, \t.-é', 'ß', 'İ', '中', '文', '🦊', '👍🏽', '\u0301'];
    for (let k = 0; k < 200; k++) {
      const words = [
        ...new Set(Array.from({ length: 1 + int(40) }, () => Array.from({ length: 1 + int(8) }, () => pool[int(pool.length)]).join(''))),
      ];
      const vocabulary = Vocabulary.fromWords(words);
      const shape: ModelShape = { vocabSize: vocabulary.size, blockSize: 1 + int(6), embeddingSize: 1 + int(6), hiddenSize: 1 + int(20) };
      const ck: Checkpoint = {
        ...example(),
        shape,
        vocabulary,
        config: { ...BASE_DEFAULTS, blockSize: shape.blockSize, embeddingSize: shape.embeddingSize, hiddenSize: shape.hiddenSize },
        params: initParams(shape, new Rng(k)),
        source: { name: 'random.txt', sha256: sha256Hex(words.join('\n')), words: words.length },
        trainingWords: words,
        wordSplits: Uint8Array.from(words, () => int(3)),
      };
      const bytes = encodeCheckedModel(ck);
      const back = decodeCheckpoint(bytes);
      assert.deepEqual(back.trainingWords, words);
      const { model, sections } = await detachListSections(bytes);
      const byHash = new Map(sections.map((x) => [x.sha256, x.bytes]));
      assert.deepEqual(await attachListSections(model, async (x) => byHash.get(x.sha256)!), bytes, `case ${k}`);
    }
  });
});
