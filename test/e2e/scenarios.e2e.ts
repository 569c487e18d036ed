/**
 * User scenarios in a real VS Code: code-server with the packaged extension installed from its
 * VSIX (`npm run package`), driven through headless Chromium the way a new user would — Quick
 * Open, the Command Palette, cursors, notifications, the panel and the sidebar view.
 *
 * The scenarios run in order in one window and build on each other (a model trained in 1 is
 * used by 2 and, after a reload, by 3; 6 keeps a sweep's best run with the runs of names.txt,
 * 8 and 9 generate from names.txt's active model; 10 trains a list twice and compares its runs).
 * Each saves screenshots to test-results/e2e/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Locator } from 'playwright-core';
import { FIRST_NAMES } from '../../webview/lib/generation';
import { trainInsertReload } from './coreScenarios';
import { colouredPixels, EXTENSION_ID, pixelsOf, ROOT, scenarioSession, selectedTab, until } from './scenarioSession';
import { QUICK_SETTINGS } from './workspace';

const ARTEFACTS = path.join(ROOT, 'test-results/e2e');

describe('Makemore in VS Code (code-server, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: ARTEFACTS });

  trainInsertReload(s);

  it('4. Train on File on an empty file: the error message, and nothing else happens', async function () {
    const models = s.storedModels();
    await s.wb.openFile('quick/empty.txt');
    await s.wb.runCommand('Makemore: Train on File');

    const error = s.wb.notification('Makemore cannot train on empty.txt: The file is empty: expected one word per line.');
    await error.waitFor();
    assert.equal(await error.locator('.codicon-error').count(), 1, 'an error notification');
    assert.deepEqual(
      await s.wb.notificationMessages(),
      [await error.locator('.notification-list-item-message').innerText()],
      'no other notification',
    );
    assert.equal(await s.wb.tab('Makemore Training').count(), 0, 'no panel');
    assert.deepEqual(s.storedModels(), models, 'no model stored');
    await s.wb.screenshot('4-empty-file');
  });

  it('5. Cancel a long training: it stops, the UI says so, and a later training works', async function () {
    await s.wb.openFile('long/long-run.txt');
    await s.wb.runCommand('Makemore: Train on File');
    const progress = s.wb.notification(/^Makemore: training on long-run\.txt: step \d/);
    await progress.waitFor();
    const panel = await s.wb.webview(EXTENSION_ID, '.run');
    await s.wb.screenshot('5-long-training');

    await progress.getByRole('button', { name: 'Cancel' }).click();
    await s.wb.notification(/^Makemore stopped training on long-run\.txt at step [\d,]+ and kept the model of step [\d,]+/).waitFor();
    await panel.getByText(/^Stopped at step [\d,]+ of 1,000,000/).waitFor();
    const sidebar = await s.wb.webview(EXTENSION_ID, '.sidebar');
    assert.notEqual(await sidebar.locator('.status-badge').innerText(), 'training');
    await s.wb.screenshot('5-stopped');

    await s.wb.clearNotifications();
    await s.wb.openFile('quick/names.txt');
    await s.wb.runCommand('Makemore: Train on File');
    await s.wb.notification(/^Makemore trained on names\.txt: /).waitFor();
    await s.wb.screenshot('5-trained-again');
  });

  it('6. Sweep Hyperparameters through its quick picks: the Sweep tab fills its table and chart, Keep Best Model stores the best run', async function () {
    await s.wb.showViewContainer('Makemore');
    const sidebar = await s.wb.webview(EXTENSION_ID, '.sidebar');
    await s.wb.openFile('quick/names.txt');
    const models = s.storedModels();
    await s.wb.runCommand('Makemore: Sweep Hyperparameters');

    // Vary the hidden size (checked already), try 8 and 32 units, the shortest time per run.
    await s.wb.quickPickTitled('Makemore: Sweep Hyperparameters on names.txt');
    assert.deepEqual(await s.wb.checkedQuickPickItems(), ['Hidden size']);
    await s.wb.screenshot('6-pick-settings');
    await s.wb.answerQuickPick({});
    await s.wb.quickPickTitled('Makemore: Sweep Hyperparameters: hidden size (2/3)');
    await s.wb.answerQuickPick({ type: '8, 32', row: /8, 32.*2 runs/ });
    await s.wb.quickPickTitled('Makemore: Sweep Hyperparameters: 2 runs on names.txt (3/3)');
    await s.wb.answerQuickPick({ type: '5 s per run', row: '5 s per run' });

    const progress = s.wb.notification('Makemore: sweeping hyperparameters on names.txt');
    await progress.waitFor();
    await s.wb.tab('Makemore Training').waitFor();
    const panel = await s.wb.webview(EXTENSION_ID, '.tab-bar');
    await until(
      () => selectedTab(panel),
      (tab) => tab === 'Sweep',
      'the panel to show its Sweep tab',
    );
    // Each run trains for 5 s, so the sweep is still under way.
    await panel.locator('.sweep-table tr.run.current').waitFor();
    await s.wb.screenshot('6-sweeping');

    const result = s.wb.notification(/^Makemore swept 2 settings on names\.txt\. Best on the dev split: /);
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
    await until(
      () => colouredPixels(chart),
      (n) => n > 100,
      'the sweep chart to plot the runs',
    );
    await s.wb.screenshot('6-swept');

    const activeBefore = await sidebar.locator('.model-name').innerText();
    await result.getByRole('button', { name: 'Keep Best Model' }).click();
    const kept = s.wb.notification(
      new RegExp(`^Makemore keeps the sweep's best run \\(hidden ${bestHidden}, dev ${bestDev}\\) as a run of names\\.txt\\. `),
    );
    await kept.waitFor();
    const keptText = await kept.locator('.notification-list-item-message').innerText();
    await panel.locator('.sweep-view .message.success', { hasText: /^✓ Kept as “names\.txt · \d+ \w{3} \d\d:\d\d · dev / }).waitFor();
    const keptName = /Kept as “([^”]+)”/.exec(await panel.locator('.sweep-view .message.success').innerText())![1]!;
    assert.ok(keptName.endsWith(`dev ${bestDev}`), keptName);
    // Kept as a run of names.txt: the active model only if it is better than the active one.
    const becameActive = /it is now the active model of names\.txt\.$/.test(keptText);
    assert.ok(becameActive || /The active model \(dev \d\.\d{3}, .*\) stays\.$/.test(keptText), keptText);
    const expectedName = becameActive ? keptName : activeBefore;
    await until(
      () => sidebar.locator('.model-name').innerText(),
      (name) => name === expectedName,
      'the sidebar to name the active model',
    );
    const now = s.storedModels();
    const changed = Object.keys(now).filter((file) => now[file] !== models[file]);
    assert.equal(changed.length, 1, `one model file written: ${JSON.stringify(changed)}`);
    const header = s.storedHeader(changed[0]);
    assert.equal(header.source.name, 'names.txt');
    assert.equal(header.config.hiddenSize, Number(bestHidden), 'the stored model is the best run');
    assert.equal(header.losses.dev?.toFixed(3), bestDev);
    assert.equal(header.losses.test, null, 'the sweep never evaluates the test split');
    await s.wb.clearNotifications();
    await panel.locator('.sweep-runs-card').scrollIntoViewIfNeeded();
    await s.wb.screenshot('6-kept');
  });

  it('7. Find LR from the sidebar: the Learning rate tab plots loss by rate, Use It writes the suggestion into the settings', async function () {
    await s.wb.showViewContainer('Makemore');
    await s.wb.openFile('quick/names.txt');
    const sidebar = await s.wb.webview(EXTENSION_ID, '.sidebar');
    await sidebar.locator('vscode-button', { hasText: 'Find LR' }).click();

    const progress = s.wb.notification('Makemore: finding the learning rate on names.txt');
    await progress.waitFor();
    const panel = await s.wb.webview(EXTENSION_ID, '.tab-bar');
    await until(
      () => selectedTab(panel),
      (tab) => tab === 'Learning rate',
      'the panel to show its Learning rate tab',
    );
    const result = s.wb.notification(/^Makemore found the learning rate on names\.txt: /);
    await result.waitFor();
    await progress.waitFor({ state: 'detached' });
    const message = await result.locator('.notification-list-item-message').innerText();
    const [, lowest, suggested] =
      /the smoothed loss is lowest at ([\d.e+-]+); the suggested rate for Adam is ([\d.e+-]+)\./.exec(message) ?? [];
    assert.ok(suggested, message);
    const [minimum, suggestion] = [Number(lowest), Number(suggested)];
    assert.ok(suggestion > 0 && suggestion <= minimum, `suggested ${suggestion}, lowest at ${minimum}`);
    await panel.locator('.lr-view .status-badge', { hasText: 'Finished' }).waitFor();
    const chart = panel.locator('.lr-chart-card .uplot canvas');
    await until(
      () => colouredPixels(chart),
      (n) => n > 200,
      'the learning-rate chart to plot the loss',
    );
    await s.wb.screenshot('7-lr-found');

    await result.getByRole('button', { name: 'Use It' }).click();
    // Where the rate applies: this file's next runs, the workspace, or the user settings.
    await s.wb.quickPickTitled(`Makemore: use learning rate ${suggested} for…`);
    await s.wb.screenshot('7-lr-where');
    await s.wb.answerQuickPick({ type: 'Workspace', row: 'Workspace settings' });
    await s.wb
      .notification(`Makemore set makemore.training.learningRate to ${suggested} in the workspace settings (found with Adam).`)
      .waitFor();
    // Multi-root: the workspace settings live in the .code-workspace file.
    const workspaceRate = (): unknown => {
      try {
        return (JSON.parse(fs.readFileSync(s.workspace.file, 'utf8')) as { settings?: Record<string, unknown> }).settings?.[
          'makemore.training.learningRate'
        ];
      } catch {
        return undefined; // being written
      }
    };
    const rate = await until(workspaceRate, (r) => r !== undefined, 'the workspace settings to hold the rate');
    assert.ok(
      typeof rate === 'number' && Math.abs(rate - suggestion) <= 1e-9 * suggestion,
      `${String(rate)} written, ${suggested} suggested`,
    );
    await s.wb.screenshot('7-lr-used');
  });

  it('8. The Generate tab: starts with + a length range + new only, two names starred, both kept across a reload, exported into a new document', async function () {
    await s.wb.openFile('quick/names.txt');
    await s.wb.runCommand('Makemore: Show Generate View');
    const panel = await s.wb.webview(EXTENSION_ID, '.generate-view');
    await until(
      () => selectedTab(panel),
      (tab) => tab === 'Generate',
      'the panel to show its Generate tab',
    );
    await panel.locator('.model-line', { hasText: /^Model: names\.txt · dev \d\.\d{3} · trained / }).waitFor();
    await panel.locator('.results-card .name-row').first().waitFor();

    await panel.locator('[data-field="startsWith"]').fill('ma');
    await panel.locator('[data-field="minLength"]').fill('4');
    await panel.locator('[data-field="maxLength"]').fill('6');
    assert.equal(await panel.locator('[data-field="newOnly"]').getAttribute('aria-checked'), 'true', 'new names only (the default)');
    const training = new Set(s.read('quick/names.txt').split('\n'));
    const meets = (names: string[]): boolean => names.length > 0 && names.every((n) => /^ma[a-z]{2,4}$/.test(n) && !training.has(n));
    const names = await until(
      () => panel.locator('.results-card .name-list:not(.stale) .name').allInnerTexts(),
      meets,
      'names that start with "ma", 4–6 letters, new',
    );
    assert.deepEqual(new Set(await panel.locator('.results-card .tag').allInnerTexts()), new Set(['new']));
    const firstNames = await panel
      .locator('body')
      .evaluate(
        (_, name) =>
          (globalThis as unknown as { performance: { getEntriesByName(n: string): { duration: number }[] } }).performance
            .getEntriesByName(name)
            .map((e) => Math.round(e.duration)),
        FIRST_NAMES,
      );
    console.log(`      control change → first names on screen in VS Code: ${firstNames.join(', ')} ms`);
    await s.wb.screenshot('8-generate');

    const starred = names.slice(0, 2);
    for (const name of starred) await panel.locator(`.results-card .name-row[data-name="${name}"] button.star`).click();
    const favourites = panel.locator('.favourites-card .name-row .name');
    await until(
      () => favourites.allInnerTexts(),
      (f) => f.join() === starred.join(),
      'the two favourites',
    );
    await s.wb.screenshot('8-starred');

    // Kept across a reload.
    await s.wb.reload();
    // The window comes back with the panel and the editors as they were: start from names.txt alone.
    await s.wb.startFresh();
    await s.wb.openFile('quick/names.txt');
    await s.wb.runCommand('Makemore: Show Generate View');
    const reloaded = await s.wb.webview(EXTENSION_ID, '.generate-view');
    await until(
      () => reloaded.locator('.favourites-card .name-row .name').allInnerTexts(),
      (f) => f.join() === starred.join(),
      'the favourites after a reload',
    );
    // And the controls: the panel was closed (startFresh) and opened anew, they are as the user left them.
    const controls = () =>
      Promise.all(['startsWith', 'minLength', 'maxLength'].map((f) => reloaded.locator(`[data-field="${f}"]`).inputValue()));
    await until(controls, (v) => v.join() === 'ma,4,6', 'the controls as they were left');
    await until(
      () => reloaded.locator('.results-card .name-list:not(.stale) .name').allInnerTexts(),
      meets,
      'names under the controls as they were left',
    );

    // Exported as text into a new document: exactly the two names.
    await reloaded.locator('.favourites-card vscode-button', { hasText: 'Export…' }).click();
    await s.wb.quickPickTitled('Makemore: Export 2 favourites (1/2): format');
    await s.wb.answerQuickPick({ row: 'Text' });
    await s.wb.quickPickTitled('Makemore: Export 2 favourites (2/2): where');
    await s.wb.answerQuickPick({ row: 'New Document' });
    await s.wb.page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
    const exported = await until(
      () => s.wb.editorLines().allInnerTexts(),
      (lines) => lines.length >= 2,
      'the exported document',
    );
    assert.deepEqual(
      exported.filter((l) => l.trim().length > 0),
      starred,
    );
    await s.wb.screenshot('8-exported');
    // The untitled export is not the user's to keep here: closed without the "Save?" prompt.
    await s.wb.runCommand('View: Revert and Close Editor');
  });

  it('9. Generate Names… from the Command Palette: quick inputs checked as typed, then a new document of names', async function () {
    await s.wb.openFile('quick/names.txt');
    await s.wb.runCommand('Makemore: Generate Names…');
    await s.wb.quickPickTitled(/^Makemore: Generate Names from names\.txt \(1\/6\): how many$/);
    await s.wb.answerQuickPick({ type: '20' });
    await s.wb.quickPickTitled(/\(2\/6\): starts with$/);
    // A character the model does not know is said at once, and Enter does not go on.
    await s.wb.page.locator('.quick-input-widget .quick-input-box input').fill('x7');
    await s.wb.page.locator('.quick-input-widget .quick-input-message', { hasText: 'The model does not know "7"' }).waitFor();
    await s.wb.screenshot('9-unknown-character');
    await s.wb.answerQuickPick({ type: 'el' });
    await s.wb.quickPickTitled(/\(3\/6\): ends with$/);
    await s.wb.answerQuickPick({ type: 'a' });
    await s.wb.quickPickTitled(/\(4\/6\): length$/);
    await s.wb.answerQuickPick({ type: '4-7' });
    await s.wb.quickPickTitled(/\(5\/6\): new or not$/);
    await s.wb.answerQuickPick({ row: 'New names only' });
    await s.wb.quickPickTitled(/\(6\/6\): where$/);
    await s.wb.answerQuickPick({ row: 'New Document' });
    await s.wb.page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor();
    const training = new Set(s.read('quick/names.txt').split('\n'));
    const lines = await until(
      () => s.wb.editorLines().allInnerTexts(),
      (l) => l.filter((x) => x.trim()).length > 0,
      'the new document',
    );
    const names = lines.map((l) => l.trim()).filter((l) => l.length > 0);
    assert.ok(names.length > 0 && names.length <= 20, `${names.length} names`);
    for (const n of names) assert.ok(/^el[a-z]{1,4}a$/.test(n) && !training.has(n), n);
    await s.wb.screenshot('9-generated');
    // The generated document is not the user's to keep here: closed without the "Save?" prompt.
    await s.wb.runCommand('View: Revert and Close Editor');
  });

  it('10. Runs: a worse retrain leaves the active model; Compare Runs shows both; Use as Active switches; the sidebar and an insert follow', async function () {
    const wb = s.wb;
    await wb.showViewContainer('Makemore');
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await wb.openFile('quick/compare.txt');
    await wb.runCommand('Makemore: Train on File');
    const firstDone = wb.notification(/^Makemore trained on compare\.txt: /);
    await firstDone.waitFor();
    const firstText = await firstDone.locator('.notification-list-item-message').innerText();
    // Then the share of new samples (core/honesty.ts), measured once per run.
    assert.match(firstText, /It is the active model of compare\.txt\. Of 1,000 samples, \d+ % are new names/);
    const firstDev = /· dev (\d\.\d{3}) ·/.exec(firstText)![1]!;
    await until(
      () => sidebar.locator('.model-name').innerText(),
      (name) => name.startsWith('compare.txt · ') && name.endsWith(`dev ${firstDev}`),
      'the sidebar to name the first run',
    );
    const activeName = await sidebar.locator('.model-name').innerText();
    const before = s.storedModels();
    const [activeFile] = Object.keys(before).filter((f) => s.storedHeader(f).source.name === 'compare.txt');
    const activeBytes = s.storedBytes(activeFile!);
    await wb.clearNotifications();

    // Train again with far fewer steps: a worse model.
    await s.changeFolderSettings('quick', { ...QUICK_SETTINGS, 'makemore.training.steps': 30 });
    try {
      await wb.openFile('quick/compare.txt');
      await wb.runCommand('Makemore: Train on File');
      const worse = wb.notification(/^Makemore trained on compare\.txt: /);
      await worse.waitFor();
      const worseText = await worse.locator('.notification-list-item-message').innerText();
      const worseDev = /· dev (\d\.\d{3}) ·/.exec(worseText)![1]!;
      assert.ok(Number(worseDev) > Number(firstDev), `30 steps (dev ${worseDev}) do worse than the first run (dev ${firstDev})`);
      // (Said as "Being no better than the bigram baseline, …, and the active model (…) stays." when 30 steps are not below it.)
      assert.match(
        worseText,
        new RegExp(`[Tt]he active model \\(dev ${firstDev}, \\d+ \\w{3} \\d\\d:\\d\\d\\) stays\\.`),
        'the notification says the active model stays',
      );
      assert.equal(await worse.getByRole('button', { name: 'Use New Model' }).count(), 1);
      assert.deepEqual(s.storedBytes(activeFile!), activeBytes, "the active model's file is untouched");
      assert.equal(Object.keys(s.storedModels()).length, Object.keys(before).length + 1, 'the new run is kept too');
      assert.equal(await sidebar.locator('.model-name').innerText(), activeName, 'the sidebar still names the active model');
      await wb.screenshot('10-worse-run');

      // Compare Runs (the notification's button): the panel's Runs view, both runs on its chart.
      await worse.getByRole('button', { name: 'Compare Runs' }).click();
      const panel = await wb.webview(EXTENSION_ID, '.runs-view');
      await until(
        () => selectedTab(panel),
        (tab) => tab === 'Runs',
        'the panel to show its Runs view',
      );
      const rows = panel.locator('.runs-table tbody tr.run');
      await until(
        () => rows.count(),
        (n) => n === 2,
        'both runs in the table',
      );
      assert.equal(await rows.nth(0).locator('td[data-col="steps"]').innerText(), '30', 'the newer run first');
      assert.equal(await rows.nth(1).getAttribute('class'), 'run active ticked', 'the first run is the active one');
      // What differs: the steps (and the early-stopping patience that follows them).
      assert.match(await rows.nth(0).locator('td[data-col="changes"]').innerText(), /^steps 30\b/);
      const colours = await panel
        .locator('.runs-legend .swatch')
        .evaluateAll((els) =>
          els.map((e) =>
            (globalThis as unknown as { getComputedStyle(e: unknown): { getPropertyValue(name: string): string } })
              .getComputedStyle(e)
              .getPropertyValue('--swatch')
              .trim(),
          ),
        );
      assert.equal(colours.length, 2);
      assert.notEqual(colours[0], colours[1]);
      const chart = panel.locator('.runs-chart canvas');
      for (const colour of colours)
        await until(
          () => pixelsOf(chart, colour),
          (n) => n > 50,
          `the chart to draw a run in ${colour}`,
        );
      await wb.screenshot('10-compare-runs');

      // Use as Active on the newer run: it becomes the active model everywhere.
      await rows.nth(0).locator('button[data-action="activate"]').click();
      await wb.notification(/^Makemore: the active model of compare\.txt is now the run of /).waitFor();
      await until(
        () => rows.nth(0).getAttribute('class'),
        (c) => c === 'run active ticked',
        'the newer run to be marked active',
      );
      await until(
        () => sidebar.locator('.model-name').innerText(),
        (name) => name.startsWith('compare.txt · ') && name.endsWith(`dev ${worseDev}`),
        'the sidebar to follow',
      );
      const newName = await sidebar.locator('.model-name').innerText();
      await wb.screenshot('10-used-as-active');

      // An insert in a document without runs of its own uses it too, and says so.
      await wb.openFile('quick/draft.txt');
      await wb.editorLines().first().click();
      await wb.page.keyboard.press('Control+Home');
      await wb.runCommand('Makemore: Insert Sampled Name');
      await wb.page.locator('.statusbar', { hasText: `Makemore: 1 name from ${newName}` }).waitFor();
      await wb.screenshot('10-insert-follows');
      await wb.page.keyboard.press('Control+Z');
    } finally {
      await s.changeFolderSettings('quick', QUICK_SETTINGS);
    }
  });

  it('csv. Train on File on a CSV of dog names: it says what was read, the model inserts clean Title Case names', async function () {
    const models = s.storedModels();
    const csv = s.read('quick/dogs.csv');
    await s.wb.openFile('quick/dogs.csv');
    await s.wb.runCommand('Makemore: Train on File');

    await s.wb.notification('Makemore: training on dogs.csv').waitFor();
    const panel = await s.wb.webview(EXTENSION_ID, '.run');
    const read = panel.locator('[data-testid="list-reading-line"]');
    await until(
      () => read.innerText(),
      (t) => /^Reading column 'name' \(also: count\) of a CSV file: 200 items, e\.g\. \p{Lu}\p{Ll}+, /u.test(t),
      'the panel to say what was read',
    );
    await s.wb.screenshot('csv-training');
    const result = s.wb.notification(/^Makemore trained on dogs\.csv \(CSV file, column 'name'\): train \d\.\d+ · dev \d\.\d+/);
    await result.waitFor();
    const message = await result.locator('.notification-list-item-message').innerText();
    assert.match(message, /casing: Title Case, restored\./i, message);
    await panel
      .locator('.summary .details', { hasText: "dogs.csv · CSV file, column 'name' · 200 words · casing: Title Case, restored" })
      .waitFor();
    assert.equal(Object.keys(s.storedModels()).length, Object.keys(models).length + 1, 'a model is stored');
    assert.equal(s.read('quick/dogs.csv'), csv, 'the file is unchanged');
    await s.wb.screenshot('csv-trained');

    // Insert Sampled Name elsewhere uses the newest model: a clean name, as the list writes them.
    await s.wb.clearNotifications();
    await s.wb.openFile('quick/pets.txt');
    await s.wb.editorLines().first().click();
    await s.wb.page.keyboard.press('Control+Home');
    await s.wb.runCommand('Makemore: Insert Sampled Name');
    await s.wb.editorLines().first().filter({ hasText: /\S/ }).waitFor();
    await s.wb.save();
    const [name] = s.read('quick/pets.txt').split('\n');
    assert.match(
      name ?? '',
      /^\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+)*$/u,
      `a clean Title Case name, no comma or count: ${JSON.stringify(name)}`,
    );
    const listed = new Set(
      csv
        .split('\n')
        .slice(1)
        .map((row) => row.split(',')[0]),
    );
    assert.ok(!listed.has(name), `a new name (the Generate controls' "New names only", on by default): ${name}`);
    await s.wb.screenshot('csv-inserted');
  });
});
