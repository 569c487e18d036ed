/**
 * What every uPlot chart of the webviews shares: axes in the theme's muted ink with a light
 * grid, and the key's colour swatches (a line, a dot, a band…, painted with the series' colour
 * as resolved from the theme).
 */
import type uPlot from 'uplot';
import { h } from '../lib/dom';
import { canvasFont, type Theme } from '../lib/theme';

export interface AxisOptions {
  /** The axis title (none in compact charts). */
  label?: uPlot.Axis.Label;
  compact?: boolean;
  /** Room for the tick values, in CSS pixels. */
  size: number;
  values?: uPlot.Axis['values'];
  splits?: uPlot.Axis['splits'];
}

export function axisStyle(t: Theme, o: AxisOptions): uPlot.Axis {
  return {
    stroke: t.muted,
    font: canvasFont(t.font, o.compact ? 10 : 11),
    labelFont: canvasFont(t.font, 11),
    label: o.label,
    labelSize: o.label ? 18 : 0,
    size: o.size,
    grid: { stroke: t.grid, width: 1 },
    ticks: { stroke: t.grid, width: 1, size: 4 },
    border: { show: true, stroke: t.grid, width: 1 },
    ...(o.values ? { values: o.values } : {}),
    // Given ticks are shown as they are (a log axis would otherwise label only powers of ten).
    ...(o.splits ? { splits: o.splits, filter: (_u: uPlot, splits: number[]) => splits } : {}),
  };
}

/** How a key swatch is drawn: a line (default), dashed, a filled dot, a ring, or a band. */
export type SwatchShape = 'line' | 'dashed' | 'dot' | 'ring' | 'band';

/** A key swatch; `kind` names what it stands for (a class, for styling and tests). */
export function swatch(kind: string, shape: SwatchShape = 'line'): HTMLElement {
  return h('span', { class: `swatch ${kind} ${shape}`, 'aria-hidden': 'true' });
}

/** A chart's key: each entry a swatch and what it stands for, or an item of its own (shown or hidden later). */
export function chartKey(...entries: (readonly [HTMLElement, string] | HTMLElement)[]): HTMLElement {
  return h(
    'ul',
    { class: 'chart-key', 'aria-label': 'Key' },
    ...entries.map((e) => (e instanceof HTMLElement ? e : h('li', {}, e[0], e[1]))),
  );
}

/** Paints a swatch (its `--swatch` colour). */
export function paintSwatch(el: HTMLElement, colour: string): void {
  el.style.setProperty('--swatch', colour);
}

/** Canvas text over a halo of the background colour, legible across lines and bands. */
export function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, ink: string, background: string): void {
  ctx.save();
  ctx.lineJoin = 'round';
  ctx.lineWidth = 4 * devicePixelRatio;
  ctx.strokeStyle = background;
  ctx.strokeText(text, x, y);
  ctx.fillStyle = ink;
  ctx.fillText(text, x, y);
  ctx.restore();
}
