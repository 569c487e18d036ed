/** Summaries of repeated measurements: the benchmark reports medians of short runs. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  /** Every measurement, in the order taken. */
  runs: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(runs: readonly number[]): Summary {
  return { median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: [...runs] };
}

/** Runs `fn` until at least `minMs` have passed and it has run `minCalls` times; returns calls per second. */
export function ratePerSecond(fn: () => void, minMs: number, minCalls = 3): number {
  const start = performance.now();
  let calls = 0;
  let elapsed = 0;
  while (calls < minCalls || elapsed < minMs) {
    fn();
    calls++;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

/** Milliseconds taken by `fn`, measured `repeats` times. */
export function timeMs(fn: () => void, repeats: number): Summary {
  const runs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
  }
  return summarize(runs);
}
