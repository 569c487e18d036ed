/**
 * The first minute without a list, as a user plays it in either extension host with the
 * installed VSIX (the desktop's: sampleList.e2e.ts; VS Code for the Web's:
 * test/web/sampleList.test.ts): Makemore: Open a Sample List… from the Command Palette, a list
 * picked by typing, the unsaved document it opens, Train Now in the notification, and Insert Name
 * in the result's notification — a new name, in the list's letter case, at the cursor.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTENSION_ID, ROOT, until, type ScenarioSession } from './scenarioSession';

/** User settings for the scenario: a short run (an untitled document has no folder settings). */
export const SAMPLE_LIST_SETTINGS = { 'makemore.training.steps': 400 };

/** The items of a sample list, as the built asset holds them. */
function sampleItems(id: string): string[] {
  const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/sample-lists.json'), 'utf8')) as {
    lists: { id: string; items: string }[];
  };
  const list = catalogue.lists.find((l) => l.id === id);
  if (!list) throw new Error(`No sample list ${id} in dist/sample-lists.json.`);
  return list.items.split('\n');
}

export function openSampleTrainInsert(s: ScenarioSession): void {
  it('Open a Sample List…: pick German first names, Train Now, insert a new name at the cursor', async function () {
    const { wb } = s;
    // A first visit: the Makemore view, which invites to open a sample list; then the Command Palette.
    await wb.showViewContainer('Makemore');
    const sidebar = await wb.webview(EXTENSION_ID, '.sidebar');
    await sidebar.locator('.hint button', { hasText: 'open a sample list' }).waitFor();
    await wb.runCommand('Makemore: Open a Sample List…');
    await wb.quickPickTitled(/open a sample list/);
    await wb.answerQuickPick({ type: 'German first names', row: 'German first names' });

    // An unsaved document named after the list, with its names.
    const tab = wb.tab('german-first-names.txt');
    await tab.waitFor();
    const items = sampleItems('de/first-names');
    await until(
      () => wb.editorLines().first().innerText(),
      (t) => t.trim() === items[0],
      'the list in the editor',
    );
    await wb.screenshot('sample-list-opened');

    const offer = wb.notification(
      /^Makemore opened German first names \([\d,]+, from @faker-js\/faker [\d.]+ \(MIT\)\) as an unsaved document/,
    );
    await offer.locator('.monaco-button', { hasText: 'Train Now' }).click();
    await wb.notification('Makemore: training on german-first-names.txt').waitFor();
    const trained = wb.notification(/^Makemore trained on german-first-names\.txt: /);
    await trained.waitFor();
    const message = await trained.locator('.notification-list-item-message').innerText();
    assert.match(message, /Of 1,000 samples, [<>]?\d+ % are new names/, 'the share of new samples, as for every run');
    await wb.screenshot('sample-list-trained');

    // A fresh first line for the name, then Insert Name from the result.
    await wb.editorLines().first().click();
    await wb.page.keyboard.press('Control+Home');
    await wb.page.keyboard.press('Enter');
    await wb.page.keyboard.press('ArrowUp');
    await trained.locator('.monaco-button', { hasText: 'Insert Name' }).click();
    const name = (
      await until(
        () => wb.editorLines().first().innerText(),
        (t) => t.trim().length > 0,
        'a name on the first line',
      )
    ).trim();
    assert.match(name, /^\p{Lu}\p{Ll}/u, `in the list's Title Case: ${name}`);
    assert.ok(!items.includes(name), `a new name (the Generate controls' "New names only", on by default): ${name}`);
    await wb.screenshot('sample-list-inserted');
  });
}
