/**
 * The sidebar view "Model and Names" (the Makemore container's; id `makemore.lossView`): the
 * list in focus (shared/focus.ts), its model and its training run — the latest one when it is on
 * that list (live: a compact loss chart and its step, loss and dev loss), else its active run as
 * stored — or, when the latest job on it is a sweep or a learning-rate search, that job (the run
 * in progress and the best dev loss so far; its step, rate and suggestion); a job on another list
 * as a job line of its own (Show, Stop); Train and Stop, Sweep… and Find LR, and a way to the
 * panel; below, a compact Generate section (generate/generateView.ts).
 */
import { SWEEP_LABELS } from '../../src/core/sweepPlan';
import { formatCount, formatLearningRate, formatLoss, formatSetting } from '../../src/shared/format';
import { JOBS } from '../../src/shared/jobKinds';
import type { WebviewCommand } from '../../src/shared/messages';
import { isBorrowed, isFocusedJob, shownTraining } from '../../src/shared/focus';
import { activeModelReason } from '../../src/shared/runRecord';
import { initialRunState, isJobRunning, trainLossNow, type RunState } from '../../src/shared/runState';
import { LossChart } from '../charts/lossChart';
import { GenerateView } from '../generate/generateView';
import { h, setText } from '../lib/dom';
import { DEFAULT_CONTROLS, type GenerateControls } from '../../src/shared/generateControls';
import { bestRun, lrFindProgress, sweepProgress } from '../lib/experiments';
import { jobClock, phaseText } from '../lib/jobClock';
import { JobLine } from '../lib/jobLine';
import { ProgressBar } from '../lib/progressBar';
import { startSession, type Session, type ViewState } from '../lib/session';
import { onThemeChange } from '../lib/theme';
import { button, setEnabled } from '../toolkit';

const command = (c: WebviewCommand): void => session.post({ type: 'command', command: c });

/** A row of numbers, each under its label; `group` prefixes their `data-stat` names. */
function stats(group: string | null, ...labels: string[]): { element: HTMLElement; values: HTMLElement[] } {
  const values = labels.map((label) => h('dd', { 'data-stat': group ? `${group} ${label}` : label }));
  return { element: h('dl', { class: 'stats' }, ...labels.flatMap((label, i) => [h('dt', {}, label), values[i]])), values };
}

const listName = h('span', { class: 'list-name', 'data-testid': 'focused-list' });
const model = h('span', { class: 'model-name', 'data-testid': 'active-model' });
const status = h('span', { class: 'status-badge' });
/** A borrowed model's list: one click brings it into focus. */
const showModelList = h('button', { type: 'button', class: 'link-button', 'data-action': 'show-model-list' });
showModelList.addEventListener('click', () => {
  const key = session.state.focus.model?.listKey;
  if (key) session.post({ type: 'showList', key });
});
const jobLine = new JobLine((m) => session.post(m));
/** When the last run was not better than the active model, which stays. */
const notActive = h('p', { class: 'not-active', role: 'status', hidden: true });
const compare = h('button', { type: 'button', class: 'link-button' }, 'Compare Runs');
compare.addEventListener('click', () => command('compareRuns'));
const progress = new ProgressBar('Progress');
const trainStats = stats(null, 'step', 'loss', 'dev loss');
const sweepStats = stats('sweep', 'run', 'best dev', 'best');
const lrStats = stats('lr', 'step', 'rate', 'suggested');
const chart = new LossChart({ compact: true, height: 130, logScale: false });
const train = button('Train', { title: 'Train on the current file (Makemore: Train on File)', onClick: () => command('train') });
const stop = button('Stop', {
  appearance: 'secondary',
  title: 'Stop the running training, sweep or search',
  onClick: () => command('stop'),
});
const sweep = button('Sweep…', {
  appearance: 'secondary',
  title: 'Train several models that differ in one setting and compare them (Makemore: Sweep Hyperparameters)',
  onClick: () => command('sweep'),
});
const findRate = button('Find LR', {
  appearance: 'secondary',
  title: 'Find a learning rate: a short run with a rising rate (Makemore: Find Learning Rate)',
  onClick: () => command('findLearningRate'),
});
const openPanel = h('button', { type: 'button', class: 'link-button' }, 'Open Training Panel');
openPanel.addEventListener('click', () => command('showPanel'));
/** While a job runs: the stage it is in when it is not taking steps, and its clock ("42.0 s, about 1 min left"). */
const phaseLine = h('p', { class: 'phase-line', role: 'status', hidden: true });
const clockLine = h('p', { class: 'clock', 'data-testid': 'job-clock', hidden: true });
/** What a sweep or a search is about (a training run's chart and numbers speak for themselves). */
const about = h('p', { class: 'caption', hidden: true });
const warning = h('p', { class: 'message warning', role: 'alert', hidden: true });
const error = h('p', { class: 'message error', role: 'alert', hidden: true });
const sampleList = h(
  'button',
  {
    type: 'button',
    class: 'link-button',
    title: 'A ready list to start from: names, cities, companies… in 32 languages (Makemore: Open a Sample List…)',
  },
  'open a sample list',
);
sampleList.addEventListener('click', () => command('openSampleList'));
const NO_LIST_HINT = 'Open a word list (one word per line) and press Train, or run Makemore: Train on File.';
const hint = h('p', { class: 'hint' }, `${NO_LIST_HINT} No list at hand? `, sampleList, '.');

