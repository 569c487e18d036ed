/**
 * Writes the README's screenshots of the panel and the sidebar (docs/images/) from a real run
 * on the whole of names.txt, replayed into the test pages in dark, light and high-contrast
 * themes; and of the Sweep and Learning rate views, from a sweep of the hidden layer's size on a
 * third of names.txt (small models underfit, the largest overfits) and the notebook's
 * learning-rate search (SGD, 1e-3 → 1) on all of it; of the Runs view, comparing that run with
 * two more runs of names.txt (fewer steps and hidden units; another learning rate), kept in a run
 * store as the host keeps them; and of the Generate tab and the sidebar's Generate section, with
 * a real worker generating from the defaults' model of names.txt (generationHost.ts). Run by hand
 * after a UI change: `npm run build && npx tsx test/browser/docsScreenshots.ts` (about ten minutes
 * on 2 cores: most of it is training; `-- --generate-only` for the Generate views alone, beside a
 * shorter run).
 *
 * The screenshots of the whole VS Code window come from test/e2e/readmeScreenshots.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { liveHost, targetOf, namedModel } from './generationHost';
import type { Browser } from 'playwright-core';
import { launchBrowser, WebviewPage, type ThemeName } from './harness';
import { citiesRecording } from './fixtures';
import { activeModelLabelOf, fileRuns, recordLrFind, recordRun, recordSweep, trainModel, focusMessage } from './record';
import { startServer, type TestServer } from './server';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs/images');
const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

/** The Generate tab and the sidebar's Generate section (the sidebar showing `runMessages`), a real worker behind them. */
async function generateShots(
  browser: Browser,
  server: TestServer,
  save: (p: WebviewPage, name: string) => Promise<void>,
  runMessages: ToWebview[],
): Promise<void> {
  const model = await trainModel({ every: 1, config: {} });
  for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
    // One live host per page.
    const host = liveHost(targetOf(model));
    const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 820 }, { onPost: host.onPost });
    host.attach(panel);
    await panel.send([IDLE, { type: 'showTab', tab: 'generate' }]);
    await panel.page.locator('.results-card .name-row').first().waitFor();
    await panel.page.locator('[data-field="startsWith"]').fill('ka');
    await panel.page.locator('[data-field="minLength"]').fill('4');
    await panel.page.locator('[data-field="maxLength"]').fill('7');
    await panel.page.waitForTimeout(1500);
    for (const i of [1, 4, 6]) await panel.page.locator('.results-card .name-row').nth(i).locator('button.star').click();
    await panel.page.locator('.favourites-card .name-row').nth(2).waitFor();
    await panel.page.locator('.results-card .name-row').nth(2).hover();
    await save(panel, `panel-generate-${theme}`);
    await panel.close();
    host.dispose();

    const sideHost = liveHost(targetOf(model));
    const side = await WebviewPage.open(browser, server, 'sidebar', theme, { width: 300, height: 700 }, { onPost: sideHost.onPost });
    sideHost.attach(side);
    await side.send([IDLE, focusMessage(namedModel('names.txt · dev 1.985')), ...runMessages]);
    await side.page.locator('.sidebar-generate .name-row').nth(9).waitFor();
    await side.page.mouse.move(0, 0);
    await save(side, `sidebar-generate-${theme}`);
    await side.close();
    sideHost.dispose();
  }
}

