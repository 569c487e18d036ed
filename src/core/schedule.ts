/**
 * A training run's schedule: how long it runs and at which learning rate — the one place that
 * decides when the rate drops and when the run ends (train.ts asks it before every step).
 *
 * - **Length**: `steps` steps, or, with a time budget (`timeBudget` seconds, or the time cap
 *   below), whichever comes first: progress is the larger of the two fractions.
 * - **Learning-rate drops** (makemore part 2's step decay): the rate is `learningRate ×
 *   lrDropFactor^drops`, one more drop each time progress passes one of `lrDrops` (fractions of
 *   the run).
 * - **Early stopping** (`patience` steps, 0: off): when the dev loss has not improved by
 *   MIN_IMPROVEMENT for that many steps, the next drop comes forward; after the last drop, the run
 *   ends ("stopped early at step 450: no improvement on dev for 300 steps"). Patience counts from
 *   the later of the best evaluation and the last drop, so a run that keeps improving keeps its
 *   scheduled drops.
 * - **The time cap** (automatic runs only; train.ts measures the pace and the bound): when the
 *   steps would overrun the time allowed, the schedule follows time instead (`timeCapped` says
 *   why); if a later measurement says they fit after all, it follows the steps again.
 *
 * Pure: it reads no clock — the caller passes the seconds — so it is tested with numbers.
 */
import type { TrainingConfig } from './config';
import type { EarlyStop } from './progress';

/** An evaluation must beat the best by this much to reset the patience. */
export const MIN_IMPROVEMENT = 1e-3;
/** Bound of an automatic run's time, against the default run on names.txt at the same speed (≤ 1.5×: issue 21's bounded-time rule). */
export const TIME_CAP_RATIO = 1.45;

export type ScheduleConfig = Pick<TrainingConfig, 'steps' | 'learningRate' | 'lrDrops' | 'lrDropFactor' | 'patience' | 'timeBudget'>;

/** Why an automatic run follows time rather than its step count (RunNotes.timeCapped). */
export interface TimeCap {
  seconds: number;
  reason: string;
}

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

export class Schedule {
  /** Seconds the run may train (0: no budget, the steps decide). */
  private budget: number;
  /** Learning-rate drops taken so far, and the step of the last one. */
  private drops = 0;
  private lastDropStep = 0;
  /** Drops brought forward by a plateau. */
  private forcedDrops = 0;
  /** The best dev loss so far and its step (any improvement). */
  private best: { dev: number; step: number } | undefined;
  /** The evaluation patience counts from (an improvement of at least MIN_IMPROVEMENT). */
  private patienceFrom = { dev: Infinity, step: 0 };
  private capped: TimeCap | undefined;
  private stop: EarlyStop | undefined;

  constructor(private readonly config: ScheduleConfig) {
    this.budget = config.timeBudget;
  }

  /** Fraction of the run done at `step`, `seconds` into training (≥ 1: over). */
  progress(step: number, seconds: number): number {
    const bySteps = step / this.config.steps;
    return this.budget > 0 ? Math.max(bySteps, seconds / this.budget) : bySteps;
  }

  /** The learning rate now (that of the last step taken; the initial rate before the first). */
  get learningRate(): number {
    return this.config.learningRate * this.config.lrDropFactor ** this.drops;
  }

  /**
   * The learning rate of the step after `step`, `seconds` into training, taking the drops that are
   * due; undefined when the run is over (its steps, or its time, are used up).
   */
  next(step: number, seconds: number): number | undefined {
    const progress = this.progress(step, seconds);
    if (progress >= 1) return undefined;
    let scheduled = 0;
    for (const d of this.config.lrDrops) if (progress >= d) scheduled++;
    const due = Math.max(scheduled, this.forcedDrops);
    if (due > this.drops) {
      this.drops = due;
      this.lastDropStep = step;
    }
    return this.learningRate;
  }

  /** Records a dev evaluation at `step`; true when it is the best so far (the model to keep). */
  evaluated(step: number, dev: number): boolean {
    const isBest = !this.best || dev < this.best.dev;
    if (isBest) this.best = { dev, step };
    if (dev < this.patienceFrom.dev - MIN_IMPROVEMENT) this.patienceFrom = { dev, step };
    return isBest;
  }

  /**
   * After an evaluation at `step`: a plateau (no improvement for `patience` steps) brings the next
   * drop forward, or, after the last drop, ends the run — true, with `earlyStop` saying why.
   */
  plateaued(step: number): boolean {
    const { patience, lrDrops } = this.config;
    if (patience <= 0) return false;
    const since = step - Math.max(this.patienceFrom.step, this.lastDropStep);
    if (since < patience) return false;
    if (this.drops < lrDrops.length) {
      this.forcedDrops = this.drops + 1;
      return false;
    }
    this.stop = {
      step,
      bestStep: this.best?.step ?? step,
      patience,
      message: `stopped early at step ${fmt(step)}: no improvement on dev for ${fmt(since)} steps`,
    };
    return true;
  }

  /** Set when early stopping ended the run. */
  get earlyStop(): EarlyStop | undefined {
    return this.stop;
  }

  /**
   * The time cap of an automatic run, `seconds` into training: the steps would take `projected`
   * seconds in all, the run may take `allowed` (never less than `floor`). Over: training follows
   * time; within (a later, better measurement): it follows the steps again.
   */
  capTime(projected: number, allowed: number, floor: number): void {
    if (projected <= allowed) {
      if (this.budget > 0 && this.capped) {
        this.budget = 0;
        this.capped = undefined;
      }
      return;
    }
    this.budget = Math.max(allowed, floor);
    this.capped = {
      seconds: this.budget,
      reason: `${fmt(this.config.steps)} steps would take ~${Math.round(projected)} s; training follows time (${Math.round(this.budget)} s) to keep the whole run within ${TIME_CAP_RATIO}× the default run on names.txt`,
    };
  }

  /** Set while the time cap bounds the run. */
  get timeCapped(): TimeCap | undefined {
    return this.capped;
  }
}
