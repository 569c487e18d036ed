/**
 * The header of each of the panel's views (training, sweep, learning rate): the word list, a
 * status badge, the view's actions, a progress bar, a status line, and the warnings and errors
 * the user must see (the slow cpu backend, a failed run).
 */
import { JOBS, type JobKind } from '../../src/shared/jobKinds';
import type { RunStatus } from '../../src/shared/runState';
import { h, setText } from '../lib/dom';
import { phaseText } from '../lib/jobClock';
import { ProgressBar } from '../lib/progressBar';

const STATUS_LABEL: Record<Exclude<RunStatus, 'running'>, string> = {
  idle: 'Idle',
  stopping: 'Stopping',
  finished: 'Finished',
  failed: 'Failed',
};

export interface HeaderView {
  /** The list's name ('' before there is one). */
  listName: string;
  status: RunStatus;
  /** The job the view shows (its badge while it runs: shared/jobKinds.ts). */
  job: JobKind;
  /** Finished because the user stopped it (the badge says "Stopped"). */
  stopped: boolean;
  /** 0..1. */
  progress: number;
  line: string;
  /**
   * While the job runs: the stage it is in when it is not taking steps ("reading 135,233
   * lines"), shown instead of `line`, and its clock ("42.0 s, about 1 min left").
   */
  phase?: string | null;
  clock?: string | null;
  warning: string | null | undefined;
  error: string | null;
}

export class RunHeader {
  readonly element: HTMLElement;
  private readonly listName = h('span', { class: 'list-title' });
  private readonly badge = h('span', { class: 'status-badge' });
  private readonly progress: ProgressBar;
  private readonly statusLine = h('p', { class: 'status-line', role: 'status' });
  /** The running job's clock, beside the status line (its own element: it changes every second). */
  private readonly clock = h('span', { class: 'clock', 'data-testid': 'job-clock' });
  private readonly warning = h('p', { class: 'message warning', role: 'alert', hidden: true });
  private readonly error = h('p', { class: 'message error', role: 'alert', hidden: true });

  /** `actions`: the view's buttons; `progressLabel`: what the bar measures (for screen readers). */
  constructor(actions: HTMLElement[], progressLabel: string) {
    this.progress = new ProgressBar(progressLabel);
    this.element = h(
      'header',
      { class: 'run-header' },
      h('div', { class: 'title-row' }, h('div', { class: 'title' }, this.listName, this.badge), h('div', { class: 'actions' }, ...actions)),
      this.progress.element,
      h('div', { class: 'status-row' }, this.statusLine, this.clock),
      this.warning,
      this.error,
    );
  }

  update(v: HeaderView): void {
    setText(this.listName, v.listName);
    this.listName.title = v.listName;
    setText(
      this.badge,
      v.status === 'running' ? JOBS[v.job].running : v.status === 'finished' && v.stopped ? 'Stopped' : STATUS_LABEL[v.status],
    );
    this.badge.dataset.status = v.status;
    this.progress.update(v.progress, v.status);
    setText(this.statusLine, v.phase ? phaseText(v.phase) : v.line);
    this.statusLine.classList.toggle('phase', Boolean(v.phase));
    setText(this.clock, v.clock ?? '');
    this.clock.hidden = !v.clock;
    this.warning.hidden = !v.warning;
    setText(this.warning, v.warning ? `⚠ ${v.warning}` : '');
    this.error.hidden = v.error === null;
    setText(this.error, v.error ?? '');
  }
}
