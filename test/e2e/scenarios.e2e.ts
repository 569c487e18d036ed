/**
 * User scenarios in a real VS Code: code-server with the packaged extension installed from its
 * VSIX (`npm run package`), driven through headless Chromium the way a new user would — Quick
 * Open, the Command Palette, cursors, notifications, the panel and the sidebar view.
 *
 * The scenarios run in order in one window and build on each other (a model trained in 1 is
 * used by 2 and, after a reload, by 3; 6 keeps a sweep's best run with the runs of names.txt; 8
 * trains a list twice and compares its runs).
 * Each saves screenshots to test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type FrameLocator, type Locator } from 'playwright-core';
import { readCheckpointHeader, type CheckpointHeader } from '../../src/core/checkpoint';
import { launchBrowser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ensureTools } from '../harness/tools';
import { UI_TIMEOUT, Workbench } from '../harness/workbench';
import { QUICK_SETTINGS, createWorkspace, type Workspace } from './workspace';

const ROOT = path.resolve(__dirname, '../..');
const VSIX = path.join(ROOT, 'out/makemore.vsix');
const ARTEFACTS = path.join(ROOT, 'test-results/e2e');
const EXTENSION_ID = 'makemore.makemore-vscode';

/** The part of a canvas element used here (the root tsconfig has no DOM types). */
interface Canvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null;
}

/** Counts the strongly coloured pixels of a canvas: the plotted series, not the grey axes and grid. */
async function colouredPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: Canvas) => {
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 128 && Math.max(r, g, b) - Math.min(r, g, b) > 80) count++;
    }
    return count;
  });
}

/** Pixels of a canvas drawn in `colour` (a CSS `rgb(…)`), give or take a little for anti-aliasing. */
async function pixelsOf(canvas: Locator, colour: string): Promise<number> {
  return canvas.evaluate((c: Canvas, target: string) => {
    const [r0, g0, b0] = (target.match(/\d+/g) ?? []).map(Number);
    const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && Math.abs(data[i] - r0) < 12 && Math.abs(data[i + 1] - g0) < 12 && Math.abs(data[i + 2] - b0) < 12) count++;
    }
    return count;
  }, colour);
}

/** The panel's selected view tab (its accessible name, e.g. `Sweep`). */
function selectedTab(panel: FrameLocator): Promise<string | null> {
  return panel.locator('[role="tab"][aria-selected="true"]').textContent();
}

