/**
 * Samples from a model, refreshed at each evaluation during training and by "More" (from the
 * model the current document uses, named): each name is a button that inserts it at the cursor
 * of the last active editor. The caption says which model the names come from.
 */
import { formatCount } from '../../src/shared/format';
import type { FromWebview } from '../../src/shared/messages';
import type { ActiveModelLabel } from '../../src/shared/runRecord';
import type { RunState } from '../../src/shared/runState';
import { h, setText } from '../lib/dom';
import { button, setEnabled } from '../toolkit';

export class Samples {
  readonly element: HTMLElement;
  private readonly caption = h('p', { class: 'caption' });
  private readonly list = h('ul', { class: 'sample-list', 'aria-label': 'Sampled names' });
  private readonly more: HTMLElement;
  private key = '';

  constructor(private readonly post: (m: FromWebview) => void) {
    this.more = button('More', {
      appearance: 'secondary',
      title: 'Sample more names from the active model',
      onClick: () => post({ type: 'command', command: 'moreSamples' }),
    });
    this.element = h('div', { class: 'samples' }, h('div', { class: 'samples-bar' }, this.caption, this.more), this.list);
  }

  /** `training`: the run is in progress; `busy`: the worker is (training, sweeping or searching). */
  update(run: RunState, activeModel: ActiveModelLabel | null, training: boolean, busy: boolean): void {
    const lastEval = run.evals.at(-1);
    const from = run.samplesFrom
      ? `From ${run.samplesFrom}.`
      : training
        ? `From the model at step ${formatCount(lastEval?.step ?? run.step)}.`
        : run.storedAs
          ? `From this run's model (${run.storedAs.modelName}).`
          : "From this run's model.";
    setText(this.caption, run.samples.length === 0 ? 'Names appear at the first evaluation.' : `${from} Click a name to insert it.`);
    this.more.title = activeModel ? `Sample more names from ${activeModel.label}` : 'Sample more names from the active model';
    setEnabled(this.more, !busy && activeModel !== null);
    const key = run.samples.join('\n');
    if (key === this.key) return;
    this.key = key;
    this.list.replaceChildren(
      ...run.samples.map((word) => {
        const b = h('button', { type: 'button', class: 'sample', title: `Insert “${word}” at the cursor` }, word);
        b.addEventListener('click', () => this.post({ type: 'insert', text: word }));
        return h('li', {}, b);
      }),
    );
  }
}
