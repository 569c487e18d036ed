/**
 * The panel's Runs view: every run kept for a word list, compared side by side — the active
 * model named, what the runs take on disk, the settings the list's next runs use over the user's (with Clear), the ticked
 * runs' curves overlaid (smoothing, log scale, PNG and CSV), and the sortable table of runs
 * (Use as Active, JSON, Delete); or a short how-to before the first run.
 *
 * Its UI state (kept across reloads by the session): the sort, the smoothing, the log scale, and
 * per word list the ticked runs (at first the active run and the two newest) and the runs it has
 * seen — a run that appears later (a new training) is ticked, so training again and opening the
 * view shows both curves.
 */
import { formatBytes, formatCount, formatLearningRate } from '../../src/shared/format';
import type { FromWebview, WebviewCommand } from '../../src/shared/messages';
import {
  activeModelReason,
  configChanges,
  describeChanges,
  describeChangesFrom,
  runConfigJson,
  runDates,
  runShortLabel,
  type FileRuns,
} from '../../src/shared/runRecord';
import { RunsChart } from '../charts/runsChart';
import { baseName, chartOrder, runsCsv, sortRuns, type RunSort, type SortKey } from '../charts/runsData';
import { h, setText } from '../lib/dom';
import type { ViewState } from '../lib/session';
import { button, checkbox, setChecked, setEnabled } from '../toolkit';
import { howTo, runCommand, section } from './layout';
import { RunsTable, type RowAction } from './runsTable';

export interface RunsUi {
  sort: RunSort;
  /** TensorBoard-style smoothing of the train loss, 0–0.99. */
  smoothing: number;
  logScale: boolean;
  /** Per word list (file key): the ticked runs and the runs seen so far. */
  files: Record<string, { ticked: string[]; seen: string[] }>;
}

export function defaultRunsUi(): RunsUi {
  return { sort: { key: 'date', dir: 'desc' }, smoothing: 0.6, logScale: false, files: {} };
}

/** At most this many word lists' ticks are remembered. */
const MAX_FILES = 20;

export class RunsView {
  readonly element = h('div', { class: 'view runs-view' });
  private readonly title = h('span', { class: 'list-title' });
  private readonly count = h('span', { class: 'status-badge', 'data-status': 'finished' });
  private readonly activeLine = h('p', { class: 'status-line', 'data-testid': 'runs-active' });
  /** What the runs take on disk. */
  private readonly storageLine = h('p', { class: 'status-line muted', 'data-testid': 'runs-storage' });
  private readonly settingsText = h('span', {});
  private readonly settingsNote: HTMLElement;
  private readonly chart = new RunsChart();
  private readonly table: RunsTable;
  private readonly smoothing = h('input', { type: 'range', min: 0, max: 0.99, step: 0.01, class: 'smoothing', 'aria-label': 'Smoothing' });
  private readonly smoothingValue = h('output', { class: 'smoothing-value' });
  private readonly logScale: HTMLElement;
  private readonly png: HTMLElement;
  private readonly csv: HTMLElement;
  private readonly content: HTMLElement;
  private readonly empty: HTMLElement;
  private file: FileRuns | null = null;

  constructor(
    private readonly post: (m: FromWebview) => void,
    private readonly ui: () => RunsUi,
    private readonly changed: () => void,
  ) {
    const command = (c: WebviewCommand): void => post({ type: 'command', command: c });
    this.table = new RunsTable({
      tick: (id, on) => this.tick(id, on),
      sort: (key) => this.sort(key),
      action: (action, run) => this.action(action, run.id),
    });
    this.smoothing.addEventListener('input', () => {
      this.ui().smoothing = Number(this.smoothing.value);
      this.changed();
    });
    this.logScale = checkbox('Log scale', false, (on) => {
      this.ui().logScale = on;
      this.changed();
    });
    this.png = button('PNG', {
      appearance: 'secondary',
      title: 'Save the chart and its legend as a PNG image',
      onClick: () => this.exportPng(),
    });
    this.csv = button('CSV', {
      appearance: 'secondary',
      title: 'Save the ticked runs’ curves as CSV: run, step, train, dev',
      onClick: () => this.exportCsv(),
    });
    const clear = h('button', { type: 'button', class: 'link-button' }, 'Clear');
    clear.addEventListener('click', () => {
      if (this.file) post({ type: 'clearFileSettings', fileKey: this.file.fileKey });
    });
    this.settingsNote = h('p', { class: 'message info', role: 'status', hidden: true }, this.settingsText, ' ', clear);
    const tools = h(
      'div',
      { class: 'chart-tools' },
      h('label', { class: 'smoothing-label' }, 'Smoothing', this.smoothing, this.smoothingValue),
      this.logScale,
      this.png,
      this.csv,
    );
    const header = h(
      'header',
      { class: 'run-header' },
      h('div', { class: 'title-row' }, h('div', { class: 'title' }, h('span', { class: 'muted' }, 'Runs of'), this.title, this.count)),
      this.activeLine,
      this.storageLine,
    );
    this.content = h(
      'div',
      { class: 'runs' },
      header,
      this.settingsNote,
      section('Loss curves', 'runs-chart-card', tools, this.chart.element),
      section('Runs', 'runs-table-card', null, this.table.element),
    );
    this.empty = howTo({
      title: 'Compare runs',
      lead: 'Every training of a word list is kept as a run, with its settings, losses and loss curve. The active model — the best run by dev loss, unless you choose another — is the one every command uses.',
      steps: [
        [...runCommand('Makemore: Train on File'), ' on a word list.'],
        ['Train again with other settings, or keep the best run of a sweep.'],
        ['Compare their curves and losses here, and choose the run to use.'],
      ],
      action: button('Compare Runs', { onClick: () => command('compareRuns') }),
    });
  }

