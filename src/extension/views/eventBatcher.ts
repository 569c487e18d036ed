/**
 * Batches the run events sent to one webview: at most one message per interval (100 ms, so
 * ≤ 10 messages a second however fast training reports), and consecutive progress events merged
 * into one whose raw losses are the concatenation of theirs — applying a batch gives the same
 * RunState as applying every event (checked by a unit test).
 */
import type { RunEvent, TrainProgressEvent } from '../../shared/events';

/** Timer functions, injectable so tests can drive time by hand. */
export interface Scheduler {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export const BATCH_INTERVAL_MS = 100;

export class EventBatcher {
  private queue: RunEvent[] = [];
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly send: (events: RunEvent[]) => void,
    private readonly intervalMs = BATCH_INTERVAL_MS,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  /** Queues an event; it is sent at once if nothing was sent during the last interval. */
  push(event: RunEvent): void {
    const last = this.queue[this.queue.length - 1];
    if (event.type === 'trainProgress' && last?.type === 'trainProgress') {
      this.queue[this.queue.length - 1] = mergeProgress(last, event);
    } else {
      this.queue.push(event);
    }
    if (this.timer === undefined) {
      const wait = Math.max(0, this.lastFlush + this.intervalMs - this.scheduler.now());
      this.timer = this.scheduler.setTimeout(() => this.flush(), wait);
    }
  }

  /** Sends what is queued now. */
  flush(): void {
    this.cancelTimer();
    if (this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    this.lastFlush = this.scheduler.now();
    this.send(events);
  }

  /** Drops what is queued (the receiver is gone, or a snapshot supersedes it). */
  clear(): void {
    this.cancelTimer();
    this.queue = [];
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.scheduler.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** One progress event standing for `a` then `b` (whose losses continue a's). */
export function mergeProgress(a: TrainProgressEvent, b: TrainProgressEvent): TrainProgressEvent {
  return {
    ...b,
    losses: a.losses.concat(b.losses),
    smoothLoss: Number.isFinite(b.smoothLoss) ? b.smoothLoss : a.smoothLoss,
  };
}
