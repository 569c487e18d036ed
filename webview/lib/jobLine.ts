/**
 * The job line every webview shows when a job runs on another list than the one in focus
 * (shared/focus.ts `otherJob`): "Training words-russian.txt · step 582 of 2,500 · 49 s left",
 * with Show (brings that list into focus) and Stop — that list's numbers never stand in for the
 * focused list's.
 */
import { otherJob, type Focus } from '../../src/shared/focus';
import { jobLine, jobList } from '../../src/shared/jobProgress';
import type { FromWebview } from '../../src/shared/messages';
import type { RunState } from '../../src/shared/runState';
import { h, setText } from './dom';

export class JobLine {
  readonly element: HTMLElement;
  private readonly text = h('span', { class: 'job-text' });
  private readonly show = h('button', { type: 'button', class: 'link-button', 'data-action': 'show-job-list' }, 'Show');
  private readonly stop = h('button', { type: 'button', class: 'link-button', 'data-action': 'stop-job' }, 'Stop');
  private key: string | null = null;

  constructor(post: (m: FromWebview) => void) {
    this.element = h(
      'p',
      // Not a live region: its clock changes every second.
      { class: 'job-line', role: 'group', 'aria-label': 'A job on another list', 'data-testid': 'job-line', hidden: true },
      h('span', { class: 'job-icon', 'aria-hidden': 'true' }),
      this.text,
      ' ',
      h('span', { class: 'job-actions' }, this.show, ' ', this.stop),
    );
    this.show.addEventListener('click', () => {
      if (this.key) post({ type: 'showList', key: this.key });
    });
    this.stop.addEventListener('click', () => post({ type: 'command', command: 'stop' }));
  }

  /** Shows the running job if it is on another list than `focus`'s (and `hidden` is not asked). */
  update(run: RunState, focus: Focus, since: number, hidden = false): void {
    const job = otherJob(run, focus);
    const line = job === null || hidden ? null : jobLine(run, since);
    this.element.hidden = line === null;
    if (line === null) return;
    setText(this.text, line);
    const list = jobList(run);
    this.key = list?.key ?? null;
    this.show.hidden = this.key === null;
    this.show.title = list ? `Bring ${list.name} into focus` : '';
    this.stop.hidden = run.status !== 'running';
    this.stop.title = list ? `Stop ${list.name}'s job (it keeps what it has so far)` : 'Stop';
  }
}
