/**
 * TensorFlow.js set-up: the WebAssembly backend (XNNPACK matrix products, SIMD), falling back to
 * the pure-JavaScript cpu backend, which is 5–10× slower, with a warning that says so.
 *
 * The engine only runs a handful of kernels (fused matrix products); see step.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The backend's WebAssembly binaries Node can use (SIMD, or plain; threads are unavailable). */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'];

export type BackendName = 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Set when the preferred backend could not be used. */
  warning?: string;
}

export interface BackendOptions {
  /** Directory holding the tfjs-backend-wasm `.wasm` files (next to the bundle). Without it, the
   * files are read from the package in node_modules (tests and scripts run from source). */
  wasmDir?: string;
  /** 'cpu' forces the slow backend (benchmarks compare the two). */
  prefer?: BackendName;
}

let current: Promise<BackendInfo> | undefined;

/** Initialises the backend once per thread; later calls return the first result. */
export function initBackend(options: BackendOptions = {}): Promise<BackendInfo> {
  current ??= select(options);
  return current;
}

async function select(options: BackendOptions): Promise<BackendInfo> {
  tf.env().set('PROD', true);
  // Importing the cpu package registers it; a bundler that trusts its "sideEffects" list may
  // drop a bare import, so register it by name if it is missing.
  if (!tf.findBackend('cpu')) tf.registerBackend('cpu', () => new MathBackendCPU(), 1);
  if (options.prefer === 'cpu') {
    await tf.setBackend('cpu');
    return { name: 'cpu' };
  }
  let reason = 'it did not initialise';
  try {
    if (options.wasmDir) {
      const missing = WASM_FILES.filter((f) => !fs.existsSync(path.join(options.wasmDir!, f)));
      if (missing.length === WASM_FILES.length) throw new Error(`${missing.join(' and ')} missing from ${options.wasmDir}`);
      setWasmPaths(options.wasmDir + path.sep);
    }
    const ok = await withoutEmscriptenHandlers(() => tf.setBackend('wasm'));
    if (ok && tf.getBackend() === 'wasm') return { name: 'wasm' };
  } catch (e) {
    reason = e instanceof Error ? e.message : String(e);
  }
  await tf.setBackend('cpu');
  return {
    name: 'cpu',
    warning: `The WebAssembly backend is unavailable (${reason}); training on the CPU backend, which is 5–10× slower.`,
  };
}

/**
 * The Emscripten runtime of the wasm backend installs process-wide `uncaughtException` and
 * `unhandledRejection` handlers that rethrow, printing its whole minified source. Errors are
 * ours to report: remove what it added.
 */
async function withoutEmscriptenHandlers<T>(init: () => Promise<T>): Promise<T> {
  const events: string[] = ['uncaughtException', 'unhandledRejection'];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as 'uncaughtException'))]));
  try {
    return await init();
  } finally {
    for (const e of events) {
      for (const l of process.listeners(e as 'uncaughtException')) {
        if (!before.get(e)?.has(l)) process.removeListener(e, l);
      }
    }
  }
}
