/** Nearest neighbours of a symbol in embedding space, by cosine similarity of the full vectors. */

export interface Neighbour {
  index: number;
  /** Cosine similarity, -1..1. */
  similarity: number;
}

/** The `k` rows of C ([rows, cols], row-major) most similar to row `of`, most similar first. */
export function nearestNeighbours(C: ArrayLike<number>, rows: number, cols: number, of: number, k: number): Neighbour[] {
  const norm = (i: number): number => {
    let s = 0;
    for (let j = 0; j < cols; j++) s += C[i * cols + j] ** 2;
    return Math.sqrt(s);
  };
  const n0 = norm(of);
  const out: Neighbour[] = [];
  for (let i = 0; i < rows; i++) {
    if (i === of) continue;
    let d = 0;
    for (let j = 0; j < cols; j++) d += C[of * cols + j] * C[i * cols + j];
    const denominator = n0 * norm(i);
    out.push({ index: i, similarity: denominator > 0 ? d / denominator : 0 });
  }
  return out.sort((a, b) => b.similarity - a.similarity).slice(0, k);
}
