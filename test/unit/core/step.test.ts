import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../../src/core/nodeBackend';
import { evaluateLoss } from '../../../src/core/evaluate';
import { initParams, PARAM_NAMES, paramShapes, zerosLike, type ModelShape, type ParamName, type Params } from '../../../src/core/model';
import { ClassLayout } from '../../../src/core/outputLayer';
import { Rng } from '../../../src/core/rng';
import { TrainingStep } from '../../../src/core/step';

/** The parameters a shape uses: a flat model has no class parameters. */
function usedParams(shape: ModelShape): ParamName[] {
  return shape.classes ? [...PARAM_NAMES] : PARAM_NAMES.filter((n) => n !== 'Wc' && n !== 'bc');
}

/**
 * The model written plainly, for TensorFlow.js autodiff: the reference the step must match. A
 * factored layer: −log softmax(h·Wc + bc)[class(y)] − log softmax over class(y)'s symbols of
 * h·W2 + b2 (the other symbols masked out).
 */
function referenceLoss(shape: ModelShape, X: Int32Array, Y: Int32Array) {
  const { vocabSize: V, blockSize, embeddingSize: E } = shape;
  const B = Y.length;
  return (C: tf.Tensor, W1: tf.Tensor, b1: tf.Tensor, W2: tf.Tensor, b2: tf.Tensor, Wc?: tf.Tensor, bc?: tf.Tensor): tf.Scalar => {
    const onehot = tf.oneHot(tf.tensor1d(X, 'int32'), V).toFloat();
    const emb = tf.reshape(tf.matMul(onehot, C), [B, blockSize * E]);
    const h = tf.tanh(tf.add(tf.matMul(emb, W1), b1));
    const logits = tf.add(tf.matMul(h, W2), b2);
    if (!shape.classes) return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(Y, 'int32'), V), logits) as tf.Scalar;
    const layout = new ClassLayout(shape.classes);
    const classOfY = Int32Array.from(Y, (y) => layout.classOf[y]!);
    const head = tf.add(tf.matMul(h, Wc!), bc!);
    const classLoss = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(classOfY, 'int32'), layout.count).toFloat(), tf.logSoftmax(head))));
    const mask = tf.tensor2d(
      Float32Array.from({ length: B * V }, (_, i) => (layout.classOf[i % V] === classOfY[Math.floor(i / V)] ? 0 : -1e9)),
      [B, V],
    );
    const symbolLoss = tf.neg(tf.sum(tf.mul(tf.oneHot(tf.tensor1d(Y, 'int32'), V).toFloat(), tf.logSoftmax(tf.add(logits, mask)))));
    return tf.div(tf.add(classLoss, symbolLoss), B) as tf.Scalar;
  };
}

/** Classes of V symbols, random but covering every class (some of one symbol). */
function randomClasses(V: number, n: number, rng: Rng): number[] {
  const classes = Array.from({ length: V }, (_, v) => (v < n ? v : rng.int(n)));
  return rng.shuffle(classes);
}

