/**
 * The Generate view — the panel's Generate tab, and (compact) the sidebar's Generate section:
 * names from the active model of the current word list, steered by the controls, refreshed as
 * they change (typing settles first: requester.ts), streamed in as the worker finds them.
 *
 * Both say when the model is another list's, borrowed for a document without one of its own
 * ("Borrowed from names.txt: draft.txt has no model of its own", with Show names.txt and Train
 * on draft.txt). Controls belong to a list: the host sends each list's with its target.
 *
 * Panel: the model (its file, date and dev loss, with Switch Model… and Generate Names…), the
 * controls, the names with their tags and typicality (insert, copy, ☆ each; Regenerate, Stop,
 * Insert All, Copy All, Export… for all), an honest line about how the request ended, and the
 * list's favourites (remove, insert all, copy all, export). Sidebar: starts with, count, new
 * only, and the names, each a click away from the cursor.
 *
 * Timing, for tests and the benchmark (User Timing, no effect on the UI): each control change
 * marks `CHANGE_MARK`; when the first names asked for after it are rendered, `FIRST_NAMES`
 * measures the time since (generation.ts).
 */
import type { GeneratedName } from '../../src/core/generated';
import { formatCount } from '../../src/shared/format';
import { forList, type GenerateControls } from '../../src/shared/generateControls';
import type { FromWebview, ToWebview, WebviewCommand } from '../../src/shared/messages';
import { h, setText } from '../lib/dom';
import {
  CHANGE_MARK,
  FIRST_NAMES,
  favouriteSet,
  initialGenerationState,
  isRequest,
  modelLineText,
  noModelText,
  requestOf,
  resultsLine,
  visibleResults,
  type GenerationState,
} from '../lib/generation';
import type { Session } from '../lib/session';
import { section } from '../panel/layout';
import { button, setEnabled } from '../toolkit';
import { Controls } from './controls';
import { NameList } from './nameList';
import { Requester, TYPING_DELAY_MS } from './requester';

/** A webview's UI state, as far as its Generate view keeps it. */
export interface GenerateUi {
  generate: GenerateControls;
  /** The list the controls were typed for (the target's key). */
  generateKey?: string | null;
}

export interface GenerateViewDeps {
  compact: boolean;
  /** The webview's session (called only once it has started: the view is built before it). */
  session(): Session<GenerateUi>;
  /** Whether the view is on screen (the panel's Generate tab may not be). */
  visible(): boolean;
  /** Reads a name letter by letter in the Explore tab (default: asks the host to open the panel's). */
  read?(name: string): void;
}

const joinNames = (names: readonly GeneratedName[]): string => names.map((n) => n.name).join('\n');

export class GenerateView {
  readonly element: HTMLElement;
  private readonly controls: Controls;
  private readonly requester: Requester;
  private readonly results: NameList;
  private readonly favourites: NameList | undefined;
  private readonly modelLine = h('p', { class: 'model-line' });
  /** When the model is another list's: whose, and the ways back (to its list, to training this one). */
  private readonly borrowedText = h('span', {});
  private readonly showModelList = h('button', { type: 'button', class: 'link-button', 'data-action': 'show-model-list' });
  private readonly trainThis = h('button', { type: 'button', class: 'link-button', 'data-action': 'train-this' });
  private readonly borrowed = h(
    'p',
    { class: 'caption borrowed', role: 'status', 'data-testid': 'borrowed', hidden: true },
    this.borrowedText,
    ' ',
    this.showModelList,
    ' ',
    this.trainThis,
  );
  private readonly status = h('p', { class: 'results-line', role: 'status', 'aria-live': 'polite' });
  private readonly favouritesTitle = h('span', {});
  private readonly favouritesEmpty = h(
    'p',
    { class: 'caption' },
    'Star names (☆) to keep them here. Favourites are kept per word list, across reloads and new models.',
  );
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly emptyText = h('p', { class: 'lead' });
  private readonly buttons: Record<
    'regenerate' | 'stop' | 'insertAll' | 'copyAll' | 'export' | 'favInsert' | 'favCopy' | 'favExport',
    HTMLElement
  >;
  /** The model the names were last asked of ("" before any). */
  private modelKey = '';
  /** The state of the last render (the session's, which lives on), and the controls shown. */
  private g: GenerationState = initialGenerationState();
  private shownControls: GenerateControls | undefined;
  /** The list whose controls are shown (undefined: none yet). */
  private controlsKey: string | null | undefined;
  /** After a control change: the id of the first request that follows it (measured once its names show). */
  private measureFrom: number | null = null;

