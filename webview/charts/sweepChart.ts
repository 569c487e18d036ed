/**
 * The sweep chart (uPlot): each run's final train and dev loss against the setting that varies
 * (its values on a log axis, every planned run in place from the start), or, when several vary,
 * against the model's parameter count with each point labelled with its setting. Behind the
 * points, bands mark the runs that underfit (both losses high) and those that overfit (the gap
 * between train and dev opens); the best run by dev loss is marked, and so is the run in
 * progress. A key says what each mark means; hovering a run reads out its numbers.
 */
import uPlot from 'uplot';
import { SWEEP_LABELS } from '../../src/core/sweepPlan';
import { formatCount, formatLoss, formatLossDelta, formatTick } from '../../src/shared/format';
import type { SweepState } from '../../src/shared/runState';
import { axisStyle, chartKey, haloText, paintSwatch, swatch } from './chartStyle';
import { PlotBox } from './plotBox';
import { diagnosisBands, sweepPlot, type SweepPlot } from './sweepData';
import { h, setText } from '../lib/dom';
import { bestRun } from '../lib/experiments';
import { canvasFont, readTheme, withAlpha, type Theme } from '../lib/theme';

/** The chart's size: the panel's width, a fixed height. */
const SIZING = { minWidth: 160, fallbackWidth: 600, height: () => 300 };

const BAND_LABEL = { underfit: 'underfitting', overfit: 'overfitting' } as const;

export class SweepChart {
  readonly element: HTMLElement;
  private readonly box = new PlotBox(SIZING);
  private readonly readout = h('div', { class: 'readout', 'aria-live': 'off' });
  private readonly swatches = {
    train: swatch('train'),
    dev: swatch('dev'),
    underfit: swatch('underfit', 'band'),
    overfit: swatch('overfit', 'band'),
    best: swatch('best', 'dashed'),
  };
  private theme: Theme = readTheme();
  private sweep: SweepState | undefined;
  private data: SweepPlot | undefined;
  private dataKey = '';

  constructor() {
    const { train, dev, underfit, overfit, best } = this.swatches;
    this.element = h(
      'figure',
      { class: 'sweep-chart' },
      this.box.element,
      chartKey(
        [train, 'train loss'],
        [dev, 'dev loss'],
        [underfit, 'underfitting: both losses high'],
        [overfit, 'overfitting: the gap opens'],
        [best, 'best run (lowest dev loss)'],
      ),
      this.readout,
    );
  }

  update(s: SweepState): void {
    this.sweep = s;
    const key = JSON.stringify([s.settings.length, s.varied, s.runs.length, s.diagnosis, s.best, s.current?.index, s.current?.paramCount]);
    if (key === this.dataKey && this.box.plot) return;
    this.dataKey = key;
    this.data = sweepPlot(s);
    const what = this.data.key ? SWEEP_LABELS[this.data.key].name : 'parameters';
    this.element.setAttribute('aria-label', `Final train and dev loss of each run against ${what}`);
    if (!this.box.plot) this.create();
    else this.box.plot.setData(this.aligned());
    this.showReadout(null);
  }

  themeChanged(): void {
    this.theme = readTheme();
    this.box.destroy();
    if (this.sweep) this.create();
  }

  private aligned(): uPlot.AlignedData {
    const points = this.data?.points ?? [];
    return [points.map((p) => p.x), points.map((p) => p.run?.train ?? null), points.map((p) => p.run?.dev ?? null)];
  }

