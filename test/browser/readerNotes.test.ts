/**
 * What the reader says in the training panel, in headless Chromium, fed a run recorded at test
 * time on a plain list that starts with "[" (not JSON: read as lines, with a warning) and holds
 * "# " comment lines (skipped, with a note): the source line shows the reading and its notes, the
 * warning shows under it. Screenshots in dark, light and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { namesList } from '../unit/helpers/data';
import { webviewPages } from './harness';
import { focusMessage, recordRun, type Recording } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

describe('the reader’s notes and warnings in the training panel (headless Chromium)', function () {
  this.timeout(240_000);
  let run: Recording;
  const pages = webviewPages();

  before(async () => {
    const names = namesList().filter((_, i) => i % 40 === 0);
    const text =
      ['[Redacted]', '# names from the 2024 list', ...names.slice(0, 400), '# and more', ...names.slice(400), '[Unknown]'].join('\n') +
      '\n';
    run = await recordRun({ text, config: { steps: 60, hiddenSize: 32, seed: 3 }, listName: 'redacted.txt' });
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`shows what was read, its notes and the fallback warning (${theme})`, async () => {
      const p = await pages.open('panel', theme);
      await p.page.setViewportSize({ width: 1100, height: 800 });
      await p.send([IDLE, focusMessage(null), ...run.messages]);
      await p.page.locator('.status-badge', { hasText: 'Finished' }).waitFor();
      const line = await p.page.locator('[data-testid="list-reading-line"]').innerText();
      assert.match(
        line,
        /^Reading one item per line: [\d,]+ items, e\.g\. \[Redacted\], .+ · 2 lines starting with "# " skipped as comments\. Change…$/,
      );
      const warning = p.page.locator('.run > .message.warning');
      assert.match(
        await warning.innerText(),
        /^⚠ The file starts with "\[" but is not valid JSON \(.+\): each line is read as an item\. Choose…$/,
      );
      await p.screenshot(`reader-notes-${theme}`);
    });
  }
});
