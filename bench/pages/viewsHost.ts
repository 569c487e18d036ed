/**
 * The page of the benchmark's "views while training" section (bench/views.ts), in headless
 * Chromium: VS Code for the Web's side of a training run in one page — the job in a Web Worker
 * started from a blob with the `.wasm` bytes posted to it (the extension's own WorkerSession and
 * Web Worker adapter), and, when asked, the training panel and the sidebar view live in iframes
 * (their test pages: test/browser/server.ts), fed the run events batched as the extension's
 * WebviewHost batches them (≤ 10 messages a second each: views/eventBatcher.ts) — the relay
 * VS Code's workbench does on its main thread. Bundled at bench time; driven through
 * `globalThis.viewsHost`.
 */
import { WorkerSession, type JobInput } from '../../src/extension/jobs/workerSession';
import { browserWorker, webJobWorker, type WebWorkerAssets } from '../../src/extension/jobs/webWorker';
import { EventBatcher } from '../../src/extension/views/eventBatcher';
import type { RunEvent } from '../../src/shared/events';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { fromBase64 } from '../../test/web/pages/base64';

/** The part of the DOM used here (the root tsconfig has no DOM library). */
interface Frame {
  src: string;
  style: { cssText: string };
  contentWindow: { postMessage(message: unknown, origin: string): void } | null;
  remove(): void;
}
declare const document: {
  createElement(tag: 'iframe'): Frame;
  body: { append(node: Frame): void; style: { cssText: string } };
};
declare const window: { addEventListener(type: 'message', listener: (e: { data: unknown; source: unknown }) => void): void };

let assets: Promise<WebWorkerAssets> = Promise.reject(new Error('no assets set'));
assets.catch(() => undefined);
const session = new WorkerSession(() => webJobWorker(assets, browserWorker));

interface View {
  frame: Frame;
  ready: Promise<void>;
  batcher: EventBatcher;
}
let views: View[] = [];
/** The webviews' `ready`, by frame window (the test pages' stub forwards what a webview posts: test/browser/pages/vscodeStub.js). */
const readyListeners = new Map<unknown, () => void>();
window.addEventListener('message', (e) => {
  const data = e.data as { fromWebview?: { type?: string } } | null;
  if (data?.fromWebview?.type === 'ready') readyListeners.get(e.source)?.();
});

function openView(url: string, size: { width: number; height: number }): View {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width:${size.width}px;height:${size.height}px;border:0;display:block`;
  const post = (message: ToWebview): void => frame.contentWindow?.postMessage(message, '*');
  let resolve!: () => void;
  const ready = new Promise<void>((r) => (resolve = r));
  document.body.append(frame);
  frame.src = url;
  readyListeners.set(frame.contentWindow, () => {
    // As the host answers `ready`: the state so far (none), then events as they come.
    post({ type: 'snapshot', state: initialRunState() });
    resolve();
  });
  return { frame, ready, batcher: new EventBatcher((events) => post({ type: 'events', events })) };
}

const host = {
  setAssets(script: string, wasm: Record<string, string>): void {
    const scriptUrl = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
    assets = Promise.resolve({ scriptUrl, wasm: Object.fromEntries(Object.entries(wasm).map(([name, b64]) => [name, fromBase64(b64)])) });
  },
  /** Opens the panel and the sidebar (their test pages at `origin`), and waits until both are ready. */
  async openViews(origin: string): Promise<void> {
    // Side by side, both in view (Chromium throttles frames out of view).
    document.body.style.cssText = 'margin:0;display:flex;align-items:flex-start';
    views = [
      openView(`${origin}/panel.html?theme=dark`, { width: 1100, height: 980 }),
      openView(`${origin}/sidebar.html?theme=dark`, { width: 320, height: 720 }),
    ];
    await Promise.all(views.map((v) => v.ready));
  },
  closeViews(): void {
    for (const v of views) {
      v.batcher.clear();
      v.frame.remove();
    }
    views = [];
    readyListeners.clear();
  },
  /** Runs one job, relaying its events to the open views; resolves with its wall time and its last events. */
  async run(input: JobInput): Promise<{ seconds: number; kind: string; finished: unknown; progress: { step: number; seconds: number }[] }> {
    const start = performance.now();
    const progress: { step: number; seconds: number }[] = [];
    const outcome = await session.run(input, (event: RunEvent) => {
      if (event.type === 'trainProgress') progress.push({ step: event.step, seconds: event.seconds });
      for (const v of views) v.batcher.push(event);
    });
    for (const v of views) v.batcher.flush();
    return {
      seconds: (performance.now() - start) / 1000,
      kind: outcome.kind,
      finished: outcome.kind === 'finished' ? outcome.finished : null,
      progress,
    };
  },
};

(globalThis as unknown as { viewsHost: typeof host }).viewsHost = host;
export type ViewsHost = typeof host;
