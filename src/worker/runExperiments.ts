/**
 * The two experiments of makemore part 2 as worker jobs: the hyperparameter sweep and the
 * learning-rate finder, from a request to the job's messages (like runTraining.ts). Errors are
 * serve.ts's to report.
 */
import { encodeCheckedModel } from '../core/modelCheck';
import { InputError } from '../core/errors';
import { findLearningRate } from '../core/lrFind';
import { defaultLrRange } from '../core/lrFindPlan';
import { toCheckpoint } from '../core/pipeline';
import { sweep } from '../core/sweep';
import { diagnose, MAX_SWEEP_RUNS, SWEEP_KEYS } from '../core/sweepPlan';
import type { LrFindRequest, PostToHost, SweepRequest } from '../shared/messages';
import { runCurve } from '../shared/runRecord';
import { addLosses, emptyHistory, type LossHistory } from '../shared/runState';
import { prepareJob } from './jobPhases';
import type { WorkerRuntime } from './runtime';

/** Runs the sweep, posting sweep events, the best run's checkpoint, then `sweepFinished`. */
export async function runSweep(request: SweepRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
  const { jobId, settings } = request;
  if (settings.length === 0 || settings.length > MAX_SWEEP_RUNS) {
    throw new InputError(`A sweep needs between 1 and ${MAX_SWEEP_RUNS} settings (got ${settings.length}).`);
  }
  const { data, config, phases, report } = prepareJob(request, post);
  const backend = await runtime.initBackend();
  post({
    type: 'sweepStarted',
    jobId,
    listName: request.listName,
    words: data.wordList.words.length,
    settings,
    varied: SWEEP_KEYS.filter((k) => settings.some((s) => s[k] !== undefined)),
    config,
    backend: backend.name,
    ...(backend.warning ? { warning: backend.warning } : {}),
    ...report(),
  });
  let lastProgress = 0;
  const finished: { train: number; dev: number }[] = [];
  // Each run's minibatch losses, bucketed as the loss chart keeps them: the best run's is kept with it.
  const histories: LossHistory[] = [];
  const result = await sweep(data.wordList.words, config, settings, {
    signal,
    onRunStart: (index, _setting, _config, paramCount) => post({ type: 'sweepRunStarted', jobId, index, paramCount }),
    onRunProgress: (index, p) => {
      addLosses((histories[index] ??= emptyHistory()), p.losses, p.step);
      const now = performance.now();
      if (now - lastProgress < 100) return;
      lastProgress = now;
      post({ type: 'sweepRunProgress', jobId, index, progress: p.progress, smoothLoss: p.smoothLoss, jobSeconds: phases.seconds() });
    },
    onRunEnd: (run) => {
      finished.push(run);
      post({
        type: 'sweepRunFinished',
        jobId,
        run,
        diagnosis: diagnose(finished),
      });
    },
    onPhase: phases.report,
  });
  const best = result.bestResult;
  if (best) {
    const bytes = encodeCheckedModel(toCheckpoint(best, data, request.listName, backend.name));
    post({ type: 'model', jobId, bytes }, [bytes.buffer as ArrayBuffer]);
  }
  post({
    type: 'sweepFinished',
    jobId,
    best: result.best,
    diagnosis: result.diagnosis,
    stopped: result.stopped,
    // The best run's curve: its minibatch losses (bucketed) and its dev evaluations.
    ...(best
      ? {
          bestCurve: runCurve(histories[result.runs[result.best]!.index] ?? emptyHistory(), best.evals),
          bestSamples: best.evals.at(-1)?.samples ?? [],
        }
      : {}),
  });
}

/** Runs the learning-rate finder, posting the curve as it grows, then `lrFindFinished`. */
export async function runLrFind(request: LrFindRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
  const { jobId } = request;
  const { data, config, phases, report } = prepareJob(request, post);
  const backend = await runtime.initBackend();
  const [minLr, maxLr] = [request.minLr ?? defaultLrRange(config.optimizer)[0], request.maxLr ?? defaultLrRange(config.optimizer)[1]];
  const steps = request.steps ?? 1000;
  post({
    type: 'lrFindStarted',
    jobId,
    listName: request.listName,
    optimizer: config.optimizer,
    minLr,
    maxLr,
    steps,
    backend: backend.name,
    ...(backend.warning ? { warning: backend.warning } : {}),
    ...report(),
  });
  let sent = 0;
  const result = await findLearningRate(data.dataset, config, {
    minLr,
    maxLr,
    steps,
    signal,
    onProgress: (curve) => {
      const end = curve.learningRates.length;
      if (end === sent) return;
      post({
        type: 'lrFindProgress',
        jobId,
        learningRates: curve.learningRates.slice(sent, end),
        losses: curve.losses.slice(sent, end),
        smoothed: curve.smoothed.slice(sent, end),
        jobSeconds: phases.seconds(),
      });
      sent = end;
    },
  });
  post({ type: 'lrFindFinished', jobId, suggestion: result.suggestion, minimum: result.minimum, stopped: result.stopped });
}
