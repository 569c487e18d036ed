/** Log-scale axes: the range around a set of values and round ticks for it. Pure (no DOM). */

/** A log-scale range around `xs`: half the mean spacing of the points beyond each end (an octave for one point). */
export function logRange(xs: readonly number[]): [number, number] {
  if (xs.length === 0) return [1, 10];
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  const span = Math.log(hi / lo);
  const pad = span > 0 ? span / Math.max(1, new Set(xs).size - 1) / 2 : Math.LN2;
  return [lo / Math.exp(pad), hi * Math.exp(pad)];
}

/** Round ticks for a log axis from `min` to `max`: 1, 2 and 5 × 10^k, or only the powers of ten over a wide range. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0 && max > min)) return [];
  const ticks: { value: number; power: boolean }[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    for (const m of [1, 2, 5]) {
      const value = Number((m * 10 ** e).toPrecision(1));
      if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) ticks.push({ value, power: m === 1 });
    }
  }
  return (ticks.length <= 7 ? ticks : ticks.filter((t) => t.power)).map((t) => t.value);
}
