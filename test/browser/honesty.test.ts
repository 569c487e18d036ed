/**
 * What the panel says a run's numbers are worth (core/honesty.ts), in headless Chromium, on runs
 * recorded at test time: a small list's split sizes and copies, the share of new samples for
 * every run, a run worse than counting letter pairs (warned in the Training tab, marked in
 * Runs), "no letter case" for a script without it; screenshots in dark, light and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { runHonesty } from '../../src/shared/describeRun';
import { initialRunState } from '../../src/shared/runState';
import { webviewPages } from './harness';
import { activeModelLabelOf, fileRuns, focusedList, focusMessage, recordRun, type Recording } from './record';
import { namesList } from '../unit/helpers/data';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

/**
 * Twelve words with no letter in common (Latin and Cyrillic, four letters each): whichever word
 * falls in dev or test, its letters were never seen in training — a model of this list is worse
 * than the bigram baseline (whose add-one smoothing gives unseen pairs their share) by
 * construction, whatever the defaults.
 */
function disjointWords(): string {
  const letters = [...'abcdefghijklmnopqrstuvwxyzбвгдежзийклмнпрстуфхцчшщ'];
  return Array.from({ length: 12 }, (_, i) => letters.slice(i * 4, i * 4 + 4).join('')).join('\n') + '\n';
}

describe('honesty lines in the panel (headless Chromium)', function () {
  this.timeout(240_000);
  const pages = webviewPages();
  let small: Recording;
  let hopeless: Recording;
  let japanese: Recording;
  let larger: Recording;

  before(async () => {
    // One at a time: the recorder trains in this process.
    small = await recordRun({ text: namesList().slice(0, 120).join('\n'), config: { steps: 200, seed: 3 }, listName: 'small-names.txt' });
    hopeless = await recordRun({ text: disjointWords(), config: { steps: 200, seed: 3 }, listName: 'disjoint.txt' });
    const kana = [...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわ'];
    const words = Array.from({ length: 200 }, (_, i) =>
      [0, 1, 2].map((k) => kana[(i * 7 + k * 13 + ((i * k) % 11)) % kana.length]).join(''),
    );
    japanese = await recordRun({ text: words.join('\n'), config: { steps: 60, seed: 3 }, listName: 'kana.txt' });
    larger = await recordRun({
      text: namesList().slice(0, 1500).join('\n'),
      config: { steps: 400, seed: 3 },
      listName: 'names-1500.txt',
    });
  });

  it('a small list: its split sizes, the copies among its samples and what to do; every run: the share of new samples', async () => {
    const p = await pages.open('panel', 'dark');
    await p.send([IDLE, ...small.messages]);
    const block = p.page.getByTestId('honesty');
    await block.waitFor();
    const smallLine = block.locator('[data-kind="smallList"]');
    assert.match(
      await smallLine.innerText(),
      /A small list: 120 names, split 96 \/ 12 \/ 12 — the dev loss rests on 12 names; [<>]?\d+ % of the model's samples are copies of the list\./,
    );
    assert.equal(await smallLine.getAttribute('class'), 'honesty-line warning');
    const tags = small.finished.sampleTags;
    assert.ok(tags, 'the worker measured the samples');
    assert.equal(tags.samples, 1000);
    assert.equal(tags.new + tags.train + tags.heldout, 1000);
    assert.match(
      await block.locator('[data-kind="samples"]').innerText(),
      /^Of 1,000 samples, [<>]?\d+ % are new names, [<>]?\d+ % are in the train split and [<>]?\d+ % in the held-out splits\.$/,
    );
    // The same lines as the host's message and the CLI make from the same facts.
    const expected = runHonesty(small.started, small.finished).map((l) => (l.tone === 'warning' ? `⚠ ${l.text}` : l.text));
    assert.deepEqual(await block.locator('.honesty-line').allInnerTexts(), expected);
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`a run worse than counting letter pairs is warned in the Training tab and marked in Runs (${theme}; screenshots)`, async () => {
      assert.ok(
        hopeless.run.losses.dev! >= hopeless.run.bigram.dev! || hopeless.run.losses.test! >= hopeless.run.bigram.test!,
        'the recorded run is below the baseline',
      );
      const p = await pages.open('panel', theme, { viewport: { width: 900, height: 900 } });
      await p.send([IDLE, ...hopeless.messages, focusMessage(await activeModelLabelOf('disjoint.txt'), focusedList('disjoint.txt'))]);
      const warning = p.page.locator('[data-testid="honesty"] [data-kind="baseline"]');
      await warning.waitFor();
      assert.match(
        await warning.innerText(),
        /^⚠ Worse than counting letter pairs \(.*for the bigram baseline\): the list is too small or too varied for this model\.$/,
      );
      await p.page.locator('.summary-card').scrollIntoViewIfNeeded();
      await p.screenshot(`honesty-training-${theme}`);
      await p.send([
        { type: 'runs', runs: await fileRuns('disjoint.txt') },
        { type: 'showTab', tab: 'runs' },
      ]);
      const tag = p.page.locator(`.runs-table tr[data-run="${hopeless.run.id}"] .run-tag.below-baseline`);
      await tag.waitFor();
      assert.equal(await tag.innerText(), 'below baseline');
      assert.match((await tag.getAttribute('title')) ?? '', /worse than counting letter pairs/);
      await p.screenshot(`honesty-runs-${theme}`);
    });
  }

  it('a run on a larger list that beats the baseline has no warning, only its samples line, and no mark in Runs', async () => {
    assert.ok(
      larger.run.losses.dev! < larger.run.bigram.dev! && larger.run.losses.test! < larger.run.bigram.test!,
      'the recorded run beats the baseline',
    );
    const p = await pages.open('panel', 'dark');
    await p.send([IDLE, ...larger.messages]);
    await p.page.getByTestId('honesty').waitFor();
    assert.deepEqual(await p.page.locator('.honesty-line').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-kind'))), ['samples']);
    await p.send([
      { type: 'runs', runs: await fileRuns('names-1500.txt') },
      { type: 'showTab', tab: 'runs' },
    ]);
    await p.page.locator(`.runs-table tr[data-run="${larger.run.id}"]`).waitFor();
    assert.equal(await p.page.locator('.run-tag.below-baseline').count(), 0);
  });

  it('a script without letter case reads "no letter case" in the run details', async () => {
    const p = await pages.open('panel', 'dark');
    await p.send([IDLE, ...japanese.messages]);
    const source = p.page.locator('.details dd').first();
    await source.waitFor();
    assert.match(await source.innerText(), /· no letter case$/);
    assert.doesNotMatch(await source.innerText(), /lower case/);
  });
});
