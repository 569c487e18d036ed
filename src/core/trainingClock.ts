/**
 * A training run's clock: the time since it started, the pace of its steps and of its
 * evaluations, the estimate of when the model is ready (ETA), and when to report progress or
 * yield to the event loop. train.ts reads it; the schedule (schedule.ts) gets its seconds from it.
 *
 * - The pace of a step is first measured over steps CALIBRATION.from–to (after a few warm-up
 *   steps), then again after each evaluation over all the steps so far, evaluations excluded.
 * - Evaluations are timed as they run: their pace (distinct contexts per second) predicts the
 *   final evaluation's cost; before the first, a step's pace stands in (a step costs about three
 *   forward passes of a minibatch).
 *
 * Its time source is injectable, so tests drive it by hand; the default is `performance.now()`,
 * the time base of `Dataset.autoSchedule.preparedAt`.
 */

/** Steps timed for the first measurement of the pace. */
export const CALIBRATION = { from: 5, to: 30 };
/** How often the loop yields to the event loop, so that a stop request is seen within a step. */
export const YIELD_MS = 40;

export interface Eta {
  /** Estimated seconds until the model is ready (absent before the pace is measured). */
  etaSeconds?: number;
  /** Estimated seconds of the whole run, from its start to the model being ready. */
  totalSeconds?: number;
}

export class TrainingClock {
  /** When the run started, in milliseconds of the time source. */
  readonly startedAt: number;
  /** Seconds per training step, evaluations excluded: NaN until measured. */
  secondsPerStep = NaN;
  private calibrationStart = 0;
  private evalSeconds = 0;
  private evalRows = 0;
  private lastReport: { time: number; step: number };
  private lastYield: number;

  constructor(
    private readonly batchSize: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    this.lastReport = { time: this.startedAt, step: 0 };
    this.lastYield = this.startedAt;
  }

  /** Seconds since the run started. */
  seconds(): number {
    return (this.now() - this.startedAt) / 1000;
  }

  /** After step `done`: true at the step the pace is first measured (CALIBRATION.to). */
  stepped(done: number): boolean {
    if (done === CALIBRATION.from) this.calibrationStart = this.now();
    if (done !== CALIBRATION.to) return false;
    this.secondsPerStep = (this.now() - this.calibrationStart) / 1000 / (CALIBRATION.to - CALIBRATION.from);
    return true;
  }

  /** Runs an evaluation through `rows` distinct contexts, timing it. */
  timed<T>(rows: number, evaluate: () => T): T {
    const t0 = this.now();
    const result = evaluate();
    this.evalSeconds += (this.now() - t0) / 1000;
    this.evalRows += rows;
    return result;
  }

  /**
   * After an evaluation at step `done`: the pace again, over all the steps so far (evaluations
   * excluded) — once past the first measurement (true when it was measured).
   */
  remeasured(done: number): boolean {
    if (done <= CALIBRATION.to) return false;
    this.secondsPerStep = (this.seconds() - this.evalSeconds) / done;
    return true;
  }

  /** Seconds to evaluate `rows` distinct contexts: at the evaluations' pace, else estimated from the steps'. */
  evaluationSeconds(rows: number): number {
    const rate = this.evalRows > 0 ? this.evalRows / this.evalSeconds : (3 * this.batchSize) / this.secondsPerStep;
    return rows / rate;
  }

  /** Seconds `steps` more steps take at the current pace, evaluations included at their share so far. */
  stepsSeconds(steps: number): number {
    return steps * this.secondsPerStep * (1 + this.evalSeconds / Math.max(1e-9, this.seconds()));
  }

  /**
   * The ETA, `progress` (a fraction) into training with `stepsLeft` steps to go and `finalSeconds`
   * of final evaluation after them: from the progress once past 2 % (it follows a time budget
   * too), from the pace before.
   */
  eta(progress: number, stepsLeft: number, finalSeconds: number): Eta {
    if (!(this.secondsPerStep > 0)) return {};
    const p = Math.min(1, progress);
    const byProgress = p > 0.02 ? (this.seconds() * (1 - p)) / p : stepsLeft * this.secondsPerStep;
    const etaSeconds = byProgress + finalSeconds;
    return { etaSeconds, totalSeconds: this.seconds() + etaSeconds };
  }

  /** Whether `intervalMs` have passed since the last progress report. */
  reportDue(intervalMs: number): boolean {
    return this.now() - this.lastReport.time >= intervalMs;
  }

  /** A progress report at step `done`: the examples per second since the previous one. */
  report(done: number): number {
    const time = this.now();
    const examplesPerSecond = ((done - this.lastReport.step) * this.batchSize) / Math.max(1e-9, (time - this.lastReport.time) / 1000);
    this.lastReport = { time, step: done };
    return examplesPerSecond;
  }

  /** Whether it is time to yield to the event loop (every YIELD_MS); call `yielded` after. */
  yieldDue(): boolean {
    return this.now() - this.lastYield >= YIELD_MS;
  }

  yielded(): void {
    this.lastYield = this.now();
  }
}
