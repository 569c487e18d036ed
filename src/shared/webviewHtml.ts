/**
 * The HTML shell of both webviews (training panel and sidebar loss view), used by the extension
 * host and by the browser tests' page, so both load the same document under the same CSP.
 *
 * Strict Content Security Policy: no inline script or handler, no eval; scripts only with the
 * nonce; styles from the extension's own files (FAST, under the toolkit, reads the nonce from
 * the `csp-nonce` meta tag for the one <style> element it adds).
 */

export type WebviewKind = 'panel' | 'sidebar';

export interface WebviewHtmlOptions {
  kind: WebviewKind;
  /** `webview.cspSource` in VS Code; the page's origin in tests. */
  cspSource: string;
  nonce: string;
  /** URI of dist/webview/<kind>.js. */
  scriptUri: string;
  /** URIs of dist/webview/uPlot.min.css and dist/webview/style.css. */
  styleUris: string[];
  title: string;
}

export function webviewHtml(o: WebviewHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `img-src ${o.cspSource} data:`,
    `style-src ${o.cspSource} 'nonce-${o.nonce}'`,
    `font-src ${o.cspSource}`,
    `script-src 'nonce-${o.nonce}'`,
  ].join('; ');
  const styles = o.styleUris.map((u) => `<link rel="stylesheet" href="${escapeAttr(u)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta property="csp-nonce" content="${o.nonce}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${escapeText(o.title)}</title>
  </head>
  <body data-view="${o.kind}">
    <div id="app"></div>
    <script nonce="${o.nonce}" src="${escapeAttr(o.scriptUri)}"></script>
  </body>
</html>`;
}

/** A random nonce (base64url, 128 bits). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function escapeText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
