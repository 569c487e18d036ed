/**
 * The state of the jobs as the UIs show them — the current (or last) training run, sweep and
 * learning-rate search — and the one function that advances it. The host and every webview
 * apply the same run events (events.ts) with `applyRunEvent`, so their states agree, and a
 * webview can be handed the host's state (it is plain JSON) at any time.
 */
import type { PhaseName } from '../core/progress';
import type { Diagnosis, SweepRun } from '../core/sweepPlan';
import type {
  LrFindStartedEvent,
  PhaseEvent,
  RunEvent,
  StoredRun,
  SweepStartedEvent,
  TrainEvalEvent,
  TrainFinishedEvent,
  TrainStartedEvent,
} from './events';
import type { RunJobKind } from './jobKinds';
import { assertNever } from './assertNever';

/**
 * Minibatch losses of the whole run, downsampled to at most `capacity` buckets so a 200k-step
 * run stays cheap to keep, send and draw: when full, neighbouring buckets merge and each bucket
 * covers twice as many steps.
 */
export interface LossHistory {
  capacity: number;
  /** Steps per bucket. */
  width: number;
  /** Last step of each bucket. */
  step: number[];
  mean: number[];
  min: number[];
  max: number[];
  /** Steps in each bucket (the last may be partial). */
  count: number[];
}

export function emptyHistory(capacity = 1024): LossHistory {
  return { capacity: Math.max(2, capacity & ~1), width: 1, step: [], mean: [], min: [], max: [], count: [] };
}

/** Appends the raw losses of the steps ending at `endStep`. */
export function addLosses(h: LossHistory, losses: ArrayLike<number>, endStep: number): void {
  const first = endStep - losses.length + 1;
  for (let i = 0; i < losses.length; i++) {
    const loss = losses[i];
    if (!Number.isFinite(loss)) continue;
    const last = h.count.length - 1;
    if (last >= 0 && h.count[last] < h.width) {
      const n = h.count[last];
      h.mean[last] = (h.mean[last] * n + loss) / (n + 1);
      h.min[last] = Math.min(h.min[last], loss);
      h.max[last] = Math.max(h.max[last], loss);
      h.count[last] = n + 1;
      h.step[last] = first + i;
    } else {
      h.step.push(first + i);
      h.mean.push(loss);
      h.min.push(loss);
      h.max.push(loss);
      h.count.push(1);
      if (h.count.length > h.capacity) compact(h);
    }
  }
}

function compact(h: LossHistory): void {
  const n = h.count.length;
  let j = 0;
  for (let i = 0; i < n; i += 2, j++) {
    if (i + 1 < n) {
      const a = h.count[i];
      const b = h.count[i + 1];
      h.mean[j] = (h.mean[i] * a + h.mean[i + 1] * b) / (a + b);
      h.min[j] = Math.min(h.min[i], h.min[i + 1]);
      h.max[j] = Math.max(h.max[i], h.max[i + 1]);
      h.step[j] = h.step[i + 1];
      h.count[j] = a + b;
    } else {
      h.mean[j] = h.mean[i];
      h.min[j] = h.min[i];
      h.max[j] = h.max[i];
      h.step[j] = h.step[i];
      h.count[j] = h.count[i];
    }
  }
  for (const a of [h.mean, h.min, h.max, h.step, h.count]) a.length = j;
  h.width *= 2;
}

/**
 * The train-loss trend: a moving average of the bucket means, weighted by their step counts,
 * over ±2.5% of the buckets (at least ±2). Centred, so it does not lag behind a fast-falling
 * loss the way an exponential moving average does; the window narrows towards the first bucket
 * (so the line starts where the losses start) and turns trailing at the last (so the newest
 * point stays smooth).
 */
export function trend(mean: readonly number[], count: readonly number[]): number[] {
  const n = mean.length;
  const half = Math.max(2, Math.round(n * 0.025));
  const weighted = [0];
  const steps = [0];
  for (let i = 0; i < n; i++) {
    weighted.push(weighted[i] + mean[i] * count[i]);
    steps.push(steps[i] + count[i]);
  }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i - Math.min(half, i);
    const hi = Math.min(n, i + Math.min(half, i) + 1);
    out.push((weighted[hi] - weighted[lo]) / (steps[hi] - steps[lo]));
  }
  return out;
}

