/**
 * The Runs view's table: one row per run of the word list — a tick (and the colour it is charted
 * in), its date (marked: the active run, how it came about, an earlier text, below the bigram
 * baseline), what differs from the active run's configuration, steps, time, train/dev/test loss,
 * its size on disk, and its actions (Use as Active, JSON, Delete).
 * The column headings sort it (click again to reverse); `aria-sort` says how.
 */
import { belowBaseline } from '../../src/core/honesty';
import { formatBytes, formatCount, formatElapsed, formatLoss } from '../../src/shared/format';
import { runKind, runShortLabel, type FileRuns, type RunRecord } from '../../src/shared/runRecord';
import { h } from '../lib/dom';
import type { RunSort, SortKey } from '../charts/runsData';

export type RowAction = 'activate' | 'delete' | 'json';

export interface RunsTableInput {
  file: FileRuns;
  /** The runs in table order. */
  ordered: RunRecord[];
  ticked: ReadonlySet<string>;
  /** Each charted run's colour. */
  colours: ReadonlyMap<string, string>;
  /** Each run's "differs from the active run" text, and the same with the active run's values ("hidden 400 → 128"). */
  changes: ReadonlyMap<string, string>;
  changesFrom: ReadonlyMap<string, string>;
  /** Each run's date as the list shows it (shared/runRecord.ts runDates). */
  dates: ReadonlyMap<string, string>;
  sort: RunSort;
}

export interface RunsTableEvents {
  tick(runId: string, on: boolean): void;
  sort(key: SortKey): void;
  action(action: RowAction, run: RunRecord): void;
}

const COLUMNS: { key: SortKey | null; label: string; cls: string; title?: string }[] = [
  { key: 'date', label: 'date', cls: 'date' },
  { key: 'changes', label: 'differs from active', cls: 'changes', title: "This run's settings where they differ from the active run's" },
  { key: 'steps', label: 'steps', cls: 'num' },
  { key: 'time', label: 'time', cls: 'num' },
  { key: 'train', label: 'train', cls: 'num' },
  { key: 'dev', label: 'dev', cls: 'num' },
  { key: 'test', label: 'test', cls: 'num' },
  { key: null, label: 'size', cls: 'num', title: "What the run's own files take on disk (its list's text is kept once for all its runs)" },
];

const KIND_TITLES: Record<string, string> = {
  stopped: 'Stopped by you: it kept its best model so far',
  'sweep best': 'The best run of a sweep, kept (its test split was not evaluated)',
  restored: 'A model stored before runs were kept: no curve',
};

export class RunsTable {
  readonly element: HTMLElement;
  private readonly table = h('table', { class: 'runs-table' });
  private key = '';

  constructor(private readonly events: RunsTableEvents) {
    this.element = h(
      'div',
      { class: 'runs-list' },
      h('div', { class: 'table-scroll' }, this.table),
      h(
        'p',
        { class: 'note' },
        'Train, dev, test: mean cross-entropy (nats per character) of each run’s kept model on the whole split (— where not evaluated: a sweep never evaluates the test split). Runs of an earlier version of the list are marked: their losses are on other data.',
      ),
    );
  }

  update(input: RunsTableInput): void {
    const key = JSON.stringify([
      input.file.fileKey,
      input.file.active,
      input.file.chosen,
      input.file.currentTextSha256,
      input.ordered.map((r) => r.id),
      [...input.ticked],
      [...input.colours],
      [...input.dates],
      input.sort,
      input.file.storage,
    ]);
    if (key === this.key) return;
    this.key = key;
    this.rebuild(input);
  }

