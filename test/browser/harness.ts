/**
 * Drives a webview test page in headless Debian Chromium (playwright-core, never a downloaded
 * browser): opens the panel or the sidebar in a theme, plays the host's part (waits for
 * `ready`, sends messages), reads what the webview posted and saved, collects CSP violations
 * and script errors, inspects canvas pixels (pages/probe.js), and writes screenshots to
 * test-results/browser/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/shared/messages';
import type { WebviewKind } from '../../src/shared/webviewHtml';
import { launchBrowser as launchChromium } from '../harness/browser';
import { ensureChromium } from '../harness/tools';
import * as assert from 'node:assert/strict';
import { startServer, type TestServer } from './server';

export type ThemeName = 'light' | 'dark' | 'high-contrast';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/browser');
const PROBE = path.join(__dirname, 'pages/probe.js');

/** What a webview saves with setState (webview/lib/session.ts): its own UI state only. */
export interface SavedState {
  version: number;
  ui: Record<string, unknown>;
}

export interface PixelCount {
  drawn: number;
  matching: number;
  total: number;
}

/** Debian Chromium as the other browser layers launch it ($CHROMIUM_PATH overrides which). */
export function launchBrowser(): Promise<Browser> {
  return launchChromium({ chromium: process.env.CHROMIUM_PATH ?? ensureChromium() });
}

/**
 * The hooks every webview suite needs — the test server and the browser, started before and
 * closed after; after each test, every page it opened is checked for CSP violations, console
 * errors and exceptions, then closed — and `open` for the suite's pages.
 */
export function webviewPages(): { open(kind: WebviewKind, theme?: ThemeName, options?: OpenOptions): Promise<WebviewPage> } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const pages: WebviewPage[] = [];
  before(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    for (const p of pages.splice(0)) {
      assert.deepEqual(await p.problemsSoFar(), [], 'no CSP violation, console error or exception');
      await p.close();
    }
  });
  return {
    open: async (kind, theme = 'dark', options = {}) => {
      const p = await WebviewPage.open(browser!, server!, kind, theme, options.viewport, options);
      pages.push(p);
      return p;
    },
  };
}

/** Retries `check` until it passes (or rethrows its last failure after `timeout` ms). */
export async function eventually(check: () => Promise<void>, timeout = 5_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      await check();
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Plays the host live: called with every message the webview posts, as it posts it. */
  onPost?(message: FromWebview): void;
}

/** Calls `window.__probe[name](...args)` or reads `window[name]` in the page. */
type PageCall = { probe: string; args: unknown[] } | { global: string };

export class WebviewPage {
  /** Console errors and warnings, and uncaught exceptions, as text. */
  private readonly problems: string[] = [];

  private constructor(readonly page: Page) {}

  static async open(
    browser: Browser,
    server: TestServer,
    kind: WebviewKind,
    theme: ThemeName,
    viewport = kind === 'panel' ? { width: 1100, height: 980 } : { width: 320, height: 440 },
    options: Pick<OpenOptions, 'onPost'> = {},
  ): Promise<WebviewPage> {
    const page = await browser.newPage({ viewport });
    const view = new WebviewPage(page);
    if (options.onPost) await page.exposeFunction('__toHost', options.onPost);
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') view.problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => view.problems.push(`page error: ${e.message}`));
    await page.addInitScript({ path: PROBE });
    await page.goto(`${server.origin}/${kind}.html?theme=${theme}`);
    await view.waitForPosted((m) => m.type === 'ready');
    return view;
  }

  private run<T>(call: PageCall): Promise<T> {
    return this.page.evaluate((c) => {
      const w = globalThis as unknown as Record<string, unknown> & { __probe: Record<string, (...a: unknown[]) => unknown> };
      return 'probe' in c ? w.__probe[c.probe](...c.args) : w[c.global];
    }, call) as Promise<T>;
  }

