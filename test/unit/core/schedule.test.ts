/**
 * The training schedule (src/core/schedule.ts) with numbers: the run's length by steps or by
 * time, the learning-rate drops, early stopping (a plateau brings a drop forward, then ends the
 * run) and the time cap of automatic runs.
 */
import * as assert from 'node:assert/strict';
import { MIN_IMPROVEMENT, Schedule, TIME_CAP_RATIO, type ScheduleConfig } from '../../../src/core/schedule';

const base: ScheduleConfig = { steps: 100, learningRate: 1, lrDrops: [0.5, 0.75], lrDropFactor: 0.1, patience: 0, timeBudget: 0 };

/** The rates of steps 0, 1, … until the schedule says the run is over (no time passing). */
function rates(schedule: Schedule): number[] {
  const out: number[] = [];
  for (let step = 0; ; step++) {
    const rate = schedule.next(step, 0);
    if (rate === undefined) return out;
    out.push(rate);
  }
}

describe('training schedule', () => {
  it('runs its steps, dropping the rate as progress passes each drop', () => {
    const schedule = new Schedule(base);
    assert.equal(schedule.learningRate, 1, 'the initial rate before the first step');
    const r = rates(schedule);
    assert.equal(r.length, 100);
    assert.deepEqual([r[0], r[49], r[50], r[74], r[75], r[99]], [1, 1, 0.1, 0.1, 0.1 ** 2, 0.1 ** 2]);
    assert.equal(schedule.learningRate, 0.1 ** 2);
    assert.equal(schedule.next(100, 0), undefined);
    assert.equal(schedule.earlyStop, undefined);
  });

  it('follows time when it has a budget: whichever of steps and seconds runs out first', () => {
    const schedule = new Schedule({ ...base, steps: 1000, timeBudget: 10 });
    assert.equal(schedule.progress(100, 2), 0.2);
    assert.equal(schedule.progress(500, 2), 0.5);
    assert.equal(schedule.next(10, 4.9), 1);
    assert.equal(schedule.next(11, 5), 0.1, 'half the time: the first drop');
    assert.equal(schedule.next(12, 10), undefined, 'the time is up');
    assert.equal(new Schedule({ ...base, timeBudget: 1000 }).next(100, 1), undefined, 'the steps are up');
  });

  it('keeps the best evaluation; patience counts from improvements of at least MIN_IMPROVEMENT', () => {
    const schedule = new Schedule({ ...base, steps: 10_000, patience: 100, lrDrops: [] });
    assert.equal(schedule.evaluated(50, 2.5), true);
    assert.equal(schedule.evaluated(100, 2.6), false);
    assert.equal(schedule.plateaued(100), false);
    // Better, but by less than MIN_IMPROVEMENT: the best model changes, the patience does not restart.
    assert.equal(schedule.evaluated(140, 2.5 - MIN_IMPROVEMENT / 2), true);
    assert.equal(schedule.plateaued(140), false);
    assert.equal(schedule.plateaued(150), true, '100 steps since step 50');
    assert.deepEqual(schedule.earlyStop, {
      step: 150,
      bestStep: 140,
      patience: 100,
      message: 'stopped early at step 150: no improvement on dev for 100 steps',
    });
  });

  it('on a plateau brings the next drop forward, restarts the patience from it, and ends the run after the last', () => {
    const schedule = new Schedule({ ...base, steps: 100_000, patience: 300 });
    assert.equal(schedule.next(0, 0), 1);
    schedule.evaluated(100, 2);
    assert.equal(schedule.plateaued(399), false);
    assert.equal(schedule.plateaued(400), false, 'a drop remains: it comes forward instead of a stop');
    assert.equal(schedule.next(400, 0), 0.1, 'the first drop, long before half the run');
    assert.equal(schedule.plateaued(699), false, 'patience counts from the drop');
    assert.equal(schedule.next(699, 0), 0.1, 'no second drop yet');
    assert.equal(schedule.plateaued(700), false);
    assert.equal(schedule.next(700, 0), 0.1 ** 2, 'the second drop');
    schedule.evaluated(800, 1.5);
    assert.equal(schedule.plateaued(1099), false, 'patience counts from the later improvement');
    assert.equal(schedule.plateaued(1100), true);
    assert.equal(schedule.earlyStop?.message, 'stopped early at step 1,100: no improvement on dev for 300 steps');
    assert.equal(schedule.earlyStop?.bestStep, 800);
  });

  it('never stops early without patience', () => {
    const schedule = new Schedule({ ...base, steps: 100_000 });
    schedule.evaluated(10, 2);
    assert.equal(schedule.plateaued(90_000), false);
    assert.equal(schedule.next(90_000, 0), 0.1 ** 2, 'the scheduled drops only');
  });

  it('the time cap: over the allowed time, it follows time (never less than the floor), saying why; within it again, the steps', () => {
    const schedule = new Schedule({ ...base, steps: 2500 });
    // Read through a function: TypeScript would keep a getter narrowed to undefined after the first check.
    const capped = (): Schedule['timeCapped'] => schedule.timeCapped;
    schedule.capTime(50, 60, 10);
    assert.equal(schedule.timeCapped, undefined, 'the steps fit');
    schedule.capTime(120.4, 60, 10);
    assert.deepEqual(schedule.timeCapped, {
      seconds: 60,
      reason: `2,500 steps would take ~120 s; training follows time (60 s) to keep the whole run within ${TIME_CAP_RATIO}× the default run on names.txt`,
    });
    assert.equal(schedule.progress(100, 30), 0.5, 'progress follows the 60 s');
    assert.equal(schedule.next(100, 60), undefined);
    schedule.capTime(120, 5, 20);
    assert.equal(capped()?.seconds, 20, 'the floor');
    schedule.capTime(55, 60, 10);
    assert.equal(capped(), undefined, 'a later measurement says the steps fit after all');
    assert.equal(schedule.progress(100, 30), 100 / 2500);
  });
});
