/**
 * The Runs view's chart (uPlot): the ticked runs' loss curves overlaid on one step axis — each
 * run in its own colour from the theme: its train loss smoothed (a line, the raw bucket means
 * faint behind it) and its dev evaluations (dots) — with a legend that reads each run's values
 * at the cursor, drag-to-zoom (double-click resets), a log-scale option, and a PNG of the chart
 * with its legend (`png()`).
 */
import type uPlot from 'uplot';
import { formatCount, formatLoss, formatTick } from '../../src/shared/format';
import { runShortLabel, type RunRecord } from '../../src/shared/runRecord';
import { h, setText } from '../lib/dom';
import { canvasFont, readTheme, withAlpha, type Theme } from '../lib/theme';
import { axisStyle, paintSwatch, swatch } from './chartStyle';
import { PlotBox } from './plotBox';
import { overlaySeries, runColours, valueAtOrBefore, type OverlaySeries } from './runsData';

export interface RunsChartInput {
  /** The ticked runs, in chart order (runsData.ts chartOrder). */
  charted: RunRecord[];
  /** The active run's id (its legend entry says so). */
  active: string | null;
  /** Each run's date as the list shows it (shared/runRecord.ts runDates). */
  dates: ReadonlyMap<string, string>;
  smoothing: number;
  logScale: boolean;
}

export class RunsChart {
  readonly element: HTMLElement;
  private readonly box = new PlotBox({ minWidth: 200, fallbackWidth: 700, height: () => 300 });
  private readonly legend = h('ul', { class: 'chart-key runs-legend', 'aria-label': 'Runs on the chart' });
  private readonly readout = h('div', { class: 'readout', 'aria-live': 'off' });
  private readonly empty = h(
    'p',
    { class: 'caption chart-empty', hidden: true },
    'Tick runs in the table below to draw their curves here.',
  );
  private theme: Theme = readTheme();
  private input: RunsChartInput = { charted: [], active: null, dates: new Map(), smoothing: 0.6, logScale: false };
  private data: OverlaySeries = { step: [], runs: [] };
  private colours = new Map<string, string>();
  private key = '';
  /** What the plot was made for: its runs, scale and whether the raw curves show (else a new plot). */
  private drawn: { runs: string; logScale: boolean; smoothed: boolean } | null = null;
  /** Legend values, by run id, updated as the cursor moves. */
  private values = new Map<string, HTMLElement>();

  constructor() {
    this.element = h(
      'figure',
      { class: 'runs-chart', 'aria-label': 'Loss curves of the ticked runs' },
      this.box.element,
      this.empty,
      this.legend,
      this.readout,
    );
  }

  /** The colour each charted run is drawn in (the table's swatches use them too). */
  get runColours(): ReadonlyMap<string, string> {
    return this.colours;
  }

  update(input: RunsChartInput): void {
    const key = JSON.stringify([input.charted.map((r) => r.id), input.active, [...input.dates], input.smoothing, input.logScale]);
    this.input = input;
    this.colours = runColours(input.charted, this.theme.series);
    if (key === this.key && (this.box.plot || input.charted.length === 0)) return;
    this.key = key;
    this.data = overlaySeries(input.charted, input.smoothing);
    this.buildLegend();
    this.empty.hidden = input.charted.length > 0;
    this.box.element.hidden = input.charted.length === 0;
    if (input.charted.length === 0) {
      this.box.destroy();
      this.drawn = null;
      return;
    }
    // New runs (series) or a new scale: a new plot; otherwise new data (a smoothing change).
    const sameRuns =
      this.drawn !== null &&
      this.drawn.runs === input.charted.map((r) => r.id).join() &&
      this.drawn.logScale === input.logScale &&
      this.drawn.smoothed === input.smoothing > 0;
    if (this.box.plot && sameRuns) this.box.plot.setData(this.aligned());
    else this.create();
    this.showValues(null);
  }

  themeChanged(): void {
    this.theme = readTheme();
    this.colours = runColours(this.input.charted, this.theme.series);
    this.key = '';
    this.drawn = null;
    this.box.destroy();
    this.update(this.input);
  }

