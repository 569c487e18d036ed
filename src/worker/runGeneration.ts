/**
 * Generation jobs (shared/jobKinds.ts `generate`) and questions about the model (`explore`): names
 * from a model, as the extension's Generate views, Generate Names and Insert Sampled Name ask for
 * them, streamed in batches; and the explorer's answers (core/explorer.ts) — the next-character
 * distribution, a name read letter by letter, the most probable names, a list's typicality scores.
 *
 * The worker keeps the last model it was given ready — a core/generate.ts NameGenerator (its list
 * index, its weights on the backend, its logits cache) and a core/explorer.ts ModelExplorer (its
 * list's own scores, computed once: the reference of every percentile), each built when first
 * needed — so a view that regenerates as its controls change, or an explorer clicked letter by
 * letter, pays for that once. Requests may overlap; each is stopped by its own signal. A model
 * replaced by another is disposed once its last request has ended.
 */
import { decodeCheckpoint, type Checkpoint } from '../core/checkpoint';
import { InputError } from '../core/errors';
import type { ExploreAnswer, ExploreQuery } from '../core/explored';
import { explorerModelOf, ModelExplorer } from '../core/explorer';
import { generatorModelOf, NameGenerator } from '../core/generate';
import { nextTask } from '../core/nextTask';
import { scoreArrays, SCORE_CHUNK } from '../core/typicality';
import { workerFailure } from '../shared/failures';
import type { ExploreJobRequest, GenerateJobRequest, PostToHost } from '../shared/messages';
import type { WorkerRuntime } from './runtime';

/** A model the worker holds, and what it built of it so far. */
class Held {
  private generatorBuilt: NameGenerator | undefined;
  private explorerBuilt: ModelExplorer | undefined;
  /** Requests running on it. */
  users = 0;
  retired = false;

  constructor(
    readonly key: string,
    private readonly checkpoint: Checkpoint,
  ) {}

  get generator(): NameGenerator {
    return (this.generatorBuilt ??= new NameGenerator(generatorModelOf(this.checkpoint)));
  }

  get explorer(): ModelExplorer {
    // The explorer tags names with the generator's list index when there is one already.
    return (this.explorerBuilt ??= new ModelExplorer(explorerModelOf(this.checkpoint), 'batched', () => this.generatorBuilt?.index));
  }

  dispose(): void {
    this.generatorBuilt?.dispose();
    this.explorerBuilt?.dispose();
  }
}

export class Generators {
  private current: Held | undefined;

  /**
   * Runs one request: `names` batches, then `generated`; a bad request or model is `rejected`
   * (its message is for the user), anything else `generateFailed`. Never throws.
   */
  async run(request: GenerateJobRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
    const { jobId } = request;
    let held: Held | undefined;
    try {
      await runtime.initBackend();
      held = this.hold(request.model);
      const result = await held.generator.generate(request.request, {
        signal,
        ...(request.seed !== undefined ? { seed: request.seed } : {}),
        ...(request.avoid ? { avoid: request.avoid } : {}),
        onNames: (names, progress) => post({ type: 'names', jobId, names, progress }),
      });
      const { names: _names, ...summary } = result;
      post({ type: 'generated', jobId, summary });
    } catch (e) {
      if (e instanceof InputError) post({ type: 'rejected', jobId, job: 'generate', message: e.message });
      else post({ type: 'generateFailed', jobId, ...workerFailure(e) });
    } finally {
      if (held) this.release(held);
    }
  }

  /**
   * Answers one question about the model: `explored`; a question about text the model cannot read
   * is `rejected`, anything else `exploreFailed`. A stopped one ends without an answer. Never throws.
   */
  async explore(request: ExploreJobRequest, post: PostToHost, signal: AbortSignal, runtime: WorkerRuntime): Promise<void> {
    const { jobId } = request;
    let held: Held | undefined;
    try {
      await runtime.initBackend();
      held = this.hold(request.model);
      const answer = await answerQuery(held.explorer, request.query, signal);
      if (answer)
        post(
          { type: 'explored', jobId, answer },
          answer.kind === 'score' ? [answer.logProb.buffer as ArrayBuffer, answer.percentile.buffer as ArrayBuffer] : undefined,
        );
    } catch (e) {
      if (e instanceof InputError) post({ type: 'rejected', jobId, job: 'explore', message: e.message });
      else post({ type: 'exploreFailed', jobId, ...workerFailure(e) });
    } finally {
      if (held) this.release(held);
    }
  }

  /** The model of `model.key`, built from its bytes when it is not the one held. */
  private hold(model: GenerateJobRequest['model']): Held {
    let held = this.current;
    if (held?.key !== model.key) {
      if (!model.bytes) throw new Error(`The generation worker does not hold the model ${model.key} and was not sent it.`);
      const next = new Held(model.key, decodeCheckpoint(model.bytes));
      if (held) this.retire(held);
      held = next;
      this.current = held;
    }
    held.users++;
    return held;
  }

  private release(held: Held): void {
    held.users--;
    if (held.retired && held.users === 0) held.dispose();
  }

  private retire(held: Held): void {
    held.retired = true;
    if (held.users === 0) held.dispose();
  }
}

/** Yields between chunks of a long scoring, so a stop (or another view's question) is heard. */
async function answerQuery(explorer: ModelExplorer, query: ExploreQuery, signal: AbortSignal): Promise<ExploreAnswer | undefined> {
  switch (query.kind) {
    case 'next':
      return explorer.next(query.prefix);
    case 'read':
      return explorer.read(query.text);
    case 'search':
      return explorer.search(query.prefix, query.count);
    case 'score': {
      const { items } = query;
      const arrays = scoreArrays(items.length);
      for (let from = 0; from < items.length; from += SCORE_CHUNK) {
        if (signal.aborted) return undefined;
        explorer.scoreRange(items, from, Math.min(items.length, from + SCORE_CHUNK), arrays);
        await nextTask();
      }
      if (signal.aborted) return undefined;
      return explorer.itemScores(arrays);
    }
    default: {
      const unknown: never = query;
      throw new Error(`Unknown explore query ${JSON.stringify(unknown)}`);
    }
  }
}
