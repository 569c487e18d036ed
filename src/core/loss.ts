/** Softmax cross-entropy on logits in plain JavaScript (O(n·V), cheap next to the matrix products). */

/**
 * Sum over n rows of −log softmax(logits[row])[targets[row]]. If `grad` is given, writes
 * softmax(logits) − onehot(targets) into it (the gradient of the sum with respect to the logits).
 */
export function softmaxCrossEntropy(
  logits: Float32Array,
  targets: ArrayLike<number>,
  n: number,
  V: number,
  grad?: Float32Array,
  targetOffset = 0,
): number {
  let total = 0;
  for (let r = 0; r < n; r++) {
    const o = r * V;
    let max = -Infinity;
    for (let v = 0; v < V; v++) if (logits[o + v] > max) max = logits[o + v];
    let sum = 0;
    if (grad) {
      for (let v = 0; v < V; v++) sum += grad[o + v] = Math.exp(logits[o + v] - max);
    } else {
      for (let v = 0; v < V; v++) sum += Math.exp(logits[o + v] - max);
    }
    const y = targets[targetOffset + r];
    total += Math.log(sum) + max - logits[o + y];
    if (grad) {
      const inv = 1 / sum;
      for (let v = 0; v < V; v++) grad[o + v] *= inv;
      grad[o + y] -= 1;
    }
  }
  return total;
}

/** log Σ exp(a[offset + v]) over the V values from `offset`, computed stably (the largest taken out first). */
export function logSumExp(a: ArrayLike<number>, offset: number, V: number): number {
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (a[offset + v]! > max) max = a[offset + v]!;
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp(a[offset + v]! - max);
  return max + Math.log(sum);
}
