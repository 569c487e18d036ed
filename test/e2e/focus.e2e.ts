/**
 * One list in focus, as a user meets it with the installed VSIX (code-server, headless Chromium):
 * three lists — A (names.txt) trained, B (compare.txt) trained after it, C (long-run.txt)
 * training while A is in front. Every view names A with A's numbers (its stored run), never B's
 * (the list trained last) nor C's (the job under way), which is a job line of its own; then a
 * window reload with A visible: C's training is reported as interrupted, every view again names
 * A with A's numbers, Train Again puts C back on a job line, Generate offers A's names and A's
 * favourites, and Insert puts an A-name in A. Screenshots go to test-results/e2e-focus/.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { formatLoss } from '../../src/shared/format';
import type { RunRecord } from '../../src/shared/runRecord';
import { EXTENSION_ID, ROOT, scenarioSession, until } from './scenarioSession';

describe('One list in focus: three lists, a job on another, a reload (code-server, installed VSIX)', function () {
  const s = scenarioSession({ artefacts: path.join(ROOT, 'test-results/e2e-focus') });

  /** The stored records of a list's runs (the run store's `.run.json` files), newest first. */
  const records = (fileName: string): RunRecord[] => {
    const dir = path.join(s.server.dataDir, 'User/globalStorage', EXTENSION_ID, 'runs');
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.run.json'))
      .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RunRecord)
      .filter((r) => r.fileName === fileName)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  };

  /** Trains the file open in front, and waits for the result. */
  async function train(file: string, name: string): Promise<void> {
    await s.wb.openFile(file);
    await s.wb.runCommand('Makemore: Train on File');
    await s.wb.notification(new RegExp(`^Makemore trained on ${name.replace('.', '\\.')}: `)).waitFor();
    await s.wb.clearNotifications();
  }

  /** What every view shows of list A: its name and its stored run's numbers, nothing of B or C. */
  async function viewsShowA(panel: FrameLocator, sidebar: FrameLocator, a: RunRecord): Promise<void> {
    const dev = formatLoss(a.losses.dev);
    await until(
      () => sidebar.getByTestId('focused-list').innerText(),
      (t) => t === 'names.txt',
      'the sidebar to name A',
    );
    await until(
      () => sidebar.locator('dd[data-stat="dev loss"]').innerText(),
      (t) => t === dev,
      "the sidebar to show A's dev loss",
    );
    assert.match(await sidebar.getByTestId('active-model').innerText(), /^names\.txt · /);
    await panel.getByRole('tab', { name: 'Training' }).click();
    await until(
      () => panel.locator('.training-view .run-header .list-title').innerText(),
      (t) => t === 'names.txt',
      'the panel to name A',
    );
    await until(
      () => panel.locator('.loss-table tr.model td[data-split="dev"]').innerText(),
      (t) => t === dev,
      "the panel to show A's dev loss",
    );
    const shown = await panel.locator('.training-view').innerText();
    for (const other of ['compare.txt', 'long-run.txt']) assert.ok(!shown.includes(other), `nothing of ${other} in A's view`);
    await panel.getByRole('tab', { name: 'Runs' }).click();
    await until(
      () => panel.locator('.runs-view .run-header .list-title').innerText(),
      (t) => t === 'names.txt',
      'the Runs view of A',
    );
    await panel.getByRole('tab', { name: 'Generate' }).click();
    await until(
      () => panel.locator('.generate-view .model-line').innerText(),
      (t) => t.startsWith('Model: names.txt · '),
      "the Generate view on A's model",
    );
  }

  it("three lists: while C trains with A in front, every view names A with A's numbers, and C is a job line", async function () {
    // Start from a known layout: the sidebar loaded (a webview that loads takes the focus), no editor.
    await s.wb.showViewContainer('Makemore');
    await s.wb.webview(EXTENSION_ID, '.sidebar');
    await s.wb.runCommand('View: Close All Editors');
    await train('quick/names.txt', 'names.txt');
    await train('quick/compare.txt', 'compare.txt');
    const [a] = records('names.txt');
    assert.ok(a && records('compare.txt').length === 1, 'A and B are stored');

    // C trains (a long run); A comes to the front meanwhile.
    await s.wb.openFile('long/long-run.txt');
    await s.wb.runCommand('Makemore: Train on File');
    await s.wb.notification(/^Makemore: training on long-run\.txt: step \d/).waitFor();
    await s.wb.openFile('quick/names.txt');
    const sidebar = await s.wb.webview(EXTENSION_ID, '.sidebar');
    const panel = await s.wb.webview(EXTENSION_ID, '.tab-bar');
    for (const view of [sidebar, panel]) {
      await until(
        () => view.getByTestId('job-line').innerText(),
        (t) => /^Training long-run\.txt · step [\d,]+ of 1,000,000/.test(t),
        'a job line naming C',
      );
    }
    await viewsShowA(panel, sidebar, a);
    // A's favourites, starred now.
    const first = panel.locator('.results-card .name-list:not(.stale) .name-row').first();
    await first.waitFor();
    const favourite = (await first.getAttribute('data-name'))!;
    await first.locator('button.star').click();
    await until(
      () => panel.locator('.favourites-card .name-row .name').allInnerTexts(),
      (f) => f.includes(favourite),
      'the favourite of A',
    );
    // The status bar names the job's list, not A.
    await s.wb.page.locator('.statusbar-item', { hasText: /Makemore long-run\.txt · [\d,]+\/1,000,000/ }).waitFor();
    await s.wb.screenshot('1-c-training-a-in-front');

    // The window reloads with A visible (C is cut short): the next start says so; Train Again puts C back.
    await s.wb.reload();
    await s.wb.page.locator('.tabs-container .tab.active', { hasText: 'names.txt' }).waitFor();
    const interrupted = s.wb.notification(/^Makemore: the training of long-run\.txt was interrupted at step [\d,]+ of 1,000,000 \(/);
    await interrupted.waitFor();
    await s.wb.screenshot('2-interrupted');
    await interrupted.getByRole('button', { name: 'Train Again' }).click();

    // Every view names A with A's numbers again (not B's, the list trained last; not C's, training).
    await s.wb.showViewContainer('Makemore');
    const sidebarAfter = await s.wb.webview(EXTENSION_ID, '.sidebar');
    await until(
      () => sidebarAfter.getByTestId('job-line').innerText(),
      (t) => /^Training long-run\.txt · /.test(t),
      'C on a job line again',
    );
    await s.wb.runCommand('Makemore: Show Training Panel');
    const panelAfter = await s.wb.webview(EXTENSION_ID, '.tab-bar');
    // The panel restored by the reload was revived where it was: no new editor group.
    assert.equal(
      await s.wb.page.locator('.editor-group-container').count(),
      2,
      'the editors and the panel: two groups, as before the reload',
    );
    await viewsShowA(panelAfter, sidebarAfter, a);
    assert.match(await panelAfter.getByTestId('job-line').innerText(), /^Training long-run\.txt · /);
    await until(
      () => panelAfter.locator('.favourites-card .name-row .name').allInnerTexts(),
      (f) => f.includes(favourite),
      "A's favourites after the reload",
    );
    const names = await until(
      () => panelAfter.locator('.results-card .name-list:not(.stale) .name').allInnerTexts(),
      (n) => n.length > 0,
      "A's names",
    );
    assert.ok(
      names.every((n) => /^[a-z]+$/.test(n)),
      `names of A's alphabet: ${names.slice(0, 5)}`,
    );
    await s.wb.screenshot('3-after-reload-c-again');

    // Insert Sampled Name puts an A-name in A: on its last line (the one after its final newline).
    await s.wb.page.locator('.tabs-container .tab', { hasText: 'names.txt' }).first().click();
    await s.wb.editorLines().first().click();
    await s.wb.page.keyboard.press('Control+End');
    const before = new Set(s.read('quick/names.txt').split('\n'));
    await s.wb.runCommand('Makemore: Insert Sampled Name');
    await s.wb.page.locator('.statusbar', { hasText: /Makemore: 1 name from names\.txt · / }).waitFor();
    await s.wb.save();
    const after = s
      .read('quick/names.txt')
      .split('\n')
      .filter((l) => l.length > 0);
    const added = after.filter((l) => !before.has(l));
    assert.equal(added.length, 1, `one name added to A: ${added}`);
    assert.match(added[0]!, /^[a-z]{2,}$/);
    await s.wb.screenshot('4-inserted-in-a');

    // Stop from the job line: C stops, its line goes.
    await sidebarAfter.getByTestId('job-line').locator('[data-action="stop-job"]').click();
    await sidebarAfter.getByTestId('job-line').waitFor({ state: 'hidden' });
  });
});