/** Where the chart's train-loss trend ends (null before the first step). */
export function latestTrainLoss(history: LossHistory): number | null {
  return history.mean.length ? trend(history.mean, history.count)[history.mean.length - 1] : null;
}

/** Status of the latest job: `running` whatever it is (training, sweeping or searching). */
export type RunStatus = 'idle' | 'running' | 'stopping' | 'finished' | 'failed';

/** Whether a job is under way (running, or stopping and about to end). */
export function isJobRunning(status: RunStatus): boolean {
  return status === 'running' || status === 'stopping';
}

export interface SweepState extends Omit<SweepStartedEvent, 'type'> {
  runs: SweepRun[];
  diagnosis: Diagnosis[];
  /** The run in progress. */
  current: { index: number; paramCount: number; progress: number; smoothLoss: number | null } | null;
  /** Index in `runs` of the lowest dev loss (-1 before any finished). */
  best: number;
  finished: boolean;
  stopped: boolean;
  /** The best run once the user kept it. */
  kept: StoredRun | null;
}

export interface LrFindState extends Omit<LrFindStartedEvent, 'type'> {
  learningRates: number[];
  losses: number[];
  smoothed: number[];
  suggestion: number | null;
  minimum: number | null;
  finished: boolean;
  stopped: boolean;
  /** The rate written into the settings, once the user applied it. */
  applied: number | null;
  /** Where it was written ("the next runs of names.txt", "the workspace settings"). */
  appliedTo: string | null;
}

export interface RunState {
  status: RunStatus;
  /** The latest run: the panel shows its view. */
  job: RunJobKind;
  /**
   * The stage the running job is in when it is not taking steps ("reading 135,233 lines",
   * "final evaluation on the whole dev split (…)"); null while it takes steps, and once it ended.
   */
  phase: Omit<PhaseEvent, 'type'> | null;
  /** Seconds since the latest job began, as of its latest event (views add the time since: jobTiming). */
  jobSeconds: number;
  /** The training run's estimate of the seconds left until its model is ready, as of its latest progress event. */
  etaSeconds: number | null;
  /** `jobSeconds` when that estimate was made (the stages after the steps count down from it). */
  etaAtSeconds: number;
  /** The last sweep and learning-rate search (kept while other jobs run). */
  sweep: SweepState | null;
  lrFind: LrFindState | null;
  // The last training run:
  started: Omit<TrainStartedEvent, 'type'> | null;
  step: number;
  totalSteps: number;
  progress: number;
  seconds: number;
  learningRate: number;
  examplesPerSecond: number;
  history: LossHistory;
  evals: Omit<TrainEvalEvent, 'type' | 'samples'>[];
  /** The embedding table C, row-major [symbols, embedding size]. */
  embedding: number[] | null;
  samples: string[];
  /** The model `samples` come from (null: the run being trained). */
  samplesFrom: string | null;
  finished: Omit<TrainFinishedEvent, 'type'> | null;
  /** The run as stored, once it is. */
  storedAs: StoredRun | null;
  error: string | null;
}

export function initialRunState(): RunState {
  return {
    status: 'idle',
    job: 'train',
    phase: null,
    jobSeconds: 0,
    etaSeconds: null,
    etaAtSeconds: 0,
    sweep: null,
    lrFind: null,
    started: null,
    step: 0,
    totalSteps: 0,
    progress: 0,
    seconds: 0,
    learningRate: 0,
    examplesPerSecond: 0,
    history: emptyHistory(),
    evals: [],
    embedding: null,
    samples: [],
    samplesFrom: null,
    finished: null,
    storedAs: null,
    error: null,
  };
}

/**
 * The train loss now, as every view shows it (sidebar, status bar, notification, panel): the
 * training run's final train loss once it has one, else where the loss chart's trend ends — the
 * mean of the latest minibatch losses, which does not lag behind a falling loss the way the
 * worker's exponential moving average does.
 */
export function trainLossNow(state: Pick<RunState, 'finished' | 'history'>): number | null {
  return state.finished?.losses.train ?? latestTrainLoss(state.history);
}

/** 0..1 over the whole sweep: finished runs, plus the share of the run in progress. */
export function sweepProgress(s: SweepState): number {
  const total = s.settings.length;
  if (total === 0) return 0;
  return Math.min(1, (s.runs.length + (s.current?.progress ?? 0)) / total);
}

/** 0..1 of the finder's steps; a search that ended at the blow-up is complete. */
export function lrFindProgress(lr: LrFindState): number {
  if (lr.finished && !lr.stopped) return 1;
  return lr.steps > 0 ? Math.min(1, lr.learningRates.length / lr.steps) : 0;
}

