/*
 * The browser tests' stand-in for what VS Code provides a webview before its scripts run: the
 * theme (body class and data-vscode-theme-kind, from ?theme=) and `acquireVsCodeApi`, whose
 * postMessage records messages in window.__posted (and hands them to window.__toHost when a
 * test plays the host live, and to the parent window when the page is framed) and whose state lives in sessionStorage (so it survives a reload, as
 * VS Code's does).
 */
/* global window, document, location, sessionStorage, URLSearchParams */
(() => {
  const theme = new URLSearchParams(location.search).get('theme') || 'dark';
  document.body.classList.add(`vscode-${theme}`);
  document.body.dataset.vscodeThemeKind = `vscode-${theme}`;

  const KEY = 'vscode-webview-state';
  window.__posted = [];
  window.__stateSaves = 0;
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => {
        const copy = JSON.parse(JSON.stringify(message));
        window.__posted.push(copy);
        if (typeof window.__toHost === 'function') void window.__toHost(copy);
        // In a frame (the benchmark's page of live views: bench/pages/viewsHost.ts), the host is the parent.
        if (window.parent !== window) window.parent.postMessage({ fromWebview: copy }, '*');
      },
      getState: () => {
        const saved = sessionStorage.getItem(KEY);
        return saved === null ? undefined : JSON.parse(saved);
      },
      setState: (state) => {
        sessionStorage.setItem(KEY, JSON.stringify(state));
        window.__stateSaves++;
        return state;
      },
    });
  };
})();
