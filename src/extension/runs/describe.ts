/** How runs and their outcomes are told in notifications, quick picks and the log. */
import type { SplitLosses } from '../../core/splits';
import { formatCount, formatElapsed, formatLossBrief, formatRunDate } from '../../shared/format';
import { runKind, type RunRecord } from '../../shared/runRecord';
import type { Verdict } from './runStore';

/** "train 2.01 · dev 2.08 · test 2.09 (bigram baseline: dev 2.45)". */
export function lossSummary(losses: SplitLosses, bigram: SplitLosses): string {
  return (
    `train ${formatLossBrief(losses.train)} · dev ${formatLossBrief(losses.dev)} · test ${formatLossBrief(losses.test)}` +
    ` (bigram baseline: dev ${formatLossBrief(bigram.dev)})`
  );
}

/** "dev 2.509, 28 Nov 14:02, sweep best, chosen by you": a run in parentheses. */
export function runAside(run: RunRecord, chosen = false): string {
  const kind = runKind(run);
  return [
    `dev ${formatLossBrief(run.losses.dev)}`,
    formatRunDate(run.createdAt),
    kind === 'trained' ? '' : kind,
    chosen ? 'chosen by you' : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * What storing a run did to the file's active model, for the end notification:
 * "It is now the active model of names.txt (it was dev 2.509, 28 Nov 14:02)." or
 * "— the active model (dev 2.509, 28 Nov 14:02, sweep best) stays."
 */
export function verdictText(verdict: Verdict, fileName: string, chosen: boolean): string {
  const previous = verdict.previous;
  switch (verdict.kind) {
    case 'first':
      return `It is the active model of ${fileName}.`;
    case 'better':
      return `Better than the active model (${runAside(previous!)}): it is now the active model of ${fileName}.`;
    case 'newText':
      return `${fileName} has changed since the active model was trained (${runAside(previous!)}): this run is now its active model.`;
    case 'notBetter':
      return `The active model (${runAside(verdict.active, chosen)}) stays.`;
    case 'belowBaseline':
      return `Being no better than the bigram baseline, this run is kept with ${fileName}'s runs, and the active model (${runAside(verdict.active, chosen)}) stays.`;
  }
}

/** One line about a run, for the model list: "1,500 steps in 12.3 s · stopped · hidden 200 · …". */
export function runDetail(run: RunRecord): string {
  const c = run.config;
  const kind = runKind(run);
  return [
    `${formatCount(run.steps)} steps in ${formatElapsed(run.seconds)}`,
    kind === 'trained' ? '' : kind,
    `context ${c.blockSize}, embedding ${c.embeddingSize}, hidden ${c.hiddenSize}`,
    `${formatCount(run.words)} words`,
  ]
    .filter(Boolean)
    .join(' · ');
}
