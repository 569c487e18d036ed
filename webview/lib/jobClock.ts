/**
 * What every webview shows of a running job between its numbers: the stage it is in when it is
 * not taking steps ("Reading 135,233 lines…"), and its clock ("42.0 s, about 1 min left").
 */
import type { JobKind } from '../../src/shared/jobKinds';
import { formatTiming } from '../../src/shared/format';
import { isJobRunning, jobTiming, type RunState } from '../../src/shared/runState';

/**
 * The stage and the clock of `job` while it is the one running (`since`: seconds since the
 * latest message, so the clock keeps running between events); nothing once it ended.
 */
export function jobClock(run: RunState, job: JobKind, since: number): { phase: string | null; clock: string | null } {
  if (run.job !== job || !isJobRunning(run.status)) return { phase: null, clock: null };
  return { phase: run.phase?.job === job ? run.phase.label : null, clock: formatTiming(jobTiming(run, since)) };
}

/** A stage as a line: "reading 135,233 lines" → "Reading 135,233 lines…". */
export function phaseText(label: string): string {
  return `${label[0]!.toUpperCase()}${label.slice(1)}…`;
}
