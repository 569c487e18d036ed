/**
 * The training step: forward pass, hand-derived backward pass, on TensorFlow.js kernels.
 *
 * Why by hand (measured on the wasm backend; docs/architecture.md, "Why the gradients are derived
 * by hand"): autodiff is ~5× slower for this model. XNNPACK only speeds up matrix products whose operands are not
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
 * A factored output layer (outputLayer.ts) replaces ℓ by the class logits ℓc = h·Wc + bc [B, n]
 * and, per example, the logits of its target's class only. The minibatch is sorted by target
 * class and each class present gets its own three small products (forward u_k = S_k·W2_k,
 * backward du_k·W2_kᵀ and du_kᵀ·S_k, S_k the class's rows of s): one matrix product per class
 * measured fastest on wasm (bench/outputLayer.ts: a padded batched product and plain JavaScript
 * loops were 3–10× slower). Singleton classes need no product (P(c | its class) = 1).
 *
 * test/unit/core/step.test.ts checks these gradients against tf.grads of the plain formulation.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ModelShape, Params } from './model';
import { logSumExp, softmaxCrossEntropy } from './loss';
import { fullLogProbabilities, layoutOf, type ClassLayout } from './outputLayer';

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
 *
 * With a factored output layer, `run`'s logits are every symbol's logit within its class (the
 * flat product, for when all classes are wanted), `head` gives the class logits, and
 * `pairLogits` the logits of chosen classes only (the cheap path).
 */
export class ForwardPass {
  readonly X2: Float32Array;
  private readonly b1x2: Float32Array;
  private readonly W2x2: Float32Array;
  private readonly bias2: Float32Array;
  /** Factored: the classes, 2·Wc and bc − 1ᵀWc, and W2 / b2 by class (block k: [H, size k] at H·start[k]). */
  readonly layout: ClassLayout | undefined;
  private readonly Wcx2: Float32Array;
  private readonly biasC: Float32Array;
  private readonly W2byClass: Float32Array;
  private readonly bias2byClass: Float32Array;
  private rowsByClass = new Float32Array(0);
  /** Weights uploaded once for inference (keepWeights). */
  private kept?: {
    W1: tf.Tensor2D;
    b1: tf.Tensor1D;
    W2: tf.Tensor2D;
    b2: tf.Tensor1D;
    Wc?: tf.Tensor2D;
    bc?: tf.Tensor1D;
    blocks?: { W: tf.Tensor2D; b: tf.Tensor1D }[];
  };

  constructor(
    readonly shape: ModelShape,
    readonly capacity: number,
  ) {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = shape;
    this.X2 = new Float32Array(capacity * blockSize * E);
    this.b1x2 = new Float32Array(H);
    this.W2x2 = new Float32Array(H * V);
    this.bias2 = new Float32Array(V);
    this.layout = layoutOf(shape);
    const n = this.layout?.count ?? 0;
    this.Wcx2 = new Float32Array(H * n);
    this.biasC = new Float32Array(n);
    this.W2byClass = new Float32Array(this.layout ? H * V : 0);
    this.bias2byClass = new Float32Array(this.layout ? V : 0);
  }

  /**
   * Fills the operands that depend only on the parameters (once per step or evaluation).
   * `symbolOrder` false (factored training): W2 is prepared by class only.
   */
  loadParams(params: Params, symbolOrder = true): void {
    const { hiddenSize: H, vocabSize: V } = this.shape;
    for (let h = 0; h < H; h++) this.b1x2[h] = 2 * params.b1[h];
    this.bias2.set(params.b2);
    for (let h = 0; h < H; h++) {
      for (let v = 0; v < V; v++) {
        const w = params.W2[h * V + v];
        if (symbolOrder) this.W2x2[h * V + v] = 2 * w;
        this.bias2[v] -= w;
      }
    }
    const layout = this.layout;
    if (!layout) return;
    loadClassHead(params, H, layout.count, this.Wcx2, this.biasC);
    loadClassBlocks(params.W2, this.bias2, H, V, layout, this.W2byClass, this.bias2byClass, 2);
  }