/** The share of the latest job done, 0..1 (a training run's by its steps or its time budget). */
export function jobFraction(state: RunState): number {
  if (state.job === 'sweep') return state.sweep ? sweepProgress(state.sweep) : 0;
  if (state.job === 'lrFind') return state.lrFind ? lrFindProgress(state.lrFind) : 0;
  return state.progress;
}

/** The stages after a training run's steps that its estimate of the time left does not cover. */
const AFTER_ESTIMATE: ReadonlySet<PhaseName> = new Set<PhaseName>(['sampling', 'saving']);

export interface JobTiming {
  /** Seconds since the job began. */
  elapsed: number;
  /** Estimated seconds until it is done (null: no estimate yet). */
  remaining: number | null;
}

/**
 * How long the running job has taken and how long it should still take, `since` seconds after
 * its latest event (each view keeps the clock running between events, so it never stands still
 * during a long stage). A training run's estimate is the engine's (final evaluation included); a
 * sweep's or a search's follows its share done. Once the job is over the clock stops.
 */
export function jobTiming(state: RunState, since: number): JobTiming {
  const running = isJobRunning(state.status);
  const elapsed = state.jobSeconds + (running ? Math.max(0, since) : 0);
  if (!running) return { elapsed, remaining: null };
  if (state.job === 'train') {
    // The engine's estimate covers the steps and the final evaluation, not checking the samples
    // and saving the model after them: no estimate there (rather than "almost done" for seconds).
    if (state.etaSeconds === null || (state.phase && AFTER_ESTIMATE.has(state.phase.phase))) return { elapsed, remaining: null };
    // Counted from when it was made (a stage's event in between does not restart it). A state saved by an older version lacks the time.
    const madeAt = (state.etaAtSeconds as number | undefined) ?? state.jobSeconds;
    return { elapsed, remaining: Math.max(0, state.etaSeconds - (elapsed - madeAt)) };
  }
  const fraction = jobFraction(state);
  if (fraction < 0.02 || state.phase) return { elapsed, remaining: null };
  return { elapsed, remaining: Math.max(0, (state.jobSeconds * (1 - fraction)) / fraction - since) };
}

/**
 * Sets fields of `target` in place: typed, so that a misspelt field or a wrong value does not
 * compile (as `Object.assign` would let them).
 */
function update<T extends object>(target: T, changes: Partial<T>): void {
  Object.assign(target, changes);
}

/** The events of the sweep and the learning-rate finder (applyExperimentEvent's). */
type ExperimentEvent = Extract<
  RunEvent,
  {
    type:
      | 'sweepStarted'
      | 'sweepRunStarted'
      | 'sweepRunProgress'
      | 'sweepRunFinished'
      | 'sweepFinished'
      | 'lrFindStarted'
      | 'lrFindProgress'
      | 'lrFindFinished'
      | 'lrApplied';
  }
>;

