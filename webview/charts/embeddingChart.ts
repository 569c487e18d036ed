/**
 * The embedding scatter (uPlot axes and grid; points and labels drawn in `hooks.draw`): every
 * vocabulary symbol at its learned embedding, in 2-D (the raw dimensions when the embedding has
 * two, else PCA; the caption says which), both axes to the same scale so distances read true.
 *
 * Clicking a point selects it: its nearest neighbours by cosine similarity of the full
 * embedding vectors are listed under the chart and joined to it on the plot. The labels the
 * last draw placed are also listed in the DOM (visually hidden), for screen readers and tests.
 */
import type uPlot from 'uplot';
import { nearestNeighbours, type Neighbour } from './neighbours';
import { project2d, type Projection } from './pca';
import { PlotBox } from './plotBox';
import { h, setText } from '../lib/dom';
import { canvasFont, readTheme, withAlpha, type Theme } from '../lib/theme';

export interface EmbeddingView {
  /** Label of each symbol, the boundary first. */
  symbols: string[];
  /** The embedding table C, row-major [symbols, dims]. */
  embedding: number[];
  dims: number;
  selected: number | null;
}

/** A label as drawn: its symbol's index, and its position in CSS pixels within the plot area. */
interface DrawnLabel {
  index: number;
  label: string;
  x: number;
  y: number;
}

const NEIGHBOURS = 5;
/** Room kept around the points, in CSS pixels (a point's radius plus a little). */
const MARGIN = 16;
const HIT_RADIUS = 12;

export class EmbeddingChart {
  readonly element: HTMLElement;
  private readonly caption: HTMLElement;
  /** Roughly square, within limits; both scales refitted after a resize. */
  private readonly box = new PlotBox(
    { minWidth: 160, fallbackWidth: 320, height: (width) => Math.round(Math.min(460, Math.max(240, width * 0.85))) },
    () => this.fitScales(),
  );
  private readonly labelList: HTMLElement;
  private readonly neighboursBox: HTMLElement;
  private theme: Theme = readTheme();
  private view: EmbeddingView | undefined;
  private projection: Projection | undefined;
  private neighbours: Neighbour[] = [];
  private drawnLabels = '';
  private neighboursKey = '';

  constructor(private readonly onSelect: (index: number | null) => void) {
    this.caption = h('figcaption', { class: 'caption' });
    this.labelList = h('ul', { class: 'visually-hidden', 'aria-label': 'Embedding points as drawn', 'data-testid': 'embedding-labels' });
    this.neighboursBox = h('div', { class: 'neighbours', 'aria-live': 'polite' });
    this.element = h('figure', { class: 'embedding-chart' }, this.caption, this.box.element, this.labelList, this.neighboursBox);
  }

  update(view: EmbeddingView): void {
    const rows = view.symbols.length;
    if (rows === 0 || view.embedding.length !== rows * view.dims) return;
    this.view = view;
    this.projection = project2d(view.embedding, rows, view.dims, this.projection?.components ?? null);
    this.neighbours = view.selected !== null && view.selected < rows ? nearestNeighbours(view.embedding, rows, view.dims, view.selected, NEIGHBOURS) : [];
    this.showCaption();
    this.showNeighbours();
    if (!this.box.plot) this.create();
    else {
      this.box.plot.setData(this.aligned(), false);
      this.fitScales();
    }
  }

  themeChanged(): void {
    this.theme = readTheme();
    this.box.destroy();
    if (this.view) this.create();
  }

  private showCaption(): void {
    const p = this.projection;
    const dims = this.view?.dims ?? 0;
    if (!p) return;
    let text: string;
    if (p.method === 'pca' && p.explained) {
      const [a, b] = p.explained.map((f) => `${Math.round(f * 100)}%`);
      text = `PCA of the ${dims}-dimensional embeddings: the first two principal components (${a} and ${b} of the variance).`;
    } else if (dims === 2) {
      text = 'The two embedding dimensions as learned (no projection).';
    } else {
      text = 'The one embedding dimension as learned, along x.';
    }
    setText(this.caption, text);
  }

