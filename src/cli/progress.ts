/**
 * Training progress in the terminal: a cli-progress bar when stderr is a TTY, plain lines (one
 * per dev evaluation) otherwise, so CI logs stay readable.
 */
import { SingleBar } from 'cli-progress';
import type { EvalPoint, TrainProgress } from '../core/progress';
import { formatLoss, formatThroughput } from '../shared/format';

export interface ProgressReporter {
  progress(p: TrainProgress): void;
  evaluation(e: EvalPoint): void;
  stop(): void;
}

export function createProgressReporter(stream: NodeJS.WriteStream, totalSteps: number): ProgressReporter {
  let dev: number | undefined;
  if (!stream.isTTY) {
    return {
      progress: () => undefined,
      evaluation: (e) => {
        stream.write(`step ${e.step}/${totalSteps}  ${e.seconds.toFixed(1)} s  train ${formatLoss(e.trainSmooth)}  dev ${formatLoss(e.dev)}  ${e.samples.slice(0, 4).join(' ')}\n`);
      },
      stop: () => undefined,
    };
  }
  const bar = new SingleBar({
    stream,
    format: ' {bar} {percentage}% | step {value}/{total} | loss {loss} | dev {dev} | {rate} ex/s | ETA {eta_formatted}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: false,
    etaBuffer: 50,
    fps: 10,
  });
  bar.start(totalSteps, 0, { loss: '—', dev: '—', rate: '—' });
  return {
    progress: (p) => {
      // With a time budget the run ends on time: show progress as a share of the budget.
      bar.setTotal(p.progress > 0 && p.step / p.progress < totalSteps ? Math.round(p.step / p.progress) : totalSteps);
      bar.update(p.step, { loss: formatLoss(p.smoothLoss), dev: dev === undefined ? '—' : formatLoss(dev), rate: formatThroughput(p.examplesPerSecond) });
    },
    evaluation: (e) => {
      dev = e.dev;
    },
    stop: () => bar.stop(),
  };
}
