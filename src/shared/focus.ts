/**
 * The list in focus, as every view shows it (the sidebar, the panel's header and tabs, both
 * Generate views, Runs, the status bar). The host decides which list it is — one definition,
 * src/extension/editors.ts — and sends it with its model and its active run (`focus` message);
 * the views then show that list's numbers and never another list's under its name:
 *
 * - the latest training run, when it is on the focused list (live, or as it ended);
 * - else the list's active run as stored — its curve, losses, samples and vocabulary
 *   (`storedRunState` makes a RunState of it, so every view draws it as it draws a run);
 * - a job running on another list is a line of its own, with that list's name
 *   (jobProgress.ts `jobLine`), never the focused list's numbers.
 *
 * Types and pure functions only (host and webviews alike).
 */
import type { CasingInfo } from '../core/casing';
import { symbolLabel } from '../core/vocabulary';
import type { RunJobKind } from './jobKinds';
import { jobList } from './jobProgress';
import { runLabel, type ActiveModelLabel, type RunRecord } from './runRecord';
import { initialRunState, isJobRunning, type LossHistory, type RunState } from './runState';

/** The word list in focus. */
export interface FocusedList {
  /** As documents are named everywhere ("names.txt", "lists/cities.txt", "Untitled-1"). */
  name: string;
  /** The key of its runs (null: an untitled document never trained). */
  key: string | null;
  /** Its document's URI (null: not known). */
  document: string | null;
  /** A text editor shows it (false: no list is open, and this is the list whose model was used last). */
  open: boolean;
}

/** What the model file of the focused list's active run adds to its record (read by the host). */
export interface FocusDetails {
  /** Every symbol's label, the boundary first (as a training run's started event names them). */
  symbols: string[];
  /** The embedding table C, row-major [symbols, embedding size] (null: too large to send). */
  embedding: number[] | null;
  casing?: CasingInfo;
}

/** The list in focus, its model and its active run: the `focus` message. */
export interface Focus {
  /** Null: no list at all (no text editor open, no run stored). */
  list: FocusedList | null;
  /**
   * The model the list uses (src/extension/runs/runs.ts `Runs.active`): its own active run, or
   * another list's (`source` other than 'file': borrowed, and every view says so).
   */
  model: ActiveModelLabel | null;
  /** The list's own active run as stored; null when it has none. */
  run: RunRecord | null;
  /** From the run's model file, when it could be read. */
  details: FocusDetails | null;
  /** Names sampled since from the active model (the panel's "More"), shown instead of the run's own. */
  samples: { runId: string; words: string[] } | null;
}

export function initialFocus(): Focus {
  return { list: null, model: null, run: null, details: null, samples: null };
}

/** Whether the model the focused list uses is another list's. */
export function isBorrowed(focus: Pick<Focus, 'model'>): boolean {
  return focus.model !== null && focus.model.reason !== 'ownList';
}

/**
 * Whether the latest job of kind `job` (the current one by default) is on the focused list —
 * by the key of its runs, or by name where a key is not known. With no list in focus, every
 * job's view stands as it is.
 */
export function isFocusedJob(state: RunState, focus: Pick<Focus, 'list'>, job: RunJobKind = state.job): boolean {
  const list = jobList(state, job);
  if (!list) return false;
  const focused = focus.list;
  if (!focused) return true;
  return list.key !== null && focused.key !== null ? list.key === focused.key : list.name === focused.name;
}

/** The running job, when it is on another list than the focused one (the views show it as a job line). */
export function otherJob(state: RunState, focus: Pick<Focus, 'list'>): RunJobKind | null {
  return isJobRunning(state.status) && !isFocusedJob(state, focus) ? state.job : null;
}

/**
 * The training run the views show for the focused list: the latest training run when it is on
 * that list; else the list's active run as stored; else null (the list has no run: the views say
 * how to train one).
 */
export function shownTraining(state: RunState, focus: Focus): RunState | null {
  const training = state.started !== null || (state.job === 'train' && state.phase?.job === 'train');
  if (training && isFocusedJob(state, focus, 'train')) return state;
  if (focus.run) return storedRunState(focus.run, focus.details, focus.samples);
  return focus.list ? null : state;
}

/** A small stable number for a run id (a stored run's `jobId`, which keys what a view picked in it). */
function idNumber(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (Math.imul(h, 31) + id.charCodeAt(i)) | 0;
  return -Math.abs(h) - 1;
}

/** A stored curve's train loss as a loss history (one bucket per stored point). */
function historyOf(run: RunRecord): LossHistory {
  const { trainStep, train } = run.curve;
  const step = trainStep.slice(0, train.length);
  return {
    capacity: Math.max(2, (step.length + 1) & ~1),
    width: 1,
    step,
    mean: train.slice(0, step.length),
    min: train.slice(0, step.length),
    max: train.slice(0, step.length),
    count: step.map((s, i) => Math.max(1, s - (i > 0 ? step[i - 1]! : 0))),
  };
}

/**
 * A stored run as a finished training run's state: its curve (train loss and dev evaluations),
 * final losses and baseline, configuration, vocabulary, samples and notes — so every view shows
 * it as it shows a run that just ended. `details`: what its model file adds (the embedding, the
 * casing); `samples`: names sampled since from it.
 */
export function storedRunState(run: RunRecord, details: FocusDetails | null, samples: Focus['samples'] = null): RunState {
  const state = initialRunState();
  const boundary = run.vocabulary.includes('.') ? '·' : '.';
  const { losses, bigram, steps, keptStep, seconds, examplesPerSecond, stopped } = run;
  const notes = {
    ...(run.earlyStop ? { earlyStop: run.earlyStop } : {}),
    ...(run.trainLossSample ? { trainLossSample: run.trainLossSample } : {}),
    ...(run.devSampleExamples !== undefined ? { devSampleExamples: run.devSampleExamples } : {}),
    ...(run.timeCapped ? { timeCapped: run.timeCapped } : {}),
    ...(run.sampledLosses ? { sampledLosses: run.sampledLosses } : {}),
  };
  return {
    ...state,
    status: 'finished',
    job: 'train',
    jobSeconds: seconds,
    started: {
      jobId: idNumber(run.id),
      listName: run.fileName,
      listKey: run.fileKey,
      words: run.words,
      symbols: details?.symbols ?? [boundary, ...run.vocabulary.map(symbolLabel)],
      // Not kept with a run: the summary leaves the row out.
      examples: { train: 0, dev: 0, test: 0 },
      config: run.config,
      paramCount: run.paramCount,
      backend: run.backend,
      ...(details?.casing ? { casing: details.casing } : {}),
    },
    step: steps,
    totalSteps: run.config.steps,
    progress: stopped ? Math.min(1, steps / Math.max(1, run.config.steps)) : 1,
    seconds,
    examplesPerSecond,
    history: historyOf(run),
    evals: run.curve.devStep
      .slice(0, run.curve.dev.length)
      .map((step, i) => ({ step, seconds: NaN, dev: run.curve.dev[i]!, trainSmooth: NaN })),
    embedding: details?.embedding ?? null,
    samples: samples?.runId === run.id ? samples.words : run.samples,
    finished: { losses, bigram, steps, keptStep, seconds, examplesPerSecond, stopped, ...notes },
    storedAs: { modelName: runLabel(run), fileKey: run.fileKey, runId: run.id, active: true },
  };
}
