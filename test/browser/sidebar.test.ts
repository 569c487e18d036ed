/**
 * The sidebar loss view in headless Chromium, fed the same recorded run: the compact loss chart,
 * step / loss / dev loss, the active model, Train / Stop / Open Training Panel, state restored
 * after a reload, no CSP violation; screenshots in light, dark and high contrast. Fed a recorded
 * sweep and learning-rate search: their compact status, and the buttons that start them.
 */
import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { lrFindRecording, mainRecording, sweepRecording } from './fixtures';
import { webviewPages, type WebviewPage, type ThemeName } from './harness';
import { activeModelLabelOf, cut, focusedList, focusMessage, hostState, sweepMidway, type Recording } from './record';
import type { ActiveModelLabel } from '../../src/shared/runRecord';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };
const isCommand = (command: string) => (m: FromWebview) => m.type === 'command' && m.command === command;
/** As the webviews print a learning rate: 0.02 → "0.02", 0.00012 → "1.2e-4". */
const rate = (x: number): string => (x >= 1e-3 ? String(Number(x.toPrecision(3))) : x.toExponential(1));

describe('sidebar loss view (headless Chromium)', function () {
  this.timeout(180_000);
  let run: Recording;
  let active: ActiveModelLabel;
  const pages = webviewPages();

  before(async () => {
    run = await mainRecording();
    active = await activeModelLabelOf(run.started.listName);
  });

  async function open(theme: ThemeName = 'dark'): Promise<WebviewPage> {
    return pages.open('sidebar', theme);
  }

  const stat = (p: WebviewPage, name: string): Promise<string> => p.page.locator(`dd[data-stat="${name}"]`).innerText();
  const button = (p: WebviewPage, label: string): Locator => p.page.locator('vscode-button', { hasText: label });
  const half = (): { before: ToWebview[]; after: ToWebview[] } => {
    const i = run.messages.findIndex(
      (m) => m.type === 'events' && m.events.some((e) => e.type === 'trainProgress' && e.step >= run.started.config.steps / 2),
    );
    return { before: run.messages.slice(0, i + 1), after: run.messages.slice(i + 1) };
  };

  for (const theme of ['dark', 'light', 'high-contrast'] as const) {
    it(`shows the live run in the ${theme} theme (screenshots while training and when finished)`, async () => {
      const p = await open(theme);
      const { before, after } = half();
      await p.send([IDLE, focusMessage(active), ...before]);
      await p.page.locator('.status-badge', { hasText: 'training' }).waitFor();
      const live = await p.canvasPixels('.loss-chart', '--vscode-charts-blue');
      assert.ok(live.matching > 100, `the compact chart draws the train loss (${JSON.stringify(live)})`);
      assert.match(await stat(p, 'step'), /^\d{3} \/ 600$/);
      // The loss shown is the chart's trend where it ends: the mean of the latest minibatch
      // losses (the last 2.5% of the steps so far, at least 3), not a lagging moving average.
      const losses = before
        .flatMap((m) => (m.type === 'events' ? m.events : []))
        .flatMap((e) => (e.type === 'trainProgress' ? e.losses : []));
      const recent = losses.slice(-(Math.max(2, Math.round(losses.length * 0.025)) + 1));
      assert.equal(await stat(p, 'loss'), (recent.reduce((a, b) => a + b, 0) / recent.length).toFixed(4));
      await p.screenshot(`sidebar-training-${theme}`);

      await p.send(after);
      await p.page.locator('.status-badge', { hasText: 'finished' }).waitFor();
      assert.equal(await stat(p, 'step'), '600 / 600');
      assert.equal(await stat(p, 'loss'), run.finished.losses.train!.toFixed(4));
      assert.equal(await stat(p, 'dev loss'), run.finished.losses.dev!.toFixed(4));
      assert.equal(await p.page.locator('.model-name').innerText(), active.label);
      // The compact chart has no key: its dev colour is the theme's, at full opacity, or the fallback.
      const dev = theme === 'high-contrast' ? '#d18616' : `rgb(${(await p.rgb('--vscode-charts-orange')).join(', ')})`;
      assert.ok((await p.canvasPixels('.loss-chart', dev)).matching > 20, 'dev points drawn');
      await p.screenshot(`sidebar-finished-${theme}`);
    });
  }

  it('invites a first run and posts Train, Stop and Open Training Panel', async () => {
    const p = await open();
    await p.send([IDLE]);
    assert.match(await p.page.locator('.hint').innerText(), /Makemore: Train on File/);
    // No list open: a sample list to start from, kept through the views' updates.
    await p.send([focusMessage(null)]);
    const sample = p.page.locator('.hint button', { hasText: 'open a sample list' });
    await sample.waitFor();
    // A list open without a model: how to train it; then none again: the sample list is back.
    await p.send([focusMessage(null, focusedList('cats.txt'))]);
    await p.page.locator('.hint', { hasText: 'cats.txt has no model yet' }).waitFor();
    assert.equal(await sample.count(), 0);
    await p.send([focusMessage(null)]);
    await sample.click();
    await p.waitForPosted(isCommand('openSampleList'));
    await p.clearPosted();
    assert.equal(await p.page.locator('.loss-chart').isVisible(), false);
    assert.equal(await p.page.locator('.model-name').innerText(), 'none yet');
    await p.screenshot('sidebar-idle-dark');
    await button(p, 'Train').click();
    await p.page.getByText('Open Training Panel').click();
    await p.waitForPosted(isCommand('showPanel'));
    assert.deepEqual(await p.posted(), [
      { type: 'command', command: 'train' },
      { type: 'command', command: 'showPanel' },
    ]);

    await p.send(half().before);
    await p.clearPosted();
    await button(p, 'Train').click({ force: true });
    await button(p, 'Stop').click();
    await p.waitForPosted(isCommand('stop'));
    assert.deepEqual(await p.posted(), [{ type: 'command', command: 'stop' }], 'Train is disabled while training');
  });

  it('shows the slow-backend warning and a failed run’s message', async () => {
    const p = await open();
    const warning = 'Training uses the slow cpu backend: the WebAssembly backend could not start.';
    await p.send([IDLE, { type: 'events', events: [{ ...run.started, warning }] }]);
    assert.equal(await p.page.locator('.message.warning').innerText(), `⚠ ${warning}`);
    await p.send([
      { type: 'events', events: [{ type: 'failed', job: 'train', cause: 'error', message: 'Training failed: out of memory.' }] },
    ]);
    await p.page.locator('.status-badge', { hasText: 'failed' }).waitFor();
    assert.equal(await p.page.locator('.message.error').innerText(), 'Training failed: out of memory.');
    await p.screenshot('sidebar-failed-dark');
  });

  it('after a reload, asks the host and shows its snapshot at once', async () => {
    const p = await open();
    const sent: ToWebview[] = [IDLE, focusMessage(active), ...run.messages];
    await p.send(sent);
    await p.page.locator('.status-badge', { hasText: 'finished' }).waitFor();
    await p.reload();
    assert.deepEqual(await p.posted(), [{ type: 'ready' }]);
    // The host answers `ready` with its state and the active model.
    await p.send([{ type: 'snapshot', state: hostState(sent) }, focusMessage(active)]);
    await p.page.locator('.status-badge', { hasText: 'finished' }).waitFor();
    assert.equal(await stat(p, 'dev loss'), run.finished.losses.dev!.toFixed(4));
    assert.equal(await p.page.locator('.model-name').innerText(), active.label);
    assert.ok((await p.canvasPixels('.loss-chart', '--vscode-charts-blue')).matching > 100);
  });
  it('shows a running sweep compactly: run i of n, the best dev loss so far and its setting', async () => {
    const sweep = await sweepRecording();
    const p = await open();
    const { before, after } = sweepMidway(sweep);
    await p.send([IDLE, focusMessage(active), ...run.messages, ...before]);
    await p.page.locator('.status-badge', { hasText: 'sweeping' }).waitFor();
    const n = sweep.started.settings.length;
    assert.equal(await stat(p, 'sweep run'), `${n} / ${n}`);
    // The best so far, as the last finished run's diagnosis says.
    const done = before.flatMap((m) => (m.type === 'events' ? m.events : [])).filter((e) => e.type === 'sweepRunFinished');
    const bestSoFar = done[done.at(-1)!.diagnosis.indexOf('best')].run;
    assert.equal(await stat(p, 'sweep best dev'), bestSoFar.dev.toFixed(4));
    assert.equal(await stat(p, 'sweep best'), `hid ${bestSoFar.setting.hiddenSize}`);
    assert.equal(await p.page.locator('.caption').innerText(), 'Sweep of hidden units on names.txt');
    assert.equal(await p.page.locator('.loss-chart').isVisible(), false, 'the training chart gives way');
    const percent = Number(await p.page.locator('[role="progressbar"]').getAttribute('aria-valuenow'));
    assert.ok(percent >= Math.floor(((n - 1) / n) * 100) && percent < 100, `progress over the whole sweep (${percent}%)`);
    await p.screenshot('sidebar-sweep-dark');

    await p.send(after);
    await p.page.locator('.status-badge', { hasText: 'finished' }).waitFor();
    const best = sweep.finishedRuns[sweep.finished.best].run;
    assert.equal(await stat(p, 'sweep best dev'), best.dev.toFixed(4));
    assert.equal(await p.page.locator('[role="progressbar"]').getAttribute('aria-valuenow'), '100');
  });

  it('shows a running learning-rate search: step, rate and, at the end, the suggestion', async () => {
    const lr = await lrFindRecording();
    const p = await open('light');
    const { before, after } = cut(lr.messages, (e, k) => e.type === 'lrFindProgress' && k > lr.events.length / 2);
    await p.send([IDLE, ...before]);
    await p.page.locator('.status-badge', { hasText: 'searching' }).waitFor();
    const rates = before
      .flatMap((m) => (m.type === 'events' ? m.events : []))
      .flatMap((e) => (e.type === 'lrFindProgress' ? e.learningRates : []));
    assert.equal(await stat(p, 'lr step'), `${rates.length} / 300`);
    assert.equal(await stat(p, 'lr rate'), rate(rates.at(-1)!));
    assert.equal(await stat(p, 'lr suggested'), '—');
    await p.screenshot('sidebar-lr-light');

    await p.send(after);
    await p.page.locator('.status-badge', { hasText: 'finished' }).waitFor();
    assert.equal(await stat(p, 'lr suggested'), rate(lr.finished.suggestion));
  });

  it('posts Sweep… and Find LR, disabled while anything runs', async () => {
    const sweep = await sweepRecording();
    const p = await open();
    await p.send([IDLE]);
    await button(p, 'Sweep…').click();
    await button(p, 'Find LR').click();
    await p.waitForPosted(isCommand('findLearningRate'));
    assert.deepEqual((await p.posted()).slice(1), [
      { type: 'command', command: 'sweep' },
      { type: 'command', command: 'findLearningRate' },
    ]);
    await p.send(sweepMidway(sweep).before);
    await p.clearPosted();
    for (const label of ['Train', 'Sweep…', 'Find LR']) await button(p, label).click({ force: true });
    await button(p, 'Stop').click();
    await p.waitForPosted(isCommand('stop'));
    assert.deepEqual(await p.posted(), [{ type: 'command', command: 'stop' }]);
  });
});
