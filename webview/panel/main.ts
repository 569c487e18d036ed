/**
 * The training panel: four views behind tabs — Training (the current or last training run),
 * Runs (every run of a word list, compared), Sweep (the last hyperparameter sweep) and Learning
 * rate (the last learning-rate search). When a job starts, the panel switches to its view, and
 * Makemore: Compare Runs to the Runs view; the user's choice stands until the next one.
 */
import { JOBS, type JobKind } from '../../src/shared/jobs';
import { PANEL_VIEWS, type PanelView, type WebviewCommand } from '../../src/shared/messages';
import { isJobRunning } from '../../src/shared/runState';
import { h } from '../lib/dom';
import { startSession, type Session, type ViewState } from '../lib/session';
import { onThemeChange } from '../lib/theme';
import { LrView } from './lrView';
import { RunsView, defaultRunsUi, type RunsUi } from './runsView';
import { SweepView } from './sweepView';
import { Tabs } from './tabs';
import { TrainingView, type TrainingUi } from './trainingView';

interface PanelUi extends TrainingUi {
  /** The view shown. */
  tab: PanelView;
  runs: RunsUi;
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
const runs = new RunsView(
  (m) => session.post(m),
  () => session.state.ui.runs,
  () => session.changed(),
);
const views: Record<PanelView, { element: HTMLElement }> = { train: training, runs, sweep, lrFind };

const tabs = new Tabs<PanelView>(
  PANEL_VIEWS.map((id) => ({ id, label: id === 'runs' ? 'Runs' : JOBS[id].tab })),
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
  // The host asked for a view (Makemore: Compare Runs).
  if (state.requestedView) {
    ui.tab = state.requestedView;
    state.requestedView = null;
  }
  if (!PANEL_VIEWS.includes(ui.tab)) ui.tab = 'train';
  tabs.show(ui.tab, views[ui.tab].element);
  tabs.setRunning(running ? run.job : null);
  if (ui.tab === 'train') training.update(state);
  else if (ui.tab === 'runs') runs.update(state);
  else if (ui.tab === 'sweep') sweep.update(run);
  else lrFind.update(run);
}

onThemeChange(() => {
  training.themeChanged();
  sweep.themeChanged();
  lrFind.themeChanged();
  runs.themeChanged();
});
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<PanelUi> = startSession<PanelUi>({ logScale: false, selected: null, tab: 'train', runs: defaultRunsUi(), seen: { job: 'train', running: false } }, render);
