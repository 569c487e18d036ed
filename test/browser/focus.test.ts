/**
 * The list in focus, in headless Chromium: list A in focus (its active run stored) while list C
 * trains — the panel and the sidebar show A's numbers under A's name (its stored curve, losses,
 * samples and vocabulary) and C as a job line of its own ("Training C · step … of …", Show,
 * Stop), never C's numbers under A's name; a model borrowed from another list says so, with the
 * ways back; the Generate controls belong to a list. Screenshots in dark, light and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { formatLoss } from '../../src/shared/format';
import { initialRunState } from '../../src/shared/runState';
import { GenerateControlsStore } from '../../src/extension/generation/generateControlsStore';
import { memento } from '../unit/extension/helpers';
import { generationModel, mainRecording, twoDimensionalRecording } from './fixtures';
import { liveHost, targetOf, type LiveHost } from './generationHost';
import { eventually, webviewPages, type ThemeName } from './harness';
import { activeModelLabelOf, cut, focusedList, focusMessage, listKeyOf, type Recording } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

describe('the list in focus (headless Chromium)', function () {
  this.timeout(240_000);
  const pages = webviewPages();
  /** List A, trained and stored; list C, training. */
  let a: Recording;
  let c: Recording;
  let focusOnA: ToWebview;
  let cMidway: ToWebview[];
  const hosts: LiveHost[] = [];

  before(async () => {
    [a, c] = await Promise.all([mainRecording(), twoDimensionalRecording()]);
    // As the host sends it: A's active run, with what its model file adds (its symbols and embedding).
    focusOnA = focusMessage(await activeModelLabelOf(a.started.listName), focusedList(a.started.listName), a.run);
    if (focusOnA.type === 'focus') focusOnA.focus.details = { symbols: a.started.symbols, embedding: a.finalEmbedding };
    const steps = c.started.config.steps;
    cMidway = cut(c.messages, (e) => e.type === 'trainProgress' && e.step >= steps / 2).before;
  });

  afterEach(() => {
    for (const h of hosts.splice(0)) h.dispose();
  });

  for (const theme of ['dark', 'light', 'high-contrast'] as const satisfies readonly ThemeName[]) {
    it(`panel: A's stored run under A's name while C trains, C as a job line with Show and Stop (${theme})`, async () => {
      const p = await pages.open('panel', theme);
      await p.send([IDLE, ...cMidway, focusOnA]);
      const view = p.page.locator('.training-view');
      await view.locator('.status-badge', { hasText: 'Finished' }).waitFor();
      assert.equal(await view.locator('.run-header .list-title').innerText(), 'names.txt', 'the header names A');
      assert.equal(
        await view.locator('.loss-table tr.model td[data-split="dev"]').innerText(),
        formatLoss(a.run.losses.dev),
        "A's dev loss",
      );
      assert.deepEqual(await view.locator('.sample-list .sample').allInnerTexts(), a.run.samples, "A's samples");
      assert.match(await view.getByTestId('active-model').innerText(), /^Active model: names\.txt · .* — this run\.$/);
      const chart = await p.canvasPixels('.card.loss', '--vscode-charts-blue');
      assert.ok(chart.matching > 300, `A's stored curve is drawn (${JSON.stringify(chart)})`);
      // A's vocabulary in the scatter (24-d embeddings, projected), not C's two raw dimensions.
      const labels = await view.locator('[data-testid="embedding-labels"] li').allInnerTexts();
      assert.ok(labels.length > 20 && labels.every((l) => a.started.symbols.includes(l)), `A's symbols: ${labels.join('')}`);
      assert.match(await view.locator('.card.embedding').innerText(), /PCA of the 24-dimensional embeddings/);
      assert.ok(!(await view.locator('.summary').innerText()).includes('Examples'), 'no split sizes a stored run does not keep');
      // C: a job line of its own, never C's numbers under A's name.
      const line = p.page.getByTestId('job-line');
      assert.match(await line.innerText(), /^Training names-2d\.txt · step [\d,]+ of 120/);
      assert.ok(!(await view.innerText()).includes('names-2d.txt'), "nothing of C in A's view");
      await p.screenshot(`focus-panel-other-job-${theme}`);
      await line.locator('[data-action="show-job-list"]').click();
      await p.waitForPosted((m) => m.type === 'showList' && m.key === listKeyOf('names-2d.txt'));
      await line.locator('[data-action="stop-job"]').click();
      await p.waitForPosted((m) => m.type === 'command' && m.command === 'stop');
      assert.equal(
        await view.locator('vscode-button', { hasText: 'Stop' }).getAttribute('disabled'),
        '',
        "A's view has no Stop of its own: C's job line has",
      );

      // C comes into focus: its live run, and no job line.
      await p.send([focusMessage(null, focusedList('names-2d.txt'))]);
      await view.locator('.status-badge', { hasText: 'Training' }).waitFor();
      assert.equal(await view.locator('.run-header .list-title').innerText(), 'names-2d.txt');
      await line.waitFor({ state: 'hidden' });
    });
  }

  it("sidebar: A's model and numbers, C's job line", async () => {
    const p = await pages.open('sidebar', 'dark');
    await p.send([IDLE, ...cMidway, focusOnA]);
    await p.page.getByTestId('job-line').waitFor();
    assert.equal(await p.page.getByTestId('focused-list').innerText(), 'names.txt');
    assert.match(await p.page.getByTestId('active-model').innerText(), /^names\.txt · /);
    assert.equal(await p.page.locator('dd[data-stat="dev loss"]').innerText(), formatLoss(a.run.losses.dev));
    assert.equal(
      await p.page.locator('dd[data-stat="step"]').innerText(),
      `${a.run.steps.toLocaleString('en-US')} / ${a.run.config.steps.toLocaleString('en-US')}`,
    );
    assert.match(await p.page.getByTestId('job-line').innerText(), /^Training names-2d\.txt · step [\d,]+ of 120/);
    assert.equal(await p.page.locator('.status-badge').innerText(), 'finished', "A's run, as stored");
    await p.screenshot('focus-sidebar-other-job-dark');
  });

  it('a list without a model of its own: nothing borrowed unsaid — both Generate views name the lender, with Show and Train', async () => {
    const bytes = await generationModel();
    for (const kind of ['panel', 'sidebar'] as const) {
      const target = targetOf(bytes, 'draft.txt');
      target.info.model = {
        ...target.info.model!,
        own: false,
        note: 'draft.txt has no runs of its own: names come from the model used last.',
      };
      const host = liveHost(target);
      hosts.push(host);
      const p = await pages.open(kind, 'dark', {
        onPost: host.onPost,
        ...(kind === 'panel' ? {} : { viewport: { width: 320, height: 700 } }),
      });
      host.attach(p);
      await p.send([IDLE, ...(kind === 'panel' ? [{ type: 'showTab', tab: 'generate' } as const] : [])]);
      const borrowed = p.page.getByTestId('borrowed');
      await borrowed.waitFor();
      assert.match(
        await borrowed.innerText(),
        /^Borrowed from names\.txt: draft\.txt has no model of its own\. Show names\.txt Train on draft\.txt$/,
      );
      await p.screenshot(`focus-borrowed-${kind}-dark`);
      await borrowed.locator('[data-action="show-model-list"]').click();
      await p.waitForPosted((m) => m.type === 'showList' && m.key === target.info.key);
      await borrowed.locator('[data-action="train-this"]').click();
      await p.waitForPosted((m) => m.type === 'command' && m.command === 'train');
    }
  });

  it('the Generate controls belong to a list: what was typed for one does not carry over to another, and comes back with it', async () => {
    const bytes = await generationModel();
    const listA = targetOf(bytes, 'names.txt', 'aaaaaaaaaaaaaaaa');
    const listB = targetOf(bytes, 'japanese.txt', 'bbbbbbbbbbbbbbbb');
    listB.model = { ...listB.model!, key: 'another-model' };
    listB.info.model = { ...listB.info.model!, createdAt: '2026-06-15T12:00:00.000Z' };
    const host = liveHost(listA, new GenerateControlsStore(memento(), () => undefined));
    hosts.push(host);
    const p = await pages.open('panel', 'dark', { onPost: host.onPost });
    host.attach(p);
    await p.send([IDLE, { type: 'showTab', tab: 'generate' }]);
    await p.page.locator('.results-card .name-row').first().waitFor();
    const field = (name: string) => p.page.locator(`[data-field="${name}"]`).first();
    await field('startsWith').fill('sh');
    await field('count').fill('20');
    await p.waitForPosted(
      (m) =>
        m.type === 'saveGenerateControls' && m.key === 'aaaaaaaaaaaaaaaa' && m.controls.startsWith === 'sh' && m.controls.count === '20',
    );

    host.setTarget(listB);
    await p.page.locator('.model-line', { hasText: 'trained 15 Jun' }).waitFor();
    assert.equal(await field('startsWith').inputValue(), '', "A's “starts with” is not B's");
    assert.equal(await field('count').inputValue(), '20', 'how many names follows the user');
    const asked = host.posted.filter((m) => m.type === 'generate').at(-1);
    assert.ok(asked?.type === 'generate' && asked.request.startsWith === undefined, 'B is asked without A’s constraint');

    host.setTarget(listA);
    await eventually(async () => assert.equal(await field('startsWith').inputValue(), 'sh'));
  });
});
