/**
 * The panel's Explore tab in headless Chromium, with the extension's own host side
 * (ExploreClient, GenerationViews) and a real generation worker behind it (generationHost.ts),
 * exploring a model trained on part of names.txt at test time: the bars are the model's exact
 * distribution (checked against the same model computed here, in plain JavaScript), clicking
 * `e` then `m` shows the context the model sees and the new bars, Draw to the End finishes a
 * name, the best names and a name read letter by letter (rank buckets, probabilities, top 5
 * guesses, percentile); the Generate tab's creativity and top-k applied to the bars; the
 * keyboard (every bar and letter reachable and named); the themes and a 400 px wide panel
 * (screenshots). The time from a click to the new bars on screen is measured and printed,
 * never asserted.
 */
import * as assert from 'node:assert/strict';
import { decodeCheckpoint } from '../../src/core/checkpoint';
import { rankBucket } from '../../src/core/distribution';
import { explorerModelOf, ModelExplorer } from '../../src/core/explorer';
import type { ToWebview } from '../../src/shared/messages';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../src/shared/generateControls';
import { formatProbability } from '../../src/shared/readingText';
import { initialRunState } from '../../src/shared/runState';
import { BARS_SHOWN } from '../../webview/lib/exploration';
import { citiesModel, generationModel } from './fixtures';
import { liveHost, targetOf, type LiveHost } from './generationHost';
import { eventually, webviewPages, type ThemeName, type WebviewPage } from './harness';
import { GenerateControlsStore } from '../../src/extension/generation/generateControlsStore';
import { memento } from '../unit/extension/helpers';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const latencies: number[] = [];