  /** Factored training: class k's block of 2·W2 and its bias as tensors (in the caller's scope). */
  classTensors(k: number): { W: tf.Tensor2D; b: tf.Tensor1D } {
    return this.classBlock(k, false);
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
    const layout = this.layout;
    this.kept = {
      W1: tf.keep(tf.tensor2d(W1, [blockSize * E, H])),
      b1: tf.keep(tf.tensor1d(this.b1x2)),
      W2: tf.keep(tf.tensor2d(this.W2x2, [H, V])),
      b2: tf.keep(tf.tensor1d(this.bias2)),
      ...(layout
        ? {
            Wc: tf.keep(tf.tensor2d(this.Wcx2, [H, layout.count])),
            bc: tf.keep(tf.tensor1d(this.biasC)),
            blocks: Array.from({ length: layout.count }, (_, k) => this.classBlock(k, true)),
          }
        : {}),
    };
  }

  dispose(): void {
    if (this.kept) {
      const { blocks, ...rest } = this.kept;
      for (const t of Object.values(rest)) t.dispose();
      for (const b of blocks ?? []) {
        b.W.dispose();
        b.b.dispose();
      }
    }
    this.kept = undefined;
  }

  /** Runs the two kernels: s = σ(2X·W1 + 2b1) and the logits. */
  run(W1: Float32Array, n: number): { s: tf.Tensor; logits: tf.Tensor } {
    const { hiddenSize: H, vocabSize: V } = this.shape;
    const kept = this.kept;
    const s = this.hidden(W1, n);
    const logits = tf.fused.matMul({ a: s, b: kept?.W2 ?? tf.tensor2d(this.W2x2, [H, V]), bias: kept?.b2 ?? tf.tensor1d(this.bias2) });
    return { s, logits };
  }

  /** The first kernel only: s = σ(2X·W1 + 2b1), [n, H]. */
  hidden(W1: Float32Array, n: number): tf.Tensor {
    const { blockSize, embeddingSize: E, hiddenSize: H } = this.shape;
    const K = blockSize * E;
    const X2 = this.X2.length === n * K ? this.X2 : this.X2.subarray(0, n * K);
    const kept = this.kept;
    return tf.fused.matMul({
      a: tf.tensor2d(X2, [n, K]),
      b: kept?.W1 ?? tf.tensor2d(W1, [K, H]),
      bias: kept?.b1 ?? tf.tensor1d(this.b1x2),
      activation: 'sigmoid',
    });
  }

  /** Factored: the class logits of the rows of s, [n, classes]. */
  head(s: tf.Tensor): tf.Tensor {
    const H = this.shape.hiddenSize;
    const kept = this.kept;
    return tf.fused.matMul({
      a: s,
      b: kept?.Wc ?? tf.tensor2d(this.Wcx2, [H, this.layout!.count]),
      bias: kept?.bc ?? tf.tensor1d(this.biasC),
    });
  }

  /**
   * Factored: for each of `n` pairs (row rows[i] of s, whose values are `sv`; class classes[i]),
   * the logits of that class's symbols (class order) into `out` from offsets[i], which this
   * fills (offsets[n] is the total). One matrix product per class present; a singleton class
   * gets its one logit as 0 (its symbol's probability within the class is 1).
   */
  pairLogits(
    sv: Float32Array,
    rows: ArrayLike<number>,
    classes: ArrayLike<number>,
    n: number,
    out: Float32Array,
    offsets: Int32Array,
  ): void {
    const layout = this.layout!;
    const H = this.shape.hiddenSize;
    const K = layout.count;
    // Counting sort of the pairs by class; the rows of s gathered in that order.
    const counts = new Int32Array(K + 1);
    for (let i = 0; i < n; i++) counts[classes[i]! + 1]!++;
    for (let k = 0; k < K; k++) counts[k + 1]! += counts[k]!;
    const order = new Int32Array(n);
    const fill = counts.slice(0, K);
    for (let i = 0; i < n; i++) order[fill[classes[i]!]!++] = i;
    let total = 0;
    for (let i = 0; i < n; i++) {
      offsets[i] = total;
      total += layout.size(classes[i]!);
    }
    offsets[n] = total;
    if (this.rowsByClass.length < n * H) this.rowsByClass = new Float32Array(Math.max(n, 64) * H);
    const S = this.rowsByClass;
    for (let j = 0; j < n; j++) S.set(sv.subarray(rows[order[j]!]! * H, rows[order[j]!]! * H + H), j * H);
    for (let k = 0; k < K; k++) {
      const from = counts[k]!;
      const p = counts[k + 1]! - from;
      if (p === 0) continue;
      const m = layout.size(k);
      if (m === 1) {
        for (let j = from; j < from + p; j++) out[offsets[order[j]!]!] = 0;
        continue;
      }
      tf.engine().startScope();
      try {
        const block = this.kept?.blocks?.[k] ?? this.classBlock(k, false);
        const u = readTensor(tf.fused.matMul({ a: tf.tensor2d(S.subarray(from * H, (from + p) * H), [p, H]), b: block.W, bias: block.b }));
        for (let j = 0; j < p; j++) out.set(u.subarray(j * m, (j + 1) * m), offsets[order[from + j]!]!);
      } finally {
        tf.engine().endScope();
      }
    }
  }

