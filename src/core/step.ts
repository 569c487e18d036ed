/**
 * The training step: forward pass, hand-derived backward pass, on TensorFlow.js kernels.
 *
 * Why by hand (measured on the wasm backend, see the README's "Engine" section): autodiff is ~5×
 * slower for this model. XNNPACK only speeds up matrix products whose operands are not
 * transposed, `tanh` is 5× slower than `sigmoid`, every kernel call costs ~17 µs, and the
 * gradient of `gather` is missing on wasm. So the step runs six plain matrix products (two of
 * them fused with bias and activation) on TensorFlow.js, and does the cheap O(B·V) and O(B·H)
 * glue — gathering embeddings, softmax, tanh′, scattering embedding gradients — in JavaScript
 * on the kernels' memory.
 *
 * The maths, for a minibatch of B contexts (K = blockSize·E):
 *
 *   X  = concat(C[x₁], …, C[x_block])                 [B, K]
 *   h  = tanh(X·W1 + b1) = 2s − 1,  s = σ(2X·W1 + 2b1) [B, H]   fused matMul + bias + sigmoid
 *   ℓ  = h·W2 + b2 = s·(2W2) + (b2 − 1ᵀW2)             [B, V]   fused matMul + bias
 *   loss = mean −log softmax(ℓ)[y]
 *
 *   dℓ  = (softmax(ℓ) − onehot(y)) / B                  JS
 *   db2 = Σ_b dℓ
 *   dW2 = hᵀ·dℓ = 2·(dℓᵀ·s)ᵀ − 1·db2ᵀ                  matMul dℓᵀ [V,B] · s [B,H]
 *   dz  = (dℓ·W2ᵀ) ⊙ (1 − h²) = (dℓ·4W2ᵀ) ⊙ s(1 − s)   matMul, then JS
 *   db1 = Σ_b dz
 *   dW1 = Xᵀ·dz                                        matMul Xᵀ [K,B] · dz [B,H]
 *   dX  = dz·W1ᵀ;  dC[v] += dX[b, p] for x_bp = v      matMul, then JS scatter
 *
 * tests/unit/step.test.ts checks these gradients against tf.grads of the plain formulation.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelShape, Params } from './model';
import { softmaxCrossEntropy } from './loss';

/**
 * The values of a kernel's output without a copy: on wasm a view of the WebAssembly heap. A view
 * is valid until the next tensor is allocated (the heap may grow), so read it at once.
 */
export function readTensor(t: tf.Tensor): Float32Array {
  const backend = tf.backend() as unknown as { typedArrayFromHeap?: (t: tf.Tensor) => Float32Array };
  return backend.typedArrayFromHeap ? backend.typedArrayFromHeap(t) : (t.dataSync() as Float32Array);
}

/**
 * The forward pass of n contexts up to the logits. Allocates tensors: call inside a scope.
 * `scratch` holds the JS-side operands, sized for at least n contexts.
 */
export class ForwardPass {
  readonly X2: Float32Array;
  private readonly b1x2: Float32Array;
  private readonly W2x2: Float32Array;
  private readonly bias2: Float32Array;
  /** Weights uploaded once for inference (keepWeights). */
  private kept?: { W1: tf.Tensor2D; b1: tf.Tensor1D; W2: tf.Tensor2D; b2: tf.Tensor1D };

  constructor(
    readonly shape: ModelShape,
    readonly capacity: number,
  ) {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = shape;
    this.X2 = new Float32Array(capacity * blockSize * E);
    this.b1x2 = new Float32Array(H);
    this.W2x2 = new Float32Array(H * V);
    this.bias2 = new Float32Array(V);
  }

  /** Fills the operands that depend only on the parameters (once per step or evaluation). */
  loadParams(params: Params): void {
    const { hiddenSize: H, vocabSize: V } = this.shape;
    for (let h = 0; h < H; h++) this.b1x2[h] = 2 * params.b1[h];
    this.bias2.set(params.b2);
    for (let h = 0; h < H; h++) {
      for (let v = 0; v < V; v++) {
        const w = params.W2[h * V + v];
        this.W2x2[h * V + v] = 2 * w;
        this.bias2[v] -= w;
      }
    }
  }

  /** Gathers 2·X for the contexts X[offset .. offset+n). */
  loadContexts(C: Float32Array, X: ArrayLike<number>, offset: number, n: number): void {
    const { blockSize, embeddingSize: E } = this.shape;
    const X2 = this.X2;
    const base = offset * blockSize;
    for (let i = 0; i < n * blockSize; i++) {
      const src = X[base + i] * E;
      const dst = i * E;
      for (let e = 0; e < E; e++) X2[dst + e] = 2 * C[src + e];
    }
  }

  /**
   * For inference with fixed parameters (after loadParams): uploads the weights once and keeps
   * them, so the backend prepares them once instead of at every run (on wasm, XNNPACK packs a
   * weight matrix each time it meets a new tensor: for a small batch that is most of the cost).
   * Free them with dispose().
   */
  keepWeights(W1: Float32Array): void {
    this.dispose();
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = this.shape;
    this.kept = {
      W1: tf.keep(tf.tensor2d(W1, [blockSize * E, H])),
      b1: tf.keep(tf.tensor1d(this.b1x2)),
      W2: tf.keep(tf.tensor2d(this.W2x2, [H, V])),
      b2: tf.keep(tf.tensor1d(this.bias2)),
    };
  }