describe('Explore tab (headless Chromium, a real worker behind it)', function () {
  this.timeout(180_000);
  const pages = webviewPages();
  let bytes: Uint8Array;
  let explorer: ModelExplorer;
  const hosts: LiveHost[] = [];

  before(async () => {
    bytes = await generationModel();
    explorer = new ModelExplorer(explorerModelOf(decodeCheckpoint(bytes)), 'plain');
  });

  afterEach(() => {
    for (const h of hosts.splice(0)) h.dispose();
  });

  after(() => {
    if (latencies.length === 0) return;
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(
      `      prefix change → new bars on screen (${sorted.length} changes): median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`,
    );
  });

  async function openExplorer(
    theme: ThemeName = 'dark',
    viewport = { width: 1100, height: 1000 },
    extra: ToWebview[] = [],
    controls?: GenerateControls,
  ): Promise<{ p: WebviewPage; host: LiveHost }> {
    const target = targetOf(bytes);
    // The Generate controls the user left for this list (what the Explore tab's bars apply).
    const store = new GenerateControlsStore(memento(), () => undefined);
    if (controls) await store.save('panel', target.info.key, controls);
    const host = liveHost(target, store);
    hosts.push(host);
    const p = await pages.open('panel', theme, { viewport, onPost: host.onPost });
    host.attach(p);
    await p.send([IDLE, ...extra, { type: 'showTab', tab: 'explore' }]);
    await p.page.locator('.bars .bar-row').first().waitFor();
    await p.page.locator('.best-names .best-name').first().waitFor();
    return { p, host };
  }

  const contextShown = (p: WebviewPage): Promise<string[]> => p.page.locator('.context-box').allInnerTexts();
  const barSymbols = (p: WebviewPage): Promise<(string | null)[]> =>
    p.page.locator('.bar-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')));
  const barValues = (p: WebviewPage): Promise<string[]> => p.page.locator('.bar-row .bar-value').allInnerTexts();

  /** The bars as the model gives them here: symbols most probable first, and their percentages as shown. */
  function expectedBars(prefix: string): { symbols: string[]; values: string[] } {
    const answer = explorer.next(prefix);
    const order = answer.logp.map((lp, v) => ({ v, p: Math.exp(lp) })).sort((a, b) => b.p - a.p || a.v - b.v);
    return { symbols: order.map((o) => answer.table.symbols[o.v]!), values: order.map((o) => formatProbability(o.p)) };
  }

  it('shows every next character, the end of the name included, exactly as the model gives them; clicking e then m moves the context', async () => {
    const { p } = await openExplorer();
    assert.deepEqual(await contextShown(p), explorer.next('').context, 'the padding dots of the lecture');
    assert.ok(explorer.next('').context.every((c) => c === '.'));
    const start = expectedBars('');
    assert.deepEqual(await barSymbols(p), start.symbols);
    assert.deepEqual(await barValues(p), start.values);
    assert.equal(await p.page.locator('.bar-row.end').count(), 1, 'the end of the name is a bar');
    assert.match(await p.page.locator('.entropy-line').innerText(), /^Entropy \d\.\d\d nats: about [\d.]+ equally likely choices\.$/);

    await p.page.locator('.bar-row[data-symbol="e"]').click();
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('e').context));
    await p.page.locator('.bar-row[data-symbol="m"]').click();
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('em').context));
    assert.deepEqual(explorer.next('em').context.slice(-3), ['.', 'e', 'm']);
    assert.equal(await p.page.locator('.prefix-input').inputValue(), 'em');
    await eventually(async () => assert.deepEqual(await barSymbols(p), expectedBars('em').symbols));
    assert.deepEqual(await barValues(p), expectedBars('em').values);
    const entropy = explorer.next('em').entropy;
    assert.match(await p.page.locator('.entropy-line').innerText(), new RegExp(`^Entropy ${entropy.toFixed(2)} nats`));
    // The best names continue the prefix, most probable first, as the search finds them here.
    await eventually(async () =>
      assert.deepEqual(
        await p.page.locator('.best-name .name').allInnerTexts(),
        explorer.search('em', 10).names.map((n) => n.name),
      ),
    );
    assert.match(await p.page.locator('.names-note').innerText(), /exact best-first search/);
    latencies.push(...(await p.measures(BARS_SHOWN)));
    await p.screenshot('explore-em-dark');

    // Backspace removes one character (the button, then the key on a bar).
    await p.page.getByRole('button', { name: 'Remove the last character' }).click();
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('e').context));
    await p.page.locator('.bar-row').first().focus();
    await p.page.keyboard.press('Backspace');
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('').context));
    assert.equal(await p.page.locator('.prefix-input').inputValue(), '');
  });

  it('Draw to the End samples until the name ends, then reads it letter by letter', async () => {
    const { p } = await openExplorer();
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    await p.page.locator('.prefix-input').fill('em');
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('em').context));
    await p.page.getByRole('button', { name: 'Draw to the End' }).click();
    await p.page.locator('.explore-status', { hasText: /ends here: a complete name/ }).waitFor({ timeout: 60_000 });
    const name = await p.page.locator('.prefix-input').inputValue();
    assert.ok(name.startsWith('em') && name.length > 2, name);
    await eventually(async () => assert.equal(await p.page.locator('.read-input').inputValue(), name));
    await eventually(async () => assert.equal(await p.page.locator('.letters .letter').count(), [...name].length + 1));
    const reading = explorer.read(name);
    assert.deepEqual(
      await p.page.locator('.letters .letter').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-bucket'))),
      reading.letters.map((l) => l.bucket),
    );

    // One Draw with motion: the highlight runs, then one character is appended.
    await p.page.emulateMedia({ reducedMotion: 'no-preference' });
    await p.page.locator('.prefix-input').fill('');
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('').context));
    await p.page.getByRole('button', { name: 'Draw', exact: true }).click();
    await p.page.locator('.bar-row.drawing').first().waitFor();
    await p.page.locator('.explore-status', { hasText: /^Drew / }).waitFor();
    await eventually(async () => assert.equal([...(await p.page.locator('.prefix-input').inputValue())].length <= 1, true));
  });

  it('reads a name letter by letter: rank buckets with a legend, probabilities, the top 5 guesses, the percentile among the list', async () => {
    const { p } = await openExplorer();
    await p.page.locator('.read-input').fill('xzavier');
    const letters = p.page.locator('.letters .letter');
    await eventually(async () => assert.equal(await letters.count(), 8));
    const reading = explorer.read('xzavier');
    for (const [k, l] of reading.letters.entries()) {
      const cell = letters.nth(k);
      assert.equal(await cell.getAttribute('data-bucket'), rankBucket(l.rank));
      const label = (await cell.getAttribute('aria-label'))!;
      assert.ok(label.includes(`probability ${formatProbability(l.p)}`), label);
      assert.ok(label.includes(`rank ${l.rank}`), label);
      assert.equal(await cell.locator('.guesses li').count(), 5, 'the top 5 guesses under each letter');
    }
    assert.equal(await letters.last().locator('.letter-char').innerText(), '.', 'the end of the name, as a dot');
    const summary = await p.page.locator('.read-summary').innerText();
    assert.match(
      summary,
      new RegExp(
        `^${reading.surprisal.toFixed(2)} nats per character · more typical than ${Math.round(reading.percentile!)} % of names\\.txt`,
      ),
    );
    assert.deepEqual(await p.page.locator('.rank-legend li').allTextContents(), [
      '●a the model’s first guess',
      '◐a among its top 3',
      '○a among its top 10',
      '✕a beyond its top 10',
    ]);
    // Hover shows a letter's sentence in the readout.
    await letters.nth(1).hover();
    assert.equal(await p.page.locator('.letter-readout').innerText(), await letters.nth(1).getAttribute('aria-label'));

    // A character the model does not know: said, nothing read.
    await p.page.locator('.read-input').fill('zoë');
    await p.page.locator('.read-summary', { hasText: 'The model does not know “ë”' }).waitFor();
    await p.page.locator('.prefix-input').fill('zö');
    await p.page.locator('.explore-status.problem', { hasText: 'The model does not know "ö"' }).waitFor();
  });

  it('applies the Generate tab’s creativity and top-k to the bars, and says so', async () => {
    const { p } = await openExplorer('dark', { width: 1100, height: 1000 }, [], { ...DEFAULT_CONTROLS, temperature: 0.5, topK: '3' });
    await p.page.locator('.sampling-line', { hasText: "the Generate tab's creativity 0.5 and top-k 3 applied" }).waitFor();
    const values = await barValues(p);
    const drawn = values.filter((v) => !v.startsWith('0 %'));
    assert.equal(drawn.length, 3, `only the top 3 can be drawn: ${values.join(' | ')}`);
    // Sampled probabilities of the top 3: p^(1/T) renormalised; the model's own in brackets.
    const answer = explorer.next('');
    const top = answer.logp
      .map((lp) => Math.exp(lp))
      .sort((a, b) => b - a)
      .slice(0, 3);
    const z = top.reduce((s, x) => s + x * x, 0);
    assert.deepEqual(
      drawn,
      top.map((x) => `${formatProbability((x * x) / z)} (${formatProbability(x)})`),
    );
    assert.equal(await p.page.locator('.bar-row.excluded').count(), answer.logp.length - 3);
    assert.match(await p.page.locator('.entropy-line').innerText(), /as sampled \(the model's own: /);
  });

  it('the keyboard: every bar, name and letter is reachable with Tab and named for screen readers', async () => {
    const { p } = await openExplorer();
    const bars = p.page.locator('.bar-row');
    const n = await bars.count();
    for (let i = 0; i < n; i++)
      assert.match((await bars.nth(i).getAttribute('aria-label'))!, /^(“.”|end of the name): [\d.]+ %\. (Append .|End the name here)\.$/);
    // Tab from the prefix field reaches the buttons, then every bar in order.
    await p.page.locator('.prefix-input').focus();
    /** Whether the focused element has this class. */
    const focusedHas = (cls: string): Promise<boolean> =>
      p.page.evaluate(
        (c) =>
          (
            globalThis as unknown as { document: { activeElement: { classList: { contains(c: string): boolean } } | null } }
          ).document.activeElement?.classList.contains(c) ?? false,
        cls,
      );
    let reached = 0;
    for (let i = 0; i < 40 && reached < n; i++) {
      await p.page.keyboard.press('Tab');
      if (await focusedHas('bar-row')) reached++;
    }
    assert.equal(reached, n, 'every bar is a Tab stop');
    // Enter on a focused bar appends its character.
    await bars.nth(0).focus();
    const first = await bars.nth(0).getAttribute('data-symbol');
    await p.page.keyboard.press('Enter');
    await eventually(async () => assert.equal(await p.page.locator('.prefix-input').inputValue(), first));
    assert.equal(await focusedHas('bar-row'), true, 'the focus stays on the bars');

    // The best names' Read buttons and the letters.
    const read = p.page.locator('.best-name button').first();
    assert.match((await read.getAttribute('aria-label'))!, /^Read \S+ letter by letter \(number 1, probability [\d.]+ %\)$/);
    await read.focus();
    await p.page.keyboard.press('Enter');
    const letters = p.page.locator('.letters .letter');
    await letters.first().waitFor();
    assert.equal(
      await p.page.locator('.letters').getAttribute('aria-label'),
      `${await p.page.locator('.read-input').inputValue()}, read letter by letter`,
    );
    const count = await letters.count();
    await letters.first().focus();
    for (let i = 1; i < count; i++) {
      await p.page.keyboard.press('Tab');
      assert.equal(await focusedHas('letter'), true, `letter ${i} is a Tab stop`);
    }
    assert.match((await letters.last().getAttribute('aria-label'))!, /^the end of the name: probability/);
    assert.equal(
      await p.page.locator('.letter-readout').innerText(),
      await letters.last().getAttribute('aria-label'),
      'focus shows the letter’s sentence too',
    );
  });

  it('a name’s Read in the Generate tab, and a text the host sends, open it in the Explore tab', async () => {
    const { p } = await openExplorer();
    await p.page.getByRole('tab', { name: 'Generate' }).click();
    const row = p.page.locator('.results-card .name-row').first();
    await row.waitFor();
    const name = (await row.getAttribute('data-name'))!;
    await row.getByRole('button', { name: `Read ${name} letter by letter` }).click();
    await eventually(async () => assert.equal(await p.page.locator('[role="tab"][aria-selected="true"]').textContent(), 'Explore'));
    await eventually(async () => assert.equal(await p.page.locator('.read-input').inputValue(), name));
    await eventually(async () => assert.equal(await p.page.locator('.letters .letter').count(), [...name].length + 1));

    await p.post({ type: 'exploreText', text: 'ava', mode: 'read' });
    await eventually(async () => assert.equal(await p.page.locator('.letters .letter').count(), 4));
    await p.post({ type: 'exploreText', text: 'ka', mode: 'prefix' });
    await eventually(async () => assert.deepEqual(await contextShown(p), explorer.next('ka').context));
  });

  for (const theme of ['light', 'high-contrast'] as const) {
    it(`reads in the ${theme} theme: the bucket styles differ by more than colour`, async () => {
      const { p } = await openExplorer(theme);
      await p.page.locator('.prefix-input').fill('em');
      await p.page.locator('.read-input').fill('xzavier');
      await p.page.locator('.letters .letter').nth(7).waitFor();
      const styles = await p.page
        .locator('.rank-legend .legend-sample')
        .evaluateAll((els) =>
          els.map(
            (e) =>
              (globalThis as unknown as { getComputedStyle(e: unknown): { textDecorationStyle: string } }).getComputedStyle(e)
                .textDecorationStyle,
          ),
        );
      assert.deepEqual(styles, ['solid', 'dashed', 'dotted', 'wavy']);
      await p.screenshot(`explore-${theme}`);
    });
  }

  it('a large alphabet (334 symbols): the 40 most probable bars, the end among them, all on request; Draw draws from every symbol', async () => {
    const cities = await citiesModel();
    const host = liveHost(targetOf(cities, 'cities.csv'));
    hosts.push(host);
    const p = await pages.open('panel', 'dark', { viewport: { width: 1100, height: 1000 }, onPost: host.onPost });
    host.attach(p);
    await p.send([IDLE, { type: 'showTab', tab: 'explore' }]);
    await p.page.locator('.bars .bar-row').first().waitFor();
    const symbols = decodeCheckpoint(cities).vocabulary.size;
    assert.equal(await p.page.locator('.bar-row').count(), 40);
    assert.equal(await p.page.locator('.bar-row.end').count(), 1, 'the end of the name is always shown');
    const more = p.page.getByRole('button', { name: `Show all ${symbols} symbols` });
    await more.click();
    await eventually(async () => assert.equal(await p.page.locator('.bar-row').count(), symbols));
    await p.page.getByRole('button', { name: 'Show the 40 most probable' }).click();
    await eventually(async () => assert.equal(await p.page.locator('.bar-row').count(), 40));
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    await p.page.getByRole('button', { name: 'Draw', exact: true }).click();
    await p.page.locator('.explore-status', { hasText: /^Drew |ends here|can end a name/ }).waitFor();
  });

  it('fits a 400 px wide panel: everything wraps, nothing scrolls sideways', async () => {
    const { p } = await openExplorer('dark', { width: 400, height: 1400 });
    await p.page.locator('.prefix-input').fill('em');
    await p.page.locator('.read-input').fill('xzavier');
    await p.page.locator('.letters .letter').nth(7).waitFor();
    const overflow = await p.page.evaluate(() => {
      type El = { className: string; tagName: string; getBoundingClientRect(): { right: number } };
      const doc = (
        globalThis as unknown as {
          document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): El[] };
        }
      ).document;
      const root = doc.documentElement;
      const wide = [...doc.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
        .map((e) => `${e.tagName}.${e.className}`);
      return { scroll: root.scrollWidth, client: root.clientWidth, wide: wide.slice(0, 12) };
    });
    assert.ok(overflow.scroll <= overflow.client, `no horizontal scrolling: ${JSON.stringify(overflow)}`);
    for (const label of ['Draw', 'Draw to the End', 'Clear', 'Read It']) {
      const box = await p.page.getByRole('button', { name: label, exact: true }).boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 400, `${label} is within the panel: ${JSON.stringify(box)}`);
    }
    await p.screenshot('explore-400px');
  });
});
