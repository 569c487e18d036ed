/**
 * The state of a training run as the UI shows it, and the one function that advances it.
 * The host and every webview apply the same RunEvents with `applyRunEvent`, so their states
 * agree, and a webview can be handed the host's state (it is plain JSON) at any time.
 */
import type { Diagnosis, SweepRun } from '../core/sweepPlan';
import type {
  EvalEvent,
  FinishedEvent,
  LrFindStartedEvent,
  RunEvent,
  StartedEvent,
  SweepStartedEvent,
} from './protocol';

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

/** Status of the latest activity; 'training' means running (training, sweeping or finding a rate). */
export type RunStatus = 'idle' | 'training' | 'stopping' | 'finished' | 'failed';

export type Activity = 'train' | 'sweep' | 'lrFind';

export interface SweepState extends Omit<SweepStartedEvent, 'type'> {
  runs: SweepRun[];
  diagnosis: Diagnosis[];
  /** The run in progress. */
  current: { index: number; paramCount: number; progress: number; smoothLoss: number | null } | null;
  /** Index in `runs` of the lowest dev loss (-1 before any finished). */
  best: number;
  finished: boolean;
  stopped: boolean;
  /** The model name once the best run was kept. */
  kept: string | null;
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
}

export interface RunState {
  status: RunStatus;
  /** What ran last: the panel shows its view. */
  activity: Activity;
  /** The last sweep and learning-rate search (kept while other activities run). */
  sweep: SweepState | null;
  lrFind: LrFindState | null;
  // The last training run:
  started: Omit<StartedEvent, 'type'> | null;
  step: number;
  totalSteps: number;
  progress: number;
  seconds: number;
  learningRate: number;
  smoothLoss: number | null;
  examplesPerSecond: number;
  history: LossHistory;
  evals: Omit<EvalEvent, 'type' | 'samples'>[];
  /** The embedding table C, row-major [symbols, embedding size]. */
  embedding: number[] | null;
  samples: string[];
  finished: Omit<FinishedEvent, 'type'> | null;
  error: string | null;
}

export function initialRunState(): RunState {
  return {
    status: 'idle',
    activity: 'train',
    sweep: null,
    lrFind: null,
    started: null,
    step: 0,
    totalSteps: 0,
    progress: 0,
    seconds: 0,
    learningRate: 0,
    smoothLoss: null,
    examplesPerSecond: 0,
    history: emptyHistory(),
    evals: [],
    embedding: null,
    samples: [],
    finished: null,
    error: null,
  };
}

/** Advances `state` by one event, in place; returns it. */
export function applyRunEvent(state: RunState, event: RunEvent): RunState {
  switch (event.type) {
    case 'started': {
      const { type: _type, ...started } = event;
      const { sweep, lrFind } = state;
      Object.assign(state, initialRunState(), { status: 'training', activity: 'train', sweep, lrFind, started, totalSteps: event.config.steps });
      break;
    }
    case 'progress':
      addLosses(state.history, event.losses, event.step);
      state.step = event.step;
      state.totalSteps = event.totalSteps;
      state.progress = event.progress;
      state.seconds = event.seconds;
      state.learningRate = event.learningRate;
      state.smoothLoss = Number.isFinite(event.smoothLoss) ? event.smoothLoss : state.smoothLoss;
      state.examplesPerSecond = event.examplesPerSecond;
      state.embedding = event.embedding;
      break;
    case 'eval':
      state.evals.push({ step: event.step, seconds: event.seconds, dev: event.dev, trainSmooth: event.trainSmooth });
      state.samples = event.samples;
      break;
    case 'stopping':
      if (state.status === 'training') state.status = 'stopping';
      break;
    case 'finished': {
      const { type: _type, ...finished } = event;
      state.status = 'finished';
      state.finished = finished;
      state.progress = finished.stopped ? state.progress : 1;
      break;
    }
    case 'failed':
      state.status = 'failed';
      state.error = event.message;
      break;
    case 'samples':
      state.samples = event.words;
      break;
    default:
      applyExperimentEvent(state, event);
  }
  return state;
}

function applyExperimentEvent(state: RunState, event: RunEvent): void {
  const sweep = state.sweep;
  const lr = state.lrFind;
  switch (event.type) {
    case 'sweepStarted': {
      const { type: _type, ...started } = event;
      Object.assign(state, { status: 'training', activity: 'sweep', error: null });
      state.sweep = { ...started, runs: [], diagnosis: [], current: null, best: -1, finished: false, stopped: false, kept: null };
      break;
    }
    case 'sweepRunStarted':
      if (sweep) sweep.current = { index: event.index, paramCount: event.paramCount, progress: 0, smoothLoss: null };
      break;
    case 'sweepRunProgress':
      if (sweep?.current?.index === event.index) {
        sweep.current.progress = event.progress;
        sweep.current.smoothLoss = Number.isFinite(event.smoothLoss) ? event.smoothLoss : null;
      }
      break;
    case 'sweepRunFinished':
      if (sweep) {
        sweep.runs.push(event.run);
        sweep.diagnosis = event.diagnosis;
        sweep.best = event.diagnosis.indexOf('best');
        sweep.current = null;
      }
      break;
    case 'sweepFinished':
      if (sweep) Object.assign(sweep, { best: event.best, diagnosis: event.diagnosis, stopped: event.stopped, finished: true, current: null });
      if (state.activity === 'sweep') state.status = 'finished';
      break;
    case 'sweepKept':
      if (sweep) sweep.kept = event.modelName;
      break;
    case 'lrFindStarted': {
      const { type: _type, ...started } = event;
      Object.assign(state, { status: 'training', activity: 'lrFind', error: null });
      state.lrFind = { ...started, learningRates: [], losses: [], smoothed: [], suggestion: null, minimum: null, finished: false, stopped: false, applied: null };
      break;
    }
    case 'lrFindProgress':
      if (lr) {
        lr.learningRates.push(...event.learningRates);
        lr.losses.push(...event.losses);
        lr.smoothed.push(...event.smoothed);
      }
      break;
    case 'lrFindFinished':
      if (lr) Object.assign(lr, { suggestion: event.suggestion, minimum: event.minimum, stopped: event.stopped, finished: true });
      if (state.activity === 'lrFind') state.status = 'finished';
      break;
    case 'lrApplied':
      if (lr) lr.applied = event.learningRate;
      break;
  }
}
