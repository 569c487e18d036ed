/**
 * TensorFlow.js set-up: the WebAssembly backend (XNNPACK matrix products, SIMD), falling back to
 * the pure-JavaScript cpu backend, which is 5–10× slower, with a warning that says so.
 *
 * The same in every runtime: where the `.wasm` binaries come from is the runtime's to say
 * (`WasmSetup`) — a directory in Node (nodeBackend.ts), bytes handed over by the host in a Web
 * Worker (`wasmFromBytes`), which may not fetch anything.
 *
 * The engine only runs a handful of kernels (fused matrix products); see step.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { WASM_FILES, type WasmFile } from './wasmFiles';

export { WASM_FILES } from './wasmFiles';
/** Every binary tfjs-backend-wasm may ask for (threads are never used: no cross-origin isolation, one thread in Node). */
const ALL_WASM_FILES = [...WASM_FILES, 'tfjs-backend-wasm-threaded-simd.wasm'] as const;

export type BackendName = 'wasm' | 'cpu';

export interface BackendInfo {
  name: BackendName;
  /** Set when the preferred backend could not be used. */
  warning?: string;
}

/** How the runtime gives tfjs-backend-wasm its binaries. */
export interface WasmSetup {
  /** Points tfjs-backend-wasm at its binaries; throws (or rejects), saying why, when there are none. */
  locate(): void | Promise<void>;
  /** Runs the backend's initialisation (Node: without the process handlers Emscripten adds). */
  run?<T>(init: () => Promise<T>): Promise<T>;
}

export interface BackendOptions {
  /** Where the `.wasm` files come from; without it, tfjs-backend-wasm's own lookup. */
  wasm?: WasmSetup;
  /** 'cpu' forces the slow backend (benchmarks compare the two). */
  prefer?: BackendName;
}

/** The `.wasm` binaries by file name (WASM_FILES), as the host read them. */
export type WasmBinaries = Partial<Record<WasmFile, ArrayBuffer>>;

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
    await options.wasm?.locate();
    const init = () => tf.setBackend('wasm');
    const ok = await (options.wasm?.run ? options.wasm.run(init) : init());
    if (ok && tf.getBackend() === 'wasm') return { name: 'wasm' };
  } catch (e) {
    // tfjs-backend-wasm rejects with a plain `{ message }` when its binary does not load.
    const message = (e as { message?: unknown } | undefined)?.message;
    reason = typeof message === 'string' ? message : String(e);
  }
  await tf.setBackend('cpu');
  return {
    name: 'cpu',
    warning: `The WebAssembly backend is unavailable (${reason}); training on the CPU backend, which is 5–10× slower.`,
  };
}

/** The WebAssembly API (the Node tsconfig declares no WebAssembly value, but every runtime here has it). */
function wasmApi(): { validate(bytes: Uint8Array): boolean } {
  return (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } }).WebAssembly;
}

/**
 * The binaries as bytes (a Web Worker: the host reads them and posts them over): tfjs asks the
 * platform's `fetch` for them by name, and gets them from memory — nothing is fetched, so a
 * strict content security policy or a `vscode-remote:` extension location does not matter.
 *
 * The binary is checked before use: tfjs-backend-wasm does not handle a binary that fails to
 * compile when it is handed over this way (its initialisation would never end). The SIMD build
 * is used where the engine supports SIMD and the bytes are valid, else the plain one.
 */
export function wasmFromBytes(binaries: WasmBinaries): WasmSetup {
  return {
    locate: async () => {
      const valid = (file: WasmFile): boolean => {
        const bytes = binaries[file];
        return bytes !== undefined && wasmApi().validate(new Uint8Array(bytes));
      };
      const [simdFile, plainFile] = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;
      // Threads need cross-origin isolation, which a web host does not have: never ask for them.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true && valid(simdFile);
      if (!simd) {
        if (!binaries[plainFile])
          throw new Error(
            Object.keys(binaries).length === 0 ? 'no .wasm file reached the worker' : `${plainFile} did not reach the worker`,
          );
        if (!valid(plainFile)) throw new Error(`${plainFile} is not a valid WebAssembly module`);
        tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
      }
      setWasmPaths(Object.fromEntries(ALL_WASM_FILES.map((f) => [f, f])) as Record<(typeof ALL_WASM_FILES)[number], string>, true);
      const platform = tf.env().platform;
      platform.fetch = async (path: string) => {
        const bytes = binaries[path as WasmFile];
        if (!bytes) throw new Error(`${path} did not reach the worker`);
        return new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });
      };
    },
  };
}
