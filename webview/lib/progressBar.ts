/** The thin progress bar of a job (panel headers and sidebar), coloured by its status. */
import type { RunStatus } from '../../src/shared/runState';
import { h } from './dom';

export class ProgressBar {
  private readonly bar = h('div', { class: 'bar' });
  readonly element: HTMLElement;

  /** `label`: what the bar measures, for screen readers. */
  constructor(label: string) {
    this.element = h(
      'div',
      { class: 'progress', role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': 100 },
      this.bar,
    );
  }

  /** `progress` in 0..1. */
  update(progress: number, status: RunStatus): void {
    const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
    this.bar.style.width = `${percent}%`;
    this.element.setAttribute('aria-valuenow', String(percent));
    this.element.dataset.status = status;
  }
}