interface SidebarUi {
  generate: GenerateControls;
}

/** The sidebar asks for a few names at a time. */
const SIDEBAR_CONTROLS: GenerateControls = { ...DEFAULT_CONTROLS, count: '10' };

/** Shown once the host has said what to generate from. */
const generateSection = h('section', { class: 'sidebar-generate', 'aria-label': 'Generate', hidden: true });
const generate = new GenerateView({ compact: true, session: () => session, visible: () => true });
generateSection.append(h('h2', {}, 'Generate'), generate.element);

document
  .getElementById('app')!
  .append(
    h(
      'div',
      { class: 'sidebar' },
      h('div', { class: 'list-row' }, listName, status),
      h('div', { class: 'model-row' }, h('span', { class: 'muted' }, 'Model'), model, showModelList),
      jobLine.element,
      notActive,
      progress.element,
      phaseLine,
      clockLine,
      about,
      warning,
      error,
      trainStats.element,
      sweepStats.element,
      lrStats.element,
      chart.element,
      hint,
      h('div', { class: 'actions' }, train, stop),
      h('div', { class: 'actions experiments', role: 'group', 'aria-label': 'Experiments' }, sweep, findRate),
      h('div', { class: 'links' }, openPanel, compare),
      generateSection,
    ),
  );

function render(state: ViewState<SidebarUi>): void {
  generateSection.hidden = state.generation.target === null;
  generate.update(state.generation, { ...SIDEBAR_CONTROLS, ...state.ui.generate });
  const { focus } = state;
  const latest = state.run;
  // The latest job when it is a sweep or a search on the list in focus; else the list's training run.
  const experiment =
    (latest.job === 'sweep' && latest.sweep) || (latest.job === 'lrFind' && latest.lrFind) ? isFocusedJob(latest, focus) : false;
  const run = experiment ? latest : (shownTraining(latest, focus) ?? { ...initialRunState(), status: 'idle' as const });
  const job = experiment ? latest.job : 'train';
  const { sweep: s, lrFind: lr } = run;
  // The list in focus and the model it uses, named as every view names them.
  const active = focus.model;
  setText(listName, focus.list?.name ?? run.started?.listName ?? 'No word list open');
  listName.title = focus.list
    ? focus.list.open
      ? `The list in focus: ${focus.list.document ?? focus.list.name}`
      : `No word list is open: ${focus.list.name}, whose model was used last`
    : '';
  const borrowed = isBorrowed(focus);
  setText(model, active ? (borrowed ? `borrowed from ${active.label}` : active.label) : 'none yet');
  model.title = active ? activeModelReason(active) : 'No trained model yet.';
  model.classList.toggle('none', active === null);
  showModelList.hidden = !borrowed;
  setText(showModelList, active && borrowed ? `Show ${active.listName}` : '');
  jobLine.update(latest, focus, state.since());
  const stored = run.job === 'train' ? run.storedAs : null;
  const beaten = stored !== null && active !== null && stored.fileKey === active.listKey && stored.runId !== active.runId;
  notActive.hidden = !beaten;
  setText(
    notActive,
    beaten
      ? `The last run (dev ${formatLoss(run.finished?.losses.dev)}) is not the active model; the numbers below are the last run's.`
      : '',
  );
  compare.hidden = active === null;
  const stopped = (job === 'sweep' ? s?.stopped : job === 'lrFind' ? lr?.stopped : run.finished?.stopped) === true;
  // The training run as it ended when a sweep or a search (on another list) came after it.
  const runStatus = job === 'train' && run.job !== 'train' ? (run.finished ? 'finished' : run.started ? 'failed' : 'idle') : run.status;
  setText(
    status,
    runStatus === 'idle'
      ? ''
      : runStatus === 'running'
        ? JOBS[job].running.toLowerCase()
        : runStatus === 'finished' && stopped
          ? 'stopped'
          : STATUS[runStatus],
  );
  status.dataset.status = runStatus;

  // What the latest job shows (a training run before it started shows nothing).
  const shown = job === 'sweep' && s ? 'sweep' : job === 'lrFind' && lr ? 'lrFind' : run.started ? 'train' : null;
  const fraction = shown === 'sweep' && s ? sweepProgress(s) : shown === 'lrFind' && lr ? lrFindProgress(lr) : run.progress;
  progress.update(fraction, runStatus);
  progress.element.hidden = shown === null;
  trainStats.element.hidden = shown !== 'train';
  sweepStats.element.hidden = shown !== 'sweep';
  lrStats.element.hidden = shown !== 'lrFind';
  chart.element.hidden = shown !== 'train' || run.history.step.length === 0;
  const busy = isJobRunning(latest.status);
  hint.hidden = shown !== null || busy;
  const list = focus.list;
  // A list without a model: how to train it; no list at all: how to start, or a sample list to start from.
  if (list?.open) setText(hint, `${list.name} has no model yet: press Train, or run Makemore: Train on File.`);
  else if (!hint.contains(sampleList)) hint.replaceChildren(`${NO_LIST_HINT} No list at hand? `, sampleList, '.');
  const { phase, clock } = run === latest ? jobClock(run, job, state.since()) : { phase: null, clock: null };
  phaseLine.hidden = phase === null;
  setText(phaseLine, phase ? phaseText(phase) : '');
  clockLine.hidden = clock === null;
  setText(clockLine, clock ?? '');
  about.hidden = shown !== 'sweep' && shown !== 'lrFind';
  setText(
    about,
    shown === 'sweep' && s
      ? `Sweep of ${s.varied.map((k) => SWEEP_LABELS[k].name).join(' × ') || 'the current settings'} on ${s.listName}`
      : shown === 'lrFind' && lr
        ? `Learning-rate search on ${lr.listName}`
        : '',
  );

  if (shown === 'train') {
    const [step, loss, dev] = trainStats.values;
    setText(step, `${formatCount(run.step)} / ${formatCount(run.totalSteps)}`);
    setText(loss, formatLoss(trainLossNow(run)));
    setText(dev, formatLoss(run.finished?.losses.dev ?? run.evals.at(-1)?.dev));
    chart.update(run);
  } else if (shown === 'sweep' && s) {
    const [runs, bestDev, bestSetting] = sweepStats.values;
    const best = bestRun(s);
    const at = s.current ? s.current.index + 1 : s.runs.length;
    setText(runs, `${at} / ${s.settings.length}`);
    setText(bestDev, formatLoss(best?.dev));
    setText(bestSetting, best ? formatSetting(best.setting, 'short', s.varied) : '—');
  } else if (shown === 'lrFind' && lr) {
    const [step, rate, suggested] = lrStats.values;
    const n = lr.learningRates.length;
    setText(step, `${formatCount(n)} / ${formatCount(lr.steps)}`);
    setText(rate, n ? formatLearningRate(lr.learningRates[n - 1]) : '—');
    setText(suggested, lr.suggestion !== null && Number.isFinite(lr.suggestion) ? formatLearningRate(lr.suggestion) : '—');
  }

  const jobWarning = shown === 'sweep' ? s?.warning : shown === 'lrFind' ? lr?.warning : run.started?.warning;
  warning.hidden = !jobWarning;
  setText(warning, jobWarning ? `⚠ ${jobWarning}` : '');
  error.hidden = runStatus !== 'failed';
  setText(error, runStatus === 'failed' ? (run.error ?? 'Failed.') : '');
  for (const b of [train, sweep, findRate]) setEnabled(b, !busy);
  setEnabled(stop, latest.status === 'running');
}

const STATUS: Record<Exclude<RunState['status'], 'idle' | 'running'>, string> = {
  stopping: 'stopping…',
  finished: 'finished',
  failed: 'failed',
};

onThemeChange(() => chart.themeChanged());
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<SidebarUi> = startSession<SidebarUi>({ generate: { ...SIDEBAR_CONTROLS } }, render);
session.onMessage((m) => generate.onHostMessage(m));