/** Advances `state` by one event, in place; returns it. */
export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'phase': {
      const { type: _type, ...phase } = event;
      // A stage before the job's started event: the job is under way from now on.
      if (!isJobRunning(state.status) || state.job !== event.job) {
        if (event.job === 'train') {
          const { sweep, lrFind } = state;
          update(state, { ...initialRunState(), sweep, lrFind });
        }
        update(state, { status: 'running', job: event.job, error: null, etaSeconds: null });
      }
      state.phase = phase;
      state.jobSeconds = event.jobSeconds;
      break;
    }
    case 'trainStarted': {
      const { type: _type, ...started } = event;
      const { sweep, lrFind } = state;
      update(state, {
        ...initialRunState(),
        status: 'running',
        job: 'train',
        sweep,
        lrFind,
        started,
        totalSteps: event.config.steps,
        jobSeconds: event.preparedSeconds ?? 0,
      });
      break;
    }
    case 'trainProgress':
      state.phase = null;
      state.jobSeconds = (state.started?.preparedSeconds ?? 0) + event.seconds;
      state.etaSeconds = event.etaSeconds ?? null;
      state.etaAtSeconds = state.jobSeconds;
      addLosses(state.history, event.losses, event.step);
      state.step = event.step;
      state.totalSteps = event.totalSteps;
      state.progress = event.progress;
      state.seconds = event.seconds;
      state.learningRate = event.learningRate;
      state.examplesPerSecond = event.examplesPerSecond;
      state.embedding = event.embedding;
      break;
    case 'trainEval':
      state.evals.push({ step: event.step, seconds: event.seconds, dev: event.dev, trainSmooth: event.trainSmooth });
      state.samples = event.samples;
      state.samplesFrom = null;
      break;
    case 'trainFinished': {
      const { type: _type, ...finished } = event;
      update(state, { phase: null, etaSeconds: null });
      state.status = 'finished';
      state.finished = finished;
      state.progress = finished.stopped ? state.progress : 1;
      break;
    }
    case 'samples':
      state.samples = event.words;
      state.samplesFrom = event.from ?? null;
      break;
    case 'stopping':
      if (state.status === 'running') state.status = 'stopping';
      break;
    case 'failed':
      update(state, { status: 'failed', job: event.job, error: event.message, phase: null, etaSeconds: null });
      break;
    case 'modelStored': {
      const stored: StoredRun = { modelName: event.modelName, fileKey: event.fileKey, runId: event.runId, active: event.active };
      if (event.job === 'train') state.storedAs = stored;
      else if (state.sweep) state.sweep.kept = stored;
      break;
    }
    case 'sweepStarted':
    case 'sweepRunStarted':
    case 'sweepRunProgress':
    case 'sweepRunFinished':
    case 'sweepFinished':
    case 'lrFindStarted':
    case 'lrFindProgress':
    case 'lrFindFinished':
    case 'lrApplied':
      applyExperimentEvent(state, event);
      break;
    default:
      assertNever(event, 'run event');
  }
  return state;
}

function applyExperimentEvent(state: RunState, event: ExperimentEvent): void {
  const sweep = state.sweep;
  const lr = state.lrFind;
  switch (event.type) {
    case 'sweepStarted': {
      const { type: _type, ...started } = event;
      update(state, { status: 'running', job: 'sweep', error: null, phase: null, jobSeconds: event.preparedSeconds ?? 0 });
      state.sweep = { ...started, runs: [], diagnosis: [], current: null, best: -1, finished: false, stopped: false, kept: null };
      break;
    }
    case 'sweepRunStarted':
      if (sweep) sweep.current = { index: event.index, paramCount: event.paramCount, progress: 0, smoothLoss: null };
      break;
    case 'sweepRunProgress':
      update(state, { phase: null, jobSeconds: event.jobSeconds ?? state.jobSeconds });
      if (sweep?.current?.index === event.index) {
        sweep.current.progress = event.progress;
        sweep.current.smoothLoss = Number.isFinite(event.smoothLoss) ? event.smoothLoss : null;
      }
      break;
    case 'sweepRunFinished':
      state.phase = null;
      if (sweep) {
        sweep.runs.push(event.run);
        sweep.diagnosis = event.diagnosis;
        sweep.best = event.diagnosis.indexOf('best');
        sweep.current = null;
      }
      break;
    case 'sweepFinished':
      if (sweep) update(sweep, { best: event.best, diagnosis: event.diagnosis, stopped: event.stopped, finished: true, current: null });
      if (state.job === 'sweep') update(state, { phase: null, status: 'finished' });
      break;
    case 'lrFindStarted': {
      const { type: _type, ...started } = event;
      update(state, { status: 'running', job: 'lrFind', error: null, phase: null, jobSeconds: event.preparedSeconds ?? 0 });
      state.lrFind = {
        ...started,
        learningRates: [],
        losses: [],
        smoothed: [],
        suggestion: null,
        minimum: null,
        finished: false,
        stopped: false,
        applied: null,
        appliedTo: null,
      };
      break;
    }
    case 'lrFindProgress':
      update(state, { phase: null, jobSeconds: event.jobSeconds ?? state.jobSeconds });
      if (lr) {
        lr.learningRates.push(...event.learningRates);
        lr.losses.push(...event.losses);
        lr.smoothed.push(...event.smoothed);
      }
      break;
    case 'lrFindFinished':
      if (lr) update(lr, { suggestion: event.suggestion, minimum: event.minimum, stopped: event.stopped, finished: true });
      if (state.job === 'lrFind') update(state, { phase: null, status: 'finished' });
      break;
    case 'lrApplied':
      if (lr) update(lr, { applied: event.learningRate, appliedTo: event.where ?? null });
      break;
    default:
      assertNever(event, 'experiment event');
  }
}
