/**
 * The training panel: the live loss chart, the embedding scatter, samples and the run summary
 * of the current (or last) training run, or a short how-to before the first run.
 */
import type { WebviewCommand } from '../../src/shared/protocol';
import { h } from '../shared/dom';
import { EmbeddingChart } from '../shared/embeddingChart';
import { LossChart } from '../shared/lossChart';
import { startSession, type Session, type ViewState } from '../shared/session';
import { onThemeChange } from '../shared/theme';
import { button, checkbox, setChecked } from '../toolkit';
import { Header } from './header';
import { Samples } from './samples';
import { Summary } from './summary';

interface PanelUi {
  logScale: boolean;
  /** The embedding point whose neighbours are shown, in the run it was picked in. */
  selected: { runId: number; index: number } | null;
}

const app = document.getElementById('app')!;
const command = (c: WebviewCommand): void => session.post({ type: 'command', command: c });

const header = new Header(command);
const loss = new LossChart({ compact: false, height: 280, logScale: false });
const embedding = new EmbeddingChart((index) => {
  const runId = session.state.run.started?.runId;
  session.state.ui.selected = index === null || runId === undefined ? null : { runId, index };
  session.changed();
});
const samples = new Samples((m) => session.post(m));
const summary = new Summary();
const logScale = checkbox('Log scale', false, (on) => {
  session.state.ui.logScale = on;
  session.changed();
});

/** A titled section of the panel, with optional controls beside the title. */
const section = (title: string, cls: string, tools: Node | null, content: Node): HTMLElement =>
  h('section', { class: `card ${cls}`, 'aria-label': title }, h('div', { class: 'card-title' }, h('h2', {}, title), tools), content);

const grid = h(
  'div',
  { class: 'grid' },
  section('Loss', 'loss', logScale, loss.element),
  section('Character embeddings', 'embedding', null, embedding.element),
  h('div', { class: 'side' }, section('Samples', 'samples-card', null, samples.element), section('Run', 'summary-card', null, summary.element)),
);
const running = h('div', { class: 'run' }, header.element, grid);

const isMac = navigator.userAgent.includes('Mac');
const empty = h(
  'div',
  { class: 'empty-state' },
  h('h1', {}, 'Makemore'),
  h('p', { class: 'lead' }, 'Train a small character-level language model on a word list, then sample new words that sound like it.'),
  h(
    'ol',
    {},
    h('li', {}, 'Open a text file with one word per line: names, places, species…'),
    h('li', {}, 'Run ', h('strong', {}, 'Makemore: Train on File'), ' from the Command Palette (', h('kbd', {}, isMac ? '⇧⌘P' : 'Ctrl+Shift+P'), ').'),
    h('li', {}, 'Watch the loss fall here, then click a sampled name to insert it into your editor.'),
  ),
  button('Train on Current File', { onClick: () => command('train') }),
);

function render(state: ViewState<PanelUi>): void {
  const { run, ui } = state;
  const idle = run.status === 'idle' && !run.started;
  if (idle) {
    if (app.firstChild !== empty) app.replaceChildren(empty);
    return;
  }
  if (app.firstChild !== running) app.replaceChildren(running);
  header.update(run, state.activeModel);
  // A run that failed before it started (a bad word list or setting) has nothing to chart.
  grid.hidden = !run.started;
  if (!run.started) return;
  setChecked(logScale, ui.logScale);
  loss.setLogScale(ui.logScale);
  loss.update(run);
  if (run.embedding) {
    const selected = ui.selected?.runId === run.started.runId ? ui.selected.index : null;
    embedding.update({ symbols: run.started.symbols, embedding: run.embedding, dims: run.started.config.embeddingSize, selected });
  }
  samples.update(run, state.activeModel);
  summary.update(run);
}

onThemeChange(() => {
  loss.themeChanged();
  embedding.themeChanged();
});
// Callbacks above use `session` only after this (the first render, during the call, posts nothing).
const session: Session<PanelUi> = startSession<PanelUi>({ logScale: false, selected: null }, render);
