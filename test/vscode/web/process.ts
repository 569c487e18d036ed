/**
 * What the `assert` package reads of Node's `process` (warnings, colours, the next tick), for
 * the web suite bundle only: injected by scripts/build.mjs where the bundle's modules mention
 * `process`, so `globalThis.process` stays undefined, as in a real web extension host.
 */
export const process = {
  env: {} as Record<string, string | undefined>,
  nextTick: (callback: (...args: unknown[]) => void, ...args: unknown[]): void => queueMicrotask(() => callback(...args)),
  emitWarning: (): void => undefined,
  stderr: { isTTY: false, columns: 100, getColorDepth: (): number => 1 },
};
