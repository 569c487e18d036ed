/** How models and losses are named in notifications, quick picks and the webviews. */
import type { CheckpointHeader } from '../core/checkpoint';
import { SWEEP_KEYS, SWEEP_LABELS } from '../core/sweepPlan';
import type { SplitLosses } from '../core/splits';
import type { SweepSetting } from '../core/sweepPlan';

export function fmtLoss(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(3);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** "names.txt · dev 2.081": what the webviews show as the active model. */
export function modelName(header: Pick<CheckpointHeader, 'source' | 'losses'>): string {
  return `${header.source.name} · dev ${fmtLoss(header.losses.dev)}`;
}

/** "train 2.01 · dev 2.08 · test 2.09 (bigram: 2.45 dev)". */
export function lossSummary(losses: SplitLosses, bigram: SplitLosses): string {
  return (
    `train ${fmtLoss(losses.train)} · dev ${fmtLoss(losses.dev)} · test ${fmtLoss(losses.test)}` +
    ` (bigram baseline: dev ${fmtLoss(bigram.dev)})`
  );
}

/** One line about a stored model, for the model list. */
export function modelDetail(header: CheckpointHeader): string {
  const date = new Date(header.createdAt);
  const when = Number.isNaN(date.getTime()) ? header.createdAt : date.toLocaleString();
  const m = header.model;
  return (
    `${fmtInt(header.source.words)} words · ${fmtInt(header.run.steps)} steps${header.run.stopped ? ' (stopped)' : ''}` +
    ` · context ${m.blockSize}, embedding ${m.embeddingSize}, hidden ${m.hiddenSize} · ${when}`
  );
}

/** "context 3, hidden 200": one run of a sweep. */
export function fmtSetting(setting: SweepSetting): string {
  return SWEEP_KEYS.filter((k) => setting[k] !== undefined)
    .map((k) => `${SWEEP_LABELS[k].label} ${setting[k]}`)
    .join(', ');
}

/** A learning rate with two significant digits: 0.002, 0.15, 3e-7. */
export function fmtRate(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '—' : String(Number(x.toPrecision(2)));
}

/** "45 s", "2 min", "1 min 30 s": a duration as a person reads it. */
export function fmtDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return s % 60 === 0 ? `${m} min` : `${m} min ${s % 60} s`;
}