  private create(): void {
    const t = this.theme;
    const colours = { train: t.train, dev: t.dev, underfit: t.underfit, overfit: t.overfit, best: t.accent };
    for (const [kind, el] of Object.entries(this.swatches)) paintSwatch(el, colours[kind as keyof typeof colours]);
    const linear = uPlot.paths.linear?.();
    const series = (label: string, colour: string): uPlot.Series => ({
      label,
      stroke: colour,
      width: 2,
      spanGaps: true,
      // Several settings vary: the runs are not steps along one setting, so no line joins them.
      paths: (u, seriesIdx, idx0, idx1) => (this.data?.key && linear ? linear(u, seriesIdx, idx0, idx1) : null),
      points: { show: true, size: 8, width: 1.5, stroke: colour, fill: colour },
    });
    this.box.create(
      {
        padding: [14, 20, 0, 0],
        legend: { show: false },
        cursor: { y: false, points: { show: false }, drag: { x: false, y: false, setScale: false } },
        scales: {
          x: { time: false, distr: 3, log: 10, range: () => this.data?.range ?? [1, 10] },
          y: { range: () => this.lossRange() },
        },
        axes: [
          axisStyle(t, {
            label: () => (this.data?.key ? `${SWEEP_LABELS[this.data.key].name} (log scale)` : 'parameters (log scale)'),
            size: 32,
            splits: () => this.data?.ticks ?? [],
            values: (_u, splits) => splits.map((v) => (this.data?.key ? String(v) : formatTick(v))),
          }),
          axisStyle(t, { label: 'loss', size: 48, values: (_u, splits) => splits.map((v) => (v === null ? '' : v.toFixed(2))) }),
        ],
        series: [{ label: 'x' }, series('train', t.train), series('dev', t.dev)],
        hooks: {
          drawClear: [(u) => this.drawBands(u)],
          draw: [(u) => this.drawMarks(u)],
          setCursor: [(u) => this.showReadout(u.cursor.idx ?? null)],
        },
      },
      this.aligned(),
    );
  }

  /** From the lowest to the highest final loss, with a margin (a fixed range before any run finished). */
  private lossRange(): [number, number] {
    const values = (this.data?.points ?? []).flatMap((p) => (p.run ? [p.run.train, p.run.dev] : [])).filter((v) => Number.isFinite(v));
    if (values.length === 0) return [1.5, 3.5];
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = Math.max(0.05, (hi - lo) * 0.12);
    return [lo - pad, hi + pad];
  }

  /** Underfitting and overfitting bands behind the grid and the points. */
  private drawBands(u: uPlot): void {
    const data = this.data;
    if (!data) return;
    const t = this.theme;
    const { top, height, left, width } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    for (const band of diagnosisBands(data.points, data.range[0], data.range[1])) {
      const x0 = Math.max(left, u.valToPos(band.from, 'x', true));
      const x1 = Math.min(left + width, u.valToPos(band.to, 'x', true));
      ctx.fillStyle = withAlpha(t[band.diagnosis], t.highContrast ? 0.3 : 0.13);
      ctx.fillRect(x0, top, x1 - x0, height);
    }
    ctx.restore();
  }

  /** On top of the points: the bands' names, the best run, the run in progress, and (several settings) each run's gap and label. */
  private drawMarks(u: uPlot): void {
    const data = this.data;
    const s = this.sweep;
    if (!data || !s) return;
    const t = this.theme;
    const dpr = devicePixelRatio;
    const ctx = u.ctx;
    const { top, height, left, width } = u.bbox;
    const x = (v: number): number => u.valToPos(v, 'x', true);
    const y = (v: number): number => u.valToPos(v, 'y', true);
    ctx.save();
    ctx.beginPath();
    ctx.rect(left, top, width, height);
    ctx.clip();

    ctx.font = canvasFont(t.font, 11, '600');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const band of diagnosisBands(data.points, data.range[0], data.range[1])) {
      const x0 = Math.max(left, x(band.from));
      const x1 = Math.min(left + width, x(band.to));
      const text = BAND_LABEL[band.diagnosis];
      if (ctx.measureText(text).width + 8 * dpr > x1 - x0) continue;
      ctx.fillStyle = t[band.diagnosis];
      ctx.fillText(text, (x0 + x1) / 2, top + 5 * dpr);
    }

