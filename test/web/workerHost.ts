/**
 * A page in headless Chromium that plays the web extension host for the web worker bundle
 * (dist/web/worker.js): served from 127.0.0.1 under a strict content security policy — no
 * network at all (`connect-src` is not allowed, so nothing can be fetched), no `eval`, workers
 * from `blob:` only, WebAssembly compiled from bytes — and driven through pages/host.ts (the
 * extension's own WorkerSession and Web Worker adapter). Used by the browser test of the web
 * worker (worker.test.ts) and by the benchmark (bench/webStep.ts).
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { WASM_FILES } from '../../src/core/wasmFiles';
import type { JobInput } from '../../src/extension/jobs/workerSession';
import type { HostRun, MakemoreHost } from './pages/host';

const ROOT = path.resolve(__dirname, '../..');
export const WEB_WORKER = path.join(ROOT, 'dist/web/worker.js');
const DIST = path.join(ROOT, 'dist');

/** The policy of the page, and so of the workers it starts from blobs (they inherit it). */
export function strictCsp(nonce: string): string {
  return [
    `default-src 'none'`,
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `worker-src blob:`,
    `base-uri 'none'`,
    `form-action 'none'`,
  ].join('; ');
}

export interface WorkerHostPage {
  page: Page;
  /** Uses this worker script (text) and these `.wasm` files for the next jobs. */
  setAssets(script?: string, wasm?: Record<string, Uint8Array>): Promise<void>;
  /** Makes getting the assets fail for the next jobs (the host could not read them). */
  failAssets(message: string): Promise<void>;
  run(input: JobInput, stopAtStep?: number): Promise<HostRun>;
  /** CSP violations, console errors and uncaught page errors so far. */
  problems(): Promise<string[]>;
  outOfMemoryMessages(): Promise<string[]>;
  /** What a worker gets when it tries to fetch from the page's own origin. */
  workerCanFetch(): Promise<string>;
  close(): Promise<void>;
}

/** The built worker bundle and `.wasm` files, as the web host reads them. */
export function builtAssets(): { script: string; wasm: Record<string, Uint8Array> } {
  if (!fs.existsSync(WEB_WORKER)) throw new Error(`${WEB_WORKER} is missing: run npm run build first.`);
  return {
    script: fs.readFileSync(WEB_WORKER, 'utf8'),
    wasm: Object.fromEntries(WASM_FILES.map((f) => [f, new Uint8Array(fs.readFileSync(path.join(DIST, f)))])),
  };
}

/** Serves the host page and its script; resolves with the page open in `browser`. */
export async function openWorkerHost(browser: Browser): Promise<WorkerHostPage> {
  const bundle = await esbuild.build({
    entryPoints: [path.join(__dirname, 'pages/host.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'warning',
  });
  const script = bundle.outputFiles[0]!.text;
  const nonce = Math.random().toString(36).slice(2);
  const server = http.createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': strictCsp(nonce),
        'cache-control': 'no-store',
      });
      res.end(
        `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Makemore web worker host</title></head><body><script nonce="${nonce}" src="/host.js"></script></body></html>`,
      );
    } else if (req.url === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
      res.end(script);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'makemoreHost' in globalThis);

  /** The page's host object (page.evaluate is exempt from the page's CSP; `new Function` in it would not be). */
  type Host = { makemoreHost: MakemoreHost };

  return {
    page,
    setAssets: async (script?: string, wasm?: Record<string, Uint8Array>) => {
      const built = script === undefined || wasm === undefined ? builtAssets() : undefined;
      const encoded = Object.fromEntries(Object.entries(wasm ?? built!.wasm).map(([f, b]) => [f, Buffer.from(b).toString('base64')]));
      await page.evaluate(([text, files]) => (globalThis as unknown as Host).makemoreHost.setAssets(text, files), [
        script ?? built!.script,
        encoded,
      ] as const);
    },
    failAssets: (message) => page.evaluate((m) => (globalThis as unknown as Host).makemoreHost.failAssets(m), message),
    run: (input, stopAtStep) =>
      page.evaluate(([i, s]) => (globalThis as unknown as Host).makemoreHost.run(i, s), [input, stopAtStep] as const),
    problems: async () => [
      ...(await page.evaluate(() => (globalThis as unknown as Host).makemoreHost.violations())).map((v) => `CSP violation: ${v}`),
      ...problems,
    ],
    workerCanFetch: () => page.evaluate(() => (globalThis as unknown as Host).makemoreHost.workerCanFetch()),
    outOfMemoryMessages: () => page.evaluate(() => (globalThis as unknown as Host).makemoreHost.outOfMemoryMessages()),
    close: async () => {
      await page.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
