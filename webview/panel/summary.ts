/**
 * The run summary: the final train/dev/test losses against the bigram baseline (a table), and
 * what was trained on and how (data, vocabulary, model, hyperparameters, backend, speed).
 */
import type { SplitName } from '../../src/core/splits';
import { describeNotes, describeRunCasing, describeReading, runHonesty } from '../../src/shared/describeRun';
import { describeOutputLayer } from '../../src/core/outputLayer';
import {
  formatCompact,
  formatCount,
  formatElapsed,
  formatLearningRate,
  formatLoss,
  formatLossDelta,
  formatThroughput,
} from '../../src/shared/format';
import { trainLossNow, type RunState } from '../../src/shared/runState';
import { h } from '../lib/dom';

const SPLITS: SplitName[] = ['train', 'dev', 'test'];

export class Summary {
  readonly element: HTMLElement;
  private key = '';

  constructor() {
    this.element = h('div', { class: 'summary' });
  }

  update(run: RunState): void {
    // Everything shown here changes only at these moments (not with every step).
    const key = JSON.stringify([run.status, run.started?.jobId, run.started?.listName, run.finished, run.evals.length]);
    if (key === this.key) return;
    this.key = key;
    this.element.replaceChildren(...(run.started ? [lossTable(run), ...honesty(run), details(run)] : []));
  }
}

function lossTable(run: RunState): HTMLElement {
  const f = run.finished;
  if (!f) {
    const lastDev = run.evals.at(-1);
    return h(
      'p',
      { class: 'note losses' },
      `Final losses on the train, dev and test splits appear when training ends. So far: train ${formatLoss(trainLossNow(run))} (recent minibatches)` +
        `${lastDev ? `, dev ${formatLoss(lastDev.dev)} at step ${formatCount(lastDev.step)}` : ''}.`,
    );
  }
  const th = (text: string, scope: 'col' | 'row'): HTMLElement => h('th', { scope }, text);
  const row = (label: string, cls: string, values: (split: SplitName) => string): HTMLElement =>
    h('tr', { class: cls }, th(label, 'row'), ...SPLITS.map((s) => h('td', { 'data-split': s }, values(s))));
  return h(
    'div',
    { class: 'losses' },
    h(
      'table',
      { class: 'loss-table', 'aria-label': 'Final losses' },
      h('thead', {}, h('tr', {}, h('td', {}), ...SPLITS.map((s) => th(s, 'col')))),
      h(
        'tbody',
        {},
        row('model', 'model', (s) => formatLoss(f.losses[s])),
        row('bigram baseline', 'bigram', (s) => formatLoss(f.bigram[s])),
        h(
          'tr',
          { class: 'delta' },
          th('difference', 'row'),
          ...SPLITS.map((s) => {
            const a = f.losses[s];
            const b = f.bigram[s];
            if (a === null || b === null) return h('td', { 'data-split': s }, '—');
            const d = a - b;
            return h('td', { 'data-split': s, class: d < 0 ? 'better' : 'worse' }, formatLossDelta(d));
          }),
        ),
      ),
    ),
    h(
      'p',
      { class: 'note' },
      f.sampledLosses
        ? `Mean cross-entropy (nats per character) of the kept model. Stopped: each split's loss was measured on a sample of ${formatCount(Math.max(...Object.values(f.sampledLosses).map((x) => x.examples)))} examples (dev: the last evaluation's), so the stop took seconds; the bigram baseline counts character pairs in the train split.`
        : f.trainLossSample
          ? `Mean cross-entropy (nats per character) of the kept model on the whole dev and test splits, and on a random sample of ${formatCount(f.trainLossSample.examples)} of the ${formatCompact(f.trainLossSample.total)} train examples; the bigram baseline counts character pairs in the train split.`
          : 'Mean cross-entropy (nats per character) of the kept model on each whole split; the bigram baseline counts character pairs in the train split.',
    ),
  );
}

/** What the numbers are worth (core/honesty.ts): below the baseline, a small list, automatic choices, new samples. */
function honesty(run: RunState): HTMLElement[] {
  if (!run.started || !run.finished) return [];
  const lines = runHonesty(run.started, run.finished);
  if (lines.length === 0) return [];
  return [
    h(
      'div',
      { class: 'honesty', 'data-testid': 'honesty' },
      ...lines.map((l) =>
        h(
          'p',
          { class: `honesty-line ${l.tone}`, 'data-kind': l.kind, ...(l.tone === 'warning' ? { role: 'note' } : {}) },
          l.tone === 'warning' ? `⚠ ${l.text}` : l.text,
        ),
      ),
    ),
  ];
}

function details(run: RunState): HTMLElement {
  const s = run.started!;
  const c = s.config;
  const f = run.finished;
  const item = (term: string, ...value: (string | Node)[]): HTMLElement[] => [h('dt', {}, term), h('dd', {}, ...value)];
  const drops = c.lrDrops.length
    ? `, ×${formatLearningRate(c.lrDropFactor)} at ${c.lrDrops.map((d) => `${Math.round(d * 100)}%`).join(' and ')}`
    : '';
  const speed = f ? f.examplesPerSecond : run.examplesPerSecond;
  const steps = c.timeBudget > 0 ? `${formatCount(c.steps)} steps or ${formatElapsed(c.timeBudget)}` : `${formatCount(c.steps)} steps`;
  // What was read and how case was treated; what bounded the run (early stopping, samples, the time cap).
  const read = [s.listName, describeReading(s.listReading), `${formatCount(s.words)} words`, describeRunCasing(s)].filter(
    (x): x is string => Boolean(x),
  );
  const notes = f ? describeNotes(f, s.examples.dev) : [];
  return h(
    'dl',
    { class: 'details' },
    ...item('Source', read.join(' · ')),
    ...item('Vocabulary', `${s.symbols.length} symbols `, h('span', { class: 'symbols' }, s.symbols.join(''))),
    // A stored run (shared/focus.ts storedRunState) does not keep its split sizes.
    ...(s.examples.train > 0
      ? item(
          'Examples',
          `${formatCount(s.examples.train)} train · ${formatCount(s.examples.dev)} dev · ${formatCount(s.examples.test)} test`,
        )
      : []),
    ...item(
      'Model',
      `${c.blockSize} characters of context → ${c.embeddingSize}-d embeddings → ${c.hiddenSize} tanh units → ` +
        `${s.outputLayer?.classes ? describeOutputLayer(s.outputLayer, s.symbols.length) : s.symbols.length} · ${formatCount(s.paramCount)} parameters`,
    ),
    ...item(
      'Training',
      `${steps} × batch ${formatCount(c.batchSize)} · ${c.optimizer === 'adam' ? 'Adam' : 'SGD'}, learning rate ${formatLearningRate(c.learningRate)}${drops}` +
        `${c.weightDecay > 0 ? ` · weight decay ${formatLearningRate(c.weightDecay)}` : ''} · ${c.init} init · seed ${c.seed}`,
    ),
    ...item('Backend', `${s.backend} · ${formatThroughput(speed)} examples/s${f ? ` · ${formatElapsed(f.seconds)}` : ''}`),
    ...(notes.length ? item('Notes', ...notes.map((n) => h('div', { class: 'run-note' }, `${n[0]!.toUpperCase()}${n.slice(1)}.`))) : []),
  );
}
