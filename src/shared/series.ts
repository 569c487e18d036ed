/** Thinning a long series for keeping or sending: pure, shared by the host's saved state and the stored runs. */

/** The indices of at most `max` of `n` points, evenly spread, the first and the last included. */
export function thinIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}
