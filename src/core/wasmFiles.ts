/**
 * The tfjs-backend-wasm binaries a single thread can use — SIMD, or plain where SIMD is missing
 * (threads need cross-origin isolation in a browser and are off in Node). The build copies both
 * next to the bundles; a web host reads and posts them to its worker. No TensorFlow.js here, so
 * the extension host may import it.
 */
export const WASM_FILES = ['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm.wasm'] as const;

export type WasmFile = (typeof WASM_FILES)[number];