  /** The messages the webview posted since it loaded (or since `clearPosted`). */
  posted(): Promise<FromWebview[]> {
    return this.run({ global: '__posted' });
  }

  async clearPosted(): Promise<void> {
    await this.page.evaluate(() => {
      (globalThis as unknown as { __posted: unknown[] }).__posted.length = 0;
    });
  }

  async waitForPosted(predicate: (m: FromWebview) => boolean, timeout = 10_000): Promise<FromWebview> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = (await this.posted()).find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`The webview did not post the expected message; it posted ${JSON.stringify(await this.posted())}`);
      await this.page.waitForTimeout(25);
    }
  }

  /** Delivers host messages, `perFrame` per animation frame, as a run's batches would arrive. */
  async send(messages: ToWebview[], perFrame = 4): Promise<void> {
    await this.run({ probe: 'deliver', args: [messages, perFrame] });
  }

  /** Delivers one host message now (a live host's answer), as VS Code does: a window message event. */
  async post(message: ToWebview): Promise<void> {
    await this.page.evaluate((m) => (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*'), message);
  }

  /** User Timing measures of the page named `name`, in ms (webview/generate/generateView.ts FIRST_NAMES). */
  measures(name: string): Promise<number[]> {
    return this.page.evaluate(
      (n) =>
        (globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } }).performance
          .getEntriesByName(n)
          .map((e) => e.duration),
      name,
    );
  }

  /** The state the webview saved with setState (kept in sessionStorage by the stub). */
  async savedState(): Promise<SavedState | undefined> {
    const saved = await this.page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vscode-webview-state'),
    );
    return saved === null ? undefined : (JSON.parse(saved) as SavedState);
  }

  async waitForSavedState(predicate: (s: SavedState) => boolean, timeout = 10_000): Promise<SavedState> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const state = await this.savedState();
      if (state && predicate(state)) return state;
      if (Date.now() > deadline) throw new Error(`The webview did not save the expected state (saved: ${JSON.stringify(state)}).`);
      await this.page.waitForTimeout(50);
    }
  }

  /** Reloads the document in the same tab (sessionStorage, i.e. the saved state, survives). */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.waitForPosted((m) => m.type === 'ready');
  }

  /** CSP violations, console errors and warnings, and uncaught exceptions so far. */
  async problemsSoFar(): Promise<string[]> {
    return [...(await this.run<string[]>({ probe: 'violations', args: [] })), ...this.problems];
  }

  /** Durations (ms) of the main-thread tasks over 50 ms since the page loaded. */
  longTasks(): Promise<number[]> {
    return this.run({ probe: 'longTasks', args: [] });
  }

  /**
   * Pixels of the canvas inside `selector`: drawn at all, and drawn in `colour` (a CSS colour, a
   * `--vscode-*` variable, or `@` and the selector of a chart key swatch).
   */
  canvasPixels(selector: string, colour?: string): Promise<PixelCount> {
    return this.run({ probe: 'canvasPixels', args: [selector, colour] });
  }

  /** The RGB of `colour` (as for `canvasPixels`) in the page. */
  rgb(colour: string): Promise<number[]> {
    return this.run({ probe: 'rgb', args: [colour] });
  }

  /** RGBA of the canvas pixel inside `selector` at CSS coordinates relative to the canvas. */
  pixelAt(selector: string, x: number, y: number): Promise<number[]> {
    return this.run({ probe: 'pixelAt', args: [selector, x, y] });
  }

  canvasChecksum(selector: string): Promise<number> {
    return this.run({ probe: 'canvasChecksum', args: [selector] });
  }

  /** What does not fit the page's width (pages/probe.js `fit`): all empty when everything fits. */
  fit(): Promise<{ pageOverflow: number; scrolling: string[]; cut: string[]; tabs: string[] }> {
    return this.run({ probe: 'fit', args: [] });
  }

  async setTheme(theme: ThemeName): Promise<void> {
    await this.run({ probe: 'setTheme', args: [theme] });
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
