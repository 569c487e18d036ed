/**
 * User scenarios in a real VS Code: code-server with the packaged extension installed from its
 * VSIX (`npm run package`), driven through headless Chromium the way a new user would — Quick
 * Open, the Command Palette, cursors, notifications, the panel and the sidebar view.
 *
 * The scenarios run in order in one window and build on each other (a model trained in 1 is
 * used by 2 and, after a reload, by 3). Each saves screenshots to test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type Locator } from 'playwright-core';
import { launchBrowser } from '../harness/browser';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { ensureTools } from '../harness/tools';
import { UI_TIMEOUT, Workbench } from '../harness/workbench';
import { createWorkspace, type Workspace } from './workspace';

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

  /** The stored model files with their modification times. */
  const storedModels = (): Record<string, number> => {
    const dir = path.join(server.dataDir, 'User/globalStorage', EXTENSION_ID, 'models');
    if (!fs.existsSync(dir)) return {};
    return Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.statSync(path.join(dir, f)).mtimeMs]));
  };
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
});
