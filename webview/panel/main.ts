/**
 * The training panel: three views behind tabs — Training (the current or last training run),
 * Sweep (the last hyperparameter sweep) and Learning rate (the last learning-rate search). When
 * an activity starts, the panel switches to its view; the user's choice stands until the next
 * one starts.
 */
import type { WebviewCommand } from '../../src/shared/protocol';
import type { Activity } from '../../src/shared/runState';
import { h } from '../shared/dom';
import { isBusy } from '../shared/experiments';
import { startSession, type Session, type ViewState } from '../shared/session';
import { onThemeChange } from '../shared/theme';
import { LrView } from './lrView';
import { SweepView } from './sweepView';
import { Tabs } from './tabs';
import { TrainingView, type TrainingUi } from './trainingView';

interface PanelUi extends TrainingUi {
  /** The view shown. */
  tab: Activity;
  /** The latest activity when last rendered, and whether it was running (to see one start). */
  seen: { activity: Activity; running: boolean };
}

const command = (c: WebviewCommand): void => session.post({ type: 'command', command: c });

const training = new TrainingView(
  (m) => session.post(m),
  () => session.state.ui,
  () => session.changed(),
);
const sweep = new SweepView(command);
const lrFind = new LrView(command);
const views: Record<Activity, { element: HTMLElement }> = { train: training, sweep, lrFind };

const tabs = new Tabs<Activity>(
  [
    { id: 'train', label: 'Training' },
    { id: 'sweep', label: 'Sweep' },
    { id: 'lrFind', label: 'Learning rate' },
  ],
  (id) => {
    session.state.ui.tab = id;
    session.changed();
  },
);

document.getElementById('app')!.append(h('div', { class: 'panel' }, h('nav', { class: 'tab-bar' }, h('span', { class: 'product' }, 'Makemore'), tabs.list), tabs.panel));

function render(state: ViewState<PanelUi>): void {
  const { run, ui } = state;
  const running = isBusy(run.status);
  // An activity started (or another one ran while the panel was away): show it.
  if (run.activity !== ui.seen.activity || (running && !ui.seen.running)) ui.tab = run.activity;
  ui.seen = { activity: run.activity, running };
  tabs.show(ui.tab, views[ui.tab].element);
  tabs.setRunning(running ? run.activity : null);
  if (ui.tab === 'train') training.update(state);
  else if (ui.tab === 'sweep') sweep.update(run);
  else lrFind.update(run);
}

onThemeChange(() => {
  training.themeChanged();
  sweep.themeChanged();
  lrFind.themeChanged();
});
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<PanelUi> = startSession<PanelUi>({ logScale: false, selected: null, tab: 'train', seen: { activity: 'train', running: false } }, render);
