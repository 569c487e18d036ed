/**
 * The panel's Explore tab: the lecture's sampling step made visible, on the active model of the
 * current word list (every probability exactly the model's: the worker's core/explorer.ts).
 *
 * - **Next character**: a prefix, typed or built by clicking; the context window as the model
 *   sees it (block-size boxes, the padding dots included); every next character as a bar, most
 *   probable first, the end of the name among them, with the Generate tab's creativity and top-k
 *   applied and said so; the entropy in nats and as "about N equally likely choices". A bar
 *   appends its character (the end completes the name), Backspace removes one, Draw samples one
 *   from the bars — animated in place, a highlight running over the bars as often as each is
 *   drawn, still under prefers-reduced-motion — and Draw to the End finishes a name.
 * - **Most probable names**: the 10 most probable complete names after the prefix (an exact
 *   best-first search; the view says when its bound was hit).
 * - **Read letter by letter**: a name (typed, completed above, or picked from the Generate tab,
 *   the favourites, Rank Lines by Typicality) with each letter marked by the rank the model gave
 *   it (top 1 / 3 / 10 / beyond: a colour, an underline style and a sign, with a legend), its
 *   probability and surprisal on hover and focus, the model's top 5 guesses under it, and the
 *   name's mean surprisal and percentile among the list's items.
 *
 * Keyboard: every bar, name and letter is reachable with Tab and named for screen readers.
 * Timing (User Timing, for the benchmark and the tests): a prefix change marks PREFIX_MARK, the
 * bars of that prefix on screen measure BARS_SHOWN.
 */
import { drawFrom, RANK_BUCKETS, RANK_BUCKET_LABELS } from '../../src/core/distribution';
import type { ExploreQuery, NextAnswer, Reading, SearchAnswer } from '../../src/core/explored';
import type { ExploreMode, GenerationTarget, ToWebview } from '../../src/shared/messages';
import { formatProbability, letterSentence, readingSummary } from '../../src/shared/readingText';
import { h, setText } from '../lib/dom';
import {
  BARS_SHOWN,
  barLabel,
  barsOf,
  entropyText,
  isPlainSampling,
  NAMES_COUNT,
  PREFIX_MARK,
  Questions,
  samplingText,
  type Bar,
  type Sampling,
} from '../lib/exploration';
import { modelLineText, noModelText } from '../lib/generation';
import type { Session } from '../lib/session';
import { section } from '../panel/layout';
import { button, setEnabled } from '../toolkit';
import { symbolCount, symbolsOf } from '../../src/core/symbols';

/** A webview's UI state, as far as its Explore view keeps it. */
export interface ExploreUi {
  explore: { prefix: string; read: string };
}

export interface ExploreViewDeps {
  session(): Session<ExploreUi>;
  /** Whether the view is on screen. */
  visible(): boolean;
  /** The Generate tab's creativity and top-k. */
  sampling(): Sampling;
  /** Asks the host to train on the current file (the empty state's button). */
  train(): void;
}

/** Longest name Draw to the End makes (the engine's line length cap). */
const MAX_DRAWN = 128;
/** Bars shown at first for a large alphabet (the end of the name always among them). */
export const MAX_BARS = 40;

/** The `max` most probable bars, the end of the name among them (after them if it is less probable). */
function mostProbable(bars: Bar[], max: number): Bar[] {
  if (bars.length <= max) return bars;
  const top = bars.slice(0, max);
  return top.some((b) => b.end) ? top : [...top.slice(0, max - 1), bars.find((b) => b.end)!];
}

