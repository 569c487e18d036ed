import * as assert from 'node:assert/strict';
import { EventBatcher, type Scheduler } from '../../../src/extension/views/eventBatcher';
import type { RunEvent, TrainProgressEvent } from '../../../src/shared/events';
import { applyRunEvent, initialRunState } from '../../../src/shared/runState';
import { BASE_DEFAULTS } from '../../../src/core/config';

/** A clock the test moves by hand. */
class ManualClock implements Scheduler {
  time = 0;
  private timers: { at: number; callback: () => void; id: number }[] = [];
  private nextId = 1;
  now = (): number => this.time;
  setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, callback, id });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.callback();
    }
    this.time = end;
  }
}

const started: RunEvent = {
  type: 'trainStarted',
  jobId: 1,
  listName: 'names.txt',
  words: 100,
  symbols: ['.', 'a', 'b'],
  examples: { train: 80, dev: 10, test: 10 },
  config: BASE_DEFAULTS,
  paramCount: 1000,
  backend: 'wasm',
};

function progress(step: number, losses: number[]): TrainProgressEvent {
  return {
    type: 'trainProgress',
    step,
    totalSteps: 100_000,
    progress: step / 100_000,
    seconds: step / 1000,
    learningRate: 0.01,
    losses,
    smoothLoss: losses.at(-1)!,
    examplesPerSecond: 50_000,
    embedding: [step, -step],
  };
}

/** A fast run: a progress event every `everyMs` with the steps since the last, an eval every 50 events. */
function* fastRun(events: number, everyMs: number): Generator<{ atMs: number; event: RunEvent }> {
  yield { atMs: 0, event: started };
  let step = 0;
  for (let i = 1; i <= events; i++) {
    const losses = Array.from({ length: 7 }, (_, k) => 3 / (1 + (step + k) / 1000));
    step += losses.length;
    yield { atMs: i * everyMs, event: progress(step, losses) };
    if (i % 50 === 0)
      yield { atMs: i * everyMs, event: { type: 'trainEval', step, seconds: step / 1000, dev: 2.2, trainSmooth: 2.1, samples: [`s${i}`] } };
  }
  yield {
    atMs: events * everyMs + 1,
    event: {
      type: 'trainFinished',
      losses: { train: 2, dev: 2.1, test: 2.2 },
      bigram: { train: 2.4, dev: 2.5, test: 2.5 },
      steps: step,
      keptStep: step,
      seconds: 5,
      examplesPerSecond: 1,
      stopped: false,
    },
  };
}

describe('event batching for the webviews', () => {
  it('sends the first event at once, then at most one message per 100 ms', () => {
    const clock = new ManualClock();
    const sent: { at: number; events: RunEvent[] }[] = [];
    const batcher = new EventBatcher((events) => sent.push({ at: clock.time, events }), 100, clock);
    for (const { atMs, event } of fastRun(2000, 2)) {
      clock.advance(atMs - clock.time);
      batcher.push(event);
    }
    clock.advance(1000);
    assert.equal(sent[0]!.at, 0);
    assert.deepEqual(sent[0]!.events, [started]);
    for (let i = 1; i < sent.length; i++) assert.ok(sent[i]!.at - sent[i - 1]!.at >= 100, `message ${i} came too soon`);
    // 4 seconds of events: about 40 messages instead of 2,041 events.
    assert.ok(sent.length <= 42, `${sent.length} messages`);
    assert.equal(sent.at(-1)!.events.at(-1)!.type, 'trainFinished');
  });

  it('merges consecutive progress events and keeps every other event in order', () => {
    const clock = new ManualClock();
    const sent: RunEvent[][] = [];
    const batcher = new EventBatcher((events) => sent.push(events), 100, clock);
    batcher.push(progress(7, [3, 3, 3, 3, 3, 3, 3]));
    clock.advance(0);
    batcher.push(progress(9, [2.9, 2.8]));
    batcher.push(progress(10, [2.7]));
    batcher.push({ type: 'trainEval', step: 10, seconds: 1, dev: 2.5, trainSmooth: 2.8, samples: ['ab'] });
    batcher.push(progress(12, [2.6, 2.5]));
    batcher.push({ type: 'stopping' });
    clock.advance(100);
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent[1]!.map((e) => e.type),
      ['trainProgress', 'trainEval', 'trainProgress', 'stopping'],
    );
    const merged = sent[1]![0] as TrainProgressEvent;
    assert.equal(merged.step, 10);
    assert.deepEqual(merged.losses, [2.9, 2.8, 2.7]);
    assert.deepEqual(merged.embedding, [10, -10], 'the latest embedding');
  });

  it('gives the webview the same state as applying every event', () => {
    const clock = new ManualClock();
    const direct = initialRunState();
    const batched = initialRunState();
    const batcher = new EventBatcher((events) => events.forEach((e) => applyRunEvent(batched, e)), 100, clock);
    for (const { atMs, event } of fastRun(3000, 1)) {
      clock.advance(atMs - clock.time);
      applyRunEvent(direct, event);
      batcher.push(event);
    }
    clock.advance(1000);
    assert.deepEqual(batched, direct);
    assert.equal(
      direct.history.count.reduce((a, b) => a + b, 0),
      21_000,
      'every step is in the history',
    );
  });

  it('drops queued events when cleared (the webview was hidden or is sent a snapshot)', () => {
    const clock = new ManualClock();
    const sent: RunEvent[][] = [];
    const batcher = new EventBatcher((events) => sent.push(events), 100, clock);
    batcher.push(started);
    clock.advance(0);
    batcher.push(progress(7, [3]));
    batcher.clear();
    clock.advance(500);
    assert.equal(sent.length, 1);
    batcher.push(progress(8, [3]));
    clock.advance(0);
    assert.equal(sent.length, 2, 'sending resumes after a clear');
  });
});
