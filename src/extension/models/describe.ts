/** How stored models are named in notifications, quick picks and the webviews. */
import type { CheckpointHeader } from '../../core/checkpoint';
import type { SplitLosses } from '../../core/splits';
import { formatCount, formatLossBrief } from '../../shared/format';

/** "names.txt · dev 2.081": a model's name wherever one is shown. */
export function modelName(header: Pick<CheckpointHeader, 'source' | 'losses'>): string {
  return `${header.source.name} · dev ${formatLossBrief(header.losses.dev)}`;
}

/** "train 2.01 · dev 2.08 · test 2.09 (bigram baseline: dev 2.45)". */
export function lossSummary(losses: SplitLosses, bigram: SplitLosses): string {
  return (
    `train ${formatLossBrief(losses.train)} · dev ${formatLossBrief(losses.dev)} · test ${formatLossBrief(losses.test)}` +
    ` (bigram baseline: dev ${formatLossBrief(bigram.dev)})`
  );
}

/** One line about a stored model, for the model list. */
export function modelDetail(header: CheckpointHeader): string {
  const date = new Date(header.createdAt);
  const when = Number.isNaN(date.getTime()) ? header.createdAt : date.toLocaleString();
  const m = header.model;
  return (
    `${formatCount(header.source.words)} words · ${formatCount(header.run.steps)} steps${header.run.stopped ? ' (stopped)' : ''}` +
    ` · context ${m.blockSize}, embedding ${m.embeddingSize}, hidden ${m.hiddenSize} · ${when}`
  );
}
