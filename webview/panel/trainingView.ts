/**
 * The panel's Training view: the live loss chart, the embedding scatter, samples and the run
 * summary of the training run of the list in focus (shared/focus.ts `shownTraining`): the latest
 * one when it is on that list, else the list's active run as stored; or a short how-to when the
 * list has no run. Under its header, the model the list uses — and whether this run is it, or did
 * not beat it (Use This Run, Compare Runs). A job on another list is the panel's job line.
 */
import { formatCount, formatElapsed, formatLearningRate, formatLossBrief, formatThroughput } from '../../src/shared/format';
import { JOBS } from '../../src/shared/jobKinds';
import type { FromWebview, WebviewCommand } from '../../src/shared/messages';
import { shownTraining } from '../../src/shared/focus';
import { activeModelReason, type ActiveModelLabel } from '../../src/shared/runRecord';
import { isJobRunning, type RunState } from '../../src/shared/runState';
import { EmbeddingChart } from '../charts/embeddingChart';
import { LossChart } from '../charts/lossChart';
import { h, setText } from '../lib/dom';
import type { ViewState } from '../lib/session';
import { jobClock } from '../lib/jobClock';
import { RunHeader } from './header';
import { howTo, runCommand, section } from './layout';
import { Samples } from './samples';
import { Summary } from './summary';
import { button, checkbox, setChecked, setEnabled } from '../toolkit';

/** Least time between two drawings of the embeddings while a run trains. */
const EMBEDDING_INTERVAL_MS = 1000;

export interface TrainingUi {
  logScale: boolean;
  /** The embedding point whose neighbours are shown, in the run it was picked in. */
  selected: { jobId: number; index: number } | null;
}

export class TrainingView {
  readonly element = h('div', { class: 'view training-view' });
  private readonly header: RunHeader;
  private readonly stop: HTMLElement;
  private readonly train: HTMLElement;
  private readonly insert: HTMLElement;
  private readonly loss = new LossChart({ compact: false, height: 280, logScale: false });
  private readonly embedding: EmbeddingChart;
  private readonly samples: Samples;
  private readonly summary = new Summary();
  private readonly logScale: HTMLElement;
  private readonly grid: HTMLElement;
  /** Shown with an embedding table (a stored run whose model file could not be read has none). */
  private embeddingCard!: HTMLElement;
  private readonly running: HTMLElement;
  private readonly empty: HTMLElement;
  /** The model the current document uses, and how this run relates to it. */
  private readonly activeLine = h('span', { class: 'active-text', 'data-testid': 'active-model' });
  private readonly useRun = h('button', { type: 'button', class: 'link-button' }, 'Use This Run');
  private readonly compareRuns = h('button', { type: 'button', class: 'link-button' }, 'Compare Runs');
  private readonly activeBar = h(
    'p',
    { class: 'active-model', role: 'status', hidden: true },
    this.activeLine,
    this.useRun,
    this.compareRuns,
  );
  /** The run stored last (for Use This Run). */
  private stored: { fileKey: string; runId: string } | null = null;
  /** What was read ("Reading column 'name' of a CSV file: …"), with a way to read it otherwise. */
  private readonly sourceLine: HTMLElement;
  private readonly sourceText = h('span', {});
  private readonly sourceWarning = h('p', { class: 'message warning', role: 'alert', hidden: true });
  private readonly sourceWarningText = h('span', {});
  /** The how-to's button. */
  private readonly start: HTMLElement;
  private jobId: number | undefined;
  /** When the embeddings were last drawn, and for which run, selection and state. */
  private embeddingAt = -Infinity;
  private embeddingKey = '';