  private showNeighbours(): void {
    const view = this.view;
    const selected = view && view.selected !== null && view.selected < view.symbols.length ? view.selected : null;
    // Rebuilt only when what it shows changes, not at every update of a live run.
    const key = JSON.stringify([selected, view?.dims, this.neighbours.map((n) => [n.index, n.similarity.toFixed(2)])]);
    if (key === this.neighboursKey) return;
    this.neighboursKey = key;
    if (!view || selected === null) {
      this.neighboursBox.replaceChildren(h('span', { class: 'muted' }, 'Click a point to list its nearest neighbours.'));
      return;
    }
    const items = this.neighbours.map((n) => {
      const b = h('button', { class: 'symbol-chip', type: 'button', title: `Select “${view.symbols[n.index]}”` }, h('span', { class: 'symbol' }, view.symbols[n.index]), ` ${n.similarity.toFixed(2)}`);
      b.addEventListener('click', () => this.onSelect(n.index));
      return b;
    });
    this.neighboursBox.replaceChildren(
      h('span', {}, 'Nearest to ', h('span', { class: 'symbol selected' }, view.symbols[selected]), ` in the full ${view.dims}-d space (cosine similarity):`),
      ...items,
    );
  }

  /** uPlot wants x ascending: the points sorted by x (the drawing uses the projection itself). */
  private aligned(): uPlot.AlignedData {
    const p = this.projection!;
    const order = p.x.map((_, i) => i).sort((a, b) => p.x[a] - p.x[b]);
    return [order.map((i) => p.x[i]), order.map((i) => p.y[i])];
  }

  /** Both scales to the same units per pixel, centred on the points, with a margin. */
  private fitScales(): void {
    const u = this.box.plot;
    const p = this.projection;
    if (!u || !p || p.x.length === 0) return;
    const width = u.bbox.width / devicePixelRatio || u.width;
    const height = u.bbox.height / devicePixelRatio || u.height;
    const [x0, x1] = extent(p.x);
    const [y0, y1] = extent(p.y);
    const spanX = Math.max(x1 - x0, 1e-6);
    const spanY = Math.max(y1 - y0, 1e-6);
    const perPixel = Math.max(spanX / Math.max(1, width - 2 * MARGIN), spanY / Math.max(1, height - 2 * MARGIN));
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    u.batch(() => {
      u.setScale('x', { min: cx - (perPixel * width) / 2, max: cx + (perPixel * width) / 2 });
      u.setScale('y', { min: cy - (perPixel * height) / 2, max: cy + (perPixel * height) / 2 });
    });
  }

