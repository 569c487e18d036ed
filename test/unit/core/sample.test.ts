import * as assert from 'node:assert/strict';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { BASE_DEFAULTS } from '../../../src/core/config';
import { buildDataset } from '../../../src/core/dataset';
import { InputError } from '../../../src/core/errors';
import { sampleWords, type SamplingModel } from '../../../src/core/sample';
import { train } from '../../../src/core/train';
import { namesList } from '../helpers/data';
import { chainModel } from '../helpers/models';

describe('sampling', function () {
  this.timeout(120_000);
  let model: SamplingModel;

  before(async () => {
    await initNodeBackend();
    const words = namesList();
    const dataset = buildDataset(words, 3, 1);
    const r = await train(dataset, {
      ...BASE_DEFAULTS,
      blockSize: 3,
      embeddingSize: 10,
      hiddenSize: 64,
      batchSize: 256,
      steps: 300,
      learningRate: 0.01,
    });
    model = { shape: r.shape, params: r.params, vocabulary: dataset.vocabulary, trainingWords: new Set(words) };
  });

  it('is reproducible with a seed and varies without one', () => {
    const a = sampleWords(model, { count: 30, seed: 9 }).words;
    assert.deepEqual(sampleWords(model, { count: 30, seed: 9 }).words, a);
    assert.notDeepEqual(sampleWords(model, { count: 30, seed: 10 }).words, a);
    assert.equal(a.length, 30);
    for (const w of a) assert.match(w, /^[a-z]+$/);
  });

  it('continues a prefix', () => {
    const { words } = sampleWords(model, { count: 20, seed: 1, prefix: 'mar' });
    assert.equal(words.length, 20);
    for (const w of words) assert.ok(w.startsWith('mar'), w);
  });

  it('novel: rejects words of the training file; unique: no repeats', () => {
    const r = sampleWords(model, { count: 50, seed: 2, novel: true, unique: true });
    assert.equal(r.words.length, 50);
    for (const w of r.words) assert.ok(!model.trainingWords!.has(w), `${w} is in the training file`);
    assert.equal(new Set(r.words).size, 50);
    // Without `novel`, a trained model reproduces many training names.
    const plain = sampleWords(model, { count: 200, seed: 2 }).words;
    assert.ok(plain.some((w) => model.trainingWords!.has(w)));
  });

  it('top-k 1 is greedy decoding: the same word whatever the seed', () => {
    const a = sampleWords(model, { count: 1, seed: 1, topK: 1 }).words;
    const b = sampleWords(model, { count: 1, seed: 99, topK: 1 }).words;
    assert.deepEqual(a, b);
  });

  it('low temperature concentrates the distribution (fewer distinct words)', () => {
    const cold = new Set(sampleWords(model, { count: 200, seed: 3, temperature: 0.3 }).words).size;
    const warm = new Set(sampleWords(model, { count: 200, seed: 3, temperature: 1.5 }).words).size;
    assert.ok(cold < warm, `${cold} distinct cold vs ${warm} warm`);
  });

  it('respects the maximum length', () => {
    for (const w of sampleWords(model, { count: 50, seed: 4, maxLength: 3, temperature: 2 }).words) assert.ok(w.length <= 3, w);
  });

  it('rejects words over the maximum length, never cuts them', () => {
    // The model's only word is "abcdef".
    const { shape, params, vocabulary } = chainModel();
    const chain = { shape, params, vocabulary };
    assert.deepEqual(sampleWords(chain, { count: 1, seed: 1 }).words, ['abcdef']);
    assert.deepEqual(sampleWords(chain, { count: 1, seed: 1, maxLength: 6 }).words, ['abcdef']);
    const short = sampleWords(chain, { count: 2, seed: 1, maxLength: 3 });
    assert.deepEqual(short.words, []);
    assert.equal(short.complete, false);
    assert.ok(short.rejected > 0);
  });

  it('rejects bad options with clear messages', () => {
    assert.throws(
      () => sampleWords(model, { count: 1, temperature: 0 }),
      (e: unknown) => e instanceof InputError && /temperature/.test(e.message),
    );
    assert.throws(
      () => sampleWords(model, { count: 1, prefix: 'Zé' }),
      (e: unknown) => e instanceof InputError && /"Z", "é"/.test(e.message),
    );
  });
});
