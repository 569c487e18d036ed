/**
 * The sweep's table: one row per planned run, in order — its values of the varied settings, its
 * final train and dev loss, the gap between them and a diagnosis badge once it finished (a
 * progress bar and the current minibatch loss while it trains), then its parameters, steps and
 * time; the best run highlighted.
 */
import { SWEEP_LABELS, type Diagnosis } from '../../src/core/sweepPlan';
import { formatCount, formatElapsed, formatLoss, formatLossDelta } from '../../src/shared/format';
import type { SweepState } from '../../src/shared/runState';
import { h, setText } from '../lib/dom';

export const DIAGNOSIS_TITLE: Record<Diagnosis, string> = {
  best: 'The lowest dev loss of the sweep.',
  good: 'Neither clearly underfitting nor overfitting, but not the best.',
  underfit: 'Underfitting: even its training loss is no lower than the best dev loss — too little capacity.',
  overfit: 'Overfitting: its dev loss is well above its train loss, a wider gap than the best run’s.',
};

/** The result columns (train, dev, gap, diagnosis): a run in progress or waiting spans them. */
const RESULT_COLUMNS = 4;

export class SweepTable {
  readonly element: HTMLElement;
  private readonly table = h('table', { class: 'sweep-table' });
  private key = '';
  /** The run in progress's bar and text, updated in place. */
  private live: { bar: HTMLElement; progress: HTMLElement; text: HTMLElement } | null = null;

  constructor() {
    this.element = h(
      'div',
      { class: 'sweep-runs' },
      h('div', { class: 'table-scroll' }, this.table),
      h(
        'p',
        { class: 'note' },
        'Train and dev: mean cross-entropy (nats per character) of each run’s final model on the whole split. Gap: dev − train.',
      ),
    );
  }

  /** `ended`: the sweep is over (finished, stopped or failed): runs not done will not run. */
  update(s: SweepState, ended: boolean): void {
    const key = JSON.stringify([s.settings, s.varied, s.runs.length, s.diagnosis, s.best, s.current?.index, s.current?.paramCount, ended]);
    if (key !== this.key) {
      this.key = key;
      this.rebuild(s, ended);
    }
    if (this.live && s.current) {
      const percent = Math.round(s.current.progress * 100);
      this.live.bar.style.width = `${percent}%`;
      this.live.progress.setAttribute('aria-valuenow', String(percent));
      setText(
        this.live.text,
        `training · ${percent}%${s.current.smoothLoss === null ? '' : ` · minibatch loss ${formatLoss(s.current.smoothLoss)}`}`,
      );
    }
  }

  private rebuild(s: SweepState, ended: boolean): void {
    const th = (text: string, cls = ''): HTMLElement => h('th', { scope: 'col', class: cls }, text);
    const td = (col: string, text: string, cls = 'num'): HTMLElement => h('td', { class: cls, 'data-col': col }, text);
    // The results first (they matter most, and stay in view in a narrow panel), then the cost.
    const head = h(
      'tr',
      {},
      th('run', 'num'),
      ...s.varied.map((k) => th(SWEEP_LABELS[k].name, 'num setting')),
      th('train', 'num'),
      th('dev', 'num'),
      th('gap', 'num'),
      th('diagnosis'),
      th('parameters', 'num'),
      th('steps', 'num'),
      th('time', 'num'),
    );
    this.live = null;
    const finished = new Map(s.runs.map((r, k) => [r.index, k]));
    const rows = s.settings.map((setting, index) => {
      const k = finished.get(index);
      // `data-label`: what a narrow panel, where the rows stack, writes before the value.
      const cells: HTMLElement[] = [
        h('td', { class: 'num', 'data-label': 'run' }, String(index + 1)),
        ...s.varied.map((key) => h('td', { class: 'num setting', 'data-label': SWEEP_LABELS[key].label }, String(setting[key] ?? ''))),
      ];
      if (k !== undefined) {
        const r = s.runs[k];
        const diagnosis = s.diagnosis[k];
        cells.push(
          td('train', formatLoss(r.train)),
          td('dev', formatLoss(r.dev)),
          td('gap', formatLossDelta(r.dev - r.train)),
          h(
            'td',
            { 'data-col': 'diagnosis' },
            diagnosis ? h('span', { class: 'diagnosis', 'data-diagnosis': diagnosis, title: DIAGNOSIS_TITLE[diagnosis] }, diagnosis) : null,
          ),
          td('parameters', formatCount(r.paramCount)),
          td('steps', formatCount(r.steps)),
          td('time', formatElapsed(r.seconds)),
        );
        return h('tr', { class: `run done${diagnosis === 'best' ? ' best' : ''}`, 'data-index': index }, ...cells);
      }
      const current = s.current?.index === index ? s.current : null;
      const cost = [td('parameters', current ? formatCount(current.paramCount) : ''), td('steps', ''), td('time', '')];
      if (current) {
        const bar = h('div', { class: 'bar' });
        const progress = h(
          'div',
          { class: 'progress', role: 'progressbar', 'aria-label': `Run ${index + 1} progress`, 'aria-valuemin': 0, 'aria-valuemax': 100 },
          bar,
        );
        const text = h('span', { class: 'live-text' });
        this.live = { bar, progress, text };
        cells.push(h('td', { colspan: RESULT_COLUMNS, class: 'live' }, h('div', { class: 'live-run' }, progress, text)), ...cost);
        return h('tr', { class: 'run current', 'data-index': index }, ...cells);
      }
      cells.push(h('td', { colspan: RESULT_COLUMNS, class: 'pending-text' }, ended ? 'not run' : 'waiting'), ...cost);
      return h('tr', { class: 'run pending', 'data-index': index }, ...cells);
    });
    this.table.replaceChildren(
      h('caption', { class: 'visually-hidden' }, 'Runs of the sweep'),
      h('thead', {}, head),
      h('tbody', {}, ...rows),
    );
  }
}
