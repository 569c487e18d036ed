/**
 * The host's side of the panel's Explore tab (webview/explore): its questions about the model —
 * the next-character distribution, a name read letter by letter, the most probable names — go to
 * the generation worker, about the model the Generate views use (generation/targets.ts: the
 * current document's active model), and each answer goes back under the question's id.
 *
 * Questions may overlap (a click asks for the new distribution and the new best names at once);
 * the view keeps the latest answer of each kind. When the webview is hidden its questions are
 * dropped. No VS Code API here: the browser tests put the webview in front of this very code.
 */
import { errorMessage } from '../../core/errors';
import type { ExploreQuery } from '../../core/explored';
import type { ExploredAnswerMessage, ToWebview } from '../../shared/messages';
import type { GenerationViewsDeps } from '../generation/generationViews';

export type ExploreDeps = Pick<GenerationViewsDeps, 'worker' | 'targets' | 'logError'>;

export class ExploreClient {
  private stop = new AbortController();

  constructor(
    private readonly deps: ExploreDeps,
    private readonly post: (message: ToWebview) => void,
  ) {}

  /** Answers question `id` (never throws: a problem is the answer's `error`). */
  async receive(id: number, query: ExploreQuery): Promise<void> {
    const signal = this.stop.signal;
    const reply = (m: Omit<ExploredAnswerMessage, 'type' | 'id'>): void => {
      if (!signal.aborted) this.post({ type: 'exploredAnswer', id, ...m });
    };
    try {
      const target = await this.deps.targets.current();
      if (!target.model) {
        reply({
          error: `No model for ${target.info.document ?? 'this document'} yet: train one (Makemore: Train on File), then explore it here.`,
        });
        return;
      }
      const outcome = await this.deps.worker.explore({ model: target.model, query, signal });
      switch (outcome.kind) {
        case 'answer':
          reply({ answer: outcome.answer });
          return;
        case 'rejected':
          reply({ error: outcome.message });
          return;
        case 'stopped':
          return;
        case 'failed':
          this.deps.logError(`Exploring the model failed: ${outcome.detail ?? outcome.message}`);
          reply({ error: `Exploring the model failed: ${outcome.message}` });
          return;
        default: {
          const unknown: never = outcome;
          throw new Error(`Unexpected outcome ${JSON.stringify(unknown)}`);
        }
      }
    } catch (e) {
      this.deps.logError(`Exploring the model failed: ${errorMessage(e)}`);
      reply({ error: `Exploring the model failed: ${errorMessage(e)}` });
    }
  }

  /** The webview was hidden (it will reload): its questions are dropped. */
  hidden(): void {
    this.stop.abort();
    this.stop = new AbortController();
  }

  dispose(): void {
    this.stop.abort();
  }
}
