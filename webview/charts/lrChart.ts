/**
 * The learning-rate finder's chart (uPlot): the loss at each step against that step's learning
 * rate on a log axis — every minibatch's loss faint, their smoothed curve bold — with the
 * suggested rate marked by a vertical line and the lowest point of the smoothed curve by a
 * ring. The x axis spans the whole search from the start, so the curve grows to the right.
 */
import type uPlot from 'uplot';
import { formatCount, formatLearningRate, formatLogTick, formatLoss } from '../../src/shared/format';
import type { LrFindState } from '../../src/shared/runState';
import { axisStyle, chartKey, haloText, paintSwatch, swatch } from './chartStyle';
import { logTicks } from './logAxis';
import { lrLossRange, nearestRate } from './lrData';
import { PlotBox } from './plotBox';
import { h, setText } from '../lib/dom';
import { canvasFont, readTheme, withAlpha, type Theme } from '../lib/theme';

/** The chart's size: the panel's width, a fixed height. */
const SIZING = { minWidth: 160, fallbackWidth: 600, height: () => 300 };

export class LrChart {
  readonly element: HTMLElement;
  private readonly box = new PlotBox(SIZING);
  private readonly readout = h('div', { class: 'readout', 'aria-live': 'off' });
  private readonly swatches = {
    raw: swatch('raw'),
    smoothed: swatch('smoothed'),
    suggestion: swatch('suggestion'),
    minimum: swatch('minimum', 'ring'),
  };
  private theme: Theme = readTheme();
  private lr: LrFindState | undefined;
  private dataKey = '';

  constructor() {
    const { raw, smoothed, suggestion, minimum } = this.swatches;
    this.element = h(
      'figure',
      { class: 'lr-chart', 'aria-label': 'Loss against learning rate' },
      this.box.element,
      chartKey([raw, 'minibatch loss'], [smoothed, 'smoothed loss'], [minimum, 'lowest smoothed loss'], [suggestion, 'suggested rate']),
      this.readout,
    );
  }

  update(lr: LrFindState): void {
    this.lr = lr;
    const key = JSON.stringify([lr.minLr, lr.maxLr, lr.learningRates.length, lr.suggestion, lr.minimum]);
    if (key === this.dataKey && this.box.plot) return;
    this.dataKey = key;
    if (!this.box.plot) this.create();
    else this.box.plot.setData(this.aligned());
    this.showReadout(null);
  }

  themeChanged(): void {
    this.theme = readTheme();
    this.box.destroy();
    if (this.lr) this.create();
  }

  private aligned(): uPlot.AlignedData {
    const lr = this.lr;
    return lr ? [lr.learningRates, lr.losses, lr.smoothed] : [[], [], []];
  }

  private create(): void {
    const t = this.theme;
    const rawColour = withAlpha(t.train, t.highContrast ? 0.6 : 0.45);
    paintSwatch(this.swatches.raw, rawColour);
    paintSwatch(this.swatches.smoothed, t.train);
    paintSwatch(this.swatches.suggestion, t.accent);
    paintSwatch(this.swatches.minimum, t.foreground);
    this.box.create(
      {
        padding: [14, 20, 0, 0],
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
        scales: {
          x: { time: false, distr: 3, log: 10, range: () => (this.lr ? [this.lr.minLr, this.lr.maxLr] : [1e-5, 0.1]) },
          y: { range: () => (this.lr ? lrLossRange(this.lr.losses, this.lr.smoothed) : [0, 1]) },
        },
        axes: [
          axisStyle(t, {
            label: 'learning rate (log scale)',
            size: 32,
            splits: () => (this.lr ? logTicks(this.lr.minLr, this.lr.maxLr) : []),
            values: (_u, splits) => splits.map((v) => formatLogTick(v)),
          }),
          axisStyle(t, { label: 'loss', size: 48, values: (_u, splits) => splits.map((v) => (v === null ? '' : v.toFixed(1))) }),
        ],
        series: [
          { label: 'learning rate' },
          { label: 'minibatch loss', stroke: rawColour, width: 1, points: { show: false } },
          { label: 'smoothed loss', stroke: t.train, width: 2, points: { show: false } },
        ],
        hooks: {
          draw: [(u) => this.drawMarks(u)],
          setCursor: [(u) => this.showReadout(u.cursor.idx ?? null)],
        },
      },
      this.aligned(),
    );
  }

  /** The suggested rate (a vertical line, labelled) and the lowest smoothed loss (a ring). */
  private drawMarks(u: uPlot): void {
    const lr = this.lr;
    if (!lr || lr.suggestion === null || !Number.isFinite(lr.suggestion)) return;
    const t = this.theme;
    const dpr = devicePixelRatio;
    const ctx = u.ctx;
    const { top, height, left, width } = u.bbox;
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    const sx = u.valToPos(lr.suggestion, 'x', true);
    ctx.strokeStyle = t.accent;
    ctx.lineWidth = 2 * dpr;
    ctx.beginPath();
    ctx.moveTo(sx, top);
    ctx.lineTo(sx, top + height);
    ctx.stroke();
    ctx.font = canvasFont(t.font, 12, '600');
    ctx.fillStyle = t.accent;
    ctx.textBaseline = 'top';
    const label = `suggested ${formatLearningRate(lr.suggestion)}`;
    // Beside the line, on the side with room.
    const right = sx + 6 * dpr + ctx.measureText(label).width < left + width;
    ctx.textAlign = right ? 'left' : 'right';
    ctx.fillText(label, sx + (right ? 6 : -6) * dpr, top + 6 * dpr);

    const m = lr.minimum === null ? -1 : nearestRate(lr.learningRates, lr.minimum);
    if (m >= 0) {
      const mx = u.valToPos(lr.learningRates[m], 'x', true);
      const my = u.valToPos(lr.smoothed[m], 'y', true);
      ctx.strokeStyle = t.foreground;
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.arc(mx, my, 6 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.font = canvasFont(t.font, 11);
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      haloText(ctx, `lowest at ${formatLearningRate(lr.learningRates[m])}`, mx, my + 10 * dpr, t.foreground, t.background);
    }
    ctx.restore();
  }

  /** The step under the cursor, or the latest when the cursor is away. */
  private showReadout(idx: number | null): void {
    const lr = this.lr;
    if (!lr) return;
    const i = idx ?? lr.learningRates.length - 1;
    if (i < 0) {
      setText(this.readout, '');
      return;
    }
    setText(
      this.readout,
      [
        `step ${formatCount(i + 1)}`,
        `learning rate ${formatLearningRate(lr.learningRates[i])}`,
        `loss ${formatLoss(lr.losses[i])}`,
        `smoothed ${formatLoss(lr.smoothed[i])}`,
      ].join('  ·  '),
    );
  }
}
