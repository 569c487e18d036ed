/**
 * The README's pictures of the extension in a real VS Code (docs/images/vscode-*.png), taken the
 * way the scenarios run it: code-server with the packaged extension installed from its VSIX,
 * driven through headless Chromium as a user would.
 *
 *   vscode-dark.png, vscode-light.png  the default training on the whole of names.txt, finished:
 *                                      the Loss view in the sidebar, the word list and the panel
 *                                      beside it (Dark Modern, then Light Modern)
 *   vscode-sweep.png                   the Sweep tab after sweeping the hidden layer's size (4 to
 *                                      1,024 units, 10 s per run, chosen in the quick picks) on
 *                                      every twelfth name: small models underfit, large ones
 *                                      overfit
 *   vscode-runs.png                    the Runs view of that list: the sweep's best run, kept, and
 *                                      a default training after it, compared
 *   vscode-select-model.png            Select Model: the runs of both lists, grouped by list
 *
 * Run by hand after a UI change: `npm run package && npx tsx test/e2e/readmeScreenshots.ts`
 * (about three minutes, most of it training).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../harness/browser';
import { startCodeServer } from '../harness/codeServer';
import { ensureTools } from '../harness/tools';
import { Workbench } from '../harness/workbench';
import { namesList } from '../unit/helpers/data';

const ROOT = path.resolve(__dirname, '../..');
const VSIX = path.join(ROOT, 'out/makemore.vsix');
const OUT = path.join(ROOT, 'docs/images');
const EXTENSION_ID = 'makemore.makemore-vscode';
/** Long enough for a training on all of names.txt on a busy machine. */
const TRAINING_TIMEOUT = 600_000;

async function main(): Promise<void> {
  if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first.`);
  const tools = ensureTools();
  // The folder's name is the window's title.
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-readme-'));
  const folder = path.join(home, 'names');
  fs.mkdirSync(folder);
  const names = namesList();
  fs.writeFileSync(path.join(folder, 'names.txt'), names.join('\n') + '\n');
  fs.writeFileSync(path.join(folder, 'names-small.txt'), names.filter((_, i) => i % 12 === 11).join('\n') + '\n');
  const server = await startCodeServer(tools, {
    open: folder,
    vsix: [VSIX],
    // VS Code's default themes; Toggle between Light/Dark Themes switches between the preferred two.
    settings: {
      'workbench.colorTheme': 'Default Dark Modern',
      'workbench.preferredDarkColorTheme': 'Default Dark Modern',
      'workbench.preferredLightColorTheme': 'Default Light Modern',
    },
  });
  const browser = await launchBrowser(tools);
  try {
    const wb = await Workbench.open(browser, server.url(), OUT);
    const saved = (file: string) => console.log(path.relative(ROOT, file));

    // The default training on names.txt.
    await wb.showViewContainer('Makemore');
    await wb.dragRightEdge('.part.sidebar', 40); // room for the model's name
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('names.txt');
    await wb.runCommand('Makemore: Train on File');
    const panel = await wb.webview(EXTENSION_ID, '.tab-bar');
    await panel.locator('.training-view .status-badge', { hasText: 'Finished' }).waitFor({ timeout: TRAINING_TIMEOUT });
    await sidebar.locator('.status-badge', { hasText: 'finished' }).waitFor();
    await wb.notification(/^Makemore trained on names\.txt/).waitFor();
    await wb.clearNotifications();
    saved(await wb.screenshot('vscode-dark'));
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await wb.page.locator('.monaco-workbench.vs').waitFor();
    await wb.page.waitForTimeout(1000); // the webviews repaint their charts in the new colours
    saved(await wb.screenshot('vscode-light'));
    await wb.runCommand('Preferences: Toggle between Light/Dark Themes');
    await wb.page.locator('.monaco-workbench.vs-dark').waitFor();

    // A sweep of the hidden size on the small list, chosen in the quick picks.
    await wb.openFile('names-small.txt');
    await wb.runCommand('Makemore: Sweep Hyperparameters');
    await wb.quickPickTitled('Makemore: Sweep Hyperparameters on names-small.txt');
    await wb.answerQuickPick({});
    await wb.answerQuickPick({ type: '4, 16, 64, 256, 1024', row: '5 runs' });
    await wb.answerQuickPick({ row: '10 s per run' });
    await wb.notification(/^Makemore swept 5 settings on names-small\.txt/).waitFor({ timeout: TRAINING_TIMEOUT });
    await panel.locator('.sweep-view .status-badge', { hasText: 'Finished' }).waitFor();
    await wb.clearNotifications();
    // Room for the whole table: a taller window, the panel wider than the word list.
    await wb.page.setViewportSize({ width: 1440, height: 1080 });
    await wb.runCommand('View: Close Other Editors in Group');
    await wb.dragRightEdge('.part.editor .editor-group-container', -250);
    await wb.page.waitForTimeout(1000); // the chart redraws at its new width
    saved(await wb.screenshot('vscode-sweep'));

    // Keep the sweep's best run, train the list with the defaults, and compare the two runs.
    await wb.runCommand('Makemore: Keep Best Sweep Model');
    await wb.notification(/^Makemore keeps the sweep's best run/).waitFor();
    await wb.clearNotifications();
    await wb.openFile('names-small.txt');
    await wb.runCommand('Makemore: Train on File');
    const trained = wb.notification(/^Makemore trained on names-small\.txt/);
    await trained.waitFor({ timeout: TRAINING_TIMEOUT });
    await trained.getByRole('button', { name: 'Compare Runs' }).click();
    await panel.locator('.runs-table tbody tr.run').nth(1).waitFor();
    await wb.clearNotifications();
    await wb.page.waitForTimeout(1000);
    saved(await wb.screenshot('vscode-runs'));

    // Select Model: the runs of both lists, grouped by list.
    await wb.runCommand('Makemore: Select Model');
    await wb.quickPickTitled('Makemore: Select Model');
    await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'active model' }).first().waitFor();
    saved(await wb.screenshot('vscode-select-model'));
    await wb.page.keyboard.press('Escape');
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
