/**
 * The explorer's user scenario, the same in both extension hosts (test/e2e/explore.e2e.ts for the
 * desktop's Node host, test/web/explore.test.ts for VS Code for the Web's): train on a list, open
 * Makemore: Explore the Model, click `e` then `m` and see the distribution the model gives after
 * them, Draw to the End, rank the list's lines by typicality and jump to the least typical one,
 * and hover a line of the list to read it letter by letter.
 */
import * as assert from 'node:assert/strict';
import { EXTENSION_ID, until, type ScenarioSession } from './scenarioSession';

/** The active editor's cursor line (1-based), from the status bar's "Ln 12, Col 4". */
async function cursorLine(s: ScenarioSession): Promise<number> {
  const text = await s.wb.page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  const m = /Ln (\d+)/.exec(text);
  if (!m) throw new Error(`No cursor position in the status bar: ${JSON.stringify(text)}`);
  return Number(m[1]);
}

export function exploreScenario(s: ScenarioSession, list = 'quick/names.txt'): void {
  const name = list.split('/').pop()!;

  /** A known layout: no editor but the list's. */
  const openList = async (): Promise<void> => {
    await s.wb.runCommand('View: Close All Editors');
    await s.wb.openFile(list);
  };

  it('1. Train, then Explore the Model: click e, m and see the distribution; Draw to the End finishes a name', async function () {
    // The workbench and the extension are up: the sidebar's view shows.
    await s.wb.showViewContainer('Makemore');
    await s.wb.webview(EXTENSION_ID, '.sidebar');
    await openList();
    await s.wb.runCommand('Makemore: Train on File');
    await s.wb.notification(new RegExp(`^Makemore trained on ${name.replace('.', '\\.')}: `)).waitFor();
    await openList();
    await s.wb.runCommand('Makemore: Explore the Model');
    const panel = await s.wb.webview(EXTENSION_ID, '.explore-view .bars .bar-row');
    const context = (): Promise<string[]> => panel.locator('.context-box').allInnerTexts();
    assert.ok(
      (await context()).every((c) => c === '.'),
      'before the first character, the padding dots',
    );
    await panel.locator('.bar-row[data-symbol="e"]').click();
    await until(context, (c) => c.at(-1) === 'e', 'the context to end with e');
    await panel.locator('.bar-row[data-symbol="m"]').click();
    await until(context, (c) => c.slice(-2).join('') === 'em', 'the context to end with e m');
    assert.equal(await panel.locator('.prefix-input').inputValue(), 'em');
    const bars = panel.locator('.bar-row');
    assert.equal(await bars.count(), 27, '26 letters and the end of the name');
    const shown = (await panel.locator('.bar-row .bar-value').allInnerTexts()).map((t) => Number(t.replace(' %', '')));
    for (let i = 1; i < shown.length; i++) assert.ok(shown[i - 1]! >= shown[i]!, 'most probable first');
    assert.ok(
      Math.abs(shown.reduce((a, b) => a + b, 0) - 100) < 0.5,
      `the probabilities sum to 100 % (${shown.reduce((a, b) => a + b, 0)})`,
    );
    assert.match(await panel.locator('.entropy-line').innerText(), /^Entropy \d\.\d\d nats: about [\d.]+ equally likely choices\.$/);
    await panel.locator('.best-names .best-name').first().waitFor();
    await s.wb.screenshot('explore-1-em');

    await panel.getByRole('button', { name: 'Draw to the End' }).click();
    await panel.locator('.explore-status', { hasText: /ends here: a complete name/ }).waitFor();
    const drawn = await panel.locator('.prefix-input').inputValue();
    assert.ok(drawn.startsWith('em') && drawn.length > 2, drawn);
    await until(
      () => panel.locator('.letters .letter').count(),
      (n) => n === [...drawn].length + 1,
      'the drawn name read letter by letter',
    );
    assert.match(
      await panel.locator('.read-summary').innerText(),
      new RegExp(`nats per character · more typical than \\d+ % of ${name.replace('.', '\\.')}`),
    );
    await s.wb.screenshot('explore-2-drawn');
  });

  it('2. Rank Lines by Typicality: the least typical line first; choosing it selects it in the editor', async function () {
    await openList();
    await s.wb.runCommand('Makemore: Rank Lines by Typicality');
    await s.wb.quickPickTitled(new RegExp(`^Makemore: the lines of ${name.replace('.', '\\.')} least like the rest of the list`));
    const first = s.wb.page.locator('.quick-input-widget .monaco-list-row').first();
    await first.waitFor();
    const label = (await first.locator('.label-name').first().innerText()).trim();
    const description = await first.locator('.label-description').first().innerText();
    const [, line] = /^#1 · line ([\d,]+) · \d\.\d\d nats per character$/.exec(description) ?? [];
    assert.ok(line, description);
    await s.wb.screenshot('explore-3-ranked');
    await s.wb.answerQuickPick({});
    const expected = Number(line!.replace(/,/g, ''));
    await until(
      () => cursorLine(s),
      (n) => n === expected,
      `the cursor on line ${expected}`,
    );
    assert.equal(s.read(list).split('\n')[expected - 1]!.trim(), label, 'the chosen line holds the item');
  });

  it('3. Hovering a line of the list reads it letter by letter', async function () {
    await openList();
    const line = s.wb.editorLines().nth(2);
    const item = (await line.innerText()).trim();
    await line.locator('span').first().hover();
    const hover = s.wb.page.locator('.monaco-hover', { hasText: 'nats per character' });
    await hover.waitFor();
    const text = await hover.innerText();
    assert.ok(text.includes(item), `the hover names ${item}: ${text}`);
    assert.match(text, /more typical than \d+ % of /);
    assert.match(text, /the model’s top 5 guesses/);
    await s.wb.screenshot('explore-4-hover');
    await s.wb.page.keyboard.press('Escape');
  });
}
