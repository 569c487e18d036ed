/**
 * The live loss chart (uPlot): the train-loss trend as a line over the raw minibatch losses
 * drawn faint (their per-bucket mean, and the min–max band once the history is downsampled),
 * the dev evaluations as points, the bigram baseline as a dashed line; x is the step.
 *
 * The data is the shared LossHistory (at most 1024 buckets however long the run), so an update
 * is cheap at any run length. Full mode adds a key, a hover readout, drag-to-zoom (double-click
 * resets) and the log-scale option; compact mode (the sidebar) is the plot alone.
 */
import type uPlot from 'uplot';
import { formatCount, formatLoss, formatTick } from '../../src/shared/format';
import { emptyHistory, type RunState } from '../../src/shared/runState';
import { axisStyle, chartKey, paintSwatch, swatch } from './chartStyle';
import { lastEvalAt, lossSeries, type LossSeries } from './lossData';
import { PlotBox } from './plotBox';
import { h, setText } from '../lib/dom';
import { readTheme, withAlpha, type Theme } from '../lib/theme';

export interface LossChartOptions {
  compact: boolean;
  height: number;
  logScale: boolean;
}

// The band's series (index 0 is x): batch min and batch max.
const MIN = 1;
const MAX = 2;

export class LossChart {
  readonly element: HTMLElement;
  private readonly box: PlotBox;
  private readonly readout: HTMLElement | undefined;
  /** The key's colour swatches, painted with the series' colours (resolved from the theme). */
  private readonly swatches = {
    train: swatch('train'),
    batch: swatch('batch', 'band'),
    dev: swatch('dev', 'dot'),
    bigram: swatch('bigram', 'dashed'),
  };
  /** The baseline's key item, shown once the baseline is known (at the end of the run). */
  private readonly bigramKey = h('li', { hidden: true }, this.swatches.bigram, 'bigram baseline (dev)');
  private theme: Theme = readTheme();
  private data: LossSeries = lossSeries(emptyHistory(), [], null);
  private run: RunState | undefined;
  private dataKey = '';
  private zoomed = false;

  private logScale: boolean;

  constructor(private readonly options: Readonly<LossChartOptions>) {
    this.logScale = options.logScale;
    this.box = new PlotBox({ minWidth: 120, fallbackWidth: 300, height: () => options.height });
    this.readout = options.compact ? undefined : h('div', { class: 'readout', 'aria-live': 'off' });
    this.element = h(
      'figure',
      { class: `loss-chart${options.compact ? ' compact' : ''}`, 'aria-label': 'Loss by training step' },
      this.box.element,
      options.compact ? null : this.key(),
      this.readout,
    );
  }

  /** Shows `run`'s losses (a no-op when nothing the chart draws has changed). */
  update(run: RunState): void {
    this.run = run;
    const bigram = run.finished?.bigram.dev ?? null;
    const history = run.history;
    const key = `${run.started?.jobId}:${history.count.length}:${history.step.at(-1)}:${history.count.at(-1)}:${run.evals.length}:${bigram}`;
    if (key === this.dataKey && this.box.plot) return;
    this.dataKey = key;
    this.data = lossSeries(run.history, run.evals, bigram);
    this.bigramKey.hidden = bigram === null;
    if (!this.box.plot) this.create();
    else this.box.plot.setData(this.aligned(), !this.zoomed);
    const cursor = this.box.plot?.cursor;
    this.showReadout(cursor && (cursor.left ?? -1) >= 0 ? (cursor.idx ?? null) : null);
  }

  setLogScale(on: boolean): void {
    if (this.logScale === on) return;
    this.logScale = on;
    this.recreate();
  }

  /** Re-resolves the theme's colours and redraws. */
  themeChanged(): void {
    this.theme = readTheme();
    this.recreate();
  }

  private recreate(): void {
    this.box.destroy();
    this.zoomed = false;
    if (this.run) this.create();
  }

  private aligned(): uPlot.AlignedData {
    const d = this.data;
    return [d.step, d.min, d.max, d.mean, d.trend, d.dev, d.bigram];
  }