  /**
   * The exact log-probabilities of every symbol after n contexts (X from `offset`, blockSize
   * symbols each) into `out` (n × V): the log-softmax of the logits (flat), or log P(class) +
   * log P(symbol | class) over every class (factored). After loadParams; chunks of `capacity`.
   * With targetLogProbabilities, the one entry point for exact next-symbol probabilities outside
   * training (both output layers).
   */
  logProbabilities(params: Params, X: ArrayLike<number>, offset: number, n: number, out: Float32Array | Float64Array): void {
    const { vocabSize: V } = this.shape;
    const layout = this.layout;
    const nC = layout?.count ?? 0;
    for (let from = 0; from < n; from += this.capacity) {
      const count = Math.min(this.capacity, n - from);
      this.loadContexts(params.C, X, offset + from, count);
      tf.engine().startScope();
      try {
        const { s, logits } = this.run(params.W1, count);
        const head = layout ? readTensor(this.head(s)).slice(0, count * nC) : undefined;
        const l = readTensor(logits);
        for (let r = 0; r < count; r++) {
          const o = (from + r) * V;
          if (layout) fullLogProbabilities(layout, head!, r * nC, l, r * V, out, o);
          else {
            const lse = logSumExp(l, r * V, V);
            for (let v = 0; v < V; v++) out[o + v] = l[r * V + v]! - lse;
          }
        }
      } finally {
        tf.engine().endScope();
      }
    }
  }

  /**
   * log P(targets[i] | context i) for n (context, target) pairs (X from `offset`, targets from
   * `offset`) into `out` (n values). A factored model computes each pair's class only. After
   * loadParams; chunks of `capacity`.
   */
  targetLogProbabilities(
    params: Params,
    X: ArrayLike<number>,
    targets: ArrayLike<number>,
    offset: number,
    n: number,
    out: Float32Array | Float64Array,
  ): void {
    const { vocabSize: V, hiddenSize: H } = this.shape;
    const layout = this.layout;
    const nC = layout?.count ?? 0;
    for (let from = 0; from < n; from += this.capacity) {
      const count = Math.min(this.capacity, n - from);
      this.loadContexts(params.C, X, offset + from, count);
      let sv: Float32Array | undefined;
      tf.engine().startScope();
      try {
        if (!layout) {
          const l = readTensor(this.run(params.W1, count).logits);
          for (let r = 0; r < count; r++) out[from + r] = l[r * V + targets[offset + from + r]!]! - logSumExp(l, r * V, V);
        } else {
          const s = this.hidden(params.W1, count);
          const hv = readTensor(this.head(s));
          for (let r = 0; r < count; r++) {
            const k = layout.classOf[targets[offset + from + r]!]!;
            out[from + r] = hv[r * nC + k]! - logSumExp(hv, r * nC, nC);
          }
          sv = readTensor(s).slice(0, count * H);
        }
      } finally {
        tf.engine().endScope();
      }
      if (!layout || !sv) continue;
      const rows = Int32Array.from({ length: count }, (_, r) => r);
      const classes = Int32Array.from({ length: count }, (_, r) => layout.classOf[targets[offset + from + r]!]!);
      const offsets = new Int32Array(count + 1);
      let size = 0;
      for (let r = 0; r < count; r++) size += layout.size(classes[r]!);
      const within = new Float32Array(size);
      this.pairLogits(sv, rows, classes, count, within, offsets);
      for (let r = 0; r < count; r++) {
        const m = offsets[r + 1]! - offsets[r]!;
        out[from + r]! += within[offsets[r]! + layout.position[targets[offset + from + r]!]!]! - logSumExp(within, offsets[r]!, m);
      }
    }
  }

