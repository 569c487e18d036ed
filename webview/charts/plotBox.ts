/**
 * Where a uPlot chart lives: a box the plot fills in width (its height may follow the width),
 * resized with the box. Every chart of the webviews draws through one.
 */
import uPlot from 'uplot';
import { h } from '../lib/dom';

export interface PlotSizing {
  minWidth: number;
  /** Width to use while the box has none yet (not laid out). */
  fallbackWidth: number;
  height(width: number): number;
}

export class PlotBox {
  readonly element = h('div', { class: 'plot' });
  /** The plot, once created (until destroyed). */
  plot: uPlot | undefined;

  /** `afterResize`: what to redo once the plot has its new size. */
  constructor(
    private readonly sizing: PlotSizing,
    private readonly afterResize?: (plot: uPlot) => void,
  ) {
    new ResizeObserver(() => this.resize()).observe(this.element);
  }

  /** The plot's size for the box as laid out now. */
  size(): { width: number; height: number } {
    const measured = this.element.clientWidth || this.element.getBoundingClientRect().width;
    const width = Math.max(this.sizing.minWidth, Math.floor(measured || this.sizing.fallbackWidth));
    return { width, height: this.sizing.height(width) };
  }

  /** Makes the plot (replacing any) at the box's size. */
  create(options: Omit<uPlot.Options, 'width' | 'height'>, data: uPlot.AlignedData): uPlot {
    this.destroy();
    this.plot = new uPlot({ ...options, ...this.size() }, data, this.element);
    return this.plot;
  }

  destroy(): void {
    this.plot?.destroy();
    this.plot = undefined;
  }

  private resize(): void {
    const size = this.size();
    if (!this.plot || Math.abs(this.plot.width - size.width) < 1) return;
    this.plot.setSize(size);
    this.afterResize?.(this.plot);
  }
}