describe('training step: hand-derived gradients', () => {
  before(async () => {
    const info = await initNodeBackend();
    assert.equal(info.name, 'wasm', 'the tests run on the wasm backend');
  });

  for (const [V, blockSize, E, H, B, classes] of [
    [7, 3, 4, 5, 6, 0],
    [27, 5, 24, 40, 33, 0],
    [3, 1, 2, 3, 1, 0],
    [7, 3, 4, 5, 6, 3],
    [40, 4, 6, 12, 50, 7],
    [30, 2, 5, 8, 1, 5],
  ]) {
    it(`match tf.grads on random inputs (V ${V}, block ${blockSize}, E ${E}, H ${H}, B ${B}, ${classes ? `${classes} classes` : 'flat'})`, () => {
      const rng = new Rng(V * 1000 + H + classes);
      const shape: ModelShape = {
        vocabSize: V,
        blockSize,
        embeddingSize: E,
        hiddenSize: H,
        ...(classes ? { classes: randomClasses(V, classes, rng) } : {}),
      };
      const params = initParams(shape, rng);
      // Random, non-trivial values everywhere (biases included) so every term is exercised.
      for (const name of PARAM_NAMES) for (let i = 0; i < params[name].length; i++) params[name][i] = rng.normal() * 0.7;
      const X = Int32Array.from({ length: B * blockSize }, () => rng.int(V));
      const Y = Int32Array.from({ length: B }, () => rng.int(V));

      const grads = zerosLike(shape);
      const loss = new TrainingStep(shape, B).run(params, X, Y, grads);

      const shapes = paramShapes(shape);
      const names = usedParams(shape);
      const inputs = names.map((n) => tf.tensor(params[n], shapes[n]));
      const f = referenceLoss(shape, X, Y);
      const { value, grads: ref } = tf.valueAndGrads((...t: tf.Tensor[]) => f(t[0]!, t[1]!, t[2]!, t[3]!, t[4]!, t[5], t[6]))(inputs);
      assert.ok(Math.abs(value.dataSync()[0]! - loss) < 1e-5, `loss ${loss} vs ${value.dataSync()[0]}`);
      names.forEach((name, i) => {
        const expected = ref[i]!.dataSync();
        const got = grads[name];
        let maxDiff = 0;
        let maxAbs = 0;
        for (let j = 0; j < got.length; j++) {
          maxDiff = Math.max(maxDiff, Math.abs(got[j]! - expected[j]!));
          maxAbs = Math.max(maxAbs, Math.abs(expected[j]!));
        }
        assert.ok(maxAbs > 0, `${name}: the reference gradient is not all zero`);
        assert.ok(maxDiff < 1e-5 * Math.max(1, maxAbs), `${name}: max |Δ| ${maxDiff} (max |g| ${maxAbs})`);
      });
      tf.dispose([...inputs, value, ...ref]);
    });
  }

  it('evaluates the same loss as the reference forward pass, in chunks', () => {
    const shape: ModelShape = { vocabSize: 11, blockSize: 4, embeddingSize: 6, hiddenSize: 9 };
    const rng = new Rng(3);
    const params: Params = initParams(shape, rng);
    const n = 5000; // more than one evaluation chunk
    const X = Int32Array.from({ length: n * 4 }, () => rng.int(11));
    const Y = Int32Array.from({ length: n }, () => rng.int(11));
    const got = evaluateLoss(shape, params, { X: Uint8Array.from(X), Y: Uint8Array.from(Y), count: n, blockSize: 4, words: 0 })!;
    const shapes = paramShapes(shape);
    const t = usedParams(shape).map((p) => tf.tensor(params[p], shapes[p]));
    const expected = referenceLoss(shape, X, Y)(t[0]!, t[1]!, t[2]!, t[3]!, t[4]!).dataSync()[0]!;
    assert.ok(Math.abs(got - expected) < 1e-5, `${got} vs ${expected}`);
    tf.dispose(t);
  });

  it('evaluates a factored model as the reference does, in chunks, each (context, class) once', () => {
    const rng = new Rng(4);
    const V = 30;
    const shape: ModelShape = { vocabSize: V, blockSize: 3, embeddingSize: 5, hiddenSize: 9, classes: randomClasses(V, 6, rng) };
    const params: Params = initParams(shape, rng);
    for (const name of PARAM_NAMES) for (let i = 0; i < params[name].length; i++) params[name][i] = rng.normal() * 0.5;
    const n = 9000; // more distinct contexts than one chunk (4,096), some repeated
    const X = Int32Array.from({ length: n * 3 }, () => rng.int(V));
    const Y = Int32Array.from({ length: n }, () => rng.int(V));
    const got = evaluateLoss(shape, params, { X: Uint8Array.from(X), Y: Uint8Array.from(Y), count: n, blockSize: 3, words: 0 })!;
    const shapes = paramShapes(shape);
    const t = usedParams(shape).map((p) => tf.tensor(params[p], shapes[p]));
    const expected = referenceLoss(shape, X, Y)(t[0]!, t[1]!, t[2]!, t[3]!, t[4]!, t[5], t[6]).dataSync()[0]!;
    assert.ok(Math.abs(got - expected) < 1e-5, `${got} vs ${expected}`);
    tf.dispose(t);
  });

  it('gives the flat loss and gradients when the classes are trivial (one class)', () => {
    const rng = new Rng(8);
    const V = 12;
    const flat: ModelShape = { vocabSize: V, blockSize: 3, embeddingSize: 4, hiddenSize: 7 };
    const one: ModelShape = { ...flat, classes: new Array<number>(V).fill(0) };
    const params = initParams(one, rng);
    for (const name of PARAM_NAMES) for (let i = 0; i < params[name].length; i++) params[name][i] = rng.normal() * 0.7;
    const flatParams = { ...params, Wc: new Float32Array(0), bc: new Float32Array(0) };
    const X = Int32Array.from({ length: 20 * 3 }, () => rng.int(V));
    const Y = Int32Array.from({ length: 20 }, () => rng.int(V));
    const gFlat = zerosLike(flat);
    const gOne = zerosLike(one);
    const lFlat = new TrainingStep(flat, 20).run(flatParams, X, Y, gFlat);
    const lOne = new TrainingStep(one, 20).run(params, X, Y, gOne);
    assert.ok(Math.abs(lFlat - lOne) < 1e-6, `${lFlat} vs ${lOne}`);
    for (const name of ['C', 'W1', 'b1', 'W2', 'b2'] as const) {
      for (let i = 0; i < gFlat[name].length; i++) assert.ok(Math.abs(gFlat[name][i]! - gOne[name][i]!) < 1e-6, `${name}[${i}]`);
    }
    assert.ok(gOne.Wc.every((g) => Math.abs(g) < 1e-7) && Math.abs(gOne.bc[0]!) < 1e-7, 'one class: its logit has no gradient');
    const data = { X: Uint8Array.from(X), Y: Uint8Array.from(Y), count: 20, blockSize: 3, words: 0 };
    assert.ok(Math.abs(evaluateLoss(flat, flatParams, data)! - evaluateLoss(one, params, data)!) < 1e-6);
  });

  it('does not leak tensors', () => {
    const shape: ModelShape = { vocabSize: 7, blockSize: 3, embeddingSize: 4, hiddenSize: 5 };
    const step = new TrainingStep(shape, 8);
    const params = initParams(shape, new Rng(1));
    const grads = zerosLike(shape);
    const X = new Int32Array(24);
    const Y = new Int32Array(8);
    step.run(params, X, Y, grads);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) step.run(params, X, Y, grads);
    assert.equal(tf.memory().numTensors, before);
  });
});