const reducedMotion = (): boolean => typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ExploreView {
  readonly element = h('div', { class: 'view explore-view' });
  private readonly questions = new Questions();
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly emptyText = h('p', { class: 'lead' });
  private readonly modelLine = h('p', { class: 'model-line' });
  private readonly prefixInput = h('input', {
    type: 'text',
    class: 'field-input prefix-input',
    'data-field': 'prefix',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': 'Prefix: the start of a name',
    placeholder: 'the start of a name',
  });
  private readonly contextBoxes = h('span', { class: 'context-boxes', role: 'list', 'aria-label': 'The context the model sees' });
  private readonly contextNote = h('p', { class: 'caption context-note' });
  private readonly samplingLine = h('p', { class: 'caption sampling-line' });
  private readonly entropyLine = h('p', { class: 'entropy-line' });
  private readonly status = h('p', { class: 'explore-status', role: 'status', 'aria-live': 'polite' });
  private readonly bars = h('div', { class: 'bars', role: 'group', 'aria-label': 'Next character: every symbol, most probable first' });
  private barButtons: HTMLButtonElement[] = [];
  private shownBars: Bar[] = [];
  private allBars: Bar[] = [];
  /** Large alphabets: the most probable bars only, unless the user asks for all. */
  private showAll = false;
  private readonly moreBars = h('button', { type: 'button', class: 'link-button more-bars', hidden: true });
  private readonly namesList = h('ol', { class: 'best-names', 'aria-label': 'Most probable complete names' });
  private readonly namesNote = h('p', { class: 'caption names-note' });
  private readonly readInput = h('input', {
    type: 'text',
    class: 'field-input read-input',
    'data-field': 'read',
    spellcheck: 'false',
    autocomplete: 'off',
    'aria-label': 'A name to read letter by letter',
    placeholder: 'a name',
  });
  private readonly letters = h('ol', { class: 'letters' });
  private readonly readSummary = h('p', { class: 'read-summary' });
  private readonly readout = h('p', { class: 'caption letter-readout', 'aria-hidden': 'true' });
  private readonly drawButtons: { draw: HTMLElement; toEnd: HTMLElement; back: HTMLElement };
  /** The model the answers are of (a new one asks everything again). */
  private modelKey = '';
  private target: GenerationTarget | null = null;
  private sampling: Sampling = { temperature: 1, topK: 0 };
  /** Resolves when the bars of the prefix asked for are on screen (Draw to the End waits on it). */
  private barsWaiters: (() => void)[] = [];
  /** Bumped by anything the user does: a running draw stops. */
  private drawToken = 0;
  private drawing = false;
  private measuring = false;

  constructor(private readonly deps: ExploreViewDeps) {
    this.prefixInput.addEventListener('input', () => this.setPrefix(this.prefixInput.value, true));
    this.readInput.addEventListener('input', () => this.read(this.readInput.value, false));
    this.bars.addEventListener('click', (e) => {
      const row = (e.target as Element).closest<HTMLButtonElement>('button.bar-row');
      if (!row) return;
      const bar = this.shownBars[Number(row.dataset.index)];
      if (bar) this.choose(bar);
    });
    this.moreBars.addEventListener('click', () => {
      this.showAll = !this.showAll;
      this.renderNext();
    });
    this.bars.addEventListener('keydown', (e) => {
      if (e.key === 'Backspace') {
        e.preventDefault();
        this.backspace();
      }
    });
    this.letters.addEventListener('pointerover', (e) => this.showReadout(e.target));
    this.letters.addEventListener('focusin', (e) => this.showReadout(e.target));
    this.namesList.addEventListener('click', (e) => {
      const b = (e.target as Element).closest<HTMLElement>('button[data-name]');
      if (b) this.readText(b.dataset.name!);
    });
    this.drawButtons = {
      back: button('⌫', { appearance: 'secondary', title: 'Remove the last character (Backspace)', onClick: () => this.backspace() }),
      draw: button('Draw', {
        title: 'Sample one character from the bars (torch.multinomial in the lecture)',
        onClick: () => void this.draw(false),
      }),
      toEnd: button('Draw to the End', {
        appearance: 'secondary',
        title: 'Sample characters until the name ends',
        onClick: () => void this.draw(true),
      }),
    };
    this.drawButtons.back.setAttribute('aria-label', 'Remove the last character');
    const clear = button('Clear', { appearance: 'secondary', title: 'Start a new name', onClick: () => this.setPrefix('', true) });
    const readPrefix = button('Read It', {
      appearance: 'secondary',
      title: 'Read the prefix letter by letter below',
      onClick: () => this.readText(this.prefixInput.value),
    });
    const legend = h(
      'ul',
      { class: 'rank-legend', 'aria-label': 'Legend: the rank the model gave each letter' },
      ...RANK_BUCKETS.map((b) =>
        h(
          'li',
          { 'data-bucket': b },
          h('span', { class: 'letter-sign', 'aria-hidden': 'true' }, RANK_BUCKET_LABELS[b].sign),
          h('span', { class: 'legend-sample' }, 'a'),
          ` ${RANK_BUCKET_LABELS[b].label}`,
        ),
      ),
    );
    const nextCard = section(
      'Next character',
      'next-card',
      null,
      h(
        'div',
        { class: 'prefix-row' },
        h('label', { class: 'prefix-label' }, 'Prefix', this.prefixInput),
        h('div', { class: 'actions' }, this.drawButtons.draw, this.drawButtons.toEnd, this.drawButtons.back, clear, readPrefix),
      ),
      h('div', { class: 'context-row' }, h('span', { class: 'context-label' }, 'The model sees'), this.contextBoxes),
      this.contextNote,
      this.entropyLine,
      this.samplingLine,
      this.status,
      this.bars,
      this.moreBars,
    );
    const namesCard = section('Most probable names', 'names-card', null, this.namesList, this.namesNote);
    const readCard = section(
      'Read letter by letter',
      'read-card',
      null,
      h('label', { class: 'prefix-label' }, 'Name', this.readInput),
      legend,
      this.readSummary,
      this.letters,
      this.readout,
    );
    this.content = h(
      'div',
      { class: 'explore' },
      h('header', { class: 'run-header' }, this.modelLine),
      h('div', { class: 'explore-grid' }, nextCard, h('div', { class: 'side' }, namesCard, readCard)),
    );
    this.empty = h(
      'div',
      { class: 'empty-state' },
      h('h2', {}, 'Explore the model'),
      this.emptyText,
      h(
        'ol',
        {},
        h('li', {}, 'Open a word list (one name per line).'),
        h('li', {}, 'Train a model on it; then see what it predicts after any prefix, and read names letter by letter.'),
      ),
      button('Train on Current File', { onClick: () => deps.train() }),
    );
  }

  /** Renders the target's model; asks everything again when the model changed. */
  update(target: GenerationTarget | null, ui: ExploreUi['explore'], sampling: Sampling): void {
    this.target = target;
    const model = target?.model ?? null;
    if (!model) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      setText(this.emptyText, noModelText(target, 'explore it here'));
      this.modelKey = '';
      return;
    }
    if (this.element.firstChild !== this.content) this.element.replaceChildren(this.content);
    setText(this.modelLine, modelLineText(model));
    this.modelLine.title = model.label;
    const samplingChanged = sampling.temperature !== this.sampling.temperature || sampling.topK !== this.sampling.topK;
    this.sampling = sampling;
    const key = `${model.label}@${model.createdAt}`;
    if (key !== this.modelKey) {
      this.modelKey = key;
      if (document.activeElement !== this.prefixInput) this.prefixInput.value = ui.prefix;
      if (document.activeElement !== this.readInput) this.readInput.value = ui.read;
      this.ask(ui.prefix);
      if (ui.read) this.read(ui.read, false);
      else this.renderReading();
    } else if (samplingChanged) this.renderNext();
  }

  /** A host message: an answer, or a text to explore (a command, Rank Lines, the sidebar). */
  onHostMessage(m: ToWebview): void {
    if (m.type === 'exploredAnswer') {
      if (!this.questions.take(m.id, m.answer, m.error)) return;
      const kind = m.answer?.kind;
      if (kind === 'next' || this.questions.answers.errors.next !== undefined) this.renderNext();
      if (kind === 'search' || this.questions.answers.errors.search !== undefined) this.renderNames();
      if (kind === 'read' || this.questions.answers.errors.read !== undefined) this.renderReading();
    } else if (m.type === 'exploreText') {
      this.explore(m.text, m.mode);
    }
  }

  /** Shows `text` read letter by letter, or makes it the prefix. */
  explore(text: string, mode: ExploreMode): void {
    if (mode === 'prefix') this.setPrefix(text, true);
    else this.readText(text);
  }

  /** Reads `text` letter by letter (and shows it in the name field). */
  readText(text: string): void {
    this.readInput.value = text;
    this.read(text, true);
  }

  // ---------------------------------------------------------------- questions

  private post(query: ExploreQuery): void {
    const id = this.questions.ask(query);
    this.deps.session().post({ type: 'explore', id, query });
  }

  private ask(prefix: string): void {
    this.post({ kind: 'next', prefix });
    this.post({ kind: 'search', prefix, count: NAMES_COUNT });
  }

  private setPrefix(prefix: string, byUser: boolean): void {
    if (byUser) this.drawToken++;
    if (this.prefixInput.value !== prefix) this.prefixInput.value = prefix;
    const session = this.deps.session();
    session.state.ui.explore = { ...session.state.ui.explore, prefix };
    session.changed();
    performance.mark(PREFIX_MARK);
    this.measuring = true;
    this.ask(prefix);
  }

  private read(text: string, byUser: boolean): void {
    const session = this.deps.session();
    session.state.ui.explore = { ...session.state.ui.explore, read: text };
    session.changed();
    if (text.length === 0) {
      this.questions.answers.read = null;
      this.renderReading();
      return;
    }
    this.post({ kind: 'read', text });
    if (byUser) this.readInput.scrollIntoView?.({ block: 'nearest' });
  }

  private choose(bar: Bar): void {
    this.drawToken++;
    this.append(bar);
  }

  private append(bar: Bar): void {
    const prefix = this.prefixInput.value;
    if (bar.end) {
      setText(
        this.status,
        prefix
          ? `“${prefix}” ends here: a complete name, read letter by letter below.`
          : 'The model can end a name before it starts; try a character.',
      );
      if (prefix) this.readText(prefix);
      return;
    }
    this.setPrefix(prefix + bar.char, false);
  }

  private backspace(): void {
    this.drawToken++;
    // One symbol: a user-perceived character, as the model's vocabulary has them (a flag is one).
    const chars = symbolsOf(this.prefixInput.value);
    if (chars.length === 0) return;
    this.setPrefix(chars.slice(0, -1).join(''), true);
  }

  /** Draws one character from the bars (or, `toEnd`, until the name ends), animated in place. */
  private async draw(toEnd: boolean): Promise<void> {
    const token = ++this.drawToken;
    this.drawing = true;
    this.updateButtons();
    try {
      for (let steps = 0; ; steps++) {
        await this.barsReady();
        if (token !== this.drawToken) return;
        // Drawn from every symbol, shown or not.
        const bars = this.allBars;
        if (bars.length === 0 || this.questions.answers.errors.next !== undefined) return;
        const probs = bars.map((b) => b.sampled);
        const drawn = drawFrom(probs, Math.random());
        await this.animateDraw(drawn, probs, token, toEnd);
        if (token !== this.drawToken) return;
        const bar = bars[drawn]!;
        setText(this.status, `Drew ${bar.end ? 'the end of the name' : `“${bar.label}”`} (${formatProbability(bar.sampled)}).`);
        this.append(bar);
        if (!toEnd || bar.end) return;
        if (symbolCount(this.prefixInput.value) >= MAX_DRAWN) {
          setText(this.status, `Stopped at ${MAX_DRAWN} characters without the end of the name.`);
          return;
        }
      }
    } finally {
      if (token === this.drawToken) {
        this.drawing = false;
        this.updateButtons();
      }
    }
  }

  /** A highlight runs over the bars, landing on each as often as it is drawn, and stops on `drawn`. */
  private async animateDraw(drawn: number, probs: number[], token: number, quick: boolean): Promise<void> {
    // Indices are into every symbol's bar; a symbol whose bar is not shown lights none.
    const row = (i: number | null): number => (i === null ? -1 : this.shownBars.indexOf(this.allBars[i]!));
    const mark = (i: number | null): void => {
      const k = row(i);
      this.barButtons.forEach((b, j) => b.classList.toggle('drawing', j === k));
    };
    if (reducedMotion()) {
      mark(drawn);
      await sleep(quick ? 60 : 200);
    } else {
      const steps = quick ? 5 : 9;
      for (let s = 0; s < steps; s++) {
        if (token !== this.drawToken) return mark(null);
        mark(drawFrom(probs, Math.random()));
        await sleep((quick ? 18 : 30) + s * (quick ? 6 : 14));
      }
      mark(drawn);
      await sleep(quick ? 90 : 260);
    }
    mark(null);
    this.barButtons[row(drawn)]?.classList.add('drawn');
  }

  /** Resolves once the bars of the prefix asked for are on screen. */
  private barsReady(): Promise<void> {
    if (!this.questions.waiting('next')) return Promise.resolve();
    return new Promise((resolve) => this.barsWaiters.push(resolve));
  }

  // ---------------------------------------------------------------- rendering

  private renderNext(): void {
    const { next, errors } = this.questions.answers;
    if (errors.next !== undefined) {
      setText(this.status, errors.next);
      this.status.classList.add('problem');
      this.prefixInput.setAttribute('aria-invalid', 'true');
      this.resolveWaiters();
      return;
    }
    this.status.classList.remove('problem');
    this.prefixInput.removeAttribute('aria-invalid');
    if (!next) return;
    this.renderContext(next);
    const all = barsOf(next, this.sampling);
    const bars = this.showAll ? all : mostProbable(all, MAX_BARS);
    this.moreBars.hidden = all.length <= MAX_BARS;
    setText(this.moreBars, this.showAll ? `Show the ${MAX_BARS} most probable` : `Show all ${all.length} symbols`);
    const plain = isPlainSampling(this.sampling);
    setText(this.entropyLine, entropyText(all, this.sampling, next.entropy));
    setText(this.samplingLine, samplingText(this.sampling));
    const max = Math.max(...bars.map((b) => (plain ? b.p : b.sampled)), 1e-12);
    // The rows are kept (focus stays on the same row as the bars change).
    while (this.barButtons.length < bars.length) {
      const i = this.barButtons.length;
      const row = h(
        'button',
        { type: 'button', class: 'bar-row', 'data-index': i },
        h('span', { class: 'bar-symbol' }),
        h('span', { class: 'bar-track' }, h('span', { class: 'bar-fill' })),
        h('span', { class: 'bar-value' }),
      );
      this.barButtons.push(row);
      this.bars.append(row);
    }
    while (this.barButtons.length > bars.length) this.barButtons.pop()!.remove();
    bars.forEach((bar, i) => {
      const row = this.barButtons[i]!;
      const shown = plain ? bar.p : bar.sampled;
      row.classList.remove('drawn', 'drawing');
      row.classList.toggle('end', bar.end);
      row.classList.toggle('excluded', !plain && bar.sampled === 0);
      row.dataset.symbol = bar.end ? '' : bar.char;
      row.setAttribute('aria-label', barLabel(bar, plain));
      setText(row.children[0]!, bar.end ? `${bar.label} end` : bar.label);
      (row.children[1]!.firstChild as HTMLElement).style.width = `${(100 * shown) / max}%`;
      setText(row.children[2]!, plain ? formatProbability(bar.p) : `${formatProbability(bar.sampled)} (${formatProbability(bar.p)})`);
    });
    this.shownBars = bars;
    this.allBars = all;
    // Only the latest question's answer is rendered: these are the bars of the prefix last set.
    if (this.measuring) {
      this.measuring = false;
      performance.measure(BARS_SHOWN, PREFIX_MARK);
    }
    this.updateButtons();
    this.resolveWaiters();
  }

  private resolveWaiters(): void {
    if (this.questions.waiting('next')) return;
    for (const resolve of this.barsWaiters.splice(0)) resolve();
  }

  private renderContext(next: NextAnswer): void {
    const boxes = next.context.map((label, p) =>
      h(
        'span',
        {
          class: `context-box${next.padding[p] ? ' padding' : ''}`,
          role: 'listitem',
          'aria-label': next.padding[p] ? 'padding (no character yet)' : `“${label}”`,
        },
        label,
      ),
    );
    this.contextBoxes.replaceChildren(...boxes);
    setText(
      this.contextNote,
      `The model sees the last ${next.context.length} characters; dots pad the start of a name, as in the lecture. Only these count: ${next.prefix.length > next.context.length ? 'earlier characters are forgotten.' : 'the rest of the name is still to come.'}`,
    );
  }

  private renderNames(): void {
    const { search, errors } = this.questions.answers;
    if (errors.search !== undefined) {
      this.namesList.replaceChildren();
      setText(this.namesNote, errors.search);
      return;
    }
    if (!search) return;
    this.namesList.replaceChildren(
      ...search.names.map((n, i) =>
        h(
          'li',
          { class: 'best-name' },
          h('span', { class: 'name' }, n.name),
          h('span', { class: 'best-p' }, formatProbability(n.p)),
          h(
            'button',
            {
              type: 'button',
              class: 'text-button',
              'data-name': n.name,
              'aria-label': `Read ${n.name} letter by letter (number ${i + 1}, probability ${formatProbability(n.p)})`,
            },
            'Read',
          ),
        ),
      ),
    );
    setText(this.namesNote, namesNote(search));
  }

  private renderReading(): void {
    const { read, errors } = this.questions.answers;
    if (errors.read !== undefined) {
      this.letters.replaceChildren();
      setText(this.readSummary, errors.read);
      return;
    }
    if (!read || this.readInput.value.length === 0) {
      this.letters.replaceChildren();
      setText(this.readSummary, 'Type a name, or pick one: Read beside a name here, in the Generate tab or among the favourites.');
      return;
    }
    const list = this.target?.model?.listName ?? 'the list';
    setText(this.readSummary, readingSummary(read, list));
    this.letters.setAttribute('aria-label', `${read.text}, read letter by letter`);
    this.letters.replaceChildren(...read.letters.map((l) => letterCell(l)));
    setText(this.readout, '');
  }

  private showReadout(target: EventTarget | null): void {
    const cell = (target as Element | null)?.closest?.<HTMLElement>('li.letter');
    if (cell) setText(this.readout, cell.getAttribute('aria-label') ?? '');
  }

  private updateButtons(): void {
    const hasBars = this.allBars.length > 0;
    setEnabled(this.drawButtons.draw, hasBars);
    setEnabled(this.drawButtons.toEnd, hasBars);
    setEnabled(this.drawButtons.back, this.prefixInput.value.length > 0);
    this.element.classList.toggle('is-drawing', this.drawing);
  }
}