  constructor(private readonly deps: GenerateViewDeps) {
    const { compact } = deps;
    const post = (m: FromWebview): void => deps.session().post(m);
    const command = (c: WebviewCommand): void => post({ type: 'command', command: c });
    this.requester = new Requester(
      post,
      () => this.g,
      () => deps.session().changed(),
    );
    this.controls = new Controls({
      compact,
      onChange: (controls, typing) => {
        performance.mark(CHANGE_MARK);
        this.measureFrom = this.requester.nextId;
        this.shownControls = controls;
        // Saved in the webview's UI state, and by the host for when the webview is closed (views/webviewHost.ts).
        const session = deps.session();
        const key = this.g.target?.key ?? null;
        session.state.ui.generate = controls;
        session.state.ui.generateKey = key;
        session.changed();
        post({ type: 'saveGenerateControls', key, controls });
        this.ask(typing ? TYPING_DELAY_MS : 0);
      },
    });
    const star = (name: GeneratedName, on: boolean): void => {
      const key = this.g.favouritesKey;
      if (key) post({ type: 'favourite', key, action: on ? 'add' : 'remove', names: [name] });
    };
    const actions = {
      insert: (n: GeneratedName) => post({ type: 'insert', text: n.name }),
      copy: (n: GeneratedName) => post({ type: 'copy', text: n.name }),
      read: (n: GeneratedName) => (deps.read ? deps.read(n.name) : post({ type: 'showExplorer', text: n.name, mode: 'read' })),
      star,
    };
    this.results = new NameList('Generated names', actions);
    const shownNames = (): GeneratedName[] => visibleResults(this.g).results.names;
    const favs = (): GeneratedName[] => this.g.favourites;
    this.buttons = {
      regenerate: button('Regenerate', { appearance: 'secondary', title: 'New names with the same controls', onClick: () => this.ask(0) }),
      stop: button('Stop', {
        appearance: 'secondary',
        title: 'Stop generating; the names found so far stay',
        onClick: () => this.requester.stop(),
      }),
      insertAll: button('Insert All', {
        appearance: 'secondary',
        title: 'Insert every name at the cursor(s), one per line',
        onClick: () => post({ type: 'insertNames', names: shownNames().map((n) => n.name) }),
      }),
      copyAll: button('Copy All', {
        appearance: 'secondary',
        title: 'Copy every name, one per line',
        onClick: () => post({ type: 'copy', text: joinNames(shownNames()) }),
      }),
      export: button('Export…', {
        appearance: 'secondary',
        title: 'Export the names as text, CSV or JSON',
        onClick: () => post({ type: 'export', from: 'results', names: shownNames() }),
      }),
      favInsert: button('Insert All', {
        appearance: 'secondary',
        title: 'Insert every favourite at the cursor(s), one per line',
        onClick: () => post({ type: 'insertNames', names: favs().map((n) => n.name) }),
      }),
      favCopy: button('Copy All', {
        appearance: 'secondary',
        title: 'Copy every favourite, one per line',
        onClick: () => post({ type: 'copy', text: joinNames(favs()) }),
      }),
      favExport: button('Export…', {
        appearance: 'secondary',
        title: 'Export the favourites as text, CSV or JSON',
        onClick: () => post({ type: 'export', from: 'favourites', names: favs() }),
      }),
    };
    const train = button('Train on Current File', { onClick: () => command('train') });
    this.showModelList.addEventListener('click', () => {
      const key = this.g.target?.key;
      if (key) post({ type: 'showList', key });
    });
    this.trainThis.addEventListener('click', () => command('train'));

    if (compact) {
      const more = h('button', { type: 'button', class: 'link-button' }, 'More in the Generate tab');
      more.addEventListener('click', () => command('showGenerate'));
      this.content = h('div', { class: 'generate compact' }, this.borrowed, this.controls.element, this.status, this.results.element, more);
      this.empty = h('div', { class: 'generate compact' }, this.emptyText);
    } else {
      this.favourites = new NameList('Favourites', actions);
      const switchModel = button('Switch Model…', {
        appearance: 'secondary',
        title: 'Pick another trained model (Makemore: Select Model)',
        onClick: () => command('selectModel'),
      });
      const generateNames = button('Generate Names…', {
        appearance: 'secondary',
        title: 'Many names into a new document or at the cursors (Makemore: Generate Names…)',
        onClick: () => command('generateNames'),
      });
      this.content = h(
        'div',
        { class: 'generate' },
        h(
          'header',
          { class: 'run-header' },
          h(
            'div',
            { class: 'title-row' },
            h('div', { class: 'model-info' }, this.modelLine, this.borrowed),
            h('div', { class: 'actions' }, switchModel, generateNames),
          ),
        ),
        h(
          'div',
          { class: 'generate-grid' },
          section('Constraints', 'controls-card', null, this.controls.element),
          h(
            'div',
            { class: 'side' },
            section(
              'Names',
              'results-card',
              h(
                'div',
                { class: 'actions' },
                this.buttons.regenerate,
                this.buttons.stop,
                this.buttons.insertAll,
                this.buttons.copyAll,
                this.buttons.export,
              ),
              this.status,
              this.results.element,
            ),
            h(
              'section',
              { class: 'card favourites-card', 'aria-label': 'Favourites' },
              h(
                'div',
                { class: 'card-title' },
                h('h2', {}, this.favouritesTitle),
                h('div', { class: 'actions' }, this.buttons.favInsert, this.buttons.favCopy, this.buttons.favExport),
              ),
              this.favouritesEmpty,
              this.favourites.element,
            ),
          ),
        ),
      );
      this.empty = h(
        'div',
        { class: 'empty-state' },
        h('h2', {}, 'Generate names'),
        this.emptyText,
        h(
          'ol',
          {},
          h('li', {}, 'Open a word list (one name per line).'),
          h('li', {}, 'Train a model on it; then names come here, steered by the constraints you set.'),
        ),
        train,
      );
    }
    this.element = h('div', { class: compact ? 'generate-section' : 'view generate-view' });
  }