  private rebuild(input: RunsTableInput): void {
    const { file, sort } = input;
    const heading = (c: (typeof COLUMNS)[number]): HTMLElement => {
      if (!c.key) return h('th', { scope: 'col', class: c.cls }, c.label);
      const sorted = sort.key === c.key;
      const b = h(
        'button',
        { type: 'button', class: 'sort', title: c.title ?? `Sort by ${c.label}` },
        c.label,
        h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (sort.dir === 'asc' ? '▲' : '▼') : ''),
      );
      const sortKey = c.key;
      b.addEventListener('click', () => this.events.sort(sortKey));
      return h(
        'th',
        {
          scope: 'col',
          class: c.cls,
          'data-sort': c.key,
          'aria-sort': sorted ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none',
        },
        b,
      );
    };
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col', class: 'tick' }, h('span', { class: 'visually-hidden' }, 'on the chart')),
      ...COLUMNS.map(heading),
      h('th', { scope: 'col', class: 'row-actions' }, h('span', { class: 'visually-hidden' }, 'actions')),
    );
    const rows = input.ordered.map((run) => this.row(run, input));
    this.table.replaceChildren(
      h('caption', { class: 'visually-hidden' }, `Runs of ${file.fileName}`),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    );
  }

  private row(run: RunRecord, input: RunsTableInput): HTMLElement {
    const { file } = input;
    const active = run.id === file.active;
    const ticked = input.ticked.has(run.id);
    const date = input.dates.get(run.id) ?? run.createdAt;
    const label = runShortLabel(run, date);
    const box = h('input', { type: 'checkbox', class: 'tick-box', 'aria-label': `Draw ${label} on the chart` });
    box.checked = ticked;
    box.addEventListener('change', () => this.events.tick(run.id, box.checked));
    const colour = input.colours.get(run.id);
    const mark = h('span', { class: 'run-colour', 'aria-hidden': 'true' });
    if (colour && ticked) mark.style.setProperty('--swatch', colour);
    const td = (col: string, text: string, cls = 'num'): HTMLElement => h('td', { class: cls, 'data-col': col }, text);
    const earlier = file.currentTextSha256 !== null && run.textSha256 !== file.currentTextSha256;
    const kind = runKind(run);
    const below = belowBaseline(run.losses, run.bigram);
    const tag = (text: string, title: string): HTMLElement => h('span', { class: 'run-tag', title }, text);
    const action = (text: string, what: RowAction, title: string): HTMLElement => {
      const b = h('button', { type: 'button', class: 'link-button', 'data-action': what, title }, text);
      b.addEventListener('click', () => this.events.action(what, run));
      return b;
    };
    return h(
      'tr',
      { class: `run${active ? ' active' : ''}${ticked ? ' ticked' : ''}`, 'data-run': run.id },
      h('td', { class: 'tick' }, h('label', { class: 'tick-label' }, box, mark)),
      h(
        'td',
        { class: 'date', 'data-col': 'date', title: `Run ${run.id}, ended ${new Date(run.createdAt).toLocaleString()}` },
        h('span', { class: 'run-date' }, date),
        active
          ? h(
              'span',
              {
                class: 'active-badge',
                title: file.chosen ? 'The active model: chosen by you' : 'The active model: the best run by dev loss',
              },
              file.chosen ? 'active · chosen' : 'active',
            )
          : null,
        kind === 'trained'
          ? null
          : tag(kind, `${KIND_TITLES[kind] ?? kind}${run.sampledLosses ? '; its losses were measured on samples of the splits' : ''}`),
        earlier ? tag('earlier text', 'Trained on an earlier version of the list: its losses are on other data') : null,
        below.length > 0
          ? h(
              'span',
              {
                class: 'run-tag below-baseline',
                title: `Not below the bigram baseline on ${below.join(' and ')}: worse than counting letter pairs (the list is too small or too varied for this model). It never replaces the active model by itself.`,
              },
              'below baseline',
            )
          : null,
      ),
      h(
        'td',
        {
          class: 'changes',
          'data-col': 'changes',
          title: active ? 'The active run' : input.changesFrom.get(run.id) || 'The same settings as the active run',
        },
        active ? '—' : (input.changes.get(run.id) ?? ''),
      ),
      td('steps', formatCount(run.steps)),
      td('time', formatElapsed(run.seconds)),
      td('train', formatLoss(run.losses.train)),
      td('dev', formatLoss(run.losses.dev)),
      td('test', formatLoss(run.losses.test)),
      td('size', file.storage ? formatBytes(file.storage.runs[run.id] ?? 0) : '—'),
      h(
        'td',
        { class: 'row-actions' },
        active ? null : action('Use as Active', 'activate', `Make the run of ${label} the active model of ${file.fileName}`),
        action('JSON', 'json', `Save this run’s configuration as JSON`),
        action(
          'Delete',
          'delete',
          active && file.runs.length > 1 ? 'Delete this run (you choose the run to use instead first)' : 'Delete this run',
        ),
      ),
    );
  }
}