  dispose(): void {
    if (this.kept) for (const t of Object.values(this.kept)) t.dispose();
    this.kept = undefined;
  }

  /** Runs the two kernels: s = σ(2X·W1 + 2b1) and the logits. */
  run(W1: Float32Array, n: number): { s: tf.Tensor; logits: tf.Tensor } {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = this.shape;
    const K = blockSize * E;
    const X2 = this.X2.length === n * K ? this.X2 : this.X2.subarray(0, n * K);
    const kept = this.kept;
    const s = tf.fused.matMul({
      a: tf.tensor2d(X2, [n, K]),
      b: kept?.W1 ?? tf.tensor2d(W1, [K, H]),
      bias: kept?.b1 ?? tf.tensor1d(this.b1x2),
      activation: 'sigmoid',
    });
    const logits = tf.fused.matMul({ a: s, b: kept?.W2 ?? tf.tensor2d(this.W2x2, [H, V]), bias: kept?.b2 ?? tf.tensor1d(this.bias2) });
    return { s, logits };
  }
}

/** One minibatch's forward and backward pass, with buffers allocated once. */
export class TrainingStep {
  private readonly forward: ForwardPass;
  private readonly XT: Float32Array;
  private readonly W1T: Float32Array;
  private readonly W2T4: Float32Array;
  private readonly dlogits: Float32Array;
  private readonly dlogitsT: Float32Array;
  private readonly dz: Float32Array;

  constructor(
    readonly shape: ModelShape,
    readonly batchSize: number,
  ) {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = shape;
    const B = batchSize;
    const K = blockSize * E;
    this.forward = new ForwardPass(shape, B);
    this.XT = new Float32Array(K * B);
    this.W1T = new Float32Array(H * K);
    this.W2T4 = new Float32Array(V * H);
    this.dlogits = new Float32Array(B * V);
    this.dlogitsT = new Float32Array(V * B);
    this.dz = new Float32Array(B * H);
  }

  /**
   * Forward and backward pass on the minibatch (X: B contexts, Y: B targets). Writes the mean
   * loss's gradient into `grads` and returns the mean loss.
   */
  run(params: Params, X: Int32Array, Y: Int32Array, grads: Params): number {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = this.shape;
    const B = this.batchSize;
    const K = blockSize * E;
    const f = this.forward;
    f.loadParams(params);
    f.loadContexts(params.C, X, 0, B);
    transpose(f.X2, B, K, this.XT, 0.5);
    transpose(params.W1, K, H, this.W1T, 1);
    transpose(params.W2, H, V, this.W2T4, 4);

    tf.engine().startScope();
    try {
      const { s, logits } = f.run(params.W1, B);
      const loss = softmaxCrossEntropy(readTensor(logits), Y, B, V, this.dlogits) / B;
      const dl = this.dlogits;
      const db2 = grads.b2;
      db2.fill(0);
      for (let b = 0; b < B; b++) {
        for (let v = 0; v < V; v++) {
          const g = dl[b * V + v] / B;
          dl[b * V + v] = g;
          this.dlogitsT[v * B + b] = g;
          db2[v] += g;
        }
      }
      const dh4 = tf.matMul(tf.tensor2d(dl, [B, V]), tf.tensor2d(this.W2T4, [V, H]));
      const G = tf.matMul(tf.tensor2d(this.dlogitsT, [V, B]), s);

      // dz = dh ⊙ (1 − h²) = dh4 ⊙ s(1 − s);  db1 = Σ_b dz
      const sv = readTensor(s);
      const dhv = readTensor(dh4);
      const dz = this.dz;
      const db1 = grads.b1;
      db1.fill(0);
      for (let b = 0; b < B; b++) {
        const o = b * H;
        for (let h = 0; h < H; h++) {
          const a = sv[o + h];
          const g = dhv[o + h] * a * (1 - a);
          dz[o + h] = g;
          db1[h] += g;
        }
      }
      const dzT = tf.tensor2d(dz, [B, H]);
      const dW1 = tf.matMul(tf.tensor2d(this.XT, [K, B]), dzT);
      const dX = tf.matMul(dzT, tf.tensor2d(this.W1T, [H, K]));

      grads.W1.set(readTensor(dW1));
      const Gv = readTensor(G);
      const dW2 = grads.W2;
      for (let h = 0; h < H; h++) {
        for (let v = 0; v < V; v++) dW2[h * V + v] = 2 * Gv[v * H + h] - db2[v];
      }
      const dXv = readTensor(dX);
      const dC = grads.C;
      dC.fill(0);
      for (let i = 0; i < B * blockSize; i++) {
        const dst = X[i] * E;
        const src = i * E;
        for (let e = 0; e < E; e++) dC[dst + e] += dXv[src + e];
      }
      return loss;
    } finally {
      tf.engine().endScope();
    }
  }
}

/** out[c·rows + r] = scale · a[r·cols + c] */
function transpose(a: Float32Array, rows: number, cols: number, out: Float32Array, scale: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = scale * a[o + c];
  }
}
