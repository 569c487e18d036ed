/**
 * The hyperparameter sweep and the learning-rate finder as the webviews show them, computed
 * from the shared RunState: each one's progress and status. Pure functions (no DOM), tested in
 * Node. (Their charts' data: charts/sweepData.ts and charts/lrData.ts.)
 */
import type { SweepRun } from '../../src/core/sweepPlan';
import type { JobKind } from '../../src/shared/jobKinds';
import type { LrFindState, RunState, RunStatus, SweepState } from '../../src/shared/runState';

// Their shares done are the shared state's (the host's progress text reads them too).
export { lrFindProgress, sweepProgress } from '../../src/shared/runState';

export type Experiment = Extract<JobKind, 'sweep' | 'lrFind'>;

/** The status an experiment's view shows: the run's while it is the latest job, else how it ended. */
export function experimentStatus(run: RunState, experiment: Experiment): RunStatus {
  const state = experiment === 'sweep' ? run.sweep : run.lrFind;
  if (!state) return 'idle';
  if (run.job === experiment) return run.status;
  // Another job came after it: it finished, or it failed (the failure was that job's status).
  return state.finished ? 'finished' : 'failed';
}

/** The finished run with the lowest dev loss so far, if any. */
export function bestRun(s: SweepState): SweepRun | null {
  return s.best >= 0 ? (s.runs[s.best] ?? null) : null;
}

/** The finder ended before its last step because the loss blew up (not because it was stopped). */
export function lrBlewUp(lr: LrFindState): boolean {
  return lr.finished && !lr.stopped && lr.learningRates.length < lr.steps;
}
