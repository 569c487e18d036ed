/**
 * The panel's Sweep and Learning rate views in headless Chromium, fed a real sweep and a real
 * learning-rate search recorded at test time: the table's rows are the finished runs with their
 * numbers and diagnoses, the best one marked; the charts drawn in the theme's colours, the
 * suggested rate marked where it belongs on the log axis; Keep Best Model and Use This Rate post
 * their commands and show what the host did; the tabs follow the activity that starts and the
 * keyboard; state is restored after a reload; screenshots in light, dark and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { lrFindRecording, mainRecording, multiSweepRecording, sweepRecording } from './fixtures';
import { eventually, webviewPages, type WebviewPage, type ThemeName } from './harness';
import { cut, hostState, sweepMidway, type LrFindRecording, type SweepRecording, focusMessage } from './record';

/** Where a kept run is stored (the host's ids: runs/runStore.ts). */
const STORED = { fileKey: '0123456789abcdef', runId: '20260101-100000-abcd' };
const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const SETTING_NAMES = { blockSize: 'context length', embeddingSize: 'embedding size', hiddenSize: 'hidden units' };
const isCommand = (command: string) => (m: FromWebview) => m.type === 'command' && m.command === command;
const loss = (x: number): string => x.toFixed(4);
const delta = (d: number): string => `${d < 0 ? '−' : '+'}${Math.abs(d).toFixed(4)}`;
/** `text` matched literally in a RegExp. */
const literal = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** As the webviews print a learning rate: 0.02 → "0.02", 0.00012 → "1.2e-4". */
const rate = (x: number): string => (x >= 1e-3 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

describe('sweep and learning-rate views (headless Chromium)', function () {
  this.timeout(240_000);
  let sweep: SweepRecording;
  let lr: LrFindRecording;
  const pages = webviewPages();

  before(async () => {
    // One after another: the recordings share two cores with the browser.
    sweep = await sweepRecording();
    lr = await lrFindRecording();
  });

  async function open(theme: ThemeName = 'dark'): Promise<WebviewPage> {
    return pages.open('panel', theme);
  }

  const badge = (p: WebviewPage, text: string): Promise<void> => p.page.locator('.status-badge', { hasText: text }).waitFor();
  const button = (p: WebviewPage, label: string): Locator => p.page.locator('vscode-button', { hasText: label });
  const selectedTab = (p: WebviewPage): Promise<string> => p.page.locator('[role="tab"][aria-selected="true"]').innerText();
  const disabled = async (b: Locator): Promise<boolean> => (await b.getAttribute('disabled')) !== null;

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`sweep: the live table and chart, then every run's numbers and diagnosis, the best marked (${theme})`, async () => {
      const p = await open(theme);
      const { before, after } = sweepMidway(sweep);
      await p.send([IDLE, focusMessage(null), ...before]);
      await badge(p, 'Sweeping');
      assert.equal(await selectedTab(p), 'SWEEP', 'the panel switched to the sweep');
      const n = sweep.started.settings.length;
      // The last run trains: its row shows progress; the others have finished.
      assert.equal(await p.page.locator('tr.run.done').count(), n - 1);
      const live = p.page.locator(`tr.run.current[data-index="${n - 1}"]`);
      assert.match(await live.innerText(), /training · \d+% · minibatch loss \d\.\d{4}/);
      assert.ok(Number(await live.locator('[role="progressbar"]').getAttribute('aria-valuenow')) >= 0);
      assert.match(
        await p.page.locator('.status-line').innerText(),
        new RegExp(
          `^Run ${n} of ${n}: hidden units ${sweep.started.settings[n - 1].hiddenSize} · \\d+% of the sweep · best so far: hidden units \\d+, dev loss \\d\\.\\d{4}$`,
        ),
      );
      assert.ok(await disabled(button(p, 'Keep Best Model')), 'nothing to keep before the sweep ends');
      assert.ok((await p.canvasPixels('.sweep-chart', '--vscode-charts-blue')).matching > 30, 'finished runs drawn live');
      await p.screenshot(`panel-sweep-live-${theme}`);

      await p.send(after);
      await badge(p, 'Finished');
      const rows = p.page.locator('tr.run.done');
      assert.equal(await rows.count(), sweep.finishedRuns.length, 'one row per finished run');
      const { diagnosis, best } = sweep.finished;
      for (const [k, { run }] of sweep.finishedRuns.entries()) {
        const row = p.page.locator(`tr.run.done[data-index="${run.index}"]`);
        const cell = (col: string): Promise<string> => row.locator(`td[data-col="${col}"]`).innerText();
        assert.equal(await row.locator('td.setting').innerText(), String(run.setting.hiddenSize));
        assert.equal(await cell('parameters'), run.paramCount.toLocaleString('en-US'));
        assert.equal(await cell('steps'), run.steps.toLocaleString('en-US'));
        assert.equal(await cell('train'), loss(run.train));
        assert.equal(await cell('dev'), loss(run.dev));
        assert.equal(await cell('gap'), delta(run.dev - run.train));
        assert.equal(await cell('diagnosis'), diagnosis[k]);
      }
      const bestRun = sweep.finishedRuns[best].run;
      assert.equal(await p.page.locator('tr.run.best').getAttribute('data-index'), String(bestRun.index), 'the best row is marked');
      assert.equal(await p.page.locator('tr.run.best td[data-col="diagnosis"]').innerText(), 'best');
      assert.match(
        await p.page.locator('.status-line').innerText(),
        new RegExp(`^${n} runs in .* · best: hidden units ${bestRun.setting.hiddenSize}, dev loss ${loss(bestRun.dev)}$`),
      );
      assert.match(await p.page.locator('.sweep-view .intro').innerText(), /compared on the dev split; the test split is never used/);
      assert.equal(await p.page.locator('.sweep-chart-card h2').innerText(), 'FINAL LOSS BY HIDDEN UNITS');

      // The chart: train and dev in their key colours, the best run in the accent colour, and
      // each diagnosis the sweep made (its band's name) in its colour.
      const themed: [string, string][] = [
        ['train', '--vscode-charts-blue'],
        ['underfit', '--vscode-charts-purple'],
        ['overfit', '--vscode-charts-red'],
        ['best', '--vscode-charts-green'],
      ];
      for (const [kind, variable] of themed) {
        const [a, b] = [await p.rgb(`@.sweep-chart .swatch.${kind}`), await p.rgb(variable)];
        assert.ok(
          a.every((x, i) => Math.abs(x - b[i]) <= 6),
          `the ${kind} key shows ${variable}`,
        );
      }
      const drawn = async (kind: string): Promise<number> =>
        (await p.canvasPixels('.sweep-chart', `@.sweep-chart .swatch.${kind}`)).matching;
      assert.ok((await drawn('train')) > 200, 'the train loss is drawn');
      assert.ok((await drawn('dev')) > 200, 'the dev loss is drawn');
      assert.ok((await drawn('best')) > 100, 'the best run is marked');
      for (const kind of ['underfit', 'overfit']) {
        if (diagnosis.includes(kind as 'underfit')) assert.ok((await drawn(kind)) > 30, `the ${kind} band is named in its colour`);
      }
      assert.match(
        await p.page.locator('.sweep-chart .readout').innerText(),
        new RegExp(`^best: hidden units ${bestRun.setting.hiddenSize} · ${bestRun.paramCount.toLocaleString('en-US')} parameters`),
      );
      await p.screenshot(`panel-sweep-${theme}`);
    });
  }

  it('sweep: reads out the run under the cursor', async () => {
    const p = await open();
    await p.send([IDLE, ...sweep.messages]);
    await badge(p, 'Finished');
    // The x axis is log-scaled over the settings: the first run is left of the middle, the last right of it.
    const over = (await p.page.locator('.sweep-chart .u-over').boundingBox())!;
    const sorted = [...sweep.finishedRuns].sort((a, b) => a.run.setting.hiddenSize! - b.run.setting.hiddenSize!);
    await p.page.mouse.move(over.x + 4, over.y + over.height / 2);
    await eventually(async () =>
      assert.match(
        await p.page.locator('.sweep-chart .readout').innerText(),
        new RegExp(`^hidden units ${sorted[0].run.setting.hiddenSize} · .*train ${loss(sorted[0].run.train)}`),
      ),
    );
    await p.page.mouse.move(over.x + over.width - 4, over.y + over.height / 2);
    const last = sorted.at(-1)!.run;
    await eventually(async () =>
      assert.match(
        await p.page.locator('.sweep-chart .readout').innerText(),
        new RegExp(`^hidden units ${last.setting.hiddenSize} · .*dev ${loss(last.dev)} · gap ${literal(delta(last.dev - last.train))}`),
      ),
    );
  });

  it('sweep: Stop while it runs; Keep Best Model once it ended, then “Kept as …”; New Sweep…', async () => {
    const p = await open();
    const { before, after } = sweepMidway(sweep);
    await p.send([IDLE, ...before]);
    await badge(p, 'Sweeping');
    await p.clearPosted();
    await button(p, 'Keep Best Model').click({ force: true });
    await button(p, 'New Sweep…').click({ force: true });
    await button(p, 'Stop').click();
    await p.waitForPosted(isCommand('stop'));
    assert.deepEqual(await p.posted(), [{ type: 'command', command: 'stop' }], 'Keep and New Sweep are disabled while sweeping');

    await p.send(after);
    await badge(p, 'Finished');
    await p.clearPosted();
    await button(p, 'Stop').click({ force: true });
    await button(p, 'Keep Best Model').click();
    await p.waitForPosted(isCommand('keepSweepBest'));
    assert.deepEqual(await p.posted(), [{ type: 'command', command: 'keepSweepBest' }]);
    assert.equal(await p.page.locator('.sweep-view .message.success').isVisible(), false);

    await p.send([
      { type: 'events', events: [{ type: 'modelStored', job: 'sweep', modelName: 'names (hidden 32)', ...STORED, active: false }] },
    ]);
    const bestRun = sweep.finishedRuns[sweep.finished.best].run;
    assert.equal(
      await p.page.locator('.sweep-view .message.success').innerText(),
      `✓ Kept as “names (hidden 32)”: run ${bestRun.index + 1} (hidden units ${bestRun.setting.hiddenSize}, dev loss ${loss(bestRun.dev)}). The active model stays (it is better); Compare Runs shows both.`,
    );
    assert.ok(await disabled(button(p, 'Keep Best Model')), 'kept once');
    await p.clearPosted();
    await button(p, 'New Sweep…').click();
    await p.waitForPosted(isCommand('sweep'));
    await p.screenshot('panel-sweep-kept-dark');
  });

  it('sweep of several settings: one column each, x is the parameter count, each point labelled', async () => {
    const multi = await multiSweepRecording();
    const p = await open();
    await p.send([IDLE, ...multi.messages]);
    await badge(p, 'Finished');
    assert.deepEqual(multi.started.varied, ['embeddingSize', 'hiddenSize']);
    assert.deepEqual(
      await p.page.locator('.sweep-table th.setting').allInnerTexts(),
      multi.started.varied.map((k) => SETTING_NAMES[k]),
    );
    assert.equal(await p.page.locator('tr.run.done').count(), multi.finishedRuns.length);
    assert.equal(await p.page.locator('.sweep-chart-card h2').innerText(), 'FINAL LOSS BY MODEL SIZE');
    assert.ok((await p.canvasPixels('.sweep-chart', '@.sweep-chart .swatch.dev')).matching > 100);
    // The largest model is at the right end of the x axis.
    const largest = [...multi.finishedRuns].sort((a, b) => b.run.paramCount - a.run.paramCount)[0].run;
    const over = (await p.page.locator('.sweep-chart .u-over').boundingBox())!;
    await p.page.mouse.move(over.x + over.width - 2, over.y + over.height / 2);
    await eventually(async () =>
      assert.match(
        await p.page.locator('.sweep-chart .readout').innerText(),
        new RegExp(
          `^embedding size ${largest.setting.embeddingSize}, hidden units ${largest.setting.hiddenSize} · ${largest.paramCount.toLocaleString('en-US')} parameters`,
        ),
      ),
    );
    await p.page.mouse.move(0, 0);
    await p.screenshot('panel-sweep-multi-dark');
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`learning rate: the curve grows, then the suggestion is marked at its rate (${theme})`, async () => {
      const p = await open(theme);
      const { before, after } = cut(lr.messages, (e, k) => e.type === 'lrFindProgress' && k > lr.events.length / 2);
      await p.send([IDLE, ...before]);
      await badge(p, 'Searching');
      assert.equal(await selectedTab(p), 'LEARNING RATE');
      assert.match(await p.page.locator('.status-line').innerText(), /^Step \d+ of 300 · learning rate \S+ · smoothed loss \d\.\d{4}$/);
      assert.ok(await disabled(button(p, 'Use This Rate')), 'no suggestion yet');
      const live = (await p.canvasPixels('.lr-chart', '@.lr-chart .swatch.smoothed')).matching;
      assert.ok(live > 100, `the smoothed loss is drawn live (${live})`);
      await p.screenshot(`panel-lr-live-${theme}`);

      await p.send(after);
      await badge(p, 'Finished');
      const { suggestion, minimum } = lr.finished;
      assert.ok(suggestion > lr.started.minLr && suggestion < lr.started.maxLr, `suggestion ${suggestion}`);
      assert.match(
        await p.page.locator('.status-line').innerText(),
        new RegExp(`^Suggested learning rate ${rate(suggestion)} \\(the smoothed loss is lowest at ${rate(minimum)}\\)`),
      );
      assert.match(
        await p.page.locator('.lr-view .intro').innerText(),
        /rises exponentially at each of 300 steps, from 1e-5 to 0\.1 .* rounded down to 1, 2 or 5/,
      );
      assert.ok((await p.canvasPixels('.lr-chart', '@.lr-chart .swatch.smoothed')).matching > live, 'the curve grew');
      // The suggestion's line is where the rate is on the log axis: a column of accent pixels there.
      const canvas = (await p.page.locator('.lr-chart canvas').boundingBox())!;
      const over = (await p.page.locator('.lr-chart .u-over').boundingBox())!;
      const at = Math.log(suggestion / lr.started.minLr) / Math.log(lr.started.maxLr / lr.started.minLr);
      const x = over.x - canvas.x + at * over.width;
      const accent = await p.rgb('@.lr-chart .swatch.suggestion');
      assert.deepEqual(accent, await p.rgb('--vscode-charts-green'));
      let column = 0;
      for (let y = over.y - canvas.y + over.height * 0.3; y < over.y - canvas.y + over.height * 0.9; y += 8) {
        const pixel = await p.pixelAt('.lr-chart', x, y);
        if (accent.every((c, i) => Math.abs(c - pixel[i]) < 40)) column++;
      }
      assert.ok(column >= 5, `the suggestion's line crosses the plot at ${rate(suggestion)} (${column} accent samples)`);
      assert.match(
        await p.page.locator('.lr-chart .readout').innerText(),
        new RegExp(`^step ${lr.learningRates.length} · learning rate ${rate(lr.learningRates.at(-1)!)}`),
      );
      await p.screenshot(`panel-lr-${theme}`);
    });
  }

  it('learning rate: Use This Rate posts useLearningRate, then shows where the rate was set', async () => {
    const p = await open();
    await p.send([IDLE, ...lr.messages]);
    await badge(p, 'Finished');
    await p.clearPosted();
    await button(p, 'Use This Rate').click();
    await p.waitForPosted(isCommand('useLearningRate'));
    assert.deepEqual(await p.posted(), [{ type: 'command', command: 'useLearningRate' }]);
    await p.send([
      { type: 'events', events: [{ type: 'lrApplied', learningRate: lr.finished.suggestion, where: 'the next runs of names.txt' }] },
    ]);
    assert.equal(
      await p.page.locator('.lr-view .message.success').innerText(),
      `✓ Learning rate ${rate(lr.finished.suggestion)} set for the next runs of names.txt.`,
    );
    assert.ok(!(await disabled(button(p, 'Use This Rate'))), 'it may be used elsewhere too (the workspace, the user settings)');
    await button(p, 'Find Again').click();
    await p.waitForPosted(isCommand('findLearningRate'));
    await p.screenshot('panel-lr-applied-dark');
  });

  it('tabs follow the activity that starts, keep the user’s choice until the next, and work by keyboard', async () => {
    const run = await mainRecording();
    const p = await open();
    await p.send([IDLE, ...run.messages]);
    await badge(p, 'Finished');
    assert.equal(await selectedTab(p), 'TRAINING');

    const { before, after } = sweepMidway(sweep);
    await p.send(before);
    await badge(p, 'Sweeping');
    assert.equal(await selectedTab(p), 'SWEEP');
    assert.equal(await p.page.locator('[role="tab"].running').innerText(), 'SWEEP', 'the running activity’s tab is marked');
    // The user looks at the last training run while the sweep goes on: the panel stays there.
    await p.page.getByRole('tab', { name: 'Training' }).click();
    await p.page.locator('.run .card.loss').waitFor();
    await p.send(after);
    assert.equal(await selectedTab(p), 'TRAINING');
    assert.equal(await p.page.locator('.training-view .status-badge').innerText(), 'Finished', 'the training run as it ended');

    await p.send(lr.messages);
    await badge(p, 'Finished');
    assert.equal(await selectedTab(p), 'LEARNING RATE', 'a new activity: its view');
    assert.equal(await p.page.locator('[role="tab"].running').count(), 0);

    // Keyboard: one tab in the Tab order; arrows, Home and End move and select.
    assert.deepEqual(await p.page.locator('[role="tab"]').evaluateAll((tabs) => tabs.map((t) => t.getAttribute('tabindex'))), [
      '-1',
      '-1',
      '-1',
      '0',
      '-1',
      '-1',
    ]);
    await p.page.getByRole('tab', { name: 'Learning rate' }).focus();
    await p.page.keyboard.press('ArrowLeft');
    await p.page.locator('.sweep-view tr.run.best').waitFor();
    assert.equal(await selectedTab(p), 'SWEEP');
    assert.equal(
      await p.page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
      ),
      'Sweep',
    );
    await p.page.keyboard.press('Home');
    await p.page.locator('.training-view .card.loss').waitFor();
    await p.page.keyboard.press('End');
    await p.page.locator('.explore-view').waitFor();
    await p.page.keyboard.press('ArrowLeft');
    await p.page.locator('.generate-view').waitFor();
    await p.page.keyboard.press('ArrowLeft');
    await p.page.locator('.lr-view .lr-chart').waitFor();
    await p.page.keyboard.press('End');
    await p.page.keyboard.press('ArrowRight');
    await p.page.locator('.training-view').waitFor();
    assert.equal(await selectedTab(p), 'TRAINING', 'wraps around');
    // Tab leaves the tab list for the view's first control.
    await p.page.keyboard.press('Tab');
    assert.equal(
      await p.page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { tagName: string } } }).document.activeElement.tagName,
      ),
      'VSCODE-BUTTON',
    );
  });

  it('after a reload, shows the view the user chose (saved) with the sweep and the search from the host', async () => {
    const p = await open();
    const sent: ToWebview[] = [
      IDLE,
      ...sweep.messages,
      ...lr.messages,
      { type: 'events', events: [{ type: 'modelStored', job: 'sweep', modelName: 'names', ...STORED, active: true }] },
    ];
    await p.send(sent);
    await badge(p, 'Finished');
    await p.page.getByRole('tab', { name: 'Sweep' }).click();
    await p.waitForSavedState((s) => s.ui.tab === 'sweep');
    await p.reload();
    assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
    assert.equal(await selectedTab(p), 'SWEEP', 'the view the user chose, as saved');
    // The host answers `ready` with its state.
    await p.send([{ type: 'snapshot', state: hostState(sent) }]);
    assert.equal(await selectedTab(p), 'SWEEP');
    assert.equal(await p.page.locator('tr.run.done').count(), sweep.finishedRuns.length);
    assert.match(await p.page.locator('.sweep-view .message.success').innerText(), /^✓ Kept as “names”/);
    assert.ok((await p.canvasPixels('.sweep-chart', '--vscode-charts-blue')).matching > 200);
    await p.page.getByRole('tab', { name: 'Learning rate' }).click();
    await p.page.locator('.lr-view .status-line', { hasText: `Suggested learning rate ${rate(lr.finished.suggestion)}` }).waitFor();
    assert.ok((await p.canvasPixels('.lr-chart', '--vscode-charts-green')).matching > 50);

    // The host's snapshot says another sweep started meanwhile: its view comes to the front.
    await p.page.getByRole('tab', { name: 'Training' }).click();
    const state = hostState(sent);
    const { before } = sweepMidway(sweep);
    const restarted = before.flatMap((m) => (m.type === 'events' ? m.events : []));
    await p.send([
      { type: 'snapshot', state },
      { type: 'events', events: restarted },
    ]);
    await badge(p, 'Sweeping');
    assert.equal(await selectedTab(p), 'SWEEP');
  });

  it('shows a how-to on the Sweep and Learning rate tabs before any, with buttons that ask the host', async () => {
    const p = await open();
    await p.send([IDLE]);
    await p.page.getByRole('tab', { name: 'Sweep' }).click();
    const empty = p.page.locator('.sweep-view .empty-state');
    await empty.waitFor();
    assert.match(await empty.innerText(), /Makemore: Sweep Hyperparameters/);
    assert.match(await empty.innerText(), /test split is never used/);
    await p.screenshot('panel-sweep-empty-dark');
    await button(p, 'Start a Sweep…').click();
    await p.waitForPosted(isCommand('sweep'));

    await p.page.getByRole('tab', { name: 'Learning rate' }).click();
    const lrEmpty = p.page.locator('.lr-view .empty-state');
    await lrEmpty.waitFor();
    assert.match(await lrEmpty.innerText(), /Makemore: Find Learning Rate/);
    await p.screenshot('panel-lr-empty-dark');
    await button(p, 'Find Learning Rate').click();
    await p.waitForPosted(isCommand('findLearningRate'));

    // While a training runs, neither can start (the worker runs one job at a time).
    const run = await mainRecording();
    await p.send(run.messages.slice(0, 3));
    await p.page.getByRole('tab', { name: 'Learning rate' }).click();
    await p.clearPosted();
    await button(p, 'Find Learning Rate').click({ force: true });
    await p.page.getByRole('tab', { name: 'Sweep' }).click();
    await button(p, 'Start a Sweep…').click({ force: true });
    assert.ok(await disabled(button(p, 'Start a Sweep…')));
    assert.deepEqual(await p.posted(), []);
  });
});
