/**
 * The panel's Sweep view: the last hyperparameter sweep, live — its header (progress over all
 * runs, the best dev loss so far), what every run shares, the chart of train and dev loss
 * against the varied setting and the table of runs — with Stop, New Sweep… and Keep Best Model;
 * or a short how-to before the first sweep.
 */
import { SWEEP_LABELS } from '../../src/core/sweepPlan';
import { formatCount, formatElapsed, formatLearningRate, formatLoss, formatSetting } from '../../src/shared/format';
import type { WebviewCommand } from '../../src/shared/messages';
import { isJobRunning, type RunState, type RunStatus, type SweepState } from '../../src/shared/runState';
import { SweepChart } from '../charts/sweepChart';
import { h, setText } from '../lib/dom';
import { bestRun, experimentStatus, sweepProgress } from '../lib/experiments';
import { jobClock } from '../lib/jobClock';
import { RunHeader } from './header';
import { howTo, runCommand, section } from './layout';
import { SweepTable } from './sweepTable';
import { button, setEnabled } from '../toolkit';

export class SweepView {
  readonly element = h('div', { class: 'view sweep-view' });
  private readonly header: RunHeader;
  private readonly stop: HTMLElement;
  private readonly again: HTMLElement;
  private readonly keep: HTMLElement;
  private readonly intro = h('p', { class: 'intro' });
  private readonly kept = h('p', { class: 'message success', role: 'status', hidden: true });
  private readonly chart = new SweepChart();
  private readonly chartTitle: HTMLElement;
  private readonly table = new SweepTable();
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  /** The how-to's button. */
  private readonly start: HTMLElement;

  constructor(command: (c: WebviewCommand) => void) {
    this.stop = button('Stop', {
      appearance: 'secondary',
      title: 'Stop the sweep and keep the runs that finished',
      onClick: () => command('stop'),
    });
    this.again = button('New Sweep…', {
      appearance: 'secondary',
      title: 'Choose settings to vary and sweep them on the current file',
      onClick: () => command('sweep'),
    });
    this.keep = button('Keep Best Model', { onClick: () => command('keepSweepBest') });
    this.header = new RunHeader([this.stop, this.again, this.keep], 'Sweep progress');
    const chartCard = section('Final loss', 'sweep-chart-card', null, this.chart.element);
    this.chartTitle = chartCard.querySelector('h2')!;
    this.content = h(
      'div',
      { class: 'experiment' },
      this.header.element,
      this.intro,
      this.kept,
      chartCard,
      section('Runs', 'sweep-runs-card', null, this.table.element),
    );
    this.start = button('Start a Sweep…', { onClick: () => command('sweep') });
    this.empty = howTo({
      title: 'Sweep hyperparameters',
      lead:
        'Train several models that differ in context length, embedding size or hidden units, and compare their losses. ' +
        'Too small a model underfits: train and dev loss are both high. Too big a one overfits: train loss keeps falling while dev loss does not, and the gap between them opens. The best model is in between.',
      steps: [
        ['Open a word list (one word per line).'],
        [...runCommand('Makemore: Sweep Hyperparameters'), ': pick the settings to vary, their values and a time budget per run.'],
        ['Watch the runs fill the table and the chart, then keep the best one as the model for the file.'],
      ],
      note: 'Runs are judged on the dev split only; the test split is never used to choose.',
      action: this.start,
    });
  }

