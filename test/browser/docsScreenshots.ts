/**
 * Writes the README's screenshots of the panel and the sidebar (docs/images/) from a real run
 * on the whole of names.txt, replayed into the test pages in dark, light and high-contrast
 * themes. Run by hand after a UI change: `npm run build && npx tsx test/browser/docsScreenshots.ts`
 * (about a minute: most of it is the training run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ToWebview } from '../../src/shared/protocol';
import { initialRunState } from '../../src/shared/runState';
import { launchBrowser, WebviewPage, type ThemeName } from './harness';
import { recordRun } from './record';
import { startServer } from './server';

const OUT = path.resolve(__dirname, '../../docs/images');
const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

async function main(): Promise<void> {
  const run = await recordRun({ every: 1, config: { steps: 4000 } });
  const half = run.messages.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'progress' && e.step >= 1800));
  const during = run.messages.slice(0, half + 1);
  const server = await startServer();
  const browser = await launchBrowser();
  fs.mkdirSync(OUT, { recursive: true });
  const save = async (p: WebviewPage, name: string): Promise<void> => {
    await p.page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    console.log(`docs/images/${name}.png`);
  };
  try {
    for (const theme of ['dark', 'light', 'high-contrast'] as ThemeName[]) {
      const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 900 });
      await panel.send([IDLE, { type: 'activeModel', name: null }, ...run.messages]);
      // Show the nearest neighbours of a vowel.
      const a = panel.page.locator('[data-testid="embedding-labels"] li', { hasText: /^a$/ });
      const [x, y] = await Promise.all([a.getAttribute('data-x'), a.getAttribute('data-y')]);
      await panel.page.locator('.embedding-chart .u-over').click({ position: { x: Number(x), y: Number(y) } });
      await panel.page.locator('.neighbours .symbol-chip').first().waitFor();
      await panel.page.mouse.move(0, 0);
      await save(panel, `panel-${theme}`);
      await panel.close();

      const sidebar = await WebviewPage.open(browser, server, 'sidebar', theme, { width: 300, height: 330 });
      await sidebar.send([IDLE, { type: 'activeModel', name: 'names' }, ...during]);
      await save(sidebar, `sidebar-${theme}`);
      await sidebar.close();
    }
    const training = await WebviewPage.open(browser, server, 'panel', 'dark', { width: 1100, height: 900 });
    await training.send([IDLE, ...during]);
    await save(training, 'panel-training-dark');
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