  private create(): void {
    const t = this.theme;
    const colours = { train: t.train, batch: t.train, dev: t.dev, bigram: t.baseline };
    for (const [kind, el] of Object.entries(this.swatches)) paintSwatch(el, colours[kind as keyof typeof colours]);
    const compact = this.options.compact;
    const line = (stroke: string, width: number, extra: Partial<uPlot.Series> = {}): uPlot.Series => ({
      stroke,
      width,
      spanGaps: true,
      points: { show: false },
      ...extra,
    });
    const noLine = (): null => null;
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      // Room on the right for the last x value, centred under the plot's edge.
      padding: [compact ? 6 : 10, compact ? 14 : 16, 0, 0],
      legend: { show: false },
      cursor: {
        y: false,
        points: { show: false },
        drag: compact ? { x: false, y: false, setScale: false } : { x: true, y: false, setScale: true },
      },
      scales: {
        x: { time: false },
        y: this.logScale ? { distr: 3, log: 10 } : { distr: 1 },
      },
      axes: [
        axisStyle(t, {
          label: compact ? undefined : 'step',
          compact,
          size: compact ? 24 : 30,
          values: (_u, splits) => splits.map((v) => formatTick(v)),
        }),
        axisStyle(t, {
          label: compact ? undefined : this.logScale ? 'loss (log scale)' : 'loss',
          compact,
          size: compact ? 36 : 48,
          values: (_u, splits) => splits.map((v) => (v === null ? '' : formatTick(v))),
        }),
      ],
      series: [
        { label: 'step' },
        line('transparent', 0, { label: 'batch min' }),
        line('transparent', 0, { label: 'batch max' }),
        line(withAlpha(t.train, t.highContrast ? 0.6 : 0.35), 1, { label: 'batch mean' }),
        line(t.train, compact ? 1.5 : 2, { label: 'train (moving average)' }),
        {
          label: 'dev',
          stroke: t.dev,
          paths: noLine,
          points: { show: true, size: compact ? 5 : 7, width: 1.5, stroke: t.dev, fill: t.dev },
        },
        line(t.baseline, 1.5, { label: 'bigram (dev)', dash: [6, 4] }),
      ],
      bands: [{ series: [MAX, MIN], fill: withAlpha(t.train, t.highContrast ? 0.3 : 0.14) }],
      hooks: {
        setCursor: [(u) => this.showReadout(u.cursor.idx ?? null)],
        setScale: [(u, key) => key === 'x' && (this.zoomed = this.isZoomed(u))],
      },
    };
    this.box.create(opts, this.aligned());
  }

  /** Whether the x scale shows less than all the data (the user dragged to zoom). */
  private isZoomed(u: uPlot): boolean {
    const steps = this.data.step;
    const { min, max } = u.scales.x;
    if (steps.length < 2 || min === undefined || max === undefined) return false;
    return min > steps[0] + 1e-9 || max < steps[steps.length - 1] - 1e-9;
  }

  /** The values at data index `idx` under the cursor, or the latest when the cursor is away. */
  private showReadout(idx: number | null): void {
    if (!this.readout || !this.run) return;
    const d = this.data;
    let i = idx ?? d.step.length - 1;
    // At a dev-only step, read the train values of the step before.
    while (i > 0 && d.trend[i] === null) i--;
    if (i < 0 || d.step.length === 0) {
      setText(this.readout, '');
      return;
    }
    const step = d.step[idx ?? d.step.length - 1];
    const parts = [`step ${formatCount(step)}`, `train ${formatLoss(d.trend[i])} (average)`];
    const lo = d.min[i];
    const hi = d.max[i];
    if (lo !== null && hi !== null) {
      parts.push(lo === hi ? `batch ${formatLoss(lo)}` : `batch ${formatLoss(lo)}–${formatLoss(hi)}`);
    }
    const e = lastEvalAt(this.run.evals, step);
    if (e >= 0) parts.push(`dev ${formatLoss(this.run.evals[e].dev)} (step ${formatCount(this.run.evals[e].step)})`);
    const bigram = d.bigram[0];
    if (bigram !== null && bigram !== undefined) parts.push(`bigram ${formatLoss(bigram)}`);
    setText(this.readout, parts.join('  ·  '));
  }

  private key(): HTMLElement {
    const { train, batch, dev } = this.swatches;
    return chartKey([train, 'train loss (moving average)'], [batch, 'minibatch losses'], [dev, 'dev loss'], this.bigramKey);
  }
}
