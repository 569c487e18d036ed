/**
 * The sidebar loss view (the Makemore container's "Loss" view): a compact live loss chart, the
 * current step, loss and dev loss, Train and Stop, the active model, and a way to the panel.
 */
import type { WebviewCommand } from '../../src/shared/protocol';
import type { RunState } from '../../src/shared/runState';
import { h, setText } from '../shared/dom';
import { formatCount, formatLoss } from '../shared/format';
import { LossChart } from '../shared/lossChart';
import { latestTrainLoss } from '../shared/lossData';
import { ProgressBar } from '../shared/progressBar';
import { startSession, type Session, type ViewState } from '../shared/session';
import { onThemeChange } from '../shared/theme';
import { button, setEnabled } from '../toolkit';

const command = (c: WebviewCommand): void => session.post({ type: 'command', command: c });

const model = h('span', { class: 'model-name' });
const status = h('span', { class: 'status-badge' });
const progress = new ProgressBar();
const stat = (label: string): [HTMLElement, HTMLElement] => {
  const value = h('dd', { 'data-stat': label });
  return [h('dt', {}, label), value];
};
const [stepLabel, stepValue] = stat('step');
const [lossLabel, lossValue] = stat('loss');
const [devLabel, devValue] = stat('dev loss');
const stats = h('dl', { class: 'stats' }, stepLabel, stepValue, lossLabel, lossValue, devLabel, devValue);
const chart = new LossChart({ compact: true, height: 130, logScale: false });
const train = button('Train', { title: 'Train on the current file (Makemore: Train on File)', onClick: () => command('train') });
const stop = button('Stop', { appearance: 'secondary', title: 'Stop training and keep the best model so far', onClick: () => command('stop') });
const openPanel = h('button', { type: 'button', class: 'link-button' }, 'Open Training Panel');
openPanel.addEventListener('click', () => command('showPanel'));
const warning = h('p', { class: 'message warning', role: 'alert', hidden: true });
const error = h('p', { class: 'message error', role: 'alert', hidden: true });
const hint = h('p', { class: 'hint' }, 'Open a word list (one word per line) and press Train, or run Makemore: Train on File.');

document.getElementById('app')!.append(
  h(
    'div',
    { class: 'sidebar' },
    h('div', { class: 'model-row' }, h('span', { class: 'muted' }, 'Model'), model, status),
    progress.element,
    warning,
    error,
    stats,
    chart.element,
    hint,
    h('div', { class: 'actions' }, train, stop),
    openPanel,
  ),
);

function render(state: ViewState<object>): void {
  const run = state.run;
  const modelName = state.activeModel ?? run.finished?.modelName ?? null;
  setText(model, modelName ?? 'none yet');
  model.title = modelName ?? '';
  model.classList.toggle('none', modelName === null);
  setText(status, run.status === 'idle' ? '' : STATUS[run.status]);
  status.dataset.status = run.status;
  progress.update(run);
  setText(stepValue, run.started ? `${formatCount(run.step)} / ${formatCount(run.totalSteps)}` : '—');
  setText(lossValue, formatLoss(run.finished?.losses.train ?? latestTrainLoss(run.history)));
  setText(devValue, formatLoss(run.finished?.losses.dev ?? run.evals.at(-1)?.dev));
  // Before the first run: the hint instead of empty numbers and an empty chart.
  for (const el of [progress.element, stats]) el.hidden = run.started === null;
  chart.element.hidden = run.history.step.length === 0;
  hint.hidden = run.started !== null;
  warning.hidden = !run.started?.warning;
  setText(warning, run.started?.warning ? `⚠ ${run.started.warning}` : '');
  error.hidden = run.status !== 'failed';
  setText(error, run.status === 'failed' ? (run.error ?? 'Training failed.') : '');
  if (run.started) chart.update(run);
  const busy = run.status === 'training' || run.status === 'stopping';
  setEnabled(train, !busy);
  setEnabled(stop, run.status === 'training');
}

const STATUS: Record<Exclude<RunState['status'], 'idle'>, string> = {
  training: 'training',
  stopping: 'stopping…',
  finished: 'finished',
  failed: 'failed',
};

onThemeChange(() => chart.themeChanged());
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<object> = startSession<object>({}, render);
