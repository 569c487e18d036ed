/**
 * The panel's Runs view in headless Chromium, fed two runs recorded at test time and kept in a
 * real RunStore as the host keeps them: both curves overlaid in two theme colours (pixels of
 * each), a legend, the table sorted by any column, the exact CSV of the ticked runs, a PNG of the
 * chart, the row actions' messages; the Training view naming the active model and offering the
 * newer run; screenshots in dark, light and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/shared/messages';
import {
  configChanges,
  describeChanges,
  runDates,
  runShortLabel,
  type ActiveModelLabel,
  type FileRuns,
  type RunRecord,
} from '../../src/shared/runRecord';
import { initialRunState } from '../../src/shared/runState';
import { comparedRecordings } from './fixtures';
import { webviewPages, type ThemeName, type WebviewPage } from './harness';
import { activeModelLabelOf, fileRuns, type Recording, focusMessage } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
/** The theme's first two series colours: the oldest charted run, then the next. */
const FIRST = '--vscode-charts-blue';
const SECOND = '--vscode-charts-orange';

describe('runs view (headless Chromium)', function () {
  this.timeout(240_000);
  let first: Recording;
  let second: Recording;
  let runs: FileRuns;
  let active: ActiveModelLabel;
  const pages = webviewPages();

  before(async () => {
    [first, second] = await comparedRecordings();
    runs = await fileRuns(first.started.listName);
    active = await activeModelLabelOf(first.started.listName);
  });

  /** A panel on its Runs view, sent what the host sends after Compare Runs. */
  async function runsView(theme: ThemeName = 'dark'): Promise<WebviewPage> {
    const p = await pages.open('panel', theme);
    await p.send([
      IDLE,
      ...first.messages,
      ...second.messages,
      focusMessage(active),
      { type: 'runs', runs },
      { type: 'showTab', tab: 'runs' },
    ]);
    await p.page.locator('.runs-table tbody tr.run').nth(1).waitFor();
    return p;
  }

  const rows = (p: WebviewPage): Locator => p.page.locator('.runs-table tbody tr.run');
  const column = (p: WebviewPage, col: string): Promise<string[]> => rows(p).locator(`td[data-col="${col}"]`).allInnerTexts();
  /** A run as the list names it (with the seconds when both runs ended in the same minute). */
  const named = (run: RunRecord): string => runShortLabel(run, runDates(runs.runs).get(run.id));
  const ids = (p: WebviewPage): Promise<(string | null)[]> => rows(p).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-run')));

  it('keeps both runs; the better one is active, the worse one is not', () => {
    assert.deepEqual(
      runs.runs.map((r) => r.id),
      [second.run.id, first.run.id],
      'newest first',
    );
    assert.ok(
      second.run.losses.dev! > first.run.losses.dev!,
      `the second run is worse (${second.run.losses.dev} > ${first.run.losses.dev})`,
    );
    assert.equal(runs.active, first.run.id);
    assert.equal(active.runId, first.run.id);
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`overlays the two runs' curves in two theme colours, with a legend (${theme}; screenshot)`, async () => {
      const p = await runsView(theme);
      const selected = await p.page.locator('[role="tab"][aria-selected="true"]').innerText();
      assert.equal(selected.toUpperCase(), 'RUNS', 'Compare Runs shows the Runs view');
      // Both runs are ticked at first: the active one and the newest.
      assert.deepEqual(
        await rows(p)
          .locator('input.tick-box')
          .evaluateAll((boxes) => boxes.map((b) => (b as unknown as { checked: boolean }).checked)),
        [true, true],
      );
      if (theme !== 'high-contrast') {
        const blue = await p.canvasPixels('.runs-chart', FIRST);
        const orange = await p.canvasPixels('.runs-chart', SECOND);
        assert.ok(blue.matching > 300, `the older run is drawn in ${FIRST} (${JSON.stringify(blue)})`);
        assert.ok(orange.matching > 100, `the newer run is drawn in ${SECOND} (${JSON.stringify(orange)})`);
      }
      // The legend: one entry per run, oldest first, in the colours drawn; the active run says so.
      const legend = p.page.locator('.runs-legend li');
      assert.deepEqual(await legend.locator('.legend-label').allInnerTexts(), [`${named(first.run)} (active)`, named(second.run)]);
      for (const [i, run] of [first.run, second.run].entries()) {
        const colour = await p.rgb(`@.runs-legend li[data-run="${run.id}"] .swatch`);
        assert.ok(
          (await p.canvasPixels('.runs-chart', `rgb(${colour.join(', ')})`)).matching > 100,
          `run ${i + 1} is drawn in its legend colour`,
        );
        assert.deepEqual(await p.rgb(`@.runs-table tr[data-run="${run.id}"] .run-colour`), colour, 'the table shows the same colour');
      }
      // What the runs take on disk: each run's own size, and the list's total with its text kept once.
      const sizes = await column(p, 'size');
      assert.equal(sizes.length, 2);
      for (const size of sizes) assert.match(size, /^\d+(\.\d)? (KB|MB)$/);
      assert.match(
        await p.page.locator('[data-testid="runs-storage"]').innerText(),
        /^On disk: \d+(\.\d)? (KB|MB) for 2 runs — the list’s text \(\d+(\.\d)? KB\) is kept once, shared by them\. Deleting a run frees its own size\.$/,
      );
      await p.screenshot(`panel-runs-${theme}`);
    });
  }

  it('names the active run, marks it in the table, and says what differs from it', async () => {
    const p = await runsView();
    assert.equal(await p.page.locator('.runs .list-title').innerText(), first.started.listName);
    assert.match(
      await p.page.getByTestId('runs-active').innerText(),
      new RegExp(`^Active model: ${named(first.run).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — the best run by dev loss\\.`),
    );
    assert.deepEqual(await ids(p), [second.run.id, first.run.id], 'newest first');
    assert.equal(await rows(p).nth(1).getAttribute('class'), 'run active ticked');
    // What differs, as shared/runRecord.ts writes it (its words are unit-tested): the settings the second run was given, and what follows from them.
    const differs = describeChanges(configChanges(first.run.config, second.run.config));
    assert.match(differs, /^hidden 64 · steps 60\b/);
    assert.deepEqual(await column(p, 'changes'), [differs, '—']);
    assert.deepEqual(await column(p, 'dev'), [second.run.losses.dev!.toFixed(4), first.run.losses.dev!.toFixed(4)]);
    assert.deepEqual(await column(p, 'steps'), ['60', '400']);
  });

  it('sorts by a column, and the other way round on a second click', async () => {
    const p = await runsView();
    const dev = p.page.locator('.runs-table th[data-sort="dev"]');
    assert.equal(await dev.getAttribute('aria-sort'), 'none');
    await dev.locator('button').click();
    await p.page.locator('.runs-table th[data-sort="dev"][aria-sort="ascending"]').waitFor();
    assert.deepEqual(await ids(p), [first.run.id, second.run.id], 'lowest dev loss first');
    await p.page.locator('.runs-table th[data-sort="dev"] button').click();
    await p.page.locator('.runs-table th[data-sort="dev"][aria-sort="descending"]').waitFor();
    assert.deepEqual(await ids(p), [second.run.id, first.run.id]);
    await p.page.locator('.runs-table th[data-sort="steps"] button').click();
    await p.page.locator('.runs-table th[data-sort="steps"][aria-sort="ascending"]').waitFor();
    assert.deepEqual(await column(p, 'steps'), ['60', '400']);
    assert.equal(await p.page.locator('.runs-table th[data-sort="dev"]').getAttribute('aria-sort'), 'none');
    // The sort is the view's own state: kept across a reload.
    await p.waitForSavedState(
      (s) => JSON.stringify((s.ui.runs as { sort: unknown }).sort) === JSON.stringify({ key: 'steps', dir: 'asc' }),
    );
  });

  it('exports exactly the ticked runs’ curves as CSV: run, step, train, dev', async () => {
    const p = await runsView();
    await p.clearPosted();
    await p.page.locator('vscode-button', { hasText: 'CSV' }).click();
    const posted = (await p.waitForPosted((m) => m.type === 'saveFile')) as Extract<FromWebview, { type: 'saveFile' }>;
    assert.equal(posted.format, 'csv');
    assert.equal(posted.fileName, 'runs-compared-runs.csv');
    // Written out here from the stored curves, oldest run first, steps ascending, empty where none.
    const expected = ['run,step,train,dev'];
    for (const run of [first.run, second.run]) {
      const steps = [...new Set([...run.curve.trainStep, ...run.curve.devStep])].sort((a, b) => a - b);
      for (const step of steps) {
        const t = run.curve.trainStep.indexOf(step);
        const d = run.curve.devStep.indexOf(step);
        expected.push(`${run.id},${step},${t >= 0 ? run.curve.train[t] : ''},${d >= 0 ? run.curve.dev[d] : ''}`);
      }
    }
    assert.equal(posted.data, `${expected.join('\n')}\n`);
    assert.ok(expected.length > first.run.curve.trainStep.length + second.run.curve.trainStep.length, 'every stored point');

    // Untick the newer run: its curve leaves the chart and the CSV.
    await rows(p).nth(0).locator('input.tick-box').uncheck();
    await p.page.locator('.runs-legend li').nth(1).waitFor({ state: 'detached' });
    const orange = await p.canvasPixels('.runs-chart', SECOND);
    assert.ok(orange.matching < 20, `no curve in the second colour any more (${JSON.stringify(orange)})`);
    await p.clearPosted();
    await p.page.locator('vscode-button', { hasText: 'CSV' }).click();
    const only = (await p.waitForPosted((m) => m.type === 'saveFile')) as Extract<FromWebview, { type: 'saveFile' }>;
    assert.ok(
      only.data
        .split('\n')
        .slice(1, -1)
        .every((line) => line.startsWith(`${first.run.id},`)),
    );
  });

  it('exports the chart with its legend as a PNG', async () => {
    const p = await runsView();
    await p.clearPosted();
    await p.page.locator('vscode-button', { hasText: 'PNG' }).click();
    const posted = (await p.waitForPosted((m) => m.type === 'saveFile')) as Extract<FromWebview, { type: 'saveFile' }>;
    assert.equal(posted.format, 'png');
    assert.equal(posted.fileName, 'runs-compared-loss.png');
    const bytes = Buffer.from(posted.data, 'base64');
    assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
    const [width, height] = [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
    const canvas = (await p.page
      .locator('.runs-chart canvas')
      .evaluate((c) => [(c as unknown as { width: number }).width, (c as unknown as { height: number }).height])) as number[];
    assert.ok(width > canvas[0]! && height > canvas[1]! + 40, `the chart (${canvas}) with a title and a legend (${width}×${height})`);
  });

  it('smoothing and the log scale redraw the chart; the row actions post their messages', async () => {
    const p = await runsView();
    const before = await p.canvasChecksum('.runs-chart');
    await p.page.locator('input.smoothing').fill('0');
    await p.page.locator('.smoothing-value', { hasText: '0.00' }).waitFor();
    const raw = await p.canvasChecksum('.runs-chart');
    assert.notEqual(raw, before, 'unsmoothed curves differ');
    await p.page.locator('.chart-tools vscode-checkbox').click();
    await p.waitForSavedState((s) => (s.ui.runs as { logScale: boolean }).logScale === true);
    assert.notEqual(await p.canvasChecksum('.runs-chart'), raw);

    await p.clearPosted();
    const newer = rows(p).nth(0);
    await newer.locator('[data-action="activate"]').click();
    await newer.locator('[data-action="delete"]').click();
    await newer.locator('[data-action="json"]').click();
    await p.waitForPosted((m) => m.type === 'saveFile');
    const posted = await p.posted();
    assert.deepEqual(posted.slice(0, 2), [
      { type: 'runAction', action: 'activate', fileKey: runs.fileKey, runId: second.run.id },
      { type: 'runAction', action: 'delete', fileKey: runs.fileKey, runId: second.run.id },
    ]);
    const json = posted[2] as Extract<FromWebview, { type: 'saveFile' }>;
    assert.equal(json.format, 'json');
    assert.equal(json.fileName, `runs-compared-${second.run.id}.json`);
    assert.deepEqual(JSON.parse(json.data).config, second.run.config);
    assert.equal(await rows(p).nth(1).locator('[data-action="activate"]').count(), 0, 'the active run has no Use as Active');
  });

  it('shows the settings a word list’s next runs use, with Clear', async () => {
    const p = await runsView();
    await p.send([{ type: 'runs', runs: { ...runs, settings: { learningRate: 0.002 } } }]);
    const note = p.page.locator('.runs .message.info');
    await note.waitFor();
    assert.match(
      await note.innerText(),
      /^The next runs of runs-compared\.txt use learning rate 0\.002 \(from Find Learning Rate\), over the workspace and user settings\. Clear$/,
    );
    await p.clearPosted();
    await note.locator('button', { hasText: 'Clear' }).click();
    assert.deepEqual(await p.waitForPosted((m) => m.type === 'clearFileSettings'), { type: 'clearFileSettings', fileKey: runs.fileKey });
  });

  it('Training view: names the active model; a run that did not beat it can be used with one click', async () => {
    const p = await pages.open('panel', 'dark');
    await p.send([IDLE, ...first.messages, ...second.messages, focusMessage(active)]);
    await p.page.locator('.training-view .status-badge', { hasText: 'Finished' }).waitFor();
    const line = p.page.locator('.training-view .active-model');
    assert.equal(
      await line.getByTestId('active-model').innerText(),
      `Active model: ${active.label} — not this run (dev ${second.run.losses.dev!.toFixed(3)}), which is kept with the file's runs.`,
    );
    await p.clearPosted();
    await line.locator('button', { hasText: 'Use This Run' }).click();
    await line.locator('button', { hasText: 'Compare Runs' }).click();
    await p.waitForPosted((m) => m.type === 'command');
    assert.deepEqual(await p.posted(), [
      { type: 'runAction', action: 'activate', fileKey: runs.fileKey, runId: second.run.id },
      { type: 'command', command: 'compareRuns' },
    ]);
    await p.screenshot('panel-training-not-active-dark');
  });

  it('before any run: a how-to', async () => {
    const p = await pages.open('panel', 'dark');
    await p.send([IDLE, { type: 'runs', runs: null }, { type: 'showTab', tab: 'runs' }]);
    await p.page.locator('.runs-view .empty-state h2', { hasText: 'Compare runs' }).waitFor();
  });
});
