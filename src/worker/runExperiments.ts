/**
 * The two experiments of makemore part 2 as worker jobs: the hyperparameter sweep and the
 * learning-rate finder, from a request to protocol messages (like runTraining.ts).
 */
import { initBackend } from '../core/backend';
import { encodeCheckpoint } from '../core/checkpoint';
import type { TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';
import { findLearningRate } from '../core/lrFind';
import { defaultLrRange } from '../core/lrFindPlan';
import { prepareConfigured, toCheckpoint } from '../core/pipeline';
import { sweep } from '../core/sweep';
import { diagnose, MAX_SWEEP_RUNS, SWEEP_KEYS } from '../core/sweepPlan';
import type { LrFindRequest, SweepRequest } from '../shared/protocol';
import type { Post } from './runTraining';

/** Runs the sweep, posting sweep events, the best run's checkpoint, then `sweepFinished`. */
export async function runSweep(request: SweepRequest, post: Post, signal: AbortSignal): Promise<void> {
  const { runId, settings } = request;
  await guard(runId, post, async () => {
    if (settings.length === 0 || settings.length > MAX_SWEEP_RUNS) {
      throw new InputError(`A sweep needs between 1 and ${MAX_SWEEP_RUNS} settings (got ${settings.length}).`);
    }
    const { data, config } = prepareConfigured(request.text, request.config as Partial<TrainingConfig>);
    const backend = await initBackend({ wasmDir: request.wasmDir });
    post({
      type: 'sweepStarted',
      runId,
      sourceName: request.sourceName,
      words: data.wordList.words.length,
      settings,
      varied: SWEEP_KEYS.filter((k) => settings.some((s) => s[k] !== undefined)),
      config,
      backend: backend.name,
      ...(backend.warning ? { warning: backend.warning } : {}),
    });
    let lastProgress = 0;
    const finished: { train: number; dev: number }[] = [];
    const result = await sweep(data.wordList.words, config, settings, {
      signal,
      onRunStart: (index, _setting, _config, paramCount) => post({ type: 'sweepRunStarted', runId, index, paramCount }),
      onRunProgress: (index, p) => {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        post({ type: 'sweepRunProgress', runId, index, progress: p.progress, smoothLoss: p.smoothLoss });
      },
      onRunEnd: (run) => {
        finished.push(run);
        post({
          type: 'sweepRunFinished',
          runId,
          run: { index: run.index, setting: run.setting, config: run.config, paramCount: run.paramCount, train: run.train, dev: run.dev, steps: run.steps, seconds: run.seconds },
          diagnosis: diagnose(finished),
        });
      },
    });
    if (result.bestResult) {
      const bytes = encodeCheckpoint(toCheckpoint(result.bestResult, data, request.sourceName, backend.name));
      post({ type: 'sweepModel', runId, bytes }, [bytes.buffer as ArrayBuffer]);
    }
    post({ type: 'sweepFinished', runId, best: result.best, diagnosis: result.diagnosis, stopped: result.stopped });
  });
}

/** Runs the learning-rate finder, posting the curve as it grows, then `lrFindFinished`. */
export async function runLrFind(request: LrFindRequest, post: Post, signal: AbortSignal): Promise<void> {
  const { runId } = request;
  await guard(runId, post, async () => {
    const { data, config } = prepareConfigured(request.text, request.config as Partial<TrainingConfig>);
    const backend = await initBackend({ wasmDir: request.wasmDir });
    const [minLr, maxLr] = [request.minLr ?? defaultLrRange(config.optimizer)[0], request.maxLr ?? defaultLrRange(config.optimizer)[1]];
    const steps = request.steps ?? 1000;
    post({
      type: 'lrFindStarted',
      runId,
      sourceName: request.sourceName,
      optimizer: config.optimizer,
      minLr,
      maxLr,
      steps,
      backend: backend.name,
      ...(backend.warning ? { warning: backend.warning } : {}),
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
          runId,
          learningRates: curve.learningRates.slice(sent, end),
          losses: curve.losses.slice(sent, end),
          smoothed: curve.smoothed.slice(sent, end),
        });
        sent = end;
      },
    });
    post({ type: 'lrFindFinished', runId, suggestion: result.suggestion, minimum: result.minimum, stopped: result.stopped });
  });
}

/** Input errors become `inputError`, anything else `failed`; never throws. */
async function guard(runId: number, post: Post, job: () => Promise<void>): Promise<void> {
  try {
    await job();
  } catch (e) {
    if (e instanceof InputError) post({ type: 'inputError', runId, message: e.message });
    else post({ type: 'failed', runId, message: e instanceof Error ? e.message : String(e) });
  }
}
