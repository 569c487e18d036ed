/**
 * The backend in Node (the CLI, the `worker_threads` worker, tests and benchmarks): the `.wasm`
 * files are read from a directory — next to the bundle, or the package in node_modules when
 * running from source — and the process handlers Emscripten installs are removed again.
 * Node-only: the web build never imports this module.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { initBackend, WASM_FILES, type BackendInfo, type BackendName, type WasmSetup } from './backend';

export interface NodeBackendOptions {
  /** Directory holding the tfjs-backend-wasm `.wasm` files (next to the bundle). Without it, the
   * files are read from the package in node_modules (tests and scripts run from source). */
  wasmDir?: string;
  /** 'cpu' forces the slow backend (benchmarks compare the two). */
  prefer?: BackendName;
}

/** Initialises the backend once per thread, the `.wasm` files read from `wasmDir`. */
export function initNodeBackend(options: NodeBackendOptions = {}): Promise<BackendInfo> {
  return initBackend({ wasm: wasmFromDir(options.wasmDir), ...(options.prefer ? { prefer: options.prefer } : {}) });
}

/** The binaries in a directory (none: tfjs-backend-wasm's own lookup, in node_modules). */
export function wasmFromDir(wasmDir: string | undefined): WasmSetup {
  return {
    locate: () => {
      if (!wasmDir) return;
      const missing = WASM_FILES.filter((f) => !fs.existsSync(path.join(wasmDir, f)));
      if (missing.length === WASM_FILES.length) throw new Error(`${missing.join(' and ')} missing from ${wasmDir}`);
      setWasmPaths(wasmDir + path.sep);
    },
    run: withoutEmscriptenHandlers,
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
