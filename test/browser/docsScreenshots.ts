/**
 * Writes the README's screenshots of the panel and the sidebar (docs/images/) from a real run
 * on the whole of names.txt, replayed into the test pages in dark, light and high-contrast
 * themes. Run by hand after a UI change: `npm run build && npx tsx test/browser/docsScreenshots.ts`
 * (about a minute: most of it is the training run).
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
import { recordRun } from './record';
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
