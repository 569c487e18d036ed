/**
 * A Generate view's requests to the host: one at a time. Asking again supersedes what was
 * asked before — a request still waiting out its delay is dropped, a running one is stopped by
 * the host — and the view's results start over under the new request's id (generation.ts).
 */
import type { GenerateRequest } from '../../src/core/constraints';
import type { FromWebview } from '../../src/shared/messages';
import { emptyResults, type GenerationState } from '../lib/generation';

/** How long typing settles before names are asked for. */
export const TYPING_DELAY_MS = 120;

export class Requester {
  /** The id the next request will get. */
  nextId = 1;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly post: (m: FromWebview) => void,
    private readonly state: () => GenerationState,
    private readonly changed: () => void,
  ) {}

  /** Asks for names after `delayMs` (0: now); supersedes any earlier request. */
  request(request: GenerateRequest, delayMs = 0): void {
    this.cancelScheduled();
    if (delayMs > 0) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.send(request);
      }, delayMs);
      return;
    }
    this.send(request);
  }

  /** Drops a request still waiting out its delay (the controls became invalid). */
  cancelScheduled(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Stops the running request; the names found so far stay. */
  stop(): void {
    this.cancelScheduled();
    if (this.state().results.running) this.post({ type: 'stopGenerating' });
  }

  private send(request: GenerateRequest): void {
    const id = this.nextId++;
    const s = this.state();
    const previous = s.results;
    s.results = emptyResults(id, performance.now());
    // Until the new names arrive, the previous ones stay on screen (dimmed): no flicker.
    s.shown = previous.names.length > 0 ? previous : s.shown;
    this.post({ type: 'generate', id, request });
    this.changed();
  }
}