    const current = s.current ? data.points.find((p) => p.index === s.current!.index) : undefined;
    if (current) {
      ctx.strokeStyle = t.muted;
      ctx.lineWidth = dpr;
      ctx.setLineDash([2 * dpr, 3 * dpr]);
      ctx.beginPath();
      ctx.moveTo(x(current.x), top);
      ctx.lineTo(x(current.x), top + height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.font = canvasFont(t.font, 11);
      ctx.fillStyle = t.muted;
      ctx.textBaseline = 'bottom';
      ctx.fillText('training…', x(current.x), top + height - 4 * dpr);
    }

    // Each run's gap from train to dev loss: a segment between its points (the lines show it when
    // one setting varies), measured where the run overfits; its setting under it when several vary.
    const placed: [number, number][] = [];
    for (const p of data.points) {
      if (!p.run) continue;
      const px = x(p.x);
      const [upper, lower] = [y(p.run.dev), y(p.run.train)].sort((a, b) => a - b);
      const overfit = p.diagnosis === 'overfit';
      if (overfit || !data.key) {
        ctx.strokeStyle = overfit ? t.overfit : withAlpha(t.foreground, 0.45);
        ctx.lineWidth = (overfit ? 2 : 1.5) * dpr;
        ctx.setLineDash(overfit ? [3 * dpr, 3 * dpr] : []);
        ctx.beginPath();
        ctx.moveTo(px, upper);
        ctx.lineTo(px, lower);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      if (overfit) {
        ctx.font = canvasFont(t.font, 11, '600');
        ctx.textAlign = 'left';
        ctx.textBaseline = 'middle';
        const text = `gap ${(p.run.dev - p.run.train).toFixed(2)}`;
        // Beside the segment, on the side with room.
        const right = px + 8 * dpr + ctx.measureText(text).width < left + width;
        ctx.textAlign = right ? 'left' : 'right';
        haloText(ctx, text, px + (right ? 8 : -8) * dpr, (upper + lower) / 2, t.overfit, t.background);
      }
      if (!data.key) {
        ctx.font = canvasFont(t.font, 10);
        ctx.textAlign = 'center';
        ctx.textBaseline = 'top';
        const w = ctx.measureText(p.label).width;
        if (placed.some(([a, b]) => Math.abs(a - px) < (w + b) / 2 + 4 * dpr)) continue;
        placed.push([px, w]);
        haloText(ctx, p.label, px, lower + 8 * dpr, t.foreground, t.background);
      }
    }

    const best = bestRun(s);
    if (best) {
      const bx = x(data.key ? best.setting[data.key]! : best.paramCount);
      ctx.strokeStyle = t.accent;
      ctx.lineWidth = 1.5 * dpr;
      ctx.setLineDash([5 * dpr, 4 * dpr]);
      ctx.beginPath();
      ctx.moveTo(bx, top);
      ctx.lineTo(bx, top + height);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.lineWidth = 2 * dpr;
      ctx.beginPath();
      ctx.arc(bx, y(best.dev), 8 * dpr, 0, 2 * Math.PI);
      ctx.stroke();
      ctx.font = canvasFont(t.font, 11, '600');
      ctx.fillStyle = t.accent;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText('best', bx + 12 * dpr, y(best.dev) - 10 * dpr);
    }
    ctx.restore();
  }

  /** The run under the cursor, or the best run when the cursor is away. */
  private showReadout(idx: number | null): void {
    const data = this.data;
    const s = this.sweep;
    if (!data || !s) return;
    const p = idx !== null ? data.points[idx] : data.points.find((q) => q.run && q.run === bestRun(s));
    if (!p) {
      setText(this.readout, s.runs.length ? '' : 'Each run appears here when it finishes.');
      return;
    }
    const label = p.name;
    if (!p.run) {
      setText(this.readout, `${label}: ${s.current?.index === p.index ? 'training…' : 'not run yet'}`);
      return;
    }
    const r = p.run;
    setText(
      this.readout,
      [
        `${idx === null ? 'best: ' : ''}${label}`,
        `${formatCount(r.paramCount)} parameters`,
        `train ${formatLoss(r.train)}`,
        `dev ${formatLoss(r.dev)}`,
        `gap ${formatLossDelta(r.dev - r.train)}`,
        p.diagnosis ?? '',
      ].join('  ·  '),
    );
  }
}