  /** Class k's block of 2·W2 [H, size] and its bias, as tensors (kept: outside any scope). */
  private classBlock(k: number, keep: boolean): { W: tf.Tensor2D; b: tf.Tensor1D } {
    const layout = this.layout!;
    const H = this.shape.hiddenSize;
    const from = layout.start[k]!;
    const m = layout.size(k);
    const W = tf.tensor2d(this.W2byClass.subarray(H * from, H * (from + m)), [H, m]);
    const b = tf.tensor1d(this.bias2byClass.subarray(from, from + m));
    return keep ? { W: tf.keep(W), b: tf.keep(b) } : { W, b };
  }
}

/** 2·Wc and bc − 1ᵀWc (the class logits from s, as ℓ from s in the flat layer). */
function loadClassHead(params: Params, H: number, n: number, Wcx2: Float32Array, biasC: Float32Array): void {
  biasC.set(params.bc);
  for (let h = 0; h < H; h++) {
    for (let k = 0; k < n; k++) {
      const w = params.Wc[h * n + k];
      Wcx2[h * n + k] = 2 * w;
      biasC[k] -= w;
    }
  }
}

/**
 * W2 by class: block k ([H, size k], row-major, at H·start[k]) holds scale·W2's columns of class
 * k's symbols; bias2byClass the matching entries of `bias2` (symbol order).
 */
