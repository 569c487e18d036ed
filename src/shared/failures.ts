/**
 * Running out of memory, told the same way by every part: the worker's job code (serve.ts,
 * runGeneration.ts) and the hosts' worker adapters (jobs/nodeWorker.ts, jobs/webWorker.ts).
 */
import { errorMessage } from '../core/errors';

/** What to do about it. */
export const OUT_OF_MEMORY_HINT = 'try a smaller model, batch size or word list';

const OUT_OF_MEMORY =
  /out of memory|\bOOM\b|allocation failed|Array buffer allocation|Cannot enlarge memory|Maximum memory size exceeded|Invalid typed array length|Invalid array buffer length|WebAssembly\.Memory\(\): could not allocate/i;

/**
 * Whether an error (or an error event's message) says memory ran out: the JavaScript heap (a
 * typed array or buffer too large to allocate) or the WebAssembly heap, which cannot grow any more.
 */
export function isOutOfMemory(e: unknown): boolean {
  return OUT_OF_MEMORY.test(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
}

/** An error a worker job reports: the message for the user (running out of memory said so), and its stack for the log. */
export function workerFailure(e: unknown): { message: string; detail?: string } {
  return {
    message: isOutOfMemory(e) ? `The worker ran out of memory (${OUT_OF_MEMORY_HINT}).` : errorMessage(e),
    ...(e instanceof Error && e.stack ? { detail: e.stack } : {}),
  };
}
