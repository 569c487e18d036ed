/**
 * What the running job is and how far it got, in words, for the progress notification, the
 * status bar and the "stop it first?" prompt: one reading of the host's RunState for every job.
 */
import type { RunEvent } from '../../shared/events';
import { formatCount, formatLearningRate, formatLossBrief, formatSetting } from '../../shared/format';
import { JOBS } from '../../shared/jobs';
import { trainLossNow, type RunState } from '../../shared/runState';

export interface JobProgress {
  /** 0..1. */
  fraction: number;
  /** "step 1,200 of 5,000", "run 2 of 6". */
  position: string;
  /** The notification's line: position and the current loss (or what a stop waits for). */
  message: string;
  /** The status bar's text, after "Makemore ". */
  short: string;
}

/** The events after which a job's progress reads differently. */
export const PROGRESS_EVENTS: ReadonlySet<RunEvent['type']> = new Set<RunEvent['type']>([
  'trainStarted',
  'trainProgress',
  'stopping',
  'sweepStarted',
  'sweepRunStarted',
  'sweepRunProgress',
  'sweepRunFinished',
  'lrFindStarted',
  'lrFindProgress',
]);

/** The word list the current (or last) job runs on. */
export function jobSource(state: RunState): string | undefined {
  if (state.job === 'sweep') return state.sweep?.sourceName;
  if (state.job === 'lrFind') return state.lrFind?.sourceName;
  return state.started?.sourceName;
}

export function jobProgress(state: RunState): JobProgress {
  const stopping = state.status === 'stopping';
  const { position, details, short, fraction } = reading(state);
  return {
    fraction: Math.min(1, Math.max(0, fraction)),
    position,
    message: stopping ? JOBS[state.job].stopping : `${position} · ${details}`,
    short,
  };
}

function reading(state: RunState): { position: string; details: string; short: string; fraction: number } {
  const { sweep, lrFind } = state;
  if (state.job === 'sweep' && sweep) {
    const total = sweep.settings.length;
    const done = sweep.runs.length;
    const index = Math.min(sweep.current?.index ?? done, total - 1);
    const loss = formatLossBrief(sweep.current?.smoothLoss);
    const setting = sweep.settings[index];
    return {
      position: `run ${index + 1} of ${total}`,
      details: `${setting ? `${formatSetting(setting)} · ` : ''}loss ${loss}`,
      short: `sweep ${index + 1}/${total} · loss ${loss}`,
      fraction: total > 0 ? (done + (sweep.current?.progress ?? 0)) / total : 0,
    };
  }
  if (state.job === 'lrFind' && lrFind) {
    const n = lrFind.learningRates.length;
    const rate = formatLearningRate(lrFind.learningRates[n - 1]);
    const loss = formatLossBrief(lrFind.smoothed[n - 1]);
    return {
      position: `step ${formatCount(n)} of ${formatCount(lrFind.steps)}`,
      details: `learning rate ${rate} · loss ${loss}`,
      short: `LR ${rate} · loss ${loss}`,
      fraction: lrFind.steps > 0 ? n / lrFind.steps : 0,
    };
  }
  const loss = formatLossBrief(trainLossNow(state));
  return {
    position: `step ${formatCount(state.step)} of ${formatCount(state.totalSteps)}`,
    details: `loss ${loss}`,
    short: `${formatCount(state.step)}/${formatCount(state.totalSteps)} · loss ${loss}`,
    fraction: state.progress,
  };
}