  constructor(
    post: (m: FromWebview) => void,
    private readonly ui: () => TrainingUi,
    changed: () => void,
  ) {
    const command = (c: WebviewCommand): void => post({ type: 'command', command: c });
    this.stop = button('Stop', {
      appearance: 'secondary',
      title: 'Stop training and keep the best model so far',
      onClick: () => command('stop'),
    });
    this.train = button('Train Again', { title: 'Train a new model on the same word list', onClick: () => command('train') });
    this.insert = button('Insert Name', {
      appearance: 'secondary',
      title: 'Insert a sampled name at the cursor of the last active editor',
      onClick: () => command('insertSample'),
    });
    this.header = new RunHeader([this.stop, this.train, this.insert], 'Training progress');
    this.embedding = new EmbeddingChart((index) => {
      this.ui().selected = index === null || this.jobId === undefined ? null : { jobId: this.jobId, index };
      changed();
    });
    this.samples = new Samples(post);
    this.logScale = checkbox('Log scale', false, (on) => {
      this.ui().logScale = on;
      changed();
    });
    this.grid = h(
      'div',
      { class: 'grid' },
      section('Loss', 'loss', this.logScale, this.loss.element),
      (this.embeddingCard = section('Character embeddings', 'embedding', null, this.embedding.element)),
      h(
        'div',
        { class: 'side' },
        section('Samples', 'samples-card', null, this.samples.element),
        section('Run', 'summary-card', null, this.summary.element),
      ),
    );
    this.useRun.addEventListener('click', () => {
      if (this.stored) post({ type: 'runAction', action: 'activate', ...this.stored });
    });
    this.compareRuns.addEventListener('click', () => command('compareRuns'));
    const change = (label: string, title: string): HTMLElement => {
      const b = h('button', { type: 'button', class: 'link-button', title }, label);
      b.addEventListener('click', () => command('chooseColumn'));
      return b;
    };
    this.sourceLine = h(
      'p',
      { class: 'list-reading-line', 'data-testid': 'list-reading-line', hidden: true },
      this.sourceText,
      ' ',
      change('Change…', 'Choose another column or field, or another way to read the file (Makemore: Choose Column…)'),
    );
    this.sourceWarning.append(this.sourceWarningText, ' ', change('Choose…', 'Read the file another way (Makemore: Choose Column…)'));
    this.running = h('div', { class: 'run' }, this.header.element, this.activeBar, this.sourceLine, this.sourceWarning, this.grid);
    this.start = button('Train on Current File', { onClick: () => command('train') });
    const sampleList = h('button', { type: 'button', class: 'link-button', 'data-testid': 'open-sample-list' }, 'Open a Sample List…');
    sampleList.addEventListener('click', () => command('openSampleList'));
    this.empty = howTo({
      title: 'Train a model',
      lead: 'Train a small character-level language model on a word list, then sample new words that sound like it.',
      steps: [
        [
          'Open a text file with one word per line: names, places, species… — or a ready one: ',
          sampleList,
          ' (names, cities, companies in 32 languages).',
        ],
        [...runCommand('Makemore: Train on File'), '.'],
        ['Watch the loss fall here, then click a sampled name to insert it into your editor.'],
      ],
      action: this.start,
    });
  }

  update(state: ViewState<TrainingUi>): void {
    const { ui } = state;
    const active = state.focus.model;
    // The list in focus: its latest training run, else its active run as stored.
    const run = shownTraining(state.run, state.focus);
    // A sweep or a learning-rate search ran last: this view shows the last training run as it ended.
    const status = !run ? 'idle' : run.job === 'train' ? run.status : run.finished ? 'finished' : run.started ? 'failed' : 'idle';
    const busy = isJobRunning(state.run.status);
    if (!run || (status === 'idle' && !run.started)) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      const list = state.focus.list;
      setText(this.start, list?.open ? `Train on ${list.name}` : 'Train on Current File');
      setEnabled(this.start, !busy);
      return;
    }
    if (this.element.firstChild !== this.running) this.element.replaceChildren(this.running);
    this.header.update({
      listName: run.started?.listName ?? '',
      status,
      job: 'train',
      stopped: run.finished?.stopped === true,
      progress: run.progress,
      line: statusText(run, status),
      ...jobClock(run, 'train', state.since()),
      warning: run.started?.warning,
      error: status === 'failed' ? (run.error ?? (run.job === 'train' ? 'Training failed.' : 'Training did not finish.')) : null,
    });
    setEnabled(this.stop, run === state.run && run.job === 'train' && run.status === 'running');
    setEnabled(this.train, !busy);
    setEnabled(this.insert, active !== null);
    this.updateActive(run, active);

