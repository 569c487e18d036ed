/**
 * The embedding scatter (uPlot axes and grid; points and labels drawn in `hooks.draw`): every
 * vocabulary symbol at its learned embedding, in 2-D (the raw dimensions when the embedding has
 * two, else PCA; the caption says which), both axes to the same scale so distances read true.
 * Symbols are labelled as the vocabulary labels them ("␣" for a space: core/vocabulary.ts).
 *
 * Clicking a point selects it: its nearest neighbours by cosine similarity of the full
 * embedding vectors are listed under the chart and joined to it on the plot. The wheel zooms
 * about the pointer, dragging pans, a double click shows every point again; labels that would
 * overlap are left out (the selected point, its neighbours and the symbols found first), so
 * zooming in shows more of them — 300+ symbols stay readable. The search box highlights a
 * symbol (Enter selects it). The labels the last draw placed are also listed in the DOM
 * (visually hidden), with their boxes, for screen readers and tests.
 */
import type uPlot from 'uplot';
import { matchSymbols, placeLabels, zoomAbout, type LabelBox, type ZoomView } from './embeddingLayout';
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

/** A label as drawn: its symbol's index, its centre and size in CSS pixels within the plot area. */
interface DrawnLabel {
  index: number;
  label: string;
  x: number;
  y: number;
  w: number;
  h: number;
  highlighted: boolean;
}