  /**
   * The chart and its legend as a PNG (base64), on the view's background: `title` above, one
   * legend line per run below. Null when nothing is drawn.
   */
  png(title: string): string | null {
    const plot = this.box.plot;
    if (!plot) return null;
    const source = plot.ctx.canvas;
    const dpr = devicePixelRatio;
    const pad = Math.round(16 * dpr);
    const line = Math.round(20 * dpr);
    const charted = this.input.charted;
    const canvas = document.createElement('canvas');
    canvas.width = source.width + 2 * pad;
    canvas.height = pad + line + source.height + pad / 2 + charted.length * line + pad;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const t = this.theme;
    ctx.fillStyle = t.background === 'transparent' ? getComputedStyle(document.body).backgroundColor || '#ffffff' : t.background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.textBaseline = 'middle';
    ctx.fillStyle = t.foreground;
    ctx.font = canvasFont(t.font, 13, '600');
    ctx.fillText(title, pad, pad + line / 2);
    ctx.drawImage(source, pad, pad + line);
    ctx.font = canvasFont(t.font, 12);
    let y = pad + line + source.height + pad / 2 + line / 2;
    for (const run of charted) {
      const colour = this.colours.get(run.id) ?? t.foreground;
      ctx.strokeStyle = colour;
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.moveTo(pad, y);
      ctx.lineTo(pad + 18 * dpr, y);
      ctx.stroke();
      ctx.fillStyle = colour;
      ctx.beginPath();
      ctx.arc(pad + 9 * dpr, y, 3 * dpr, 0, 2 * Math.PI);
      ctx.fill();
      ctx.fillStyle = t.foreground;
      ctx.fillText(this.legendLabel(run), pad + 26 * dpr, y);
      y += line;
    }
    return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '');
  }

  private legendLabel(run: RunRecord): string {
    return `${runShortLabel(run, this.input.dates.get(run.id))}${run.id === this.input.active ? ' (active)' : ''}${run.curve.train.length === 0 && run.curve.dev.length === 0 ? ' (no curve stored)' : ''}`;
  }

  private buildLegend(): void {
    this.values.clear();
    this.legend.replaceChildren(
      ...this.input.charted.map((run) => {
        const mark = swatch('run', 'line');
        paintSwatch(mark, this.colours.get(run.id) ?? this.theme.foreground);
        const value = h('span', { class: 'legend-value' });
        this.values.set(run.id, value);
        return h('li', { 'data-run': run.id }, mark, h('span', { class: 'legend-label' }, this.legendLabel(run)), value);
      }),
    );
  }

  private aligned(): uPlot.AlignedData {
    return [this.data.step, ...this.data.runs.flatMap((r) => [r.raw, r.train, r.dev])];
  }

  private create(): void {
    const t = this.theme;
    const smoothing = this.input.smoothing > 0;
    const series: uPlot.Series[] = [{ label: 'step' }];
    for (const run of this.input.charted) {
      const colour = this.colours.get(run.id) ?? t.foreground;
      series.push(
        {
          label: `${run.id} raw`,
          stroke: smoothing ? withAlpha(colour, t.highContrast ? 0.5 : 0.25) : 'transparent',
          width: 1,
          spanGaps: true,
          points: { show: false },
        },
        { label: `${run.id} train`, stroke: colour, width: 2, spanGaps: true, points: { show: false } },
        {
          label: `${run.id} dev`,
          stroke: colour,
          paths: () => null,
          points: { show: true, size: 7, width: 1.5, stroke: t.background === 'transparent' ? colour : t.background, fill: colour },
        },
      );
    }
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      padding: [10, 16, 0, 0],
      legend: { show: false },
      cursor: { y: false, points: { show: false }, drag: { x: true, y: false, setScale: true } },
      scales: { x: { time: false }, y: this.input.logScale ? { distr: 3, log: 10 } : { distr: 1 } },
      axes: [
        axisStyle(t, { label: 'step', size: 30, values: (_u, splits) => splits.map((v) => formatTick(v)) }),
        axisStyle(t, {
          label: this.input.logScale ? 'loss (log scale)' : 'loss',
          size: 48,
          values: (_u, splits) => splits.map((v) => (v === null ? '' : formatTick(v))),
        }),
      ],
      series,
      hooks: { setCursor: [(u) => this.showValues(u.cursor.left !== undefined && u.cursor.left >= 0 ? (u.cursor.idx ?? null) : null)] },
    };
    this.box.create(opts, this.aligned());
    this.drawn = { runs: this.input.charted.map((r) => r.id).join(), logScale: this.input.logScale, smoothed: smoothing };
  }

  /** Each run's smoothed train and dev loss at the cursor's step (or at its end when the cursor is away). */
  private showValues(idx: number | null): void {
    const { step, runs } = this.data;
    if (step.length === 0) {
      setText(this.readout, '');
      return;
    }
    const i = idx ?? step.length - 1;
    setText(
      this.readout,
      idx === null
        ? "Legend: each run's final losses. Hover for the curves' values at a step (train smoothed, the last dev evaluation); drag to zoom, double-click to reset."
        : `At step ${formatCount(step[i]!)}: train (smoothed) and the last dev evaluation.`,
    );
    for (const [k, r] of runs.entries()) {
      const el = this.values.get(r.id);
      if (!el) continue;
      if (idx === null) {
        const losses = this.input.charted[k]!.losses;
        setText(el, `train ${formatLoss(losses.train)} · dev ${formatLoss(losses.dev)}`);
        continue;
      }
      const train = valueAtOrBefore(r.train, idx);
      const dev = valueAtOrBefore(r.dev, idx);
      setText(el, train === null && dev === null ? '—' : `train ${formatLoss(train)} · dev ${formatLoss(dev)}`);
    }
  }
}
