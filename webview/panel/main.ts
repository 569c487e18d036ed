/**
 * The training panel: six views behind tabs — Training (the training run of the list in focus),
 * Runs (every run of a word list, compared), Sweep (the last hyperparameter sweep), Learning rate
 * (the last learning-rate search), Generate (names from the model of the list in focus) and
 * Explore (its next-character predictions, and names read letter by letter). When a run starts,
 * the panel switches to its view, and Makemore: Compare Runs to the Runs view; the user's choice
 * stands until the next one. Under the tabs, a job running on another list than the one in focus
 * is a line of its own (lib/jobLine.ts), except on the tab that shows that job.
 */
import { JOBS, type JobKind } from '../../src/shared/jobKinds';
import { PANEL_TABS, type PanelTab, type WebviewCommand } from '../../src/shared/messages';
import { isJobRunning } from '../../src/shared/runState';
import { ExploreView, type ExploreUi } from '../explore/exploreView';
import { GenerateView } from '../generate/generateView';
import { parseTopK } from '../lib/exploration';
import { h } from '../lib/dom';
import { JobLine } from '../lib/jobLine';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../src/shared/generateControls';
import { startSession, type Session, type ViewState } from '../lib/session';
import { onThemeChange } from '../lib/theme';
import { LrView } from './lrView';
import { RunsView, defaultRunsUi, type RunsUi } from './runsView';
import { SweepView } from './sweepView';
import { Tabs } from './tabs';
import { TrainingView, type TrainingUi } from './trainingView';

interface PanelUi extends TrainingUi, ExploreUi {
  /** The view shown. */
  tab: PanelTab;
  runs: RunsUi;
  /** The latest run when last rendered, and whether it was running (to see one start). */
  seen: { job: JobKind; running: boolean };
  /** The Generate tab's controls. */
  generate: GenerateControls;
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
const generate = new GenerateView({
  compact: false,
  session: () => session,
  visible: () => session.state.ui.tab === 'generate',
  // A name's Read: the Explore tab reads it letter by letter.
  read: (name) => {
    session.state.ui.tab = 'explore';
    explore.readText(name);
    session.changed();
  },
});
const explore = new ExploreView({
  session: () => session,
  visible: () => session.state.ui.tab === 'explore',
  sampling: () => samplingOf(session.state.ui),
  train: () => command('train'),
});
const views: Record<PanelTab, { element: HTMLElement }> = { train: training, runs, sweep, lrFind, generate, explore };

/** The Generate tab's creativity and top-k, which the Explore tab's bars apply. */
function samplingOf(ui: PanelUi): { temperature: number; topK: number } {
  const controls = { ...DEFAULT_CONTROLS, ...ui.generate };
  return { temperature: controls.temperature, topK: parseTopK(controls.topK) };
}

const tabs = new Tabs<PanelTab>(
  PANEL_TABS.map((id) => ({ id, label: id === 'runs' ? 'Runs' : JOBS[id].tab })),
  (id) => {
    session.state.ui.tab = id;
    session.changed();
  },
);

const jobLine = new JobLine((m) => session.post(m));

document
  .getElementById('app')!
  .append(
    h(
      'div',
      { class: 'panel' },
      h('nav', { class: 'tab-bar' }, h('span', { class: 'product' }, 'Makemore'), tabs.list),
      jobLine.element,
      tabs.panel,
    ),
  );

function render(state: ViewState<PanelUi>): void {
  const { run, ui } = state;
  const running = isJobRunning(run.status);
  // A job started (or another one ran while the panel was away): show it. Until the host's
  // snapshot arrives, the tab the user chose stands.
  if (state.synced) {
    if (run.job !== ui.seen.job || (running && !ui.seen.running)) ui.tab = run.job;
    ui.seen = { job: run.job, running };
  }
  // A command asked for a view (Makemore: Show Generate View, Makemore: Compare Runs).
  if (state.requestedTab) {
    ui.tab = state.requestedTab;
    state.requestedTab = null;
  }
  if (!PANEL_TABS.includes(ui.tab)) ui.tab = 'train';
  tabs.show(ui.tab, views[ui.tab].element);
  tabs.setRunning(running ? run.job : null);
  // A sweep's or a search's own tab shows it, its list named.
  jobLine.update(run, state.focus, state.since(), ui.tab === run.job && run.job !== 'train');
  if (ui.tab === 'train') training.update(state);
  else if (ui.tab === 'runs') runs.update(state);
  else if (ui.tab === 'sweep') sweep.update(run, state.since());
  else if (ui.tab === 'lrFind') lrFind.update(run, state.since());
  else if (ui.tab === 'explore') explore.update(state.generation.target, ui.explore, samplingOf(ui));
  else generate.update(state.generation, { ...DEFAULT_CONTROLS, ...ui.generate });
}

onThemeChange(() => {
  training.themeChanged();
  sweep.themeChanged();
  lrFind.themeChanged();
  runs.themeChanged();
});
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<PanelUi> = startSession<PanelUi>(
  {
    logScale: false,
    selected: null,
    tab: 'train',
    runs: defaultRunsUi(),
    seen: { job: 'train', running: false },
    generate: { ...DEFAULT_CONTROLS },
    explore: { prefix: '', read: '' },
  },
  render,
);
session.onMessage((m) => {
  generate.onHostMessage(m);
  explore.onHostMessage(m);
});
