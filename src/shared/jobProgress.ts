/**
 * What the running job is and how far it got, in words, for the progress notification, the
 * status bar, the "stop it first?" prompt and the views' job line: one reading of the RunState
 * (the host's, or a webview's copy) for every job — which word list it is on,
 * its position (step, run), its loss, the stage it is in when it is not taking steps ("reading
 * 135,233 lines", "final evaluation on the whole dev split (…)"), the time it has taken and the
 * time it should still take. `since`: seconds since the state's latest event, so the clock keeps
 * running during a long stage.
 */
import type { RunEvent } from './events';
import { formatCount, formatDuration, formatLearningRate, formatLossBrief, formatSetting, formatTiming } from './format';
import { JOBS, type RunJobKind } from './jobKinds';
import { isJobRunning, jobFraction, jobTiming, trainLossNow, type RunState } from './runState';

export interface JobProgress {
  /** 0..1. */
  fraction: number;
  /** "step 1,200 of 5,000", "run 2 of 6", or the stage: "reading 135,233 lines". */
  position: string;
  /** The notification's line: position, the current loss and the time (or what a stop waits for). */
  message: string;
  /** The status bar's text, after "Makemore ": the time left while it runs, none once stopping ("stopping at step 582 of 2,500"). */
  short: string;
  /** "49 s left", "almost done"; '' without an estimate, and while stopping. */
  left: string;
}

/** The events after which a job's progress reads differently. */
export const PROGRESS_EVENTS: ReadonlySet<RunEvent['type']> = new Set<RunEvent['type']>([
  'phase',
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

/**
 * The events that come many times a second (a run's progress): the workbench's status bar and
 * progress notification show them at most every REFRESH_MS — each change is a layout of the
 * workbench on the page's main thread — and the other progress events at once.
 */
const FREQUENT_EVENTS: ReadonlySet<RunEvent['type']> = new Set<RunEvent['type']>(['trainProgress', 'sweepRunProgress', 'lrFindProgress']);
export const REFRESH_MS = 500;

export function isFrequent(event: RunEvent): boolean {
  return FREQUENT_EVENTS.has(event.type);
}

/** Seconds of training during which the notification still says what was read. */
export const READING_SHOWN_SECONDS = 4;

/** The word list the current (or last) job runs on. */
export function jobSource(state: RunState): string | undefined {
  return jobList(state)?.name;
}

/** A job's word list: its name, and the key of its runs (null: not known, as in a state saved by an older version). */
export interface JobList {
  name: string;
  key: string | null;
}

/**
 * The word list of the latest job of kind `job` (the current one by default): a stage before its
 * started event names it, then its started event (the last training run's, the last sweep's,
 * the last search's). Null before there is one.
 */
export function jobList(state: RunState, job: RunJobKind = state.job): JobList | null {
  const phase = state.phase;
  if (job === state.job && phase?.job === job && phase.listName) return { name: phase.listName, key: phase.listKey ?? null };
  const started = job === 'train' ? state.started : job === 'sweep' ? state.sweep : state.lrFind;
  return started ? { name: started.listName, key: started.listKey ?? null } : null;
}

/**
 * The running job in one line, with its list's name: "Training words-russian.txt · step 582 of
 * 2,500 · 49 s left" ("… · stopping at step 582 of 2,500" once stopped); null when no job runs.
 */
export function jobLine(state: RunState, since = 0): string | null {
  if (!isJobRunning(state.status)) return null;
  const { position, left } = jobProgress(state, since);
  const list = jobList(state)?.name ?? 'a word list';
  const where = state.status === 'stopping' ? `stopping at ${position}` : `${position}${left ? ` · ${left}` : ''}`;
  return `${JOBS[state.job].running} ${list} · ${where}`;
}

export function jobProgress(state: RunState, since = 0): JobProgress {
  const stopping = state.status === 'stopping';
  const fraction = Math.min(1, Math.max(0, jobFraction(state)));
  const timing = jobTiming(state, since);
  const time = formatTiming(timing);
  const { remaining } = timing;
  // Once stopping, no estimate holds: the stop's wait is what the job does now.
  const left = remaining === null || stopping ? '' : remaining < 1 ? 'almost done' : `${formatDuration(remaining)} left`;
  const tail = left ? ` · ${left}` : '';
  // The steps are over and the worker has sent the model: the host stores the run (its file may
  // be large, its storage remote), which the progress notification still shows.
  if (state.job === 'train' && state.status === 'finished' && state.finished && !state.storedAs) {
    return { fraction: 1, position: 'storing the run', message: `storing the run · ${time}`, short: 'storing the run', left: '' };
  }
  if (state.phase && state.phase.job === state.job) {
    const label = state.phase.label;
    return {
      fraction,
      position: label,
      message: stopping ? JOBS[state.job].stopping : `${label} · ${time}`,
      short: stopping ? `stopping (${label})` : `${label}${tail}`,
      left,
    };
  }
  const { position, details, short } = reading(state);
  return {
    fraction,
    position,
    message: stopping ? JOBS[state.job].stopping : `${intro(state)}${position} · ${details} · ${time}`,
    short: stopping ? `stopping at ${position}` : `${short}${tail}`,
    left,
  };
}

/**
 * What was read, in the first seconds of a training run on a file that is not plain lines:
 * "Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy — ".
 */
function intro(state: RunState): string {
  const reading = state.job === 'train' ? state.started?.listReading : undefined;
  if (!reading || reading.format === 'lines' || state.seconds >= READING_SHOWN_SECONDS) return '';
  return `${reading.description} — `;
}

function reading(state: RunState): { position: string; details: string; short: string } {
  const { sweep, lrFind } = state;
  if (state.job === 'sweep' && sweep) {
    const total = sweep.settings.length;
    const index = Math.min(sweep.current?.index ?? sweep.runs.length, total - 1);
    const loss = formatLossBrief(sweep.current?.smoothLoss);
    const setting = sweep.settings[index];
    return {
      position: `run ${index + 1} of ${total}`,
      details: `${setting ? `${formatSetting(setting)} · ` : ''}loss ${loss}`,
      short: `sweep ${index + 1}/${total} · loss ${loss}`,
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
    };
  }
  const loss = formatLossBrief(trainLossNow(state));
  return {
    position: `step ${formatCount(state.step)} of ${formatCount(state.totalSteps)}`,
    details: `loss ${loss}`,
    short: `${formatCount(state.step)}/${formatCount(state.totalSteps)} · loss ${loss}`,
  };
}
