/**
 * Writes the README's screenshots of the panel and the sidebar (docs/images/) from a real run
 * on the whole of names.txt, replayed into the test pages in dark, light and high-contrast
 * themes; and of the Sweep and Learning rate views, from a sweep of the hidden layer's size on a
 * third of names.txt (small models underfit, the largest overfits) and the notebook's
 * learning-rate search (SGD, 1e-3 → 1) on all of it. Run by hand after a UI change:
 * `npm run build && npx tsx test/browser/docsScreenshots.ts` (about three minutes: most of it
 * is training).
 *
 * With `--vscode`, it also trains in a real VS Code (code-server, with this repository as the
 * extension under development, via the harness of the real-VS-Code tests) and saves the whole
 * window, panel and sidebar view beside the editor, in the dark theme and after switching to
 * the light one (a few minutes more; code-server is installed on first use).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ToWebview } from '../../src/shared/protocol';
import { initialRunState } from '../../src/shared/runState';
import { launchBrowser as launchHarnessBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { ensureTools } from '../harness/tools';
import { Workbench } from '../harness/workbench';
import { namesText } from '../unit/helpers/data';
import { launchBrowser, WebviewPage, type ThemeName } from './harness';
import { recordLrFind, recordRun, recordSweep } from './record';
import { startServer } from './server';

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'docs/images');
const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const EXTENSION_ID = 'makemore.makemore-vscode';

/** Trains on names.txt in code-server and saves the window in the dark, then the light theme. */
async function inVsCode(): Promise<void> {
  const tools = ensureTools();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-docs-'));
  fs.writeFileSync(path.join(workspace, 'names.txt'), namesText());
  const server = await startCodeServer(tools, {
    open: workspace,
    smokeTestDriver: true,
    settings: { 'makemore.training.steps': 2500, 'workbench.colorTheme': 'Default Dark Modern' },
  });
  const browser = await launchHarnessBrowser(tools);
  try {
    const wb = await Workbench.open(browser, server.url([['extensionDevelopmentPath', server.remoteUri(ROOT)], ['skipWelcome', 'true']]), OUT);
    await wb.openFile('names.txt');
    await wb.runCommand('Makemore: Train on File');
    const panel = await wb.webview(EXTENSION_ID, '.run-header');
    await wb.showViewContainer('Makemore');
    await panel.locator('.status-badge', { hasText: 'Finished' }).waitFor({ timeout: 600_000 });
    await (await wb.webview(EXTENSION_ID, '.sidebar')).locator('.status-badge', { hasText: 'finished' }).waitFor();
    await wb.clearNotifications().catch(() => undefined);
    console.log(path.relative(ROOT, await wb.screenshot('vscode-dark')));
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await wb.page.locator('.monaco-workbench.vs').waitFor();
    await wb.page.waitForTimeout(1000);
    console.log(path.relative(ROOT, await wb.screenshot('vscode-light')));
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

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

    const sweep = await recordSweep({
      every: 3,
      config: { steps: 1500, weightDecay: 0, seed: 7 },
      settings: [4, 16, 64, 256, 1024].map((hiddenSize) => ({ hiddenSize })),
    });
    const lr = await recordLrFind({ every: 1, config: { optimizer: 'sgd', blockSize: 3, embeddingSize: 10, hiddenSize: 200, batchSize: 32 }, steps: 1000 });
    for (const theme of ['dark', 'light'] as ThemeName[]) {
      for (const [name, messages] of [['sweep', sweep.messages], ['lr', lr.messages]] as const) {
        const panel = await WebviewPage.open(browser, server, 'panel', theme, { width: 1100, height: 700 });
        await panel.send([IDLE, ...run.messages, ...messages]);
        await save(panel, `panel-${name}-${theme}`);
        await panel.close();
      }
    }
    const sidebar = await WebviewPage.open(browser, server, 'sidebar', 'dark', { width: 300, height: 240 });
    const last = sweep.started.settings.length - 1;
    const i = sweep.messages.findIndex((m) => m.type === 'events' && m.events.some((e) => e.type === 'sweepRunProgress' && e.index === last && e.progress > 0.4));
    await sidebar.send([IDLE, { type: 'activeModel', name: 'names' }, ...run.messages, ...sweep.messages.slice(0, i + 1)]);
    await save(sidebar, 'sidebar-sweep-dark');
  } finally {
    await browser.close();
    await server.close();
  }
  if (process.argv.includes('--vscode')) await inVsCode();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
