/**
 * The panel at any width from 400 px (half a laptop screen, beside an editor), in headless
 * Chromium: on every tab — Training, Runs, Sweep, Learning rate, Generate — no horizontal
 * scrollbar anywhere (the page or a box in it), every button and link inside the view's width
 * and not cut, the tab labels whole, names wrapped instead of cut, and the Runs table's Use as
 * Active reachable without scrolling. Screenshots at 400 px, 800 px and full width in dark,
 * light and high contrast (test-results/browser/narrow-*.png).
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { comparedRecordings, generationModel, lrFindRecording, mainRecording, sweepRecording } from './fixtures';
import { liveHost, targetOf, type LiveHost } from './generationHost';
import { webviewPages, type ThemeName, type WebviewPage } from './harness';
import { activeModelLabelOf, fileRuns, focusMessage, type LrFindRecording, type Recording, type SweepRecording } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const WIDTHS = [400, 800, 1440] as const;
const THEMES: readonly ThemeName[] = ['dark', 'light', 'high-contrast'];

async function assertFits(p: WebviewPage, what: string): Promise<void> {
  const fit = await p.fit();
  assert.deepEqual(fit, { pageOverflow: 0, scrolling: [], cut: [], tabs: [] }, `${what}: everything fits`);
}

describe('the panel from 400 px wide (headless Chromium)', function () {
  this.timeout(300_000);
  const pages = webviewPages();
  let run: Recording;
  let compared: [Recording, Recording];
  let sweep: SweepRecording;
  let lr: LrFindRecording;
  let bytes: Uint8Array;
  const hosts: LiveHost[] = [];

  before(async () => {
    [run, compared, sweep, lr, bytes] = await Promise.all([
      mainRecording(),
      comparedRecordings(),
      sweepRecording(),
      lrFindRecording(),
      generationModel(),
    ]);
  });

  afterEach(() => {
    for (const h of hosts.splice(0)) h.dispose();
  });

  /** The panel at `width` on `tab`, sent what the host would send for it. */
  async function panelOn(tab: 'train' | 'runs' | 'sweep' | 'lrFind' | 'generate', theme: ThemeName, width: number): Promise<WebviewPage> {
    const viewport = { width, height: 900 };
    if (tab === 'generate') {
      const host = liveHost(targetOf(bytes));
      hosts.push(host);
      const p = await pages.open('panel', theme, { viewport, onPost: host.onPost });
      host.attach(p);
      await p.send([IDLE, { type: 'showTab', tab: 'generate' }]);
      await p.page.locator('.results-card .name-row').first().waitFor();
      await p.page.locator('.results-card .results-line', { hasText: /names? in \d/ }).waitFor();
      return p;
    }
    const p = await pages.open('panel', theme, { viewport });
    if (tab === 'train') {
      await p.send([IDLE, focusMessage(await activeModelLabelOf(run.started.listName)), ...run.messages]);
      await p.page.locator('.training-view .status-badge', { hasText: 'Finished' }).waitFor();
    } else if (tab === 'runs') {
      const [first, second] = compared;
      await p.send([
        IDLE,
        ...first.messages,
        ...second.messages,
        focusMessage(await activeModelLabelOf(first.started.listName)),
        { type: 'runs', runs: await fileRuns(first.started.listName) },
        { type: 'showTab', tab: 'runs' },
      ]);
      await p.page.locator('.runs-table tbody tr.run').nth(1).waitFor();
    } else {
      await p.send([IDLE, focusMessage(null), ...(tab === 'sweep' ? sweep.messages : lr.messages)]);
      await p.page.locator(`.${tab === 'sweep' ? 'sweep' : 'lr'}-view .status-badge`, { hasText: 'Finished' }).waitFor();
    }
    return p;
  }

  for (const tab of ['train', 'runs', 'sweep', 'lrFind', 'generate'] as const) {
    it(`${tab}: nothing scrolls sideways, every button is whole, at 400, 800 and 1,440 px (screenshots in three themes)`, async () => {
      for (const theme of THEMES) {
        for (const width of WIDTHS) {
          // One theme at every width; the others at 400 px, where a colour problem would show first.
          if (theme !== 'dark' && width !== 400) continue;
          const p = await panelOn(tab, theme, width);
          await p.screenshot(`narrow-${tab}-${width}-${theme}`);
          await assertFits(p, `${tab} at ${width} px (${theme})`);
        }
      }
    });
  }

  it('Runs at 400 px: Use as Active and Delete are on screen for every run, and post their actions', async () => {
    const p = await panelOn('runs', 'dark', 400);
    const [, second] = compared;
    const use = p.page.locator(`tr.run[data-run="${second.run.id}"] [data-action="activate"]`);
    const box = await use.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 400, `Use as Active within the view: ${JSON.stringify(box)}`);
    await use.click();
    await p.waitForPosted((m) => m.type === 'runAction' && m.action === 'activate' && m.runId === second.run.id);
  });

  it('tab labels are whole at 400 px; long names wrap, not cut', async () => {
    const p = await panelOn('train', 'dark', 400);
    // A long sample and a long list name: shown whole, on two lines if they must.
    const long = 'Shumwramicaleontrivenderazzoparallelogrammatically';
    await p.send([{ type: 'events', events: [{ type: 'samples', words: [long, 'ann'] }] }]);
    await p.page.locator('.sample-list .sample', { hasText: long }).waitFor();
    const labels = await p.page.locator('.tab-label').allInnerTexts();
    assert.deepEqual(
      labels.map((l) => l.toLowerCase()),
      ['training', 'runs', 'sweep', 'learning rate', 'generate', 'explore'],
    );
    // Every sample is shown whole (wrapped if it must).
    const cut = await p.page
      .locator('.sample-list .sample')
      .evaluateAll(
        (els) =>
          els.filter(
            (e) =>
              (e as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth >
              (e as unknown as { clientWidth: number }).clientWidth + 1,
          ).length,
      );
    assert.equal(cut, 0, 'no sample is cut');
    assert.equal(await p.page.locator('.sample-list .sample', { hasText: long }).innerText(), long);
    const { height } = (await p.page.locator('.sample-list .sample', { hasText: long }).boundingBox())!;
    assert.ok(height > 30, `the long name wraps onto more lines (${height} px high)`);
    await assertFits(p, 'a long sample at 400 px');
  });
});
