/**
 * The embedding scatter at 300+ symbols, in headless Chromium, fed a run recorded at test time
 * on a CSV of city names (334 symbols): labels thinned so none overlap, the space labelled "␣",
 * the wheel zooming in (more labels, other positions) and a double click back to every point,
 * dragging to pan, the search box highlighting a symbol and Enter selecting it; the panel saying
 * what was read. Screenshots in dark, light and high contrast.
 */
import * as assert from 'node:assert/strict';
import type { ToWebview } from '../../src/shared/messages';
import { initialRunState } from '../../src/shared/runState';
import { citiesRecording } from './fixtures';
import { eventually, webviewPages, type ThemeName, type WebviewPage } from './harness';
import { focusMessage, type Recording } from './record';

const IDLE: ToWebview = { type: 'snapshot', state: initialRunState() };

interface Drawn {
  label: string;
  index: number;
  x: number;
  y: number;
  w: number;
  h: number;
  highlighted: boolean;
}

describe('embedding scatter at 300+ symbols (headless Chromium)', function () {
  this.timeout(240_000);
  let run: Recording;
  const pages = webviewPages();

  before(async () => {
    run = await citiesRecording();
  });

  async function finishedPanel(theme: ThemeName = 'dark'): Promise<WebviewPage> {
    const p = await pages.open('panel', theme);
    await p.page.setViewportSize({ width: 1280, height: 1100 });
    await p.send([IDLE, focusMessage(null), ...run.messages]);
    await p.page.locator('.status-badge', { hasText: 'Finished' }).waitFor();
    return p;
  }

  const labels = (p: WebviewPage): Promise<Drawn[]> =>
    p.page.locator('[data-testid="embedding-labels"] li').evaluateAll((items) =>
      items.map((li) => {
        const d = (li as unknown as { dataset: Record<string, string | undefined> }).dataset;
        return {
          label: li.textContent ?? '',
          index: Number(d.index),
          x: Number(d.x),
          y: Number(d.y),
          w: Number(d.w),
          h: Number(d.h),
          highlighted: d.highlighted !== undefined,
        };
      }),
    );
  const plotCentre = async (
    p: WebviewPage,
  ): Promise<{ x: number; y: number; box: { x: number; y: number; width: number; height: number } }> => {
    const box = (await p.page.locator('.embedding-chart .u-over').boundingBox())!;
    return { x: box.x + box.width / 2, y: box.y + box.height / 2, box };
  };
  const overlapping = (drawn: Drawn[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < drawn.length; i++) {
      for (let j = i + 1; j < drawn.length; j++) {
        const a = drawn[i]!;
        const b = drawn[j]!;
        // Rounded to whole pixels: a pixel of slack.
        if (Math.abs(a.x - b.x) * 2 < a.w + b.w - 2 && Math.abs(a.y - b.y) * 2 < a.h + b.h - 2) out.push(`${a.label}/${b.label}`);
      }
    }
    return out;
  };

  it('has 300+ symbols, labels the space "␣", and thins the labels so that none overlap', async () => {
    const symbols = run.started.symbols;
    assert.ok(symbols.length >= 300, `${symbols.length} symbols`);
    assert.ok(symbols.includes('␣'), 'the space is labelled ␣ in the vocabulary');
    assert.ok(!symbols.some((s) => s.trim() === ''), 'no symbol is labelled with invisible text');
    const p = await finishedPanel();
    const drawn = await labels(p);
    assert.deepEqual(overlapping(drawn), [], 'no two labels overlap');
    assert.ok(drawn.length >= 15 && drawn.length < symbols.length, `thinned: ${drawn.length} of ${symbols.length} labels`);
    assert.ok(drawn.every((d) => d.w > 0 && d.h > 0));
    assert.match(await p.page.locator('.summary .details').innerText(), /␣/, 'the run summary lists the space as ␣');
    await p.screenshot('embedding-334-dark');
  });

  it('zooms in with the wheel about the pointer (more labels, none overlapping), back to every point with a double click', async () => {
    const p = await finishedPanel();
    const before = await labels(p);
    const { x, y } = await plotCentre(p);
    await p.page.mouse.move(x, y);
    for (let i = 0; i < 6; i++) await p.page.mouse.wheel(0, -240);
    await eventually(async () => assert.match(await p.page.locator('.embedding-chart .zoom-note').innerText(), /^zoom ×\d/));
    let zoomed: Drawn[] = [];
    await eventually(async () => {
      zoomed = await labels(p);
      assert.notDeepEqual(zoomed, before, 'the zoom changes what is drawn');
    });
    const at = (list: Drawn[], index: number) => list.find((d) => d.index === index);
    const moved = zoomed
      .filter((d) => at(before, d.index))
      .filter((d) => Math.hypot(d.x - at(before, d.index)!.x, d.y - at(before, d.index)!.y) > 20);
    assert.ok(moved.length > 0 || zoomed.some((d) => !at(before, d.index)), 'labels moved apart or new ones appeared');
    assert.deepEqual(overlapping(zoomed), [], 'no two labels overlap when zoomed either');
    await p.screenshot('embedding-334-zoomed-dark');

    await p.page.mouse.dblclick(x, y);
    await eventually(async () => assert.deepEqual(await labels(p), before, 'a double click shows every point again'));
    assert.equal(await p.page.locator('.embedding-chart .zoom-note').innerText(), 'wheel to zoom, drag to pan');
  });

  it('pans by dragging: the labels follow the pointer', async () => {
    const p = await finishedPanel();
    const { x, y } = await plotCentre(p);
    await p.page.mouse.move(x, y);
    for (let i = 0; i < 4; i++) await p.page.mouse.wheel(0, -240);
    let start: Drawn[] = [];
    await eventually(async () => {
      start = await labels(p);
      assert.match(await p.page.locator('.embedding-chart .zoom-note').innerText(), /^zoom/);
    });
    await p.page.mouse.move(x, y);
    await p.page.mouse.down();
    await p.page.mouse.move(x + 30, y + 20, { steps: 5 });
    await p.page.mouse.move(x + 60, y + 40, { steps: 5 });
    await p.page.mouse.up();
    await eventually(async () => {
      const after = await labels(p);
      const shifted = after.filter((d) => {
        const b = start.find((s) => s.index === d.index);
        return b && Math.abs(d.x - b.x - 60) <= 2 && Math.abs(d.y - b.y - 40) <= 2;
      });
      assert.ok(shifted.length >= 3, `labels moved by the drag (${shifted.length} of ${after.length})`);
    });
    assert.equal(await p.page.locator('.neighbours .symbol-chip').count(), 0, 'a drag is not a click: nothing selected');
  });

  it('highlights a symbol typed in the search box (a space finds "␣"), and Enter selects it', async () => {
    const p = await finishedPanel();
    const search = p.page.locator('.embedding-chart .symbol-search');
    const greenBefore = (await p.canvasPixels('.embedding-chart', '--vscode-charts-green')).matching;
    await search.fill('é');
    await eventually(async () => {
      const found = (await labels(p)).filter((d) => d.highlighted);
      assert.deepEqual(
        found.map((d) => d.label),
        ['é'],
        'é is labelled and highlighted, whatever its neighbours',
      );
    });
    assert.ok((await p.canvasPixels('.embedding-chart', '--vscode-charts-green')).matching > greenBefore + 30, 'the highlight is drawn');
    assert.match(await p.page.locator('.embedding-chart .search-status').innerText(), /found/);
    await search.fill(' ');
    await eventually(async () =>
      assert.deepEqual(
        (await labels(p)).filter((d) => d.highlighted).map((d) => d.label),
        ['␣'],
      ),
    );
    await search.press('Enter');
    await p.page.locator('.neighbours', { hasText: /^Nearest to ␣/ }).waitFor();
    assert.deepEqual(overlapping(await labels(p)), []);
    await search.fill('no such symbol');
    await p.page.locator('.embedding-chart .search-status', { hasText: 'no symbol' }).waitFor();
    await p.screenshot('embedding-334-search-dark');
  });

  it('says what was read: the CSV column, in the header and the summary', async () => {
    const p = await finishedPanel();
    assert.match(
      await p.page.locator('[data-testid="list-reading-line"]').innerText(),
      /^Reading column 'name' \(also: country, population\) of a CSV file: [\d,]+ items, e\.g\. .+ Change…$/,
    );
    assert.match(
      await p.page.locator('.summary .details').innerText(),
      /cities\.csv · CSV file, column 'name' · [\d,]+ words · casing: \w/,
    );
    await p.clearPosted();
    await p.page.locator('[data-testid="list-reading-line"] .link-button').click();
    await p.waitForPosted((m) => m.type === 'command' && m.command === 'chooseColumn');
  });

  for (const theme of ['light', 'high-contrast'] as const) {
    it(`draws 334 symbols in the ${theme} theme (screenshot, a highlighted symbol)`, async () => {
      const p = await finishedPanel(theme);
      await p.page.locator('.embedding-chart .symbol-search').fill('a');
      await eventually(async () => assert.equal((await labels(p)).filter((d) => d.highlighted).length, 1));
      assert.deepEqual(overlapping(await labels(p)), []);
      await p.screenshot(`embedding-334-${theme}`);
    });
  }
});
