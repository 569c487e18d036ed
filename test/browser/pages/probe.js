/*
 * In-page helpers of the browser tests (installed as an init script, before the page's own
 * scripts): records CSP violations, delivers host messages, and inspects canvases. Plain
 * browser JavaScript so that the tests' TypeScript needs no DOM typings.
 */
/* global window, document, getComputedStyle, requestAnimationFrame, PerformanceObserver */
(() => {
  const violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
  });
  // Main-thread tasks over 50 ms (what makes a page stutter), for the tests' reports.
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  }).observe({ type: 'longtask' });
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  /**
   * The RGB of a colour: a theme variable ("--vscode-…"), the colour a chart key's swatch shows
   * ("@" and the swatch's selector: its --swatch property), or any CSS colour. Throws if unset.
   */
  function rgb(colour) {
    let value = colour;
    if (colour.startsWith('--')) value = getComputedStyle(document.documentElement).getPropertyValue(colour).trim();
    if (colour.startsWith('@')) {
      const el = document.querySelector(colour.slice(1));
      if (!el) throw new Error(`no element ${colour.slice(1)}`);
      value = getComputedStyle(el).getPropertyValue('--swatch').trim();
    }
    if (!value) throw new Error(`${colour} is not set`);
    const ctx = scratch(1, 1);
    ctx.fillStyle = value;
    ctx.fillRect(0, 0, 1, 1);
    return Array.from(ctx.getImageData(0, 0, 1, 1).data.slice(0, 3));
  }

  /** A cleared 2-D context for pixel reads (the page's own canvases are only copied from). */
  function scratch(width, height) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    return canvas.getContext('2d', { willReadFrequently: true });
  }

  /** The pixels of the canvas inside `selector`, copied. */
  function pixelsOf(selector) {
    const canvas = document.querySelector(`${selector} canvas`);
    if (!canvas) throw new Error(`no canvas in ${selector}`);
    const ctx = scratch(canvas.width, canvas.height);
    ctx.drawImage(canvas, 0, 0);
    return { canvas, data: ctx.getImageData(0, 0, canvas.width, canvas.height).data };
  }

  window.__probe = {
    violations: () => violations.slice(),
    longTasks: () => longTasks.slice(),

    /** Posts host messages as VS Code does (window message events), a few per frame. */
    async deliver(messages, perFrame) {
      for (let i = 0; i < messages.length; i++) {
        window.postMessage(messages[i], '*');
        if ((i + 1) % perFrame === 0) await frame();
      }
      // The webview re-renders at most every 100 ms, every 250 ms while a job runs
      // (webview/lib/session.ts RENDER_INTERVAL_MS): let the last messages show.
      await new Promise((resolve) => setTimeout(resolve, 300));
      await frame();
      await frame();
    },

    /** Pixels of a canvas that are drawn (not transparent), and drawn in the given colour. */
    canvasPixels(selector, colour) {
      const { data } = pixelsOf(selector);
      const target = colour ? rgb(colour) : null;
      let drawn = 0;
      let matching = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3] === 0) continue;
        drawn++;
        if (!target || data[i + 3] < 200) continue;
        const distance = Math.abs(data[i] - target[0]) + Math.abs(data[i + 1] - target[1]) + Math.abs(data[i + 2] - target[2]);
        if (distance <= 30) matching++;
      }
      return { drawn, matching, total: data.length / 4 };
    },

    /** The colour of one canvas pixel at CSS coordinates relative to the canvas. */
    pixelAt(selector, x, y) {
      const { canvas, data } = pixelsOf(selector);
      const scale = canvas.width / canvas.getBoundingClientRect().width;
      const i = 4 * (Math.round(y * scale) * canvas.width + Math.round(x * scale));
      return Array.from(data.slice(i, i + 4));
    },

    /** A cheap fingerprint of a canvas's pixels (to tell whether a redraw changed them). */
    canvasChecksum(selector) {
      const { data } = pixelsOf(selector);
      let hash = 0;
      for (let i = 0; i < data.length; i++) hash = (hash * 31 + data[i]) | 0;
      return hash;
    },

    /**
     * What does not fit the page's width, as a user would find it: how far the page scrolls
     * sideways, boxes that scroll sideways, buttons and links outside the page's width or cut
     * by a box that hides its overflow, and tab labels cut short.
     */
    fit() {
      const all = Array.from(document.querySelectorAll('*'));
      const name = (e) =>
        `${e.tagName.toLowerCase()}.${String(e.className).split(' ').join('.')} “${(e.textContent || '').trim().slice(0, 30)}”`;
      const visible = (e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && e.closest('[hidden]') === null && getComputedStyle(e).visibility !== 'hidden';
      };
      const width = document.documentElement.clientWidth;
      const scrolling = all
        .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.scrollWidth > e.clientWidth + 1 && visible(e))
        .map((e) => `${name(e)} by ${e.scrollWidth - e.clientWidth}px`);
      const cut = [];
      for (const e of all.filter((x) => ['BUTTON', 'VSCODE-BUTTON', 'A'].includes(x.tagName) && visible(x))) {
        const r = e.getBoundingClientRect();
        if (r.left < -0.5 || r.right > width + 0.5) {
          cut.push(`${name(e)} at ${Math.round(r.left)}–${Math.round(r.right)}`);
          continue;
        }
        for (let box = e.parentElement; box; box = box.parentElement) {
          if (getComputedStyle(box).overflowX === 'visible') continue;
          const b = box.getBoundingClientRect();
          if (r.left < b.left - 0.5 || r.right > b.right + 0.5) cut.push(`${name(e)} cut by ${name(box)}`);
          break;
        }
      }
      const tabs = Array.from(document.querySelectorAll('.tab-label'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map(name);
      return { pageOverflow: Math.max(0, document.documentElement.scrollWidth - width), scrolling, cut, tabs };
    },

    /** Switches theme the way VS Code does: the body's class and data-vscode-theme-kind. */
    setTheme(name) {
      for (const c of [...document.body.classList]) if (c.startsWith('vscode-')) document.body.classList.remove(c);
      document.body.classList.add(`vscode-${name}`);
      document.body.dataset.vscodeThemeKind = `vscode-${name}`;
    },

    rgb,
  };
})();