  private create(): void {
    const t = this.theme;
    const axisLabel = (axis: 0 | 1) => (): string => {
      const p = this.projection;
      if (p?.method === 'pca') return `PC${axis + 1}`;
      return `dimension ${axis + 1}`;
    };
    const axis = (label: () => string): uPlot.Axis => ({
      stroke: t.muted,
      font: canvasFont(t.font, 10),
      labelFont: canvasFont(t.font, 11),
      label,
      labelSize: 16,
      size: 36,
      values: (_u, splits) => splits.map((v) => Number(v.toPrecision(2)).toString()),
      grid: { stroke: t.grid, width: 1 },
      ticks: { show: false },
      border: { show: true, stroke: t.grid, width: 1 },
    });
    const plot = this.box.create(
      {
        padding: [8, 8, 0, 0],
        legend: { show: false },
        cursor: { x: false, y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
        // Not auto-ranged: fitScales() sets both (the identity range keeps what it sets).
        scales: { x: { time: false, auto: false, range: (_u, min, max) => [min, max] }, y: { auto: false, range: (_u, min, max) => [min, max] } },
        axes: [axis(axisLabel(0)), axis(axisLabel(1))],
        series: [{}, { paths: () => null, points: { show: false } }],
        hooks: { draw: [(u) => this.draw(u)] },
      },
      this.aligned(),
    );
    plot.over.addEventListener('click', (e) => this.onSelect(this.hit(e)));
    plot.over.addEventListener('mousemove', (e) => {
      plot.over.style.cursor = this.hit(e) === null ? 'default' : 'pointer';
    });
    this.fitScales();
  }

  /** The point under the mouse (within a few pixels), if any. */
  private hit(e: MouseEvent): number | null {
    const u = this.box.plot;
    const p = this.projection;
    if (!u || !p) return null;
    let best: number | null = null;
    let bestDistance = HIT_RADIUS;
    for (let i = 0; i < p.x.length; i++) {
      const d = Math.hypot(u.valToPos(p.x[i], 'x') - e.offsetX, u.valToPos(p.y[i], 'y') - e.offsetY);
      if (d <= bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }

  private draw(u: uPlot): void {
    const p = this.projection;
    const view = this.view;
    if (!p || !view) return;
    const t = this.theme;
    const dpr = devicePixelRatio;
    const ctx = u.ctx;
    const { left, top, width, height } = u.bbox;
    const n = p.x.length;
    const radius = (n <= 40 ? 9 : n <= 80 ? 7 : 5) * dpr;
    const px = p.x.map((v) => u.valToPos(v, 'x', true));
    const py = p.y.map((v) => u.valToPos(v, 'y', true));
    const selected = view.selected !== null && view.selected < n ? view.selected : null;
    const near = new Set(this.neighbours.map((nb) => nb.index));

    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    if (selected !== null) {
      ctx.strokeStyle = withAlpha(t.accent, 0.7);
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([4 * dpr, 3 * dpr]);
      for (const i of near) {
        ctx.beginPath();
        ctx.moveTo(px[selected], py[selected]);
        ctx.lineTo(px[i], py[i]);
        ctx.stroke();
      }
      ctx.setLineDash([]);
    }

    ctx.font = canvasFont(t.monoFont, n <= 40 ? 12 : 10, 'bold');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const drawn: DrawnLabel[] = [];
    // The selected point last, so it is on top.
    const order = [...Array(n).keys()].filter((i) => i !== selected);
    if (selected !== null) order.push(selected);
    for (const i of order) {
      const isSelected = i === selected;
      // While a point is selected, the points that are not its neighbours step back.
      const dimmed = selected !== null && !isSelected && !near.has(i);
      const fill = isSelected ? t.accent : i === 0 ? t.dev : t.train;
      ctx.beginPath();
      ctx.arc(px[i], py[i], isSelected ? radius * 1.2 : radius, 0, 2 * Math.PI);
      ctx.fillStyle = t.highContrast ? t.background : withAlpha(fill, dimmed ? 0.3 : 0.95);
      ctx.fill();
      if (t.highContrast || near.has(i)) {
        ctx.lineWidth = (near.has(i) || isSelected ? 2 : 1) * dpr;
        ctx.strokeStyle = near.has(i) ? t.accent : fill;
        ctx.stroke();
      }
      ctx.fillStyle = t.highContrast || dimmed ? t.foreground : t.background;
      ctx.fillText(view.symbols[i], px[i], py[i] + 0.5 * dpr);
      if (px[i] >= left && px[i] <= left + width && py[i] >= top && py[i] <= top + height) {
        drawn.push({ index: i, label: view.symbols[i], x: Math.round((px[i] - left) / dpr), y: Math.round((py[i] - top) / dpr) });
      }
    }
    ctx.restore();
    this.listDrawn(drawn);
  }

  private listDrawn(drawn: DrawnLabel[]): void {
    drawn.sort((a, b) => a.index - b.index);
    const key = JSON.stringify(drawn);
    if (key === this.drawnLabels) return;
    this.drawnLabels = key;
    this.labelList.replaceChildren(
      ...drawn.map((d) => h('li', { 'data-index': d.index, 'data-x': d.x, 'data-y': d.y }, d.label)),
    );
  }
}

function extent(values: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