function loadClassBlocks(
  W2: Float32Array,
  bias2: Float32Array,
  H: number,
  V: number,
  layout: ClassLayout,
  out: Float32Array,
  biasOut: Float32Array,
  scale: number,
): void {
  const { start, members } = layout;
  for (let j = 0; j < V; j++) biasOut[j] = bias2[members[j]!]!;
  for (let k = 0; k < layout.count; k++) {
    const from = start[k]!;
    const m = start[k + 1]! - from;
    const base = H * from;
    for (let h = 0; h < H; h++) {
      const row = h * V;
      const o = base + h * m;
      for (let j = 0; j < m; j++) out[o + j] = scale * W2[row + members[from + j]!]!;
    }
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
  private readonly factored?: FactoredBuffers;

  constructor(
    readonly shape: ModelShape,
    readonly batchSize: number,
  ) {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = shape;
    const B = batchSize;
    const K = blockSize * E;
    this.forward = new ForwardPass(shape, B);
    const layout = this.forward.layout;
    this.XT = new Float32Array(K * B);
    this.W1T = new Float32Array(H * K);
    this.W2T4 = new Float32Array(layout ? 0 : V * H);
    // A factored layer needs no [B, V] buffers: the output's gradient is per class.
    this.dlogits = new Float32Array(layout ? 0 : B * V);
    this.dlogitsT = new Float32Array(layout ? 0 : V * B);
    this.dz = new Float32Array(B * H);
    if (layout) {
      const n = layout.count;
      this.factored = {
        layout,
        dhead: new Float32Array(B * n),
        dheadT: new Float32Array(n * B),
        order: new Int32Array(B),
        counts: new Int32Array(n + 1),
        sSorted: new Float32Array(B * H),
        du: new Float32Array(B * layout.largest),
        duT: new Float32Array(B * layout.largest),
        dh4: new Float32Array(B * H),
        WcT4: new Float32Array(n * H),
        targets: new Int32Array(B),
      };
    }
  }

  /**
   * Forward and backward pass on the minibatch (X: B contexts, Y: B targets). Writes the mean
   * loss's gradient into `grads` and returns the mean loss.
   */
  run(params: Params, X: Int32Array, Y: Int32Array, grads: Params): number {
    if (this.factored) return this.runFactored(this.factored, params, X, Y, grads);
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
      const Gv = readTensor(tf.matMul(tf.tensor2d(this.dlogitsT, [V, B]), s));
      const dW2 = grads.W2;
      for (let h = 0; h < H; h++) {
        for (let v = 0; v < V; v++) dW2[h * V + v] = 2 * Gv[v * H + h] - db2[v];
      }
      // dz = dh ⊙ (1 − h²) = dh4 ⊙ s(1 − s);  db1 = Σ_b dz; then W1 and C.
      this.backToInputs(readTensor(s), readTensor(dh4), X, grads);
      return loss;
    } finally {
      tf.engine().endScope();
    }
  }

  /**
   * The factored layer's step. Per example b with target y in class k: loss_b = lse(ℓc_b) − ℓc_b[k]
   * + lse(u_b) − u_b[y], u_b = h_b·W2_k + b2_k (class k's columns). The gradients follow the flat
   * layer's, per class: dℓc = softmax(ℓc) − onehot(k), du = softmax(u) − onehot(y), all / B;
   * dh = dℓc·Wcᵀ + du·W2_kᵀ; dWc = hᵀ·dℓc; dW2_k = h_kᵀ·du (columns of classes absent from the
   * minibatch get zero).
   */
  private runFactored(fb: FactoredBuffers, params: Params, X: Int32Array, Y: Int32Array, grads: Params): number {
    const { blockSize, embeddingSize: E, hiddenSize: H, vocabSize: V } = this.shape;
    const { layout } = fb;
    const n = layout.count;
    const B = this.batchSize;
    const K = blockSize * E;
    const f = this.forward;
    f.loadParams(params, false);
    f.loadContexts(params.C, X, 0, B);
    transpose(f.X2, B, K, this.XT, 0.5);
    transpose(params.W1, K, H, this.W1T, 1);
    // The minibatch sorted by target class (counting sort).
    const { order, counts } = fb;
    counts.fill(0);
    for (let b = 0; b < B; b++) counts[layout.classOf[Y[b]!]! + 1]!++;
    for (let k = 0; k < n; k++) counts[k + 1]! += counts[k]!;
    const fill = counts.slice(0, n);
    for (let b = 0; b < B; b++) order[fill[layout.classOf[Y[b]!]!]!++] = b;

    tf.engine().startScope();
    try {
      const s = f.hidden(params.W1, B);
      const sv = readTensor(s);
      const { sSorted, dh4, du, duT } = fb;
      for (let j = 0; j < B; j++) sSorted.set(sv.subarray(order[j]! * H, order[j]! * H + H), j * H);
      const head = f.head(s);
      const headValues = readTensor(head);
      // Class level: softmax cross-entropy on the class logits.
      const classTargets = fb.targets;
      for (let b = 0; b < B; b++) classTargets[b] = layout.classOf[Y[b]!]!;
      let loss = softmaxCrossEntropy(headValues, classTargets, B, n, fb.dhead);
      const dbc = grads.bc;
      dbc.fill(0);
      for (let b = 0; b < B; b++) {
        for (let k = 0; k < n; k++) {
          const g = fb.dhead[b * n + k]! / B;
          fb.dhead[b * n + k] = g;
          fb.dheadT[k * B + b] = g;
          dbc[k]! += g;
        }
      }
      // dh4 = dℓc·4Wcᵀ (4Wcᵀ is small: classes × H), then per class the transpose of
      // 4·W2_k·du_kᵀ on its rows: a product of untransposed operands (2·W2_k is the forward
      // pass's), so no [V, H] transpose of W2 is needed.
      transpose(params.Wc, H, n, fb.WcT4, 4);
      dh4.set(readTensor(tf.matMul(tf.tensor2d(fb.dhead, [B, n]), tf.tensor2d(fb.WcT4, [n, H]))));
      const Gc = readTensor(tf.matMul(tf.tensor2d(fb.dheadT, [n, B]), s));
      const dWc = grads.Wc;
      for (let h = 0; h < H; h++) {
        for (let k = 0; k < n; k++) dWc[h * n + k] = 2 * Gc[k * H + h]! - dbc[k]!;
      }
      // Symbol level, one class at a time.
      const db2 = grads.b2;
      const dW2 = grads.W2;
      db2.fill(0);
      dW2.fill(0);
      const targets = fb.targets;
      for (let k = 0; k < n; k++) {
        const from = counts[k]!;
        const p = counts[k + 1]! - from;
        const m = layout.size(k);
        if (p === 0 || m === 1) continue;
        const start = layout.start[k]!;
        const block = f.classTensors(k);
        const Sk = tf.tensor2d(sSorted.subarray(from * H, (from + p) * H), [p, H]);
        const u = readTensor(tf.fused.matMul({ a: Sk, b: block.W, bias: block.b }));
        for (let j = 0; j < p; j++) targets[j] = layout.position[Y[order[from + j]!]!]!;
        const g = du.subarray(0, p * m);
        loss += softmaxCrossEntropy(u, targets, p, m, g);
        const gT = duT.subarray(0, m * p);
        for (let j = 0; j < p; j++) {
          for (let c = 0; c < m; c++) {
            const x = g[j * m + c]! / B;
            gT[c * p + j] = x;
            db2[layout.members[start + c]!]! += x;
          }
        }
        const duTk = tf.tensor2d(gT, [m, p]);
        // dh4[rows] += (2·(2W2_k)·du_kᵀ)ᵀ
        const dhk = readTensor(tf.matMul(block.W, duTk));
        for (let j = 0; j < p; j++) {
          const o = order[from + j]! * H;
          for (let h = 0; h < H; h++) dh4[o + h]! += 2 * dhk[h * p + j]!;
        }
        // dW2_k = hᵀ·du_k = 2·(du_kᵀ·S_k)ᵀ − 1·db2_kᵀ
        const Gk = readTensor(tf.matMul(duTk, Sk));
        for (let h = 0; h < H; h++) {
          const row = h * V;
          for (let c = 0; c < m; c++) {
            const v = layout.members[start + c]!;
            dW2[row + v] = 2 * Gk[c * H + h]! - db2[v]!;
          }
        }
      }
      // From here as the flat layer: dz = dh ⊙ (1 − h²) = dh4 ⊙ s(1 − s), then W1, b1 and C.
      this.backToInputs(readTensor(s), dh4, X, grads);
      return loss / B;
    } finally {
      tf.engine().endScope();
    }
  }

  /** dz = dh4 ⊙ s(1 − s); db1, dW1 = Xᵀ·dz, dC from dX = dz·W1ᵀ. Inside the caller's scope. */
  private backToInputs(sv: Float32Array, dh4: Float32Array, X: Int32Array, grads: Params): void {
    const { blockSize, embeddingSize: E, hiddenSize: H } = this.shape;
    const B = this.batchSize;
    const K = blockSize * E;
    const dz = this.dz;
    const db1 = grads.b1;
    db1.fill(0);
    for (let b = 0; b < B; b++) {
      const o = b * H;
      for (let h = 0; h < H; h++) {
        const a = sv[o + h]!;
        const g = dh4[o + h]! * a * (1 - a);
        dz[o + h] = g;
        db1[h]! += g;
      }
    }
    const dzT = tf.tensor2d(dz, [B, H]);
    const dW1 = tf.matMul(tf.tensor2d(this.XT, [K, B]), dzT);
    const dX = tf.matMul(dzT, tf.tensor2d(this.W1T, [H, K]));
    grads.W1.set(readTensor(dW1));
    const dXv = readTensor(dX);
    const dC = grads.C;
    dC.fill(0);
    for (let i = 0; i < B * blockSize; i++) {
      const dst = X[i]! * E;
      const src = i * E;
      for (let e = 0; e < E; e++) dC[dst + e]! += dXv[src + e]!;
    }
  }
}

/** A factored step's buffers (TrainingStep). */
interface FactoredBuffers {
  layout: ClassLayout;
  dhead: Float32Array;
  dheadT: Float32Array;
  order: Int32Array;
  counts: Int32Array;
  sSorted: Float32Array;
  du: Float32Array;
  duT: Float32Array;
  dh4: Float32Array;
  WcT4: Float32Array;
  targets: Int32Array;
}

/** out[c·rows + r] = scale · a[r·cols + c] */
function transpose(a: Float32Array, rows: number, cols: number, out: Float32Array, scale: number): void {
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = scale * a[o + c];
  }
}
