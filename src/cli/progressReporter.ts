/**
 * Training progress in the terminal: a cli-progress bar when stderr is a TTY, plain lines (one
 * per dev evaluation) otherwise, so CI logs stay readable. Both show the engine's ETA (final
 * evaluation included) and name each phase that follows the training steps.
 */
import { SingleBar } from 'cli-progress';
import type { EvalPoint, RunPhase, TrainProgress } from '../core/progress';
import { formatDuration, formatLoss, formatThroughput } from '../shared/format';

export interface ProgressReporter {
  progress(p: TrainProgress): void;
  evaluation(e: EvalPoint): void;
  /** A phase after the training steps ("final evaluation on the whole dev split"). */
  phase(p: RunPhase): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream, totalSteps: number): ProgressReporter {
  let dev: number | undefined;
  let eta: number | undefined;
  let stopped = false;
  if (!stream.isTTY) {
    return {
      progress: (p) => {
        eta = p.etaSeconds;
      },
      evaluation: (e) => {
        stream.write(
          `step ${e.step}/${totalSteps}  ${e.seconds.toFixed(1)} s  ETA ${formatDuration(eta)}  train ${formatLoss(e.trainSmooth)}  dev ${formatLoss(e.dev)}  ${e.samples.slice(0, 4).join(' ')}\n`,
        );
      },
      phase: (p) => void stream.write(`… ${p.label}\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: ' {bar} {percentage}% | step {value}/{total} | loss {loss} | dev {dev} | {rate} ex/s | {elapsed} s, ETA {eta}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  bar.start(totalSteps, 0, { loss: '—', dev: '—', rate: '—', elapsed: '0', eta: '—' });
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    bar.stop();
  };
  return {
    progress: (p) => {
      // With a time budget the run ends on time: show progress as a share of the budget.
      bar.setTotal(p.progress > 0 && p.step / p.progress < totalSteps ? Math.round(p.step / p.progress) : totalSteps);
      bar.update(p.step, {
        loss: formatLoss(p.smoothLoss),
        dev: dev === undefined ? '—' : formatLoss(dev),
        rate: formatThroughput(p.examplesPerSecond),
        elapsed: p.seconds.toFixed(0),
        eta: formatDuration(p.etaSeconds),
      });
    },
    evaluation: (e) => {
      dev = e.dev;
    },
    phase: (p) => {
      stop();
      stream.write(`… ${p.label}\n`);
    },
    stop,
  };
}