/** Polls `read` until `done` holds for its value; returns that value. */
async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + UI_TIMEOUT;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what} (last: ${JSON.stringify(value)}).`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('Makemore in VS Code (code-server, installed VSIX)', function () {
  let workspace: Workspace;
  let server: CodeServer;
  let browser: Browser;
  let wb: Workbench;

  const modelsDir = () => path.join(server.dataDir, 'User/globalStorage', EXTENSION_ID, 'runs');
  /** The stored runs' model files with their modification times. */
  const storedModels = (): Record<string, number> => {
    const dir = modelsDir();
    if (!fs.existsSync(dir)) return {};
    return Object.fromEntries(fs.readdirSync(dir).filter((f) => f.endsWith('.makemore')).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
  };
  /** The contents of a stored run's model file. */
  const storedBytes = (file: string): Buffer => fs.readFileSync(path.join(modelsDir(), file));
  /** The header of a stored model file. */
  const storedHeader = (file: string): CheckpointHeader => readCheckpointHeader(fs.readFileSync(path.join(modelsDir(), file)));
  const read = (relative: string) => fs.readFileSync(workspace.path(relative), 'utf8');
  const cursors = () => wb.page.locator('.editor-group-container.active .cursors-layer .cursor');

  before(async function () {
    if (!fs.existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first.`);
    fs.rmSync(ARTEFACTS, { recursive: true, force: true });
    const tools = ensureTools();
    workspace = createWorkspace();
    // Explicit saves only: the scenarios read the editor's text from disk after Ctrl+S.
    server = await startCodeServer(tools, { open: workspace.file, vsix: [VSIX], settings: { 'files.autoSave': 'off' } });
    browser = await launchBrowser(tools);
    wb = await Workbench.open(browser, server.url(), ARTEFACTS);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      const file = await wb.screenshot(`${this.currentTest.title.split('.')[0]}-FAILED`);
      console.log(`      screenshot: ${path.relative(ROOT, file)}; notifications: ${JSON.stringify(await wb.notificationMessages())}`);
    }
  });

  after(async function () {
    await browser?.close();
    if (server) {
      fs.mkdirSync(ARTEFACTS, { recursive: true });
      fs.writeFileSync(path.join(ARTEFACTS, 'code-server.log'), server.output());
      await server.stop();
    }
    workspace?.remove();
  });

  it('1. Train on File: progress notification, panel with its loss chart, sidebar losses, result notification', async function () {
    await wb.showViewContainer('Makemore');
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('quick/names.txt');
    await wb.runCommand('Makemore: Train on File');

    const progress = wb.notification('Makemore: training on names.txt');
    await progress.waitFor();
    await wb.tab('Makemore Training').waitFor();
    const panel = await wb.webview(EXTENSION_ID, '.run');
    const chart = panel.locator('.loss-chart:not(.compact) canvas').first();
    await until(() => colouredPixels(chart), (n) => n > 200, 'the panel to plot the loss');
    for (const stat of ['loss', 'dev loss']) {
      const value = sidebar.locator(`dd[data-stat="${stat}"]`);
      await until(() => value.innerText(), (t) => /^\d+\.\d+$/.test(t.trim()), `the sidebar to show the ${stat}`);
    }
    await wb.screenshot('1-training');

    const result = wb.notification(/^Makemore trained on names\.txt: train \d\.\d+ · dev \d\.\d+/);
    await result.waitFor();
    await progress.waitFor({ state: 'detached' });
    assert.equal(Object.keys(storedModels()).length, 1, 'one model is stored');
    await wb.screenshot('1-trained');
  });

  it('2. Insert Sampled Name at two cursors: two different names, one undo removes both', async function () {
    await wb.clearNotifications();
    await wb.openFile('quick/draft.txt');
    const original = read('quick/draft.txt');
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('End');
    await wb.page.keyboard.press('Shift+Alt+ArrowDown');
    await until(() => cursors().count(), (n) => n === 2, 'two cursors');

    await wb.runCommand('Makemore: Insert Sampled Name');
    await wb.editorLines().first().filter({ hasText: /\S/ }).waitFor();
    await wb.save();
    const names = read('quick/draft.txt').split('\n').slice(0, 2);
    assert.ok(names.every((n) => /^[a-z]{2,}$/.test(n)), `two names: ${JSON.stringify(names)}`);
    assert.notEqual(names[0], names[1]);
    const training = new Set(read('quick/names.txt').split('\n'));
    assert.ok(names.every((n) => !training.has(n)), `novel names (makemore.sampling.novelOnly): ${names}`);
    await wb.screenshot('2-inserted');

    await wb.page.keyboard.press('Control+Z');
    await wb.save();
    assert.equal(read('quick/draft.txt'), original, 'one undo removes both names');
  });

  it('3. after a window reload, Insert Sampled Name uses the stored model without retraining', async function () {
    const models = storedModels();
    await wb.reload();
    await wb.openFile('quick/draft.txt');
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+Home');
    await until(() => cursors().count(), (n) => n === 1, 'one cursor');

    await wb.runCommand('Makemore: Insert Sampled Name');
    await wb.editorLines().first().filter({ hasText: /\S/ }).waitFor();
    await wb.save();
    const [name] = read('quick/draft.txt').split('\n');
    assert.match(name, /^[a-z]{2,}$/);
    assert.deepEqual(await wb.notificationMessages(), [], 'no notification: no offer to train, no training');
    assert.deepEqual(storedModels(), models, 'the stored model is unchanged');
    await wb.screenshot('3-after-reload');
  });

  it('4. Train on File on an empty file: the error message, and nothing else happens', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.clearNotifications();
    const models = storedModels();
    await wb.openFile('quick/empty.txt');
    await wb.runCommand('Makemore: Train on File');

    const error = wb.notification('Makemore cannot train on empty.txt: The file is empty: expected one word per line.');
    await error.waitFor();
    assert.equal(await error.locator('.codicon-error').count(), 1, 'an error notification');
    assert.deepEqual(await wb.notificationMessages(), [await error.locator('.notification-list-item-message').innerText()], 'no other notification');
    assert.equal(await wb.tab('Makemore Training').count(), 0, 'no panel');
    assert.deepEqual(storedModels(), models, 'no model stored');
    await wb.screenshot('4-empty-file');
  });

  it('5. Cancel a long training: it stops, the UI says so, and a later training works', async function () {
    await wb.clearNotifications();
    await wb.openFile('long/long-run.txt');
    await wb.runCommand('Makemore: Train on File');
    const progress = wb.notification(/^Makemore: training on long-run\.txt: step \d/);
    await progress.waitFor();
    const panel = await wb.webview(EXTENSION_ID, '.run');
    await wb.screenshot('5-long-training');

    await progress.getByRole('button', { name: 'Cancel' }).click();
    await wb.notification(/^Makemore stopped training on long-run\.txt at step [\d,]+ and kept the model of step [\d,]+/).waitFor();
    await panel.getByText(/^Stopped at step [\d,]+ of 1,000,000/).waitFor();
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    assert.notEqual(await sidebar.locator('.status-badge').innerText(), 'training');
    await wb.screenshot('5-stopped');

    await wb.clearNotifications();
    await wb.openFile('quick/names.txt');
    await wb.runCommand('Makemore: Train on File');
    await wb.notification(/^Makemore trained on names\.txt: /).waitFor();
    await wb.screenshot('5-trained-again');
  });

  it('6. Sweep Hyperparameters through its quick picks: the Sweep tab fills its table and chart, Keep Best Model stores the best run', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.clearNotifications();
    await wb.showViewContainer('Makemore');
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('quick/names.txt');
    const models = storedModels();
    await wb.runCommand('Makemore: Sweep Hyperparameters');

    // Vary the hidden size (checked already), try 8 and 32 units, the shortest time per run.
    await wb.quickPickTitled('Makemore: Sweep Hyperparameters on names.txt');
    assert.deepEqual(await wb.checkedQuickPickItems(), ['Hidden size']);
    await wb.screenshot('6-pick-settings');
    await wb.answerQuickPick({});
    await wb.quickPickTitled('Makemore: Sweep Hyperparameters: hidden size (2/3)');
    await wb.answerQuickPick({ type: '8, 32', row: /8, 32.*2 runs/ });
    await wb.quickPickTitled('Makemore: Sweep Hyperparameters: 2 runs on names.txt (3/3)');
    await wb.answerQuickPick({ type: '5 s per run', row: '5 s per run' });

    const progress = wb.notification('Makemore: sweeping hyperparameters on names.txt');
    await progress.waitFor();
    await wb.tab('Makemore Training').waitFor();
    const panel = await wb.webview(EXTENSION_ID, '.tab-bar');
    await until(() => selectedTab(panel), (tab) => tab === 'Sweep', 'the panel to show its Sweep tab');
    // Each run trains for 5 s, so the sweep is still under way.
    await panel.locator('.sweep-table tr.run.current').waitFor();
    await wb.screenshot('6-sweeping');

    const result = wb.notification(/^Makemore swept 2 settings on names\.txt\. Best on the dev split: /);
    await result.waitFor();
    await progress.waitFor({ state: 'detached' });
    const message = await result.locator('.notification-list-item-message').innerText();
    const [, bestHidden, bestDev] = /Best on the dev split: hidden (\d+) · dev (\d\.\d{3}) \(train \d\.\d{3}\)\./.exec(message) ?? [];
    assert.ok(bestHidden, message);

    assert.equal(await selectedTab(panel), 'Sweep');
    await panel.locator('.run-header .status-badge', { hasText: 'Finished' }).waitFor();
    const rows = panel.locator('.sweep-table tbody tr.run');
    const cell = (row: Locator, column: string) => row.locator(`td[data-col="${column}"]`).innerText();
    assert.deepEqual(await rows.locator('td.setting').allInnerTexts(), ['8', '32'], 'one row per setting, in order');
    assert.equal(await panel.locator('.sweep-table tbody tr.run.done').count(), 2, 'both runs finished');
    const devs: number[] = [];
    for (const row of await rows.all()) {
      assert.match(await cell(row, 'diagnosis'), /^(best|good|underfit|overfit)$/);
      const [train, dev] = [Number(await cell(row, 'train')), Number(await cell(row, 'dev'))];
      assert.ok(train > 0 && dev > 0, `losses ${train}, ${dev}`);
      devs.push(dev);
    }
    const best = panel.locator('.sweep-table tr.run.best');
    assert.equal(await best.count(), 1, 'one best row');
    assert.equal(await cell(best, 'diagnosis'), 'best');
    assert.equal(await best.locator('td.setting').innerText(), bestHidden, 'the notification and the table agree on the best run');
    const bestRowDev = Number(await cell(best, 'dev'));
    assert.equal(bestRowDev, Math.min(...devs), 'the best run has the lowest dev loss');
    assert.ok(Math.abs(bestRowDev - Number(bestDev)) <= 0.0005 + 1e-9, `dev ${bestRowDev} in the table, ${bestDev} in the notification`);
    const chart = panel.locator('.sweep-chart-card .uplot canvas');
    await until(() => colouredPixels(chart), (n) => n > 100, 'the sweep chart to plot the runs');
    await wb.screenshot('6-swept');

    const activeBefore = await sidebar.locator('.model-name').innerText();
    await result.getByRole('button', { name: 'Keep Best Model' }).click();
    const kept = wb.notification(new RegExp(`^Makemore keeps the sweep's best run \\(hidden ${bestHidden}, dev ${bestDev}\\) as a run of names\\.txt\\. `));
    await kept.waitFor();
    const keptText = await kept.locator('.notification-list-item-message').innerText();
    await panel.locator('.sweep-view .message.success', { hasText: /^✓ Kept as “names\.txt · \d+ \w{3} \d\d:\d\d · dev / }).waitFor();
    const keptName = /Kept as “([^”]+)”/.exec(await panel.locator('.sweep-view .message.success').innerText())![1]!;
    assert.ok(keptName.endsWith(`dev ${bestDev}`), keptName);
    // Kept as a run of names.txt: the active model only if it is better than the active one.
    const becameActive = /it is now the active model of names\.txt\.$/.test(keptText);
    assert.ok(becameActive || /The active model \(dev \d\.\d{3}, .*\) stays\.$/.test(keptText), keptText);
    const expectedName = becameActive ? keptName : activeBefore;
    await until(() => sidebar.locator('.model-name').innerText(), (name) => name === expectedName, 'the sidebar to name the active model');
    const now = storedModels();
    const changed = Object.keys(now).filter((file) => now[file] !== models[file]);
    assert.equal(changed.length, 1, `one model file written: ${JSON.stringify(changed)}`);
    const header = storedHeader(changed[0]);
    assert.equal(header.source.name, 'names.txt');
    assert.equal(header.config.hiddenSize, Number(bestHidden), 'the stored model is the best run');
    assert.equal(header.losses.dev?.toFixed(3), bestDev);
    assert.equal(header.losses.test, null, 'the sweep never evaluates the test split');
    await wb.clearNotifications();
    await panel.locator('.sweep-runs-card').scrollIntoViewIfNeeded();
    await wb.screenshot('6-kept');
  });

  it('7. Find LR from the sidebar: the Learning rate tab plots loss by rate, Use It writes the suggestion into the settings', async function () {
    await wb.clearNotifications();
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await sidebar.locator('vscode-button', { hasText: 'Find LR' }).click();

    const progress = wb.notification('Makemore: finding the learning rate on names.txt');
    await progress.waitFor();
    const panel = await wb.webview(EXTENSION_ID, '.tab-bar');
    await until(() => selectedTab(panel), (tab) => tab === 'Learning rate', 'the panel to show its Learning rate tab');
    const result = wb.notification(/^Makemore found the learning rate on names\.txt: /);
    await result.waitFor();
    await progress.waitFor({ state: 'detached' });
    const message = await result.locator('.notification-list-item-message').innerText();
    const [, lowest, suggested] = /the smoothed loss is lowest at ([\d.e+-]+); the suggested rate for Adam is ([\d.e+-]+)\./.exec(message) ?? [];
    assert.ok(suggested, message);
    const [minimum, suggestion] = [Number(lowest), Number(suggested)];
    assert.ok(suggestion > 0 && suggestion <= minimum, `suggested ${suggestion}, lowest at ${minimum}`);
    await panel.locator('.lr-view .status-badge', { hasText: 'Finished' }).waitFor();
    const chart = panel.locator('.lr-chart-card .uplot canvas');
    await until(() => colouredPixels(chart), (n) => n > 200, 'the learning-rate chart to plot the loss');
    await wb.screenshot('7-lr-found');

    await result.getByRole('button', { name: 'Use It' }).click();
    // Where the rate applies: this file's next runs, the workspace, or the user settings.
    await wb.quickPickTitled(`Makemore: use learning rate ${suggested} for…`);
    await wb.screenshot('7-lr-where');
    await wb.answerQuickPick({ type: 'Workspace', row: 'Workspace settings' });
    await wb.notification(`Makemore set makemore.training.learningRate to ${suggested} in the workspace settings (found with Adam).`).waitFor();
    // Multi-root: the workspace settings live in the .code-workspace file.
    const workspaceRate = (): unknown => {
      try {
        return (JSON.parse(fs.readFileSync(workspace.file, 'utf8')) as { settings?: Record<string, unknown> }).settings?.['makemore.training.learningRate'];
      } catch {
        return undefined; // being written
      }
    };
    const rate = await until(workspaceRate, (r) => r !== undefined, 'the workspace settings to hold the rate');
    assert.ok(typeof rate === 'number' && Math.abs(rate - suggestion) <= 1e-9 * suggestion, `${String(rate)} written, ${suggested} suggested`);
    await wb.screenshot('7-lr-used');
  });

  it('8. Runs: a worse retrain leaves the active model; Compare Runs shows both; Use as Active switches; the sidebar and an insert follow', async function () {
    await wb.runCommand('View: Close All Editors');
    await wb.clearNotifications();
    await wb.showViewContainer('Makemore');
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('quick/compare.txt');
    await wb.runCommand('Makemore: Train on File');
    const firstDone = wb.notification(/^Makemore trained on compare\.txt: /);
    await firstDone.waitFor();
    const firstText = await firstDone.locator('.notification-list-item-message').innerText();
    assert.match(firstText, /It is the active model of compare\.txt\.$/);
    const firstDev = /· dev (\d\.\d{3}) ·/.exec(firstText)![1]!;
    await until(() => sidebar.locator('.model-name').innerText(), (name) => name.startsWith('compare.txt · ') && name.endsWith(`dev ${firstDev}`), 'the sidebar to name the first run');
    const activeName = await sidebar.locator('.model-name').innerText();
    const before = storedModels();
    const [activeFile] = Object.keys(before).filter((f) => storedHeader(f).source.name === 'compare.txt');
    const activeBytes = storedBytes(activeFile!);
    await wb.clearNotifications();

    // Train again with far fewer steps: a worse model.
    const settingsFile = workspace.path('quick/.vscode/settings.json');
    fs.writeFileSync(settingsFile, JSON.stringify({ ...QUICK_SETTINGS, 'makemore.training.steps': 30 }, null, 2));
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500)); // VS Code reads the changed settings file
      await wb.runCommand('Makemore: Train on File');
      const worse = wb.notification(/^Makemore trained on compare\.txt: /);
      await worse.waitFor();
      const worseText = await worse.locator('.notification-list-item-message').innerText();
      const worseDev = /· dev (\d\.\d{3}) ·/.exec(worseText)![1]!;
      assert.ok(Number(worseDev) > Number(firstDev), `30 steps (dev ${worseDev}) do worse than 3,000 (dev ${firstDev})`);
      assert.match(worseText, new RegExp(`The active model \\(dev ${firstDev}, \\d+ \\w{3} \\d\\d:\\d\\d\\) stays\\.$`), 'the notification says the active model stays');
      assert.equal(await worse.getByRole('button', { name: 'Use New Model' }).count(), 1);
      assert.deepEqual(storedBytes(activeFile!), activeBytes, "the active model's file is untouched");
      assert.equal(Object.keys(storedModels()).length, Object.keys(before).length + 1, 'the new run is kept too');
      assert.equal(await sidebar.locator('.model-name').innerText(), activeName, 'the sidebar still names the active model');
      await wb.screenshot('8-worse-run');

      // Compare Runs (the notification's button): the panel's Runs view, both runs on its chart.
      await worse.getByRole('button', { name: 'Compare Runs' }).click();
      const panel = await wb.webview(EXTENSION_ID, '.runs-view');
      await until(() => selectedTab(panel), (tab) => tab === 'Runs', 'the panel to show its Runs view');
      const rows = panel.locator('.runs-table tbody tr.run');
      await until(() => rows.count(), (n) => n === 2, 'both runs in the table');
      assert.equal(await rows.nth(0).locator('td[data-col="steps"]').innerText(), '30', 'the newer run first');
      assert.equal(await rows.nth(1).getAttribute('class'), 'run active ticked', 'the first run is the active one');
      assert.equal(await rows.nth(0).locator('td[data-col="changes"]').innerText(), 'steps 30');
      const colours = await panel
        .locator('.runs-legend .swatch')
        .evaluateAll((els) => els.map((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(name: string): string } }).getComputedStyle(e).getPropertyValue('--swatch').trim()));
      assert.equal(colours.length, 2);
      assert.notEqual(colours[0], colours[1]);
      const chart = panel.locator('.runs-chart canvas');
      for (const colour of colours) await until(() => pixelsOf(chart, colour), (n) => n > 50, `the chart to draw a run in ${colour}`);
      await wb.screenshot('8-compare-runs');

      // Use as Active on the newer run: it becomes the active model everywhere.
      await rows.nth(0).locator('button[data-action="activate"]').click();
      await wb.notification(/^Makemore: the active model of compare\.txt is now the run of /).waitFor();
      await until(() => rows.nth(0).getAttribute('class'), (c) => c === 'run active ticked', 'the newer run to be marked active');
      await until(() => sidebar.locator('.model-name').innerText(), (name) => name.startsWith('compare.txt · ') && name.endsWith(`dev ${worseDev}`), 'the sidebar to follow');
      const newName = await sidebar.locator('.model-name').innerText();
      await wb.screenshot('8-used-as-active');

      // An insert in a document without runs of its own uses it too, and says so.
      await wb.openFile('quick/draft.txt');
      await wb.editorLines().first().click();
      await wb.page.keyboard.press('Control+Home');
      await wb.runCommand('Makemore: Insert Sampled Name');
      await wb.page.locator('.statusbar', { hasText: `Makemore: 1 name from ${newName}` }).waitFor();
      await wb.screenshot('8-insert-follows');
      await wb.page.keyboard.press('Control+Z');
    } finally {
      fs.writeFileSync(settingsFile, JSON.stringify(QUICK_SETTINGS, null, 2));
    }
  });
});