    // What was read, when the file is not plain lines or the reader has notes (lines skipped,
    // characters removed); a warning of the reader (a choice to make, a fallback) under it.
    const source = run.started?.listReading;
    const notes = source?.notes ?? [];
    const shown = source !== undefined && (source.format !== 'lines' || notes.length > 0);
    this.sourceLine.hidden = !shown;
    setText(this.sourceText, shown ? [source.description, ...notes.filter((n) => !n.warning).map((n) => n.message)].join(' · ') : '');
    const warning = source?.warning?.message ?? notes.find((n) => n.warning)?.message;
    this.sourceWarning.hidden = warning === undefined;
    setText(this.sourceWarningText, warning !== undefined ? `⚠ ${warning}` : '');

    // A run that failed before it started (a bad word list or setting) has nothing to chart.
    this.grid.hidden = !run.started;
    if (!run.started) return;
    this.jobId = run.started.jobId;
    setChecked(this.logScale, ui.logScale);
    this.loss.setLogScale(ui.logScale);
    this.loss.update(run);
    this.embeddingCard.hidden = !run.embedding;
    if (run.embedding) {
      const selected = ui.selected?.jobId === run.started.jobId ? ui.selected.index : null;
      // The embeddings drift slowly: while training they are projected and drawn once a second
      // (a PCA and a label per symbol), at once for a new run, a click, and the run's end.
      const key = `${run.started.jobId}:${selected}:${isJobRunning(status)}`;
      const now = performance.now();
      if (key !== this.embeddingKey || now - this.embeddingAt >= EMBEDDING_INTERVAL_MS) {
        this.embeddingKey = key;
        this.embeddingAt = now;
        this.embedding.update({ symbols: run.started.symbols, embedding: run.embedding, dims: run.started.config.embeddingSize, selected });
      }
    }
    this.samples.update(run, active, isJobRunning(status), busy);
    this.summary.update(run);
  }

  themeChanged(): void {
    this.loss.themeChanged();
    this.embedding.themeChanged();
  }

  /** "Active model: names.txt · 28 Nov 14:02 · dev 2.509 — this run." / "— not this run (dev 2.561), which is kept with the file's runs." */
  private updateActive(run: RunState, active: ActiveModelLabel | null): void {
    this.activeBar.hidden = active === null;
    if (!active) return;
    const stored = run.storedAs;
    const sameFile = stored !== null && stored.fileKey === active.listKey;
    const isThis = sameFile && stored.runId === active.runId;
    const beaten = sameFile && !isThis;
    this.stored = beaten ? { fileKey: stored.fileKey, runId: stored.runId } : null;
    const tail = isThis
      ? ' — this run.'
      : beaten
        ? ` — not this run (dev ${formatLossBrief(run.finished?.losses.dev)}), which is kept with the file's runs.`
        : '';
    setText(this.activeLine, `Active model: ${active.label}${tail}`);
    this.activeLine.title = activeModelReason(active);
    this.useRun.hidden = !beaten;
    this.compareRuns.hidden = !sameFile;
  }
}

function statusText(run: RunState, status: RunState['status']): string {
  const total = formatCount(run.totalSteps);
  const f = run.finished;
  switch (status) {
    case 'idle':
      return 'No training run yet.';
    case 'running':
      if (!run.started) return 'Preparing…';
      return [
        `Step ${formatCount(run.step)} of ${total} (${Math.floor(run.progress * 100)}%)`,
        `${formatThroughput(run.examplesPerSecond)} examples/s`,
        `learning rate ${formatLearningRate(run.learningRate)}`,
      ].join(' · ');
    case 'stopping':
      return `${JOBS.train.stopping} (stopped at step ${formatCount(run.step)})`;
    case 'finished': {
      if (!f) return 'Finished.';
      const done = f.stopped
        ? `Stopped at step ${formatCount(f.steps)} of ${total} after ${formatElapsed(f.seconds)}`
        : `${formatCount(f.steps)} steps in ${formatElapsed(f.seconds)}`;
      const kept = f.keptStep === f.steps ? 'kept the final parameters' : `kept step ${formatCount(f.keptStep)} (best dev loss)`;
      return `${done} · ${formatThroughput(f.examplesPerSecond)} examples/s · ${kept}${run.storedAs ? ` · kept as “${run.storedAs.modelName}”` : ''}`;
    }
    case 'failed':
      return run.step > 0 ? `Failed at step ${formatCount(run.step)} of ${total}.` : 'Failed before the first step.';
  }
}
