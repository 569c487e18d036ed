/**
 * Samples from the model, refreshed at each evaluation during training and by "More": each
 * name is a button that inserts it at the cursor of the last active editor.
 */
import { formatCount } from '../../src/shared/format';
import type { FromWebview } from '../../src/shared/messages';
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
    this.more = button('More', { appearance: 'secondary', title: 'Sample more names from the trained model', onClick: () => post({ type: 'command', command: 'moreSamples' }) });
    this.element = h('div', { class: 'samples' }, h('div', { class: 'samples-bar' }, this.caption, this.more), this.list);
  }

  /** `training`: the run is in progress; `busy`: the worker is (training, sweeping or searching). */
  update(run: RunState, activeModel: string | null, training: boolean, busy: boolean): void {
    const lastEval = run.evals.at(-1);
    setText(
      this.caption,
      run.samples.length === 0
        ? 'Names appear at the first evaluation.'
        : training
          ? `From the model at step ${formatCount(lastEval?.step ?? run.step)}. Click a name to insert it.`
          : 'From the trained model. Click a name to insert it.',
    );
    setEnabled(this.more, !busy && (run.finished !== null || activeModel !== null));
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