  /**
   * Renders `g` with the saved `controls`; asks for names when the model changed (or on first
   * sight of one).
   */
  update(g: GenerationState, controls: GenerateControls): void {
    this.g = g;
    if (this.shownControls === undefined) {
      this.shownControls = controls;
      this.controls.set(controls);
    }
    const target = g.target;
    const model = target?.model ?? null;
    if (!model) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      setText(this.emptyText, noModelText(target, 'generate names here'));
      this.modelKey = '';
      return;
    }
    if (this.element.firstChild !== this.content) this.element.replaceChildren(this.content);
    const key = `${model.label}@${model.createdAt}`;
    if (key !== this.modelKey) {
      this.modelKey = key;
      this.controls.setFacts(model.facts);
      this.ask(0);
    }

    // The model, and whose it is when it is another list's.
    if (!this.deps.compact) {
      setText(this.modelLine, modelLineText(model));
      this.modelLine.title = model.label;
    }
    const document = target?.document ?? null;
    this.borrowed.hidden = model.own;
    setText(
      this.borrowedText,
      model.own ? '' : `Borrowed from ${model.listName}${document ? `: ${document} has no model of its own.` : '.'}`,
    );
    this.borrowed.title = model.note ?? '';
    setText(this.showModelList, `Show ${model.listName}`);
    this.showModelList.hidden = model.own || !target?.key;
    setText(this.trainThis, document ? `Train on ${document}` : '');
    this.trainThis.hidden = model.own || document === null;

    // The names.
    const { results, stale } = visibleResults(g);
    const starred = favouriteSet(g.favourites);
    this.results.update(results.id, results.names, starred, model.dev);
    if (this.measureFrom !== null && !stale && results.id >= this.measureFrom && results.names.length > 0) {
      this.measureFrom = null;
      performance.measure(FIRST_NAMES, CHANGE_MARK);
    }
    this.results.element.classList.toggle('stale', stale);
    const line = resultsLine(g.results);
    setText(this.status, line);
    this.status.classList.toggle('shortfall', Boolean(g.results.summary?.shortfall) || g.results.error !== null);
    const has = results.names.length > 0;
    setEnabled(this.buttons.stop, g.results.running);
    for (const b of [this.buttons.insertAll, this.buttons.copyAll, this.buttons.export]) setEnabled(b, has);

    // The favourites.
    if (this.favourites) {
      const favs = g.favourites;
      setText(
        this.favouritesTitle,
        `Favourites${target?.list ? ` of ${target.list}` : ''}${favs.length ? ` (${formatCount(favs.length)})` : ''}`,
      );
      this.favourites.update(g.favouritesKey, favs, starred, model.dev);
      this.favouritesEmpty.hidden = favs.length > 0;
      for (const b of [this.buttons.favInsert, this.buttons.favCopy, this.buttons.favExport]) setEnabled(b, favs.length > 0);
    }
  }

  /**
   * A host message, after the session has folded it in: a target of another list comes with the
   * controls the user last left for it in this view (none: the same counts, and none of the
   * previous list's constraints), shown and asked with by the next render; a request's first
   * names go on screen at once, not at the next throttled render.
   */
  onHostMessage(m: ToWebview): void {
    const session = this.deps.session();
    if (m.type === 'generationTarget' && m.target.key !== this.controlsKey) {
      // Another list: its own controls (else the same counts, none of the other list's constraints).
      const ui = session.state.ui;
      const current = this.shownControls ?? { ...ui.generate };
      const controls = m.controls ?? (ui.generateKey === m.target.key ? current : forList(current));
      this.controlsKey = m.target.key;
      ui.generate = controls;
      ui.generateKey = m.target.key;
      this.shownControls = controls;
      this.controls.set(controls);
      // Asked with by the render, once the target's model is there (a new model asks).
      this.modelKey = '';
      session.changed();
    } else if (m.type === 'generatedNames' && this.deps.visible()) {
      const results = session.state.generation.results;
      if (m.id === results.id && results.names.length === m.names.length) session.renderNow();
    }
  }

  /** Checks the controls; shows a problem at its field, or asks for names after `delayMs`. */
  private ask(delayMs: number): void {
    const model = this.g.target?.model ?? null;
    const request = requestOf(this.shownControls ?? this.controls.read(), model?.facts ?? null);
    if (!isRequest(request)) {
      this.controls.showProblem(request);
      this.requester.cancelScheduled();
      return;
    }
    this.controls.showProblem(null);
    if (!model) return;
    this.requester.request(request, delayMs);
  }
}
