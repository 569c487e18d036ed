/**
 * The web extension host's side of a job, in a plain page: the extension's own WorkerSession
 * and Web Worker adapter (src/extension/jobs/workerSession.ts, webWorker.ts) starting the real
 * web worker bundle from a blob and posting it the `.wasm` bytes — all that webMain.ts adds is
 * reading those files with `workspace.fs`. Bundled at test time (test/web/workerHost.ts) and
 * driven by Playwright through `globalThis.makemoreHost`; results go back as plain JSON.
 */
import { WorkerSession, type JobInput, type JobOutcome } from '../../../src/extension/jobs/workerSession';
import { browserWorker, webJobWorker, type WebWorkerAssets } from '../../../src/extension/jobs/webWorker';
import type { RunEvent } from '../../../src/shared/events';
import { fromBase64, toBase64 } from './base64';

/** The part of the DOM used here (the root tsconfig has no DOM library). */
declare const document: {
  addEventListener(type: 'securitypolicyviolation', listener: (e: { violatedDirective: string; blockedURI: string }) => void): void;
};

export interface HostRun {
  outcome: Exclude<JobOutcome, { kind: 'finished' }> | { kind: 'finished'; finished: unknown; model?: string };
  events: RunEvent[];
}

const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} blocked ${e.blockedURI}`));

let assets: Promise<WebWorkerAssets> = Promise.reject(new Error('no assets set'));
assets.catch(() => undefined);
/** One session for every run, as the extension has: a failed worker must not stop the next job. */
const session = new WorkerSession(() => webJobWorker(assets, browserWorker));

const host = {
  /** The worker's script (as text) and the `.wasm` files (base64, by name) the next jobs get. */
  setAssets(script: string, wasm: Record<string, string>): void {
    const scriptUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    assets = Promise.resolve({ scriptUrl, wasm: Object.fromEntries(Object.entries(wasm).map(([name, b64]) => [name, fromBase64(b64)])) });
  },
  /** Makes the next workers fail to get their assets, as when the host cannot read the script. */
  failAssets(message: string): void {
    assets = Promise.reject(new Error(message));
    assets.catch(() => undefined);
  },
  /** Runs one job; stops it once a progress event reaches `stopAtStep`. */
  async run(input: JobInput, stopAtStep?: number): Promise<HostRun> {
    const events: RunEvent[] = [];
    const outcome = await session.run(input, (event) => {
      events.push(event);
      if (stopAtStep !== undefined && event.type === 'trainProgress' && event.step >= stopAtStep) session.stop();
    });
    if (outcome.kind !== 'finished') return { outcome, events };
    return {
      outcome: { kind: 'finished', finished: outcome.finished, ...(outcome.model ? { model: toBase64(outcome.model) } : {}) },
      events,
    };
  },
  violations: () => [...violations],
  /** Whether a worker started from a blob here may fetch anything (under the page's policy it may not). */
  async workerCanFetch(): Promise<string> {
    const code = `fetch(${JSON.stringify(location.origin + '/host.js')}).then(() => postMessage('fetched'), (e) => postMessage('blocked: ' + e));`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    try {
      return await new Promise<string>((resolve) => {
        worker.onmessage = (e: { data: string }) => resolve(e.data);
      });
    } finally {
      worker.terminate();
    }
  },
  /** What Chromium says when memory runs out, in a worker: a huge ArrayBuffer, a WebAssembly memory that cannot grow. */
  async outOfMemoryMessages(): Promise<string[]> {
    const code = `
      const messages = [];
      try { new ArrayBuffer(2 ** 45); } catch (e) { messages.push(String(e)); }
      try { const m = new WebAssembly.Memory({ initial: 1, maximum: 65536 }); m.grow(65536); } catch (e) { messages.push(String(e)); }
      postMessage(messages);`;
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    try {
      return await new Promise<string[]>((resolve, reject) => {
        worker.onmessage = (e: { data: string[] }) => resolve(e.data);
        worker.onerror = (e: { message: string; preventDefault(): void }) => {
          e.preventDefault();
          reject(new Error(e.message));
        };
      });
    } finally {
      worker.terminate();
    }
  },
};

declare const location: { origin: string };
declare const Worker: new (url: string) => {
  onmessage: (e: { data: never }) => void;
  onerror: (e: { message: string; preventDefault(): void }) => void;
  terminate(): void;
};

(globalThis as unknown as { makemoreHost: typeof host }).makemoreHost = host;
export type MakemoreHost = typeof host;
