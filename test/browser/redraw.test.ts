/**
 * Views that do not slow the training (issue 19), in headless Chromium on a recorded run: while a
 * job runs, the panel and the sidebar redraw a few times a second however fast messages come,
 * and not at all while the page is hidden — catching up when it shows. (How much of the page's
 * main thread they take is the benchmark's to measure: `npm run bench:views`.)
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { mainRecording } from './fixtures';
import { webviewPages, type WebviewPage } from './harness';
import type { Recording } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

/** The recording's messages up to the first progress event, and the progress messages after it, one per batch. */
function split(r: Recording): { start: ToWebview[]; progress: ToWebview[] } {
  const first = r.messages.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'trainProgress'));
  const progress = r.messages.slice(first + 1).filter((m) => m.type === 'events' && m.events.every((e) => e.type === 'trainProgress'));
  return { start: r.messages.slice(0, first + 1), progress };
}

/** Counts the changes of the text of `selector` from now on (`window.__changes`). */
async function countChanges(p: WebviewPage, selector: string): Promise<void> {
  await p.page.evaluate((sel) => {
    const w = globalThis as unknown as {
      __changes: number;
      document: { querySelector(s: string): unknown };
      MutationObserver: new (cb: () => void) => { observe(n: unknown, o: unknown): void };
    };
    w.__changes = 0;
    new w.MutationObserver(() => w.__changes++).observe(w.document.querySelector(sel), {
      childList: true,
      characterData: true,
      subtree: true,
    });
  }, selector);
}

/** Posts `messages` one every `ms` milliseconds, as a host whose job reports fast. */
async function postEvery(p: WebviewPage, messages: ToWebview[], ms: number): Promise<void> {
  await p.page.evaluate(
    async ([list, wait]) => {
      for (const m of list) {
        (globalThis as unknown as { postMessage(m: unknown, o: string): void }).postMessage(m, '*');
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
    },
    [messages, ms] as const,
  );
}

/** Makes the page report itself hidden (or shown again), as a minimised window or a background tab does. */
async function setHidden(p: WebviewPage, hidden: boolean): Promise<void> {
  // A script as text: the test's own transpiler would wrap a getter in a helper the page lacks.
  await p.page.evaluate(
    `Object.defineProperty(document, 'visibilityState', { configurable: true, get() { return ${JSON.stringify(hidden ? 'hidden' : 'visible')}; } });
     document.dispatchEvent(new Event('visibilitychange'));`,
  );
}

describe('redraws while training (headless Chromium)', function () {
  this.timeout(180_000);
  let run: Recording;
  const pages = webviewPages();

  before(async () => {
    run = await mainRecording();
  });

  for (const [kind, selector] of [
    ['panel', '.training-view .status-line'],
    ['sidebar', 'dd[data-stat="step"]'],
  ] as const) {
    it(`the ${kind} redraws a few times a second while a run trains, however fast its messages come`, async () => {
      const { start, progress } = split(run);
      // 40 progress messages, made from the recording's first (how many it has depends on how fast
      // the machine trained it): each a step further, so each one changes what is shown.
      const first = progress[0]?.type === 'events' ? progress[0].events.at(-1) : undefined;
      assert.ok(first?.type === 'trainProgress', 'a progress event recorded');
      const fast: ToWebview[] = Array.from({ length: 40 }, (_, i) => ({
        type: 'events',
        events: [{ ...first, step: first.step + i + 1 }],
      }));
      const p = await pages.open(kind);
      await p.send([IDLE, ...start]);
      await p.page.locator(selector).waitFor();
      await countChanges(p, selector);
      // 40 messages, one every 50 ms (20 a second: twice what the host sends) — 2 s.
      const began = Date.now();
      await postEvery(p, fast, 50);
      const seconds = (Date.now() - began) / 1000;
      const changes = await p.page.evaluate(() => (globalThis as unknown as { __changes: number }).__changes);
      // At most 4 renders a second while a job runs (webview/lib/session.ts), and one more at either end.
      assert.ok(changes >= 1, 'it shows the progress');
      assert.ok(changes <= Math.ceil(seconds * 4) + 2, `${changes} redraws in ${seconds.toFixed(1)} s`);
    });
  }

  it('a hidden page does not redraw; shown again, it shows the latest state at once', async () => {
    const { start, progress } = split(run);
    const p = await pages.open('panel');
    await p.send([IDLE, ...start]);
    const line = p.page.locator('.training-view .status-line');
    await line.waitFor();
    const before = await line.innerText();
    await setHidden(p, true);
    await countChanges(p, '.training-view');
    await postEvery(p, progress.slice(0, 10), 50);
    await p.page.waitForTimeout(1200); // past the 1 s clock tick, which a shown page redraws at
    assert.equal(
      await p.page.evaluate(() => (globalThis as unknown as { __changes: number }).__changes),
      0,
      'nothing redrawn while hidden',
    );
    assert.equal(await line.innerText(), before);
    await setHidden(p, false);
    const last = progress[9]!;
    const step = last.type === 'events' ? last.events.at(-1) : undefined;
    assert.ok(step?.type === 'trainProgress');
    await p.page
      .locator('.training-view .status-line', { hasText: `Step ${step.step.toLocaleString('en-US')} of` })
      .waitFor({ timeout: 5000 });
  });
});