  /** `since`: seconds since the latest message (the running job's clock). */
  update(run: RunState, since = 0): void {
    const s = run.sweep;
    if (!s) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      setEnabled(this.start, !isJobRunning(run.status));
      return;
    }
    if (this.element.firstChild !== this.content) this.element.replaceChildren(this.content);
    const status = experimentStatus(run, 'sweep');
    const best = bestRun(s);
    this.header.update({
      listName: s.listName,
      status,
      job: 'sweep',
      stopped: s.stopped,
      progress: sweepProgress(s),
      line: statusLine(s, status),
      ...jobClock(run, 'sweep', since),
      warning: s.warning,
      error: status === 'failed' ? ((run.job === 'sweep' ? run.error : null) ?? 'The sweep did not finish.') : null,
    });
    setEnabled(this.stop, run.job === 'sweep' && run.status === 'running');
    setEnabled(this.again, !isJobRunning(run.status));
    setEnabled(this.keep, s.finished && best !== null && s.kept === null && !isJobRunning(run.status));
    this.keep.title = best
      ? `Store run ${best.index + 1} (${formatSetting(best.setting, 'name', s.varied)}, dev loss ${formatLoss(best.dev)}) as the model for ${s.listName}`
      : 'No run has finished.';
    setText(this.intro, introText(s));
    this.kept.hidden = s.kept === null;
    const kept =
      s.kept === null
        ? ''
        : `✓ Kept as “${s.kept.modelName}”${best ? `: run ${best.index + 1} (${formatSetting(best.setting, 'name', s.varied)}, dev loss ${formatLoss(best.dev)})` : ''}`;
    setText(
      this.kept,
      s.kept === null
        ? ''
        : `${kept}${s.kept.active ? ' — the active model.' : '. The active model stays (it is better); Compare Runs shows both.'}`,
    );
    setText(this.chartTitle, s.varied.length === 1 ? `Final loss by ${SWEEP_LABELS[s.varied[0]].name}` : 'Final loss by model size');
    this.chart.update(s);
    this.table.update(s, status !== 'running' && status !== 'stopping');
  }

  themeChanged(): void {
    this.chart.themeChanged();
  }
}

function statusLine(s: SweepState, status: RunStatus): string {
  const n = s.settings.length;
  const best = bestRun(s);
  const bestText = best ? `best: ${formatSetting(best.setting, 'name', s.varied)}, dev loss ${formatLoss(best.dev)}` : 'no run finished';
  switch (status) {
    case 'idle':
    case 'running': {
      const c = s.current;
      const now = c
        ? `Run ${c.index + 1} of ${n}: ${formatSetting(s.settings[c.index], 'name', s.varied)}`
        : `${s.runs.length} of ${n} runs done`;
      return [
        now,
        `${Math.floor(sweepProgress(s) * 100)}% of the sweep`,
        best ? `best so far: ${formatSetting(best.setting, 'name', s.varied)}, dev loss ${formatLoss(best.dev)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
    }
    case 'stopping':
      return `Stopping… the ${formatCount(s.runs.length)} finished runs are kept.`;
    case 'finished': {
      const seconds = s.runs.reduce((t, r) => t + r.seconds, 0);
      const done = s.stopped ? `Stopped after ${s.runs.length} of ${n} runs` : `${n} runs`;
      return `${done} in ${formatElapsed(seconds)} · ${bestText}`;
    }
    case 'failed':
      return `Failed after ${s.runs.length} of ${n} runs · ${bestText}`;
  }
}

/** What every run shares, and how runs are judged. */
function introText(s: SweepState): string {
  const c = s.config;
  const fixed = (['blockSize', 'embeddingSize', 'hiddenSize'] as const)
    .filter((k) => !s.varied.includes(k))
    .map((k) => `${SWEEP_LABELS[k].name} ${c[k]}`);
  // With a time budget, each run trains for that long (the table says how many steps it made).
  const budget = c.timeBudget > 0 ? formatElapsed(c.timeBudget) : `${formatCount(c.steps)} steps`;
  const optimizer = `${c.optimizer === 'adam' ? 'Adam' : 'SGD'} at ${formatLearningRate(c.learningRate)}`;
  return (
    `Each run trains a new model for ${budget} with batches of ${formatCount(c.batchSize)} (${[...fixed, optimizer].join(', ')}), ` +
    `from seed ${c.seed} on the same train/dev split of ${formatCount(s.words)} words. ` +
    'Runs are compared on the dev split; the test split is never used.'
  );
}