async function main(): Promise<void> {
  const onlyGenerate = process.argv.includes('--generate-only');
  const run = await recordRun({ every: onlyGenerate ? 4 : 1, config: { steps: onlyGenerate ? 600 : 4000 } });
  const half = run.messages.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'trainProgress' && e.step >= 1800));
  const during = run.messages.slice(0, half + 1);
  const active = await activeModelLabelOf(run.started.listName);
  const server = await startServer();
  const browser = await launchBrowser();
  fs.mkdirSync(OUT, { recursive: true });
  const save = async (p: WebviewPage, name: string): Promise<void> => {
    await p.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    console.log(`docs/images/${name}.png`);
  };
  try {
    if (onlyGenerate) {
      await generateShots(browser, server, save, run.messages);
      return;
    }
    for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
      const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 900 });
      await panel.send([IDLE, focusMessage(active), ...run.messages]);
      // Show the nearest neighbours of a vowel (found with the search box, selected with Enter).
      const search = panel.page.locator('.embedding-chart .symbol-search');
      await search.fill('a');
      await search.press('Enter');
      await panel.page.locator('.neighbours .symbol-chip').first().waitFor();
      await search.fill('');
      await panel.page.mouse.move(0, 0);
      await save(panel, `panel-${theme}`);
      await panel.close();

      const sidebar = await WebviewPage.open(browser, server, 'sidebar', theme, { width: 300, height: 330 });
      await sidebar.send([IDLE, focusMessage(active), ...during]);
      await save(sidebar, `sidebar-${theme}`);
      await sidebar.close();
    }
    // The embedding scatter at 333 symbols (a CSV of city names): fitted, zoomed in, a symbol found.
    const cities = await citiesRecording();
    for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
      const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 1150 });
      await panel.send([IDLE, focusMessage(null), ...cities.messages]);
      await panel.page.locator('.status-badge', { hasText: 'Finished' }).waitFor();
      await panel.page.locator('.embedding-chart .symbol-search').fill(' ');
      await save(panel, `panel-cities-${theme}`);
      if (theme === 'dark') {
        const box = (await panel.page.locator('.embedding-chart .u-over').boundingBox())!;
        await panel.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        for (let i = 0; i < 5; i++) await panel.page.mouse.wheel(0, -240);
        await panel.page.locator('.embedding-chart .zoom-note', { hasText: 'zoom' }).waitFor();
        await panel.page.waitForTimeout(300);
        await panel.page.locator('.embedding-chart').screenshot({ path: path.join(OUT, 'embedding-zoomed-dark.png') });
        console.log('docs/images/embedding-zoomed-dark.png');
      }
      await panel.close();
    }
    const training = await WebviewPage.open(browser, server, 'panel', 'dark', { width: 1100, height: 900 });
    await training.send([IDLE, ...during]);
    await save(training, 'panel-training-dark');

    const sweep = await recordSweep({
      every: 3,
      config: { steps: 1500, weightDecay: 0, seed: 7 },
      settings: [4, 16, 64, 256, 1024].map((hiddenSize) => ({ hiddenSize })),
    });
    const lr = await recordLrFind({
      every: 1,
      config: { optimizer: 'sgd', blockSize: 3, embeddingSize: 10, hiddenSize: 200, batchSize: 32 },
      steps: 1000,
    });
    for (const theme of ['dark', 'light'] as ThemeName[]) {
      for (const [name, messages] of [
        ['sweep', sweep.messages],
        ['lr', lr.messages],
      ] as const) {
        const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 700 });
        await panel.send([IDLE, ...run.messages, ...messages]);
        await save(panel, `panel-${name}-${theme}`);
        await panel.close();
      }
    }
    // The Runs view: two more runs of names.txt, worse than the first, which stays active.
    const smaller = await recordRun({ every: 1, config: { steps: 1500, hiddenSize: 128 } });
    const slower = await recordRun({ every: 1, config: { steps: 2000, learningRate: 0.002 } });
    const runs = await fileRuns(run.started.listName);
    const activeNow = await activeModelLabelOf(run.started.listName);
    for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
      const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 760 });
      await panel.send([
        IDLE,
        ...run.messages,
        ...smaller.messages,
        ...slower.messages,
        focusMessage(activeNow),
        { type: 'runs', runs },
        { type: 'showTab', tab: 'runs' },
      ]);
      await panel.page.locator('.runs-table tbody tr.run').nth(2).waitFor();
      await save(panel, `panel-runs-${theme}`);
      await panel.close();
    }
    const notActive = await WebviewPage.open(browser, server, 'sidebar', 'dark', { width: 300, height: 360 });
    await notActive.send([IDLE, focusMessage(activeNow), ...slower.messages]);
    await save(notActive, 'sidebar-not-active-dark');
    await notActive.close();
    await generateShots(browser, server, save, run.messages);

    const sidebar = await WebviewPage.open(browser, server, 'sidebar', 'dark', { width: 300, height: 240 });
    const last = sweep.started.settings.length - 1;
    const i = sweep.messages.findIndex(
      (m) => m.type === 'events' && m.events.some((e) => e.type === 'sweepRunProgress' && e.index === last && e.progress > 0.4),
    );
    await sidebar.send([IDLE, focusMessage(active), ...run.messages, ...sweep.messages.slice(0, i + 1)]);
    await save(sidebar, 'sidebar-sweep-dark');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
