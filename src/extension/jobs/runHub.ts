/**
 * The host's copy of the current (or last) jobs' state: every RunEvent is folded into one RunState with
 * the same `applyRunEvent` the webviews use, then handed to whoever listens (the webviews, the
 * status bar, the progress notification). A webview that (re)loads gets `state` as a snapshot.
 */
import type { RunEvent } from '../../shared/events';
import { applyRunEvent, initialRunState, type RunState } from '../../shared/runState';

export type RunListener = (event: RunEvent, state: RunState) => void;

export class RunHub {
  private readonly listeners = new Set<RunListener>();
  private lastEventAt = performance.now();

  /**
   * `state`: where to start from (the last run, restored after a window reload);
   * `onListenerError`: where a failing listener is reported.
   */
  constructor(
    readonly state: RunState = initialRunState(),
    private readonly onListenerError: (error: unknown) => void = (e) => console.error('Makemore: a run listener failed', e),
  ) {}

  publish(event: RunEvent): void {
    applyRunEvent(this.state, event);
    this.lastEventAt = performance.now();
    for (const listener of [...this.listeners]) {
      try {
        listener(event, this.state);
      } catch (e) {
        // One broken view must not stop the others (or the run) from seeing events.
        this.onListenerError(e);
      }
    }
  }

  /** Seconds since the latest event: how far the job's clock has run since (shared/runState.ts jobTiming). */
  since(): number {
    return (performance.now() - this.lastEventAt) / 1000;
  }

  onEvent(listener: RunListener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
