/**
 * The panel's Learning rate view: the last learning-rate search, live — its header, a line on
 * how to read the curve, the chart of loss against learning rate with the suggestion marked —
 * with Stop, Find Again and Use This Rate (which asks where the suggestion applies: the word list's next runs, the workspace or the user settings); or a
 * short how-to before the first search.
 */
import { formatCount, formatLearningRate, formatLogTick, formatLoss } from '../../src/shared/format';
import type { WebviewCommand } from '../../src/shared/messages';
import { isJobRunning, type LrFindState, type RunState, type RunStatus } from '../../src/shared/runState';
import { LrChart } from '../charts/lrChart';
import { h, setText } from '../lib/dom';
import { experimentStatus, lrBlewUp, lrFindProgress } from '../lib/experiments';
import { jobClock } from '../lib/jobClock';
import { RunHeader } from './header';
import { howTo, runCommand, section } from './layout';
import { button, setEnabled } from '../toolkit';

const LR_SETTING = 'makemore.training.learningRate';

export class LrView {
  readonly element = h('div', { class: 'view lr-view' });
  private readonly header: RunHeader;
  private readonly stop: HTMLElement;
  private readonly again: HTMLElement;
  private readonly use: HTMLElement;
  private readonly explanation = h('p', { class: 'intro' });
  private readonly applied = h('p', { class: 'message success', role: 'status', hidden: true });
  private readonly chart = new LrChart();
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  /** The how-to's button. */
  private readonly start: HTMLElement;

  constructor(command: (c: WebviewCommand) => void) {
    this.stop = button('Stop', {
      appearance: 'secondary',
      title: 'Stop the search; the curve so far gives a suggestion',
      onClick: () => command('stop'),
    });
    this.again = button('Find Again', {
      appearance: 'secondary',
      title: 'Search again on the current file',
      onClick: () => command('findLearningRate'),
    });
    this.use = button('Use This Rate', { onClick: () => command('useLearningRate') });
    this.header = new RunHeader([this.stop, this.again, this.use], 'Learning-rate search progress');
    this.content = h(
      'div',
      { class: 'experiment' },
      this.header.element,
      this.explanation,
      this.applied,
      section('Loss by learning rate', 'lr-chart-card', null, this.chart.element),
    );
    this.start = button('Find Learning Rate', { onClick: () => command('findLearningRate') });
    this.empty = howTo({
      title: 'Find a learning rate',
      lead:
        'A short run in which the learning rate rises exponentially at every step, as in makemore part 2. ' +
        'The loss falls while the rate helps and blows up once it is too large; a good rate is a little below the lowest point of the curve.',
      steps: [
        ['Open a word list (one word per line).'],
        [...runCommand('Makemore: Find Learning Rate'), ': it takes a few seconds.'],
        [
          'Read the curve, then click ',
          h('strong', {}, 'Use This Rate'),
          ' to use the suggestion for the word list’s next runs, or to write it into ',
          h('code', {}, LR_SETTING),
          '.',
        ],
      ],
      action: this.start,
    });
  }

  /** `since`: seconds since the latest message (the running job's clock). */
  update(run: RunState, since = 0): void {
    const lr = run.lrFind;
    if (!lr) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      setEnabled(this.start, !isJobRunning(run.status));
      return;
    }
    if (this.element.firstChild !== this.content) this.element.replaceChildren(this.content);
    const status = experimentStatus(run, 'lrFind');
    const suggestion = lr.suggestion !== null && Number.isFinite(lr.suggestion) ? lr.suggestion : null;
    this.header.update({
      listName: lr.listName,
      status,
      job: 'lrFind',
      stopped: lr.stopped,
      progress: lrFindProgress(lr),
      line: statusLine(lr, status),
      ...jobClock(run, 'lrFind', since),
      warning: lr.warning,
      error: status === 'failed' ? ((run.job === 'lrFind' ? run.error : null) ?? 'The search did not finish.') : null,
    });
    setEnabled(this.stop, run.job === 'lrFind' && run.status === 'running');
    setEnabled(this.again, !isJobRunning(run.status));
    setEnabled(this.use, suggestion !== null);
    this.use.title =
      suggestion === null
        ? 'No suggestion yet.'
        : `Use ${formatLearningRate(suggestion)}: for this word list's next runs, or as ${LR_SETTING} in the workspace or user settings (it asks which)`;
    setText(
      this.explanation,
      `The learning rate rises exponentially at each of ${formatCount(lr.steps)} steps, from ${formatLogTick(lr.minLr)} to ${formatLogTick(lr.maxLr)} ` +
        `(with ${lr.optimizer === 'adam' ? 'Adam' : 'SGD'}, the optimizer your training uses). The loss falls while the rate helps and blows up once it is too large. ` +
        'The suggestion is the rate of the lowest smoothed loss, rounded down to 1, 2 or 5 × 10ⁿ.',
    );
    this.applied.hidden = lr.applied === null;
    setText(
      this.applied,
      lr.applied === null ? '' : `✓ Learning rate ${formatLearningRate(lr.applied)} set for ${lr.appliedTo ?? `${LR_SETTING}`}.`,
    );
    this.chart.update(lr);
  }

  themeChanged(): void {
    this.chart.themeChanged();
  }
}

function statusLine(lr: LrFindState, status: RunStatus): string {
  const n = lr.learningRates.length;
  const i = n - 1;
  const suggested =
    lr.suggestion !== null && Number.isFinite(lr.suggestion)
      ? `Suggested learning rate ${formatLearningRate(lr.suggestion)}`
      : 'No suggestion';
  const lowest =
    lr.minimum !== null && Number.isFinite(lr.minimum) ? ` (the smoothed loss is lowest at ${formatLearningRate(lr.minimum)})` : '';
  switch (status) {
    case 'idle':
    case 'running':
      return i < 0
        ? 'Starting…'
        : `Step ${formatCount(n)} of ${formatCount(lr.steps)} · learning rate ${formatLearningRate(lr.learningRates[i])} · smoothed loss ${formatLoss(lr.smoothed[i])}`;
    case 'stopping':
      return `Stopping after step ${formatCount(n)}…`;
    case 'finished': {
      const how = lr.stopped
        ? `stopped at step ${formatCount(n)} of ${formatCount(lr.steps)}`
        : lrBlewUp(lr)
          ? `the loss blew up at ${formatLearningRate(lr.learningRates[i])}, step ${formatCount(n)} of ${formatCount(lr.steps)}`
          : `${formatCount(n)} steps`;
      return `${suggested}${lowest} · ${how}`;
    }
    case 'failed':
      return `Failed at step ${formatCount(n)} of ${formatCount(lr.steps)}.`;
  }
}
