/**
 * The panel's header: the run's source and status, a progress bar, the actions (Stop, Train
 * again, Insert), and the warnings and errors the user must see (the slow cpu backend, a
 * failed run).
 */
import type { RunState } from '../../src/shared/runState';
import type { WebviewCommand } from '../../src/shared/protocol';
import { h, setText } from '../shared/dom';
import { formatCompact, formatCount, formatDuration, formatRate } from '../shared/format';
import { ProgressBar } from '../shared/progressBar';
import { button, setEnabled } from '../toolkit';

const STATUS_LABEL: Record<RunState['status'], string> = {
  idle: 'Idle',
  training: 'Training',
  stopping: 'Stopping',
  finished: 'Finished',
  failed: 'Failed',
};

export class Header {
  readonly element: HTMLElement;
  private readonly source = h('span', { class: 'source' });
  private readonly badge = h('span', { class: 'status-badge' });
  private readonly progress = new ProgressBar();
  private readonly statusLine = h('p', { class: 'status-line', role: 'status' });
  private readonly warning = h('p', { class: 'message warning', role: 'alert', hidden: true });
  private readonly error = h('p', { class: 'message error', role: 'alert', hidden: true });
  private readonly stop: HTMLElement;
  private readonly train: HTMLElement;
  private readonly insert: HTMLElement;

  constructor(command: (c: WebviewCommand) => void) {
    this.stop = button('Stop', { appearance: 'secondary', title: 'Stop training and keep the best model so far', onClick: () => command('stop') });
    this.train = button('Train Again', { title: 'Train a new model on the same word list', onClick: () => command('train') });
    this.insert = button('Insert Name', { appearance: 'secondary', title: 'Insert a sampled name at the cursor of the last active editor', onClick: () => command('insertSample') });
    this.element = h(
      'header',
      { class: 'run-header' },
      h(
        'div',
        { class: 'title-row' },
        h('div', { class: 'title' }, h('h1', {}, 'Makemore'), this.source, this.badge),
        h('div', { class: 'actions' }, this.stop, this.train, this.insert),
      ),
      this.progress.element,
      this.statusLine,
      this.warning,
      this.error,
    );
  }

  update(run: RunState, activeModel: string | null): void {
    const started = run.started;
    setText(this.source, started ? started.sourceName : '');
    this.source.title = started?.sourceName ?? '';
    setText(this.badge, STATUS_LABEL[run.status]);
    this.badge.dataset.status = run.status;
    this.progress.update(run);
    setText(this.statusLine, statusText(run));

    this.warning.hidden = !started?.warning;
    setText(this.warning, started?.warning ? `⚠ ${started.warning}` : '');
    this.error.hidden = run.status !== 'failed';
    setText(this.error, run.status === 'failed' ? (run.error ?? 'Training failed.') : '');

    const busy = run.status === 'training' || run.status === 'stopping';
    setEnabled(this.stop, run.status === 'training');
    setEnabled(this.train, !busy);
    setEnabled(this.insert, activeModel !== null || run.status === 'finished');
  }
}

function statusText(run: RunState): string {
  const total = formatCount(run.totalSteps);
  const f = run.finished;
  switch (run.status) {
    case 'idle':
      return 'No training run yet.';
    case 'training':
      return [
        `Step ${formatCount(run.step)} of ${total} (${Math.floor(run.progress * 100)}%)`,
        formatDuration(run.seconds),
        `${formatCompact(run.examplesPerSecond)} examples/s`,
        `learning rate ${formatRate(run.learningRate)}`,
      ].join(' · ');
    case 'stopping':
      return `Stopping after step ${formatCount(run.step)}…`;
    case 'finished': {
      if (!f) return 'Finished.';
      const done = f.stopped ? `Stopped at step ${formatCount(f.steps)} of ${total} after ${formatDuration(f.seconds)}` : `${formatCount(f.steps)} steps in ${formatDuration(f.seconds)}`;
      const kept = f.keptStep === f.steps ? 'kept the final parameters' : `kept step ${formatCount(f.keptStep)} (best dev loss)`;
      return `${done} · ${formatCompact(f.examplesPerSecond)} examples/s · ${kept} · saved as “${f.modelName}”`;
    }
    case 'failed':
      return run.step > 0 ? `Failed at step ${formatCount(run.step)} of ${total}.` : 'Failed before the first step.';
  }
}
