/**
 * The training clock (src/core/trainingClock.ts) on a hand-driven time source: the pace of a
 * step (calibrated, then re-measured without the evaluations), the evaluations' pace, the ETA,
 * the examples per second between progress reports, and when to yield.
 */
import * as assert from 'node:assert/strict';
import { CALIBRATION, TrainingClock, YIELD_MS } from '../../../src/core/trainingClock';

/** A time source in milliseconds, moved by hand. */
function manualTime(start = 1000): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms) };
}

/** Steps 1…`to`, each taking `ms`; returns the steps at which the clock said the pace was first measured. */
function runSteps(clock: TrainingClock, time: ReturnType<typeof manualTime>, from: number, to: number, ms: number): number[] {
  const measured: number[] = [];
  for (let done = from; done <= to; done++) {
    time.advance(ms);
    if (clock.stepped(done)) measured.push(done);
  }
  return measured;
}

describe('training clock', () => {
  it('counts seconds from the start, and measures the pace of a step over the calibration steps only', () => {
    const time = manualTime();
    const clock = new TrainingClock(512, time.now);
    assert.equal(clock.startedAt, 1000);
    assert.ok(Number.isNaN(clock.secondsPerStep));
    // Slow warm-up steps (compiling) before the calibration window do not count.
    assert.deepEqual(runSteps(clock, time, 1, CALIBRATION.from, 500), []);
    assert.ok(Number.isNaN(clock.secondsPerStep));
    assert.deepEqual(runSteps(clock, time, CALIBRATION.from + 1, 40, 20), [CALIBRATION.to]);
    assert.equal(clock.secondsPerStep, 0.02);
    assert.equal(clock.seconds(), (CALIBRATION.from * 500 + (40 - CALIBRATION.from) * 20) / 1000);
  });

  it('times evaluations: their pace predicts the final evaluation; the steps are re-measured without them', () => {
    const time = manualTime();
    const clock = new TrainingClock(100, time.now);
    runSteps(clock, time, 1, 50, 10);
    assert.equal(clock.secondsPerStep, 0.01);
    // Before any evaluation: a step stands for 3 × 100 rows.
    assert.equal(clock.evaluationSeconds(30_000), 1);
    assert.equal(clock.remeasured(CALIBRATION.to), false, 'not before the first measurement');
    const loss = clock.timed(2000, () => {
      time.advance(2000);
      return 2.5;
    });
    assert.equal(loss, 2.5);
    assert.equal(clock.evaluationSeconds(3000), 3, '2,000 rows took 2 s');
    assert.equal(clock.remeasured(50), true);
    assert.equal(clock.secondsPerStep, (2.5 - 2) / 50, 'the 2 s of evaluation left out');
    // 100 more steps: at 0.01 s each, plus the evaluations' share so far (2 s of 2.5 s).
    assert.ok(Math.abs(clock.stepsSeconds(100) - 100 * 0.01 * (1 + 2 / 2.5)) < 1e-12);
  });

  it('estimates the time left: nothing before the pace is known, by the pace at first, by the progress after 2 %', () => {
    const time = manualTime();
    const clock = new TrainingClock(64, time.now);
    assert.deepEqual(clock.eta(0, 1000, 5), {});
    runSteps(clock, time, 1, 30, 10);
    assert.equal(clock.seconds(), 0.3);
    const early = clock.eta(0.01, 970, 5);
    assert.ok(Math.abs(early.etaSeconds! - (970 * 0.01 + 5)) < 1e-9, JSON.stringify(early));
    assert.ok(Math.abs(early.totalSeconds! - (0.3 + 970 * 0.01 + 5)) < 1e-9);
    assert.ok(Math.abs(clock.eta(0.1, 900, 5).etaSeconds! - (2.7 + 5)) < 1e-9, 'past 2 %: by the progress');
    // A quarter done in 0.3 s: three quarters to go take 0.9 s, then 5 s of final evaluation.
    const later = clock.eta(0.25, 750, 5);
    assert.ok(Math.abs(later.etaSeconds! - 5.9) < 1e-9, JSON.stringify(later));
    assert.ok(Math.abs(clock.eta(1.5, 0, 5).etaSeconds! - 5) < 1e-9, 'progress past the end counts as the end');
  });

  it('reports examples per second since the previous report, and says when a report and a yield are due', () => {
    const time = manualTime();
    const clock = new TrainingClock(50, time.now);
    assert.equal(clock.reportDue(100), false);
    time.advance(100);
    assert.equal(clock.reportDue(100), true);
    assert.equal(clock.report(10), (10 * 50) / 0.1);
    assert.equal(clock.reportDue(100), false, 'counted from the last report');
    time.advance(200);
    assert.equal(clock.report(30), (20 * 50) / 0.2);
    assert.equal(clock.report(30), 0, 'no steps, no time: no division by zero');

    assert.equal(clock.yieldDue(), true, `${YIELD_MS} ms passed since the start`);
    clock.yielded();
    assert.equal(clock.yieldDue(), false);
    time.advance(YIELD_MS - 1);
    assert.equal(clock.yieldDue(), false);
    time.advance(1);
    assert.equal(clock.yieldDue(), true);
  });
});
