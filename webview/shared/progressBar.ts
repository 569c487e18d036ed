/** The thin progress bar of a run (panel header and sidebar), coloured by the run's status. */
import type { RunState } from '../../src/shared/runState';
import { h } from './dom';

export class ProgressBar {
  private readonly bar = h('div', { class: 'bar' });
  readonly element = h('div', { class: 'progress', role: 'progressbar', 'aria-label': 'Training progress', 'aria-valuemin': 0, 'aria-valuemax': 100 }, this.bar);

  update(run: RunState): void {
    const percent = Math.round(Math.min(1, Math.max(0, run.progress)) * 100);
    this.bar.style.width = `${percent}%`;
    this.element.setAttribute('aria-valuenow', String(percent));
    this.element.dataset.status = run.status;
  }
}
