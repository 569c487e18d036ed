/**
 * The training panel: three views behind tabs — Training (the current or last training run),
 * Sweep (the last hyperparameter sweep) and Learning rate (the last learning-rate search). When
 * a job starts, the panel switches to its view; the user's choice stands until the next
 * one starts.
 */
import { JOB_KINDS, JOBS, type JobKind } from '../../src/shared/jobs';
import type { WebviewCommand } from '../../src/shared/messages';
import { isJobRunning } from '../../src/shared/runState';
import { h } from '../lib/dom';
import { startSession, type Session, type ViewState } from '../lib/session';
import { onThemeChange } from '../lib/theme';
import { LrView } from './lrView';
import { SweepView } from './sweepView';
import { Tabs } from './tabs';
import { TrainingView, type TrainingUi } from './trainingView';

interface PanelUi extends TrainingUi {
  /** The view shown. */
  tab: JobKind;
  /** The latest job when last rendered, and whether it was running (to see one start). */
  seen: { job: JobKind; running: boolean };
}

const command = (c: WebviewCommand): void => session.post({ type: 'command', command: c });

const training = new TrainingView(
  (m) => session.post(m),
  () => session.state.ui,
  () => session.changed(),
);
const sweep = new SweepView(command);
const lrFind = new LrView(command);
const views: Record<JobKind, { element: HTMLElement }> = { train: training, sweep, lrFind };

const tabs = new Tabs<JobKind>(
  JOB_KINDS.map((id) => ({ id, label: JOBS[id].tab })),
  (id) => {
    session.state.ui.tab = id;
    session.changed();
  },
);

document.getElementById('app')!.append(h('div', { class: 'panel' }, h('nav', { class: 'tab-bar' }, h('span', { class: 'product' }, 'Makemore'), tabs.list), tabs.panel));

function render(state: ViewState<PanelUi>): void {
  const { run, ui } = state;
  const running = isJobRunning(run.status);
  // A job started (or another one ran while the panel was away): show it. Until the host's
  // snapshot arrives, the tab the user chose stands.
  if (state.synced) {
    if (run.job !== ui.seen.job || (running && !ui.seen.running)) ui.tab = run.job;
    ui.seen = { job: run.job, running };
  }
  tabs.show(ui.tab, views[ui.tab].element);
  tabs.setRunning(running ? run.job : null);
  if (ui.tab === 'train') training.update(state);
  else if (ui.tab === 'sweep') sweep.update(run, state.since());
  else lrFind.update(run, state.since());
}

onThemeChange(() => {
  training.themeChanged();
  sweep.themeChanged();
  lrFind.themeChanged();
});
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<PanelUi> = startSession<PanelUi>({ logScale: false, selected: null, tab: 'train', seen: { job: 'train', running: false } }, render);
