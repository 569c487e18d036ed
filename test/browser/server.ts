/**
 * A tiny HTTP server on 127.0.0.1 for the browser tests: the built webview bundles
 * (dist/webview/), the test pages' helpers (test/browser/pages/), and the panel and sidebar
 * documents built with the extension's own `webviewHtml` (same markup, same CSP), plus the
 * stub of `acquireVsCodeApi` and the theme variables VS Code would provide.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { makeNonce, webviewHtml, type WebviewKind } from '../../src/shared/webviewHtml';

const ROOT = path.resolve(__dirname, '../..');
const STATIC: Record<string, string> = {
  '/dist/webview/': path.join(ROOT, 'dist/webview'),
  '/pages/': path.join(__dirname, 'pages'),
};
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.map': 'application/json',
};

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/** The document VS Code would load for `kind`, with the test stub and theme before the bundle. */
export function testPage(kind: WebviewKind, origin: string): string {
  const nonce = makeNonce();
  const html = webviewHtml({
    kind,
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview/${kind}.js`,
    styleUris: [`${origin}/dist/webview/uPlot.min.css`, `${origin}/dist/webview/style.css`],
    title: kind === 'panel' ? 'Makemore Training' : 'Makemore Model and Names',
  });
  // VS Code's theme variables and default styles come before the webview's own styles.
  const themed = html.replace('<link ', `<link rel="stylesheet" href="${origin}/pages/vscodeTheme.css">\n    <link `);
  const bundle = `<script nonce="${nonce}" src="${origin}/dist/webview/${kind}.js">`;
  if (!themed.includes(bundle)) throw new Error('webviewHtml changed: cannot place the acquireVsCodeApi stub before the bundle.');
  return themed.replace(bundle, `<script nonce="${nonce}" src="${origin}/pages/vscodeStub.js"></script>\n    ${bundle}`);
}

export async function startServer(): Promise<TestServer> {
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const page = /^\/(panel|sidebar)\.html$/.exec(url.pathname);
    if (page) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(testPage(page[1] as WebviewKind, origin));
      return;
    }
    for (const [prefix, dir] of Object.entries(STATIC)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = path.join(dir, path.normalize(decodeURIComponent(url.pathname.slice(prefix.length))));
      if (file.startsWith(dir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
        fs.createReadStream(file).pipe(res);
        return;
      }
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