  update(state: ViewState<unknown>): void {
    const file = state.runs;
    this.file = file;
    if (!file) {
      if (this.element.firstChild !== this.empty) this.element.replaceChildren(this.empty);
      return;
    }
    if (this.element.firstChild !== this.content) this.element.replaceChildren(this.content);
    const ui = this.ui();
    const ticked = this.tickedRuns(file);
    const active = file.runs.find((r) => r.id === file.active);
    const dates = runDates(file.runs);

    setText(this.title, file.fileName);
    this.title.title = file.document ?? file.fileName;
    setText(this.count, `${formatCount(file.runs.length)} run${file.runs.length === 1 ? '' : 's'}`);
    const model = state.focus.model;
    const usedFor =
      model?.listKey === file.fileKey && model.forDocument
        ? ` Names for ${model.forDocument}, which has no runs of its own, come from it.`
        : '';
    setText(
      this.activeLine,
      active
        ? `Active model: ${runShortLabel(active, dates.get(active.id))} — ${file.chosen ? 'chosen by you' : 'the best run by dev loss'}.${usedFor}`
        : 'No active model.',
    );
    this.activeLine.title = model?.listKey === file.fileKey ? activeModelReason(model) : '';
    const storage = file.storage;
    this.storageLine.hidden = !storage;
    setText(
      this.storageLine,
      storage
        ? `On disk: ${formatBytes(storage.total)} for ${formatCount(file.runs.length)} run${file.runs.length === 1 ? '' : 's'}${storage.shared > 0 ? ` — the list’s text (${formatBytes(storage.shared)}) is kept once, shared by them` : ''}. Deleting a run frees its own size.`
        : '',
    );
    const rate = file.settings.learningRate;
    this.settingsNote.hidden = rate === undefined;
    setText(
      this.settingsText,
      rate === undefined
        ? ''
        : `The next runs of ${file.fileName} use learning rate ${formatLearningRate(rate)} (from Find Learning Rate), over the workspace and user settings.`,
    );

    this.smoothing.value = String(ui.smoothing);
    setText(this.smoothingValue, ui.smoothing.toFixed(2));
    setChecked(this.logScale, ui.logScale);
    const charted = chartOrder(file.runs, ticked);
    this.chart.update({ charted, active: file.active, dates, smoothing: ui.smoothing, logScale: ui.logScale });
    setEnabled(this.png, charted.length > 0);
    setEnabled(this.csv, charted.length > 0);
    const differences = new Map(file.runs.map((r) => [r.id, active ? configChanges(active.config, r.config) : []]));
    const changes = new Map([...differences].map(([id, c]) => [id, active ? describeChanges(c) : '']));
    const changesFrom = new Map([...differences].map(([id, c]) => [id, describeChangesFrom(c)]));
    this.table.update({
      file,
      ordered: sortRuns(file.runs, ui.sort, changes),
      ticked,
      colours: this.chart.runColours,
      changes,
      changesFrom,
      dates,
      sort: ui.sort,
    });
  }

  themeChanged(): void {
    this.chart.themeChanged();
    // The table's swatches take the theme's new colours.
    if (this.file) this.changed();
  }

  /** The ticked runs of `file`: the active and the two newest at first, then every run that appears later. */
  private tickedRuns(file: FileRuns): Set<string> {
    const files = this.ui().files;
    const ids = file.runs.map((r) => r.id);
    let entry = files[file.fileKey];
    if (!entry) {
      entry = { ticked: [...new Set([file.active, ids[0], ids[1]].filter((id): id is string => typeof id === 'string'))], seen: ids };
      files[file.fileKey] = entry;
      const keys = Object.keys(files);
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_FILES))) delete files[old];
    } else {
      const fresh = ids.filter((id) => !entry!.seen.includes(id));
      entry.ticked = [...entry.ticked.filter((id) => ids.includes(id)), ...fresh];
      entry.seen = ids;
    }
    return new Set(entry.ticked);
  }

  private tick(runId: string, on: boolean): void {
    const entry = this.file ? this.ui().files[this.file.fileKey] : undefined;
    if (!entry) return;
    entry.ticked = on ? [...new Set([...entry.ticked, runId])] : entry.ticked.filter((id) => id !== runId);
    this.changed();
  }

  private sort(key: SortKey): void {
    const ui = this.ui();
    ui.sort = ui.sort.key === key ? { key, dir: ui.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'date' ? 'desc' : 'asc' };
    this.changed();
  }

  private action(action: RowAction, runId: string): void {
    const file = this.file;
    const run = file?.runs.find((r) => r.id === runId);
    if (!file || !run) return;
    if (action === 'json') {
      this.post({ type: 'saveFile', format: 'json', fileName: `${baseName(file.fileName)}-${run.id}.json`, data: runConfigJson(run) });
      return;
    }
    this.post({ type: 'runAction', action, fileKey: file.fileKey, runId });
  }

  private charted(): ReturnType<typeof chartOrder> {
    const file = this.file;
    if (!file) return [];
    return chartOrder(file.runs, new Set(this.ui().files[file.fileKey]?.ticked ?? []));
  }

  private exportCsv(): void {
    const charted = this.charted();
    if (!this.file || charted.length === 0) return;
    this.post({ type: 'saveFile', format: 'csv', fileName: `${baseName(this.file.fileName)}-runs.csv`, data: runsCsv(charted) });
  }

  private exportPng(): void {
    if (!this.file) return;
    const data = this.chart.png(`Runs of ${this.file.fileName}: loss by step`);
    if (data) this.post({ type: 'saveFile', format: 'png', fileName: `${baseName(this.file.fileName)}-loss.png`, data });
  }
}
