/**
 * The Generate views in headless Chromium — the panel's Generate tab and the sidebar's section
 * — with the extension's own host side (GenerationViews) and a real generation worker behind
 * them (generationHost.ts), generating from a model trained on part of names.txt at test time:
 * names that meet the controls, refreshed as they change; problems shown at their field before
 * anything is asked; tags and typicality; whole names, however long; favourites kept across a
 * reload; insert, copy, export and the keyboard; an honest shortfall; the themes (screenshots).
 * The time from a control change to the first names on screen is measured and printed, never
 * asserted.
 */
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { GeneratedName } from '../../src/core/generated';
import type { FromWebview, GenerationTarget, ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { FIRST_NAMES, TAG_LABELS, typicalityShare } from '../../webview/lib/generation';
import { generationModel } from './fixtures';
import { liveHost, targetOf, type LiveHost, namedModel } from './generationHost';
import { eventually, webviewPages, type ThemeName, type WebviewPage } from './harness';
import { focusMessage } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const latencies: number[] = [];

describe('Generate views (headless Chromium, a real worker behind them)', function () {
  this.timeout(180_000);
  const pages = webviewPages();
  let bytes: Uint8Array;
  const hosts: LiveHost[] = [];

  before(async () => {
    bytes = await generationModel();
  });

  afterEach(() => {
    for (const h of hosts.splice(0)) h.dispose();
  });

  after(() => {
    if (latencies.length === 0) return;
    const sorted = [...latencies].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(
      `      control change → first names on screen (${sorted.length} changes, typing delay included): median ${median.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  });

  /** The panel on its Generate tab, played by a live host. */
  async function openPanel(
    theme: ThemeName = 'dark',
    viewport = { width: 1100, height: 900 },
  ): Promise<{ p: WebviewPage; host: LiveHost }> {
    const host = liveHost(targetOf(bytes));
    hosts.push(host);
    const p = await pages.open('panel', theme, { viewport, onPost: host.onPost });
    host.attach(p);
    await p.send([IDLE, { type: 'showTab', tab: 'generate' }]);
    await p.page.locator('.results-card .name-row').first().waitFor();
    return { p, host };
  }

  const rows = (p: WebviewPage, card = '.results-card'): Locator => p.page.locator(`${card} .name-row`);
  const shownNames = (p: WebviewPage, card = '.results-card'): Promise<string[]> =>
    p.page.locator(`${card} .name-row .name`).allInnerTexts();
  const field = (p: WebviewPage, name: string): Locator => p.page.locator(`[data-field="${name}"]`).first();
  const lastRequest = (host: LiveHost) =>
    host.posted.filter((m): m is Extract<FromWebview, { type: 'generate' }> => m.type === 'generate').at(-1)!;
  /** Waits for the results of the latest request to be on screen (not the previous ones, dimmed). */
  const settled = async (p: WebviewPage, card = '.results-card'): Promise<void> => {
    await p.page.locator(`${card} .name-list:not(.stale)`).waitFor();
    await p.page.locator(`${card} .results-line`, { hasText: /names? in \d|Found|Stopped/ }).waitFor();
  };

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`generates names from the model at once, with their tags and typicality, in the ${theme} theme`, async () => {
      const { p } = await openPanel(theme);
      await settled(p);
      assert.equal(await rows(p).count(), 100, 'the default count');
      assert.match(await p.page.locator('.results-line').innerText(), /^100 names in [\d,]+ ms \([\d,]+ tries\)\.$/);
      assert.match(await p.page.locator('.model-line').innerText(), /^Model: names\.txt · dev \d\.\d{3} · trained /);
      assert.deepEqual(new Set(await p.page.locator('.results-card .tag').allInnerTexts()), new Set(['new']), 'new names only by default');
      const bar = p.page.locator('.results-card .typicality').first();
      const share = Number(await bar.getAttribute('aria-valuenow'));
      assert.ok(share > 0 && share <= 100, `a typicality bar (${share}%)`);
      // The tag's colour is the theme's.
      const border = await p.page
        .locator('.results-card .tag')
        .first()
        .evaluate(
          (el) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { borderTopColor: string } }).getComputedStyle(el).borderTopColor,
        );
      assert.equal(border.replace(/\s/g, ''), `rgb(${(await p.rgb('--vscode-charts-green')).join(',')})`);
      await p.screenshot(`generate-panel-${theme}`);
    });
  }

  it('refreshes as controls change; every name meets them; a problem shows at its field and nothing is asked', async () => {
    const { p, host } = await openPanel();
    await field(p, 'startsWith').click();
    await p.page.keyboard.type('kai');
    await field(p, 'minLength').fill('5');
    await field(p, 'maxLength').fill('7');
    await eventually(async () => {
      const r = lastRequest(host).request;
      assert.deepEqual([r.startsWith, r.minLength, r.maxLength, r.newOnly], ['kai', 5, 7, true]);
    });
    await settled(p);
    const names = await shownNames(p);
    assert.ok(names.length > 0);
    for (const n of names) assert.ok(n.toLowerCase().startsWith('kai') && n.length >= 5 && n.length <= 7, n);
    latencies.push(...(await p.measures(FIRST_NAMES)));

    // Characters the model does not know: said at the field, and not asked for.
    const asked = host.posted.filter((m) => m.type === 'generate').length;
    await field(p, 'endsWith').fill('aé');
    const problem = p.page.locator('.field-endsWith .field-problem');
    await problem.waitFor();
    assert.equal(await problem.innerText(), 'The model does not know "é" (in "ends with" "aé"): its word list has no such character.');
    assert.equal(await field(p, 'endsWith').getAttribute('aria-invalid'), 'true');
    await field(p, 'minLength').fill('9');
    await p.page
      .locator('.field-minLength .field-problem', { hasText: 'The minimum length (9) is above the maximum length (7).' })
      .waitFor();
    await p.page.waitForTimeout(300);
    assert.equal(host.posted.filter((m) => m.type === 'generate').length, asked, 'no request while a control is wrong');
    await field(p, 'minLength').fill('5');
    await field(p, 'endsWith').fill('a');
    await eventually(async () => assert.equal(lastRequest(host).request.endsWith, 'a'));
    assert.equal(await p.page.locator('.field-problem:visible').count(), 0, 'problems cleared');
    await settled(p);
    for (const n of await shownNames(p)) assert.ok(/^kai.{1,3}a$/i.test(n), n);
    latencies.push(...(await p.measures(FIRST_NAMES)).slice(1));

    // The creativity slider: keyboard, words, and a request with the temperature.
    await field(p, 'temperature').focus();
    for (let i = 0; i < 3; i++) await p.page.keyboard.press('ArrowLeft');
    await eventually(async () => assert.equal(lastRequest(host).request.temperature, 0.85));
    assert.match(
      await p.page.locator('.slider-words').innerText(),
      /^Lower gives safer, more typical names; higher, more surprising ones\. Now safer/,
    );
    // The controls survive a reload (the webview's saved state).
    await p.reload();
    host.attach(p);
    await p.send([IDLE, { type: 'showTab', tab: 'generate' }]);
    await eventually(async () => assert.equal(await field(p, 'startsWith').inputValue(), 'kai'));
    assert.equal(await field(p, 'endsWith').inputValue(), 'a');
  });

  it('tags names of the list, and says how each ranks', async () => {
    const { p, host } = await openPanel();
    await p.page.locator('[data-field="newOnly"]').click();
    await field(p, 'temperature').fill('0.5');
    await eventually(async () =>
      assert.deepEqual([lastRequest(host).request.newOnly, lastRequest(host).request.temperature], [false, 0.5]),
    );
    await settled(p);
    const tags = new Set(await p.page.locator('.results-card .tag').allInnerTexts());
    assert.ok(tags.has(TAG_LABELS.train) && tags.has(TAG_LABELS.new), `names of the list and new ones: ${[...tags]}`);
    // Each bar is the name's typicality on the model's scale.
    const dev = targetOf(bytes).info.model!.dev;
    const bars = await p.page
      .locator('.results-card .typicality')
      .evaluateAll((els) => els.map((el) => [el.getAttribute('title') ?? '', Number(el.getAttribute('aria-valuenow'))] as const));
    for (const [title, share] of bars) {
      const lp = Number(/^Typicality (−?[\d.]+) /.exec(title)![1]!.replace('−', '-'));
      assert.ok(Math.abs(share - typicalityShare(lp, dev) * 100) <= 1, `${title}: ${share}%`);
    }
  });

  it('shows every name whole — long ones wrap, nothing is cut — at any width', async () => {
    const p = await pages.open('panel', 'dark', { viewport: { width: 520, height: 800 } });
    const long = 'Maximiliana-Wilhelmina-Theodora-Konstantinopolitanische-Hohenzollern';
    const target: GenerationTarget = targetOf(bytes).info;
    const names: GeneratedName[] = [long, 'ana', `${long}-${long}`.slice(0, 128)].map((name, i) => ({
      name,
      tag: (['new', 'train', 'heldout'] as const)[i]!,
      logProbPerChar: -2 - i,
    }));
    await p.send([IDLE, { type: 'showTab', tab: 'generate' }, { type: 'generationTarget', target }]);
    const request = (await p.waitForPosted((m) => m.type === 'generate')) as Extract<FromWebview, { type: 'generate' }>;
    await p.send([
      { type: 'generatedNames', id: request.id, names, progress: { found: 3, requested: 100, tries: 40 } },
      { type: 'generateEnded', id: request.id, summary: { requested: 100, tries: 40, ended: 'done', rejected: {}, seconds: 0.01 } },
    ]);
    await rows(p).nth(2).waitFor();
    const boxes = await p.page.locator('.results-card .name-row .name').evaluateAll((els) =>
      els.map((el) => ({
        text: el.textContent,
        fits: el.scrollWidth <= el.clientWidth + 1,
        height: el.getBoundingClientRect().height,
        right: el.getBoundingClientRect().right,
      })),
    );
    const rowRight = (await rows(p).first().boundingBox())!;
    for (const [i, b] of boxes.entries()) {
      assert.equal(b.text, names[i]!.name, 'the whole name');
      assert.ok(b.fits, `${b.text} is not cut`);
      assert.ok(b.right <= rowRight.x + rowRight.width, 'inside its row');
    }
    assert.ok(boxes[0]!.height > boxes[1]!.height * 1.5, 'a long name wraps onto more lines');
    assert.deepEqual(await p.page.locator('.results-card .tag').allInnerTexts(), ['new', 'in the list', 'in the list (held out)']);
    await p.screenshot('generate-panel-narrow');
  });

  it('stars names into the favourites, which survive a reload; removes, inserts, copies and exports them', async () => {
    const { p, host } = await openPanel();
    await settled(p);
    const [a, b] = (await shownNames(p)).slice(0, 2);
    await rows(p).nth(0).locator('button.star').click();
    await rows(p).nth(1).locator('button.star').click();
    const favs = p.page.locator('.favourites-card .name-row .name');
    await eventually(async () => assert.deepEqual(await favs.allInnerTexts(), [a, b]));
    assert.equal(await rows(p).nth(0).locator('button.star').getAttribute('aria-pressed'), 'true');
    assert.match(await p.page.locator('.favourites-card h2').innerText(), /^Favourites of names\.txt \(2\)$/i);
    assert.deepEqual(
      (await host.favourites.list(targetOf(bytes).info.key!)).map((n) => n.name),
      [a, b],
      'stored by the host',
    );

    await p.reload();
    host.attach(p);
    await p.send([IDLE, { type: 'showTab', tab: 'generate' }]);
    await eventually(async () => assert.deepEqual(await favs.allInnerTexts(), [a, b]));

    await host.posted.splice(0);
    await p.page.locator('.favourites-card vscode-button', { hasText: 'Insert All' }).click();
    await p.page.locator('.favourites-card vscode-button', { hasText: 'Copy All' }).click();
    await p.page.locator('.favourites-card vscode-button', { hasText: 'Export…' }).click();
    await eventually(async () => assert.equal(host.posted.filter((m) => m.type !== 'generate').length, 3));
    const others = host.posted.filter((m) => m.type !== 'generate');
    assert.deepEqual(others[0], { type: 'insertNames', names: [a, b] });
    assert.deepEqual(others[1], { type: 'copy', text: `${a}\n${b}` });
    assert.ok(others[2]!.type === 'export' && others[2].from === 'favourites' && others[2].names.map((n) => n.name).join() === `${a},${b}`);

    await p.page.locator('.favourites-card .name-row').nth(0).locator('button.star').click();
    await eventually(async () => assert.deepEqual(await favs.allInnerTexts(), [b]));
  });

  it('inserts and copies a name by mouse or keyboard; Stop, Regenerate and the shortfall line', async () => {
    const { p, host } = await openPanel();
    await settled(p);
    const first = (await shownNames(p))[0]!;
    host.posted.splice(0);
    await rows(p).first().locator('button[data-action="insert"]').click();
    await rows(p).first().locator('button[data-action="copy"]').click();
    // The keyboard: Tab from the row's Insert button reaches Copy, then the star.
    await rows(p).first().locator('button[data-action="insert"]').focus();
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Enter');
    await p.page.keyboard.press('Tab');
    await p.page.keyboard.press('Space');
    await eventually(async () => assert.equal(host.posted.filter((m) => m.type === 'favourite').length, 1));
    assert.deepEqual(
      host.posted.filter((m) => m.type !== 'generate' && m.type !== 'favourite'),
      [
        { type: 'insert', text: first },
        { type: 'copy', text: first },
        { type: 'copy', text: first },
      ],
    );
    // Regenerate: new names, same controls.
    const before = await shownNames(p);
    await p.page.locator('.results-card vscode-button', { hasText: 'Regenerate' }).click();
    await eventually(async () => assert.notDeepEqual(await shownNames(p), before));
    // (Almost) never met: the search gives up after 10,000 tries in a row without a new name (core/constraints.ts STALL_TRIES), and the line says so.
    await field(p, 'endsWith').fill('xx');
    await field(p, 'count').fill('50');
    await p.page
      .locator('.results-line.shortfall', {
        hasText:
          /^Found \d+ of 50 after [\d,]+ tries: (no name meets these constraints|none of the last 10,000 gave a new name) — most were rejected by .*; loosen a constraint\.$/,
      })
      .waitFor({ timeout: 120_000 });
    // Stop: a long request that keeps finding names (1,000 ending in "x": the whole budget of tries) ends with the names so far.
    await field(p, 'count').fill('1000');
    await field(p, 'endsWith').fill('x');
    await p.page.locator('.results-line', { hasText: 'Generating…' }).waitFor();
    await p.page.locator('.results-card vscode-button', { hasText: 'Stop' }).click();
    await p.page.locator('.results-line', { hasText: /^Stopped: found [\d,]+ of 1,000 after [\d,]+ tries\.$/ }).waitFor();
  });

  it('without a model: says so, and offers to train', async () => {
    const p = await pages.open('panel');
    await p.send([
      IDLE,
      { type: 'showTab', tab: 'generate' },
      { type: 'generationTarget', target: { document: 'draft.txt', key: null, list: 'draft.txt', model: null } },
    ]);
    await p.page.getByText('No model for draft.txt yet: train one on it, then generate names here.').waitFor();
    await p.page.locator('.generate-view vscode-button', { hasText: 'Train on Current File' }).click();
    await p.waitForPosted((m) => m.type === 'command' && m.command === 'train');
    assert.equal((await p.posted()).filter((m) => m.type === 'generate').length, 0);
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`the sidebar's Generate section: a few names a click from the cursor (${theme})`, async () => {
      const host = liveHost(targetOf(bytes));
      hosts.push(host);
      const p = await pages.open('sidebar', theme, { viewport: { width: 320, height: 760 }, onPost: host.onPost });
      host.attach(p);
      await p.send([IDLE, focusMessage(namedModel('names.txt · dev 2.140'))]);
      await settled(p, '.sidebar-generate');
      assert.equal(await rows(p, '.sidebar-generate').count(), 10);
      await field(p, 'startsWith').fill('Br');
      await eventually(async () => {
        const names = await shownNames(p, '.sidebar-generate');
        assert.ok(names.length === 10 && names.every((n) => n.startsWith('br')), `names that start with "br" (case ignored): ${names}`);
      });
      const name = (await shownNames(p, '.sidebar-generate'))[0]!;
      await rows(p, '.sidebar-generate').first().locator('button[data-action="insert"]').click();
      await p.page.getByText('More in the Generate tab').click();
      await eventually(async () => {
        assert.ok(host.posted.some((m) => m.type === 'insert' && m.text === name));
        assert.ok(host.posted.some((m) => m.type === 'command' && m.command === 'showGenerate'));
      });
      await p.screenshot(`generate-sidebar-${theme}`);
    });
  }
});