const NEIGHBOURS = 5;
/** Room kept around the points, in CSS pixels (a point's radius plus a little). */
const MARGIN = 16;
const HIT_RADIUS = 12;
/** A press that moves less than this (CSS pixels) is a click, not a drag. */
const DRAG_THRESHOLD = 3;
const FIT: ZoomView = { cx: 0, cy: 0, zoom: 1 };

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
  /** Ends the window listeners of the current plot (pan by drag). */
  private windowListeners: AbortController | undefined;
  private projection: Projection | undefined;
  private neighbours: Neighbour[] = [];
  private drawnLabels = '';
  private neighboursKey = '';
  /** Where the plot looks (`zoom` 1 with no centre: fitted to every point). */
  private viewport: ZoomView = FIT;
  /** The selection before the first click of the latest clicks (a double click puts it back). */
  private selectedBeforeClicks: number | null = null;
  private readonly search: HTMLInputElement;
  private readonly searchStatus = h('span', { class: 'search-status muted', 'aria-live': 'polite' });
  private readonly zoomNote = h('span', { class: 'zoom-note muted' });
  /** The symbols the search found. */
  private found: number[] = [];

  constructor(private readonly onSelect: (index: number | null) => void) {
    this.caption = h('figcaption', { class: 'caption' });
    this.search = h('input', {
      type: 'search',
      class: 'symbol-search',
      placeholder: 'Find a symbol',
      'aria-label': 'Find a symbol in the embedding plot',
      spellcheck: false,
    });
    this.search.addEventListener('input', () => this.find());
    this.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && this.found.length > 0) {
        this.onSelect(this.found[0]!);
        this.reveal(this.found[0]!);
      }
    });
    const tools = h('div', { class: 'embedding-tools' }, this.search, this.searchStatus, this.zoomNote);
    this.labelList = h('ul', { class: 'visually-hidden', 'aria-label': 'Embedding points as drawn', 'data-testid': 'embedding-labels' });
    this.neighboursBox = h('div', { class: 'neighbours', 'aria-live': 'polite' });
    this.element = h('figure', { class: 'embedding-chart' }, this.caption, tools, this.box.element, this.labelList, this.neighboursBox);
  }

  /** Highlights the symbols the search box names. */
  private find(): void {
    const view = this.view;
    const query = this.search.value;
    this.found = view ? matchSymbols(view.symbols, query) : [];
    setText(
      this.searchStatus,
      query.length === 0
        ? ''
        : this.found.length === 0
          ? `no symbol “${query}”`
          : this.found.length === 1
            ? 'found — Enter selects it'
            : `${this.found.length} found`,
    );
    if (this.found.length > 0) this.reveal(this.found[0]!);
    this.box.plot?.redraw(false);
  }

  /** Centres a symbol that is outside the zoomed view. */
  private reveal(index: number): void {
    const u = this.box.plot;
    const p = this.projection;
    if (!u || !p || this.viewport.zoom === 1) return;
    const x = u.valToPos(p.x[index]!, 'x');
    const y = u.valToPos(p.y[index]!, 'y');
    const { width, height } = this.plotSize(u);
    if (x >= 0 && x <= width && y >= 0 && y <= height) return;
    this.viewport = { ...this.viewport, cx: p.x[index]!, cy: p.y[index]! };
    this.fitScales();
  }

  private plotSize(u: uPlot): { width: number; height: number } {
    return { width: u.bbox.width / devicePixelRatio || u.width, height: u.bbox.height / devicePixelRatio || u.height };
  }

  update(view: EmbeddingView): void {
    const rows = view.symbols.length;
    if (rows === 0 || view.embedding.length !== rows * view.dims) return;
    // The panel renders every second while a job runs: unchanged data (the same arrays) is not projected and drawn again.
    const last = this.view;
    if (
      this.box.plot &&
      last &&
      last.embedding === view.embedding &&
      last.symbols === view.symbols &&
      last.dims === view.dims &&
      last.selected === view.selected
    )
      return;
    // Another vocabulary (a new run): every point in view again, the search run on its symbols.
    const symbolsChanged = this.view?.symbols.join('\u0000') !== view.symbols.join('\u0000');
    if (symbolsChanged) this.viewport = FIT;
    this.view = view;
    if (symbolsChanged) this.found = matchSymbols(view.symbols, this.search.value);
    this.projection = project2d(view.embedding, rows, view.dims, this.projection?.components ?? null);
    this.neighbours =
      view.selected !== null && view.selected < rows ? nearestNeighbours(view.embedding, rows, view.dims, view.selected, NEIGHBOURS) : [];
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
      const b = h(
        'button',
        { class: 'symbol-chip', type: 'button', title: `Select “${view.symbols[n.index]}”` },
        h('span', { class: 'symbol' }, view.symbols[n.index]),
        ` ${n.similarity.toFixed(2)}`,
      );
      b.addEventListener('click', () => this.onSelect(n.index));
      return b;
    });
    this.neighboursBox.replaceChildren(
      h(
        'span',
        {},
        'Nearest to ',
        h('span', { class: 'symbol selected' }, view.symbols[selected]),
        ` in the full ${view.dims}-d space (cosine similarity):`,
      ),
      ...items,
    );
  }

  /** uPlot wants x ascending: the points sorted by x (the drawing uses the projection itself). */
  private aligned(): uPlot.AlignedData {
    const p = this.projection!;
    const order = p.x.map((_, i) => i).sort((a, b) => p.x[a] - p.x[b]);
    return [order.map((i) => p.x[i]), order.map((i) => p.y[i])];
  }

  /**
   * Both scales to the same units per pixel: centred on the points with a margin (zoom 1), or on
   * the zoomed view's centre at `zoom` times that scale.
   */
  private fitScales(): void {
    const u = this.box.plot;
    const p = this.projection;
    if (!u || !p || p.x.length === 0) return;
    const { width, height } = this.plotSize(u);
    const [x0, x1] = extent(p.x);
    const [y0, y1] = extent(p.y);
    const spanX = Math.max(x1 - x0, 1e-6);
    const spanY = Math.max(y1 - y0, 1e-6);
    const fitted = Math.max(spanX / Math.max(1, width - 2 * MARGIN), spanY / Math.max(1, height - 2 * MARGIN));
    const zoomed = this.viewport.zoom > 1;
    const perPixel = fitted / this.viewport.zoom;
    const cx = zoomed ? this.viewport.cx : (x0 + x1) / 2;
    const cy = zoomed ? this.viewport.cy : (y0 + y1) / 2;
    u.batch(() => {
      u.setScale('x', { min: cx - (perPixel * width) / 2, max: cx + (perPixel * width) / 2 });
      u.setScale('y', { min: cy - (perPixel * height) / 2, max: cy + (perPixel * height) / 2 });
    });
    setText(
      this.zoomNote,
      zoomed
        ? `zoom ×${this.viewport.zoom < 10 ? this.viewport.zoom.toFixed(1) : Math.round(this.viewport.zoom)} · double-click to see all`
        : 'wheel to zoom, drag to pan',
    );
  }

  /** The view's centre now (data units). */
  private centre(u: uPlot): { cx: number; cy: number } {
    const x = u.scales.x;
    const y = u.scales.y;
    return { cx: ((x.min ?? 0) + (x.max ?? 0)) / 2, cy: ((y.min ?? 0) + (y.max ?? 0)) / 2 };
  }

  /** Wheel: zoom about the pointer; drag: pan; double click: every point again; a click selects. */
  private listen(plot: uPlot): void {
    const over = plot.over;
    over.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const factor = Math.exp(-e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.0015));
        const here = { ...this.centre(plot), zoom: this.viewport.zoom };
        this.viewport = zoomAbout(here, plot.posToVal(e.offsetX, 'x'), plot.posToVal(e.offsetY, 'y'), factor);
        this.fitScales();
      },
      { passive: false },
    );
    // The window's listeners belong to this plot: a plot made anew (a theme change) ends them.
    this.windowListeners?.abort();
    this.windowListeners = new AbortController();
    const { signal } = this.windowListeners;
    let press: { x: number; y: number; cx: number; cy: number; moved: boolean } | undefined;
    over.addEventListener('mousedown', (e) => {
      if (e.button !== 0) return;
      press = { x: e.clientX, y: e.clientY, ...this.centre(plot), moved: false };
    });
    window.addEventListener(
      'mousemove',
      (e) => {
        if (!press || (e.buttons & 1) === 0) return;
        const dx = e.clientX - press.x;
        const dy = e.clientY - press.y;
        if (!press.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
        press.moved = true;
        over.style.cursor = 'grabbing';
        // Units per CSS pixel on either axis (equal by construction).
        const perPixel = ((plot.scales.x.max ?? 1) - (plot.scales.x.min ?? 0)) / this.plotSize(plot).width;
        this.viewport = { zoom: this.viewport.zoom, cx: press.cx - dx * perPixel, cy: press.cy + dy * perPixel };
        // Panning a fitted view leaves it fitted in scale but not in place.
        if (this.viewport.zoom === 1) this.viewport = { ...this.viewport, zoom: 1 + 1e-9 };
        this.fitScales();
      },
      { signal },
    );
    window.addEventListener(
      'mouseup',
      (e) => {
        if (!press) return;
        const click = !press.moved;
        press = undefined;
        over.style.cursor = 'default';
        if (!click || e.target !== over) return;
        // The first click of a pair remembers the selection, so that a double click (every point
        // again) leaves it as it was rather than selecting whatever lay under the pointer.
        if (e.detail <= 1) this.selectedBeforeClicks = this.view?.selected ?? null;
        this.onSelect(this.hit(e));
      },
      { signal },
    );
    over.addEventListener('dblclick', () => {
      this.viewport = FIT;
      this.fitScales();
      // Always (the clicks' selection may not be drawn yet: the view redraws a few times a second).
      this.onSelect(this.selectedBeforeClicks);
    });
    over.addEventListener('mousemove', (e) => {
      if (!press?.moved) over.style.cursor = this.hit(e) === null ? 'grab' : 'pointer';
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
        scales: {
          x: { time: false, auto: false, range: (_u, min, max) => [min, max] },
          y: { auto: false, range: (_u, min, max) => [min, max] },
        },
        axes: [axis(axisLabel(0)), axis(axisLabel(1))],
        series: [{}, { paths: () => null, points: { show: false } }],
        hooks: { draw: [(u) => this.draw(u)] },
      },
      this.aligned(),
    );
    this.listen(plot);
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
    const fontPx = n <= 40 ? 12 : 10;
    const dot = 2.5 * dpr;
    const px = p.x.map((v) => u.valToPos(v, 'x', true));
    const py = p.y.map((v) => u.valToPos(v, 'y', true));
    const selected = view.selected !== null && view.selected < n ? view.selected : null;
    const near = new Set(this.neighbours.map((nb) => nb.index));
    const found = new Set(this.found.filter((i) => i < n));
    const inside = (i: number): boolean => px[i]! >= left && px[i]! <= left + width && py[i]! >= top && py[i]! <= top + height;

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
        ctx.moveTo(px[selected]!, py[selected]!);
        ctx.lineTo(px[i]!, py[i]!);
        ctx.stroke();
      }
      ctx.setLineDash([]);
    }

    // Which labels fit: the selected point, its neighbours and the symbols found first, then the
    // rest in vocabulary order; a label that would overlap one already placed is left out (its
    // point is drawn as a dot). Zooming in spreads the points, so more labels fit.
    ctx.font = canvasFont(t.monoFont, fontPx, 'bold');
    const boxes: LabelBox[] = [];
    for (let i = 0; i < n; i++) {
      if (!inside(i)) continue;
      // A badge just wide enough for its label, a point's disc for one character.
      const h = (fontPx + 4) * dpr;
      boxes.push({ index: i, x: px[i]!, y: py[i]!, w: Math.max(h, ctx.measureText(view.symbols[i]!).width + 6 * dpr), h });
    }
    const first = [...(selected !== null ? [selected] : []), ...near, ...found];
    const labelled = placeLabels(boxes, [...first, ...Array(n).keys()], dpr);
    const boxOf = new Map(boxes.map((b) => [b.index, b]));

    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    const drawn: DrawnLabel[] = [];
    // Dots first, then the labelled points; the selected point and the symbols found last, on top.
    const order = [...Array(n).keys()].sort((a, b) => rank(a) - rank(b));
    function rank(i: number): number {
      return i === selected ? 3 : found.has(i) ? 2 : labelled.has(i) ? 1 : 0;
    }
    for (const i of order) {
      const isSelected = i === selected;
      const isFound = found.has(i);
      // While a point is selected, the points that are not its neighbours step back.
      const dimmed = selected !== null && !isSelected && !near.has(i) && !isFound;
      const fill = isSelected ? t.accent : i === 0 ? t.dev : t.train;
      const box = boxOf.get(i);
      if (!labelled.has(i) || !box) {
        ctx.beginPath();
        ctx.arc(px[i]!, py[i]!, dot, 0, 2 * Math.PI);
        ctx.fillStyle = withAlpha(t.highContrast ? t.foreground : fill, dimmed ? 0.3 : 0.8);
        ctx.fill();
        continue;
      }
      // A labelled point: a rounded badge wide enough for its label.
      const r = box.h / 2;
      const half = box.w / 2;
      ctx.beginPath();
      ctx.roundRect(px[i]! - half, py[i]! - r, box.w, box.h, r);
      ctx.fillStyle = t.highContrast ? t.background : withAlpha(fill, dimmed ? 0.3 : 0.95);
      ctx.fill();
      if (t.highContrast || near.has(i) || isFound) {
        ctx.lineWidth = (near.has(i) || isSelected || isFound ? 2 : 1) * dpr;
        ctx.strokeStyle = near.has(i) || isFound ? t.accent : fill;
        ctx.stroke();
      }
      if (isFound) {
        // A ring around a symbol the search found.
        ctx.beginPath();
        ctx.arc(px[i]!, py[i]!, half + 5 * dpr, 0, 2 * Math.PI);
        ctx.lineWidth = 2 * dpr;
        ctx.strokeStyle = t.accent;
        ctx.stroke();
      }
      ctx.fillStyle = t.highContrast || dimmed ? t.foreground : t.background;
      ctx.fillText(view.symbols[i]!, px[i]!, py[i]! + 0.5 * dpr);
      drawn.push({
        index: i,
        label: view.symbols[i]!,
        x: Math.round((px[i]! - left) / dpr),
        y: Math.round((py[i]! - top) / dpr),
        w: Math.round(box.w / dpr),
        h: Math.round(box.h / dpr),
        highlighted: isFound,
      });
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
      ...drawn.map((d) =>
        h(
          'li',
          { 'data-index': d.index, 'data-x': d.x, 'data-y': d.y, 'data-w': d.w, 'data-h': d.h, 'data-highlighted': d.highlighted || null },
          d.label,
        ),
      ),
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
