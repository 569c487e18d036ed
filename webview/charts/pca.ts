/**
 * A 2-D view of the embedding table C ([symbols, dimensions], row-major): its two dimensions as
 * they are when the embedding has 2, else its projection on the first two principal components.
 *
 * The components come from power iteration on the covariance matrix (dimensions × dimensions,
 * at most 256²), warm-started from the previous update's components and sign-aligned with
 * them, so the live scatter moves smoothly instead of flipping axes from one update to the next.
 */

export interface Projection {
  x: number[];
  y: number[];
  /** 'raw': the embedding's own dimensions (1 or 2 of them); 'pca': principal components. */
  method: 'raw' | 'pca';
  /** Fraction of the total variance along each axis (PCA only). */
  explained: [number, number] | null;
  /** Unit principal components (PCA only), to warm-start the next projection. */
  components: [Float64Array, Float64Array] | null;
}

const MAX_ITERATIONS = 300;
const TOLERANCE = 1e-14;

export function project2d(
  C: ArrayLike<number>,
  rows: number,
  cols: number,
  previous: [Float64Array, Float64Array] | null = null,
): Projection {
  if (cols <= 2) {
    const x: number[] = [];
    const y: number[] = [];
    for (let i = 0; i < rows; i++) {
      x.push(C[i * cols]);
      y.push(cols === 2 ? C[i * cols + 1] : 0);
    }
    return { x, y, method: 'raw', explained: null, components: null };
  }

  const mean = new Float64Array(cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) mean[j] += C[i * cols + j] / rows;
  const centred = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) centred[i * cols + j] = C[i * cols + j] - mean[j];

  const cov = new Float64Array(cols * cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let a = 0; a < cols; a++) {
      const va = centred[o + a];
      if (va === 0) continue;
      for (let b = a; b < cols; b++) cov[a * cols + b] += va * centred[o + b];
    }
  }
  const denominator = Math.max(1, rows - 1);
  let trace = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      const v = cov[a * cols + b] / denominator;
      cov[a * cols + b] = v;
      cov[b * cols + a] = v;
    }
    trace += cov[a * cols + a];
  }

  const first = dominantEigenvector(cov, cols, previous?.[0] ?? null, null);
  const second = dominantEigenvector(cov, cols, previous?.[1] ?? null, first.vector);
  const components: [Float64Array, Float64Array] = [first.vector, second.vector];

  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < rows; i++) {
    let px = 0;
    let py = 0;
    for (let j = 0; j < cols; j++) {
      px += centred[i * cols + j] * first.vector[j];
      py += centred[i * cols + j] * second.vector[j];
    }
    x.push(px);
    y.push(py);
  }
  const explained: [number, number] = trace > 0 ? [first.value / trace, second.value / trace] : [0, 0];
  return { x, y, method: 'pca', explained, components };
}

/**
 * The dominant eigenvector of the symmetric positive semi-definite `m` (n × n) restricted to the
 * complement of `orthogonalTo`, by power iteration from `start` (or a fixed vector); its sign
 * agrees with `start` when given, else its largest entry is positive.
 */
function dominantEigenvector(
  m: Float64Array,
  n: number,
  start: Float64Array | null,
  orthogonalTo: Float64Array | null,
): { vector: Float64Array; value: number } {
  let v = new Float64Array(n);
  if (start && start.length === n) v.set(start);
  else for (let i = 0; i < n; i++) v[i] = 1 + i / n;
  deflate(v, orthogonalTo);
  if (!normalise(v)) {
    v.fill(0);
    v[orthogonalTo ? indexOfSmallest(orthogonalTo) : 0] = 1;
    deflate(v, orthogonalTo);
    normalise(v);
  }
  let value = 0;
  let w = new Float64Array(n);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    multiply(m, v, w, n);
    deflate(w, orthogonalTo);
    value = Math.hypot(...w);
    if (value === 0) break;
    for (let i = 0; i < n; i++) w[i] /= value;
    let change = 0;
    for (let i = 0; i < n; i++) change += (w[i] - v[i]) ** 2;
    [v, w] = [w, v];
    if (change < TOLERANCE) break;
  }
  if (start && start.length === n ? dot(v, start) < 0 : v[indexOfLargest(v)] < 0) for (let i = 0; i < n; i++) v[i] = -v[i];
  return { vector: v, value };
}

function multiply(m: Float64Array, v: Float64Array, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += m[i * n + j] * v[j];
    out[i] = s;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function deflate(v: Float64Array, u: Float64Array | null): void {
  if (!u) return;
  const d = dot(v, u);
  for (let i = 0; i < v.length; i++) v[i] -= d * u[i];
}

function normalise(v: Float64Array): boolean {
  const norm = Math.hypot(...v);
  if (!(norm > 1e-300)) return false;
  for (let i = 0; i < v.length; i++) v[i] /= norm;
  return true;
}

function indexOfLargest(v: Float64Array): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) > Math.abs(v[best])) best = i;
  return best;
}

function indexOfSmallest(v: Float64Array): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (Math.abs(v[i]) < Math.abs(v[best])) best = i;
  return best;
}
