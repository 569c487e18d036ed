/**
 * What the running job is and how far it got, in words, for the progress notification, the
 * status bar and the "stop it first?" prompt: one reading of the host's RunState for training, sweeps and the
 * learning-rate finder alike.
 */
import type { RunEvent } from '../shared/protocol';
import type { RunState } from '../shared/runState';
import { fmtInt, fmtLoss, fmtRate, fmtSetting } from './format';

export interface JobProgress {
  /** 0..1. */
  fraction: number;
  /** "step 1,200 of 5,000", "run 2 of 6". */
  position: string;
  /** The notification's line: position and the current loss (or that it is stopping). */
  message: string;
  /** The status bar's text, after "Makemore ". */
  short: string;
}

/** The events after which a job's progress reads differently. */
export const PROGRESS_EVENTS: ReadonlySet<RunEvent['type']> = new Set<RunEvent['type']>([
  'started',
  'progress',
  'stopping',
  'sweepStarted',
  'sweepRunStarted',
  'sweepRunProgress',
  'sweepRunFinished',
  'lrFindStarted',
  'lrFindProgress',
]);

/** What each activity is called while it runs. */
export const DOING: Record<RunState['activity'], string> = {
  train: 'training',
  sweep: 'sweeping hyperparameters',
  lrFind: 'finding the learning rate',
};

/** The word list the current (or last) activity runs on. */
export function jobSource(state: RunState): string | undefined {
  if (state.activity === 'sweep') return state.sweep?.sourceName;
  if (state.activity === 'lrFind') return state.lrFind?.sourceName;
  return state.started?.sourceName;
}

const STOPPING: Record<RunState['activity'], string> = {
  train: 'stopping, keeping the best model so far…',
  sweep: 'stopping, keeping the finished runs…',
  lrFind: 'stopping…',
};

export function jobProgress(state: RunState): JobProgress {
  const stopping = state.status === 'stopping';
  const { position, details, short, fraction } = reading(state);
  return {
    fraction: Math.min(1, Math.max(0, fraction)),
    position,
    message: stopping ? STOPPING[state.activity] : `${position} · ${details}`,
    short,
  };
}

function reading(state: RunState): { position: string; details: string; short: string; fraction: number } {
  const { sweep, lrFind } = state;
  if (state.activity === 'sweep' && sweep) {
    const total = sweep.settings.length;
    const done = sweep.runs.length;
    const index = Math.min(sweep.current?.index ?? done, total - 1);
    const loss = fmtLoss(sweep.current?.smoothLoss);
    const setting = sweep.settings[index];
    return {
      position: `run ${index + 1} of ${total}`,
      details: `${setting ? `${fmtSetting(setting)} · ` : ''}loss ${loss}`,
      short: `sweep ${index + 1}/${total} · loss ${loss}`,
      fraction: total > 0 ? (done + (sweep.current?.progress ?? 0)) / total : 0,
    };
  }
  if (state.activity === 'lrFind' && lrFind) {
    const n = lrFind.learningRates.length;
    const rate = fmtRate(lrFind.learningRates[n - 1]);
    const loss = fmtLoss(lrFind.smoothed[n - 1]);
    return {
      position: `step ${fmtInt(n)} of ${fmtInt(lrFind.steps)}`,
      details: `learning rate ${rate} · loss ${loss}`,
      short: `LR ${rate} · loss ${loss}`,
      fraction: lrFind.steps > 0 ? n / lrFind.steps : 0,
    };
  }
  const loss = fmtLoss(state.smoothLoss);
  return {
    position: `step ${fmtInt(state.step)} of ${fmtInt(state.totalSteps)}`,
    details: `loss ${loss}`,
    short: `${fmtInt(state.step)}/${fmtInt(state.totalSteps)} · loss ${loss}`,
    fraction: state.progress,
  };
}