function letterCell(l: Reading['letters'][number]): HTMLElement {
  const sentence = letterSentence(l);
  return h(
    'li',
    { class: 'letter', 'data-bucket': l.bucket, tabindex: 0, 'aria-label': sentence, title: sentence },
    h('span', { class: l.char === '' ? 'letter-char end' : 'letter-char' }, l.label),
    h(
      'span',
      { class: 'letter-meta', 'aria-hidden': 'true' },
      h('span', { class: 'letter-sign' }, RANK_BUCKET_LABELS[l.bucket].sign),
      ` ${formatProbability(l.p)}`,
    ),
    h(
      'ol',
      { class: 'guesses', 'aria-hidden': 'true' },
      ...l.top.map((t) =>
        h(
          'li',
          { class: t.char === l.char ? 'guess hit' : 'guess' },
          h('span', { class: 'guess-symbol' }, t.char === '' ? `${t.label} end` : t.label),
          ` ${formatProbability(t.p)}`,
        ),
      ),
    ),
  );
}

function namesNote(s: SearchAnswer): string {
  const base = 'Probabilities of the whole rest of each name, the end included, given the prefix: found by an exact best-first search.';
  if (!s.bounded) return s.names.length < NAMES_COUNT ? `${base} There are no more complete names within the length limit.` : base;
  return `The search stopped after ${s.expansions.toLocaleString('en-US')} contexts (its bound): the first ${s.exact} are exactly the most probable, the rest the best found.`;
}
