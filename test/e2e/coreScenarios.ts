/**
 * The scenarios every extension host must pass with the installed VSIX — the desktop's Node host
 * (scenarios.e2e.ts) and VS Code for the Web's web worker host (test/web/scenarios.test.ts):
 * training from the Command Palette, inserting at two cursors with one undo, and using the
 * stored model after a window reload. They run in order and build on each other.
 */
import * as assert from 'node:assert/strict';
import { colouredPixels, EXTENSION_ID, until, type ScenarioSession } from './scenarioSession';

/** What a host's suite checks besides: `whileTraining` runs once scenario 1's training is under way. */
export interface CoreScenarioHooks {
  whileTraining?(): Promise<void>;
  afterTraining?(): Promise<void>;
}

export function trainInsertReload(s: ScenarioSession, hooks: CoreScenarioHooks = {}): void {
  it('1. Train on File: progress notification, panel with its loss chart, sidebar losses, result notification', async function () {
    await s.wb.showViewContainer('Makemore');
    const sidebar = await s.wb.webview(EXTENSION_ID, '.sidebar');
    await s.wb.openFile('quick/names.txt');
    await s.wb.runCommand('Makemore: Train on File');

    const progress = s.wb.notification('Makemore: training on names.txt');
    await progress.waitFor();
    await hooks.whileTraining?.();
    await s.wb.tab('Makemore Training').waitFor();
    const panel = await s.wb.webview(EXTENSION_ID, '.run');
    const chart = panel.locator('.loss-chart:not(.compact) canvas').first();
    await until(
      () => colouredPixels(chart),
      (n) => n > 200,
      'the panel to plot the loss',
    );
    for (const stat of ['loss', 'dev loss']) {
      const value = sidebar.locator(`dd[data-stat="${stat}"]`);
      await until(
        () => value.innerText(),
        (t) => /^\d+\.\d+$/.test(t.trim()),
        `the sidebar to show the ${stat}`,
      );
    }
    await s.wb.screenshot('1-training');

    const result = s.wb.notification(/^Makemore trained on names\.txt: train \d\.\d+ · dev \d\.\d+/);
    await result.waitFor();
    await progress.waitFor({ state: 'detached' });
    assert.equal(Object.keys(s.storedModels()).length, 1, 'one model is stored');
    await hooks.afterTraining?.();
    await s.wb.screenshot('1-trained');
  });

  it('2. Insert Sampled Name at two cursors: two different names, one undo removes both', async function () {
    await s.wb.openFile('quick/draft.txt');
    const original = s.read('quick/draft.txt');
    await s.wb.editorLines().first().click();
    await s.wb.page.keyboard.press('End');
    await s.wb.page.keyboard.press('Shift+Alt+ArrowDown');
    await until(
      () => s.cursors().count(),
      (n) => n === 2,
      'two cursors',
    );

    await s.wb.runCommand('Makemore: Insert Sampled Name');
    await s.wb.editorLines().first().filter({ hasText: /\S/ }).waitFor();
    await s.wb.save();
    const names = s.read('quick/draft.txt').split('\n').slice(0, 2);
    assert.ok(
      names.every((n) => /^[a-z]{2,}$/.test(n)),
      `two names: ${JSON.stringify(names)}`,
    );
    assert.notEqual(names[0], names[1]);
    const training = new Set(s.read('quick/names.txt').split('\n'));
    assert.ok(
      names.every((n) => !training.has(n)),
      `new names (the Generate controls' "New names only", on by default): ${names}`,
    );
    await s.wb.screenshot('2-inserted');

    await s.wb.page.keyboard.press('Control+Z');
    await s.wb.save();
    assert.equal(s.read('quick/draft.txt'), original, 'one undo removes both names');
  });

  it('3. after a window reload, Insert Sampled Name uses the stored model without retraining', async function () {
    const models = s.storedModels();
    await s.wb.reload();
    // The window comes back with the editors of before (the panel in a second group): start from none.
    await s.wb.startFresh();
    await s.wb.openFile('quick/draft.txt');
    await s.wb.editorLines().first().click();
    await s.wb.page.keyboard.press('Control+Home');
    await until(
      () => s.cursors().count(),
      (n) => n === 1,
      'one cursor',
    );

    await s.wb.runCommand('Makemore: Insert Sampled Name');
    await s.wb.editorLines().first().filter({ hasText: /\S/ }).waitFor();
    await s.wb.save();
    const [name] = s.read('quick/draft.txt').split('\n');
    assert.match(name, /^[a-z]{2,}$/);
    assert.deepEqual(await s.wb.notificationMessages(), [], 'no notification: no offer to train, no training');
    assert.deepEqual(s.storedModels(), models, 'the stored model is unchanged');
    await s.wb.screenshot('3-after-reload');
  });
}
