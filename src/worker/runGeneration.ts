/**
 * Generation jobs (shared/jobs.ts `generate`): names from a model, as the extension's Generate
 * views, Generate Names and Insert Sampled Name ask for them, streamed in batches.
 *
 * The worker keeps the last model it was given ready to generate — a core/generate.ts
 * NameGenerator: its list index, its weights on the backend, its logits cache — so a view that
 * regenerates as its controls change pays for that once. Requests may overlap; each is stopped
 * by its own signal. A generator replaced by another model's is disposed once its last request
 * has ended.
 */
import { decodeCheckpoint } from '../core/checkpoint';
import { InputError } from '../core/errors';
import { generatorModelOf, NameGenerator } from '../core/generate';
import { workerFailure } from '../shared/failures';
import type { GenerateJobRequest, PostToHost } from '../shared/messages';
import type { WorkerRuntime } from './runtime';

interface Held {
  key: string;
  generator: NameGenerator;
  /** Requests running on it. */
  users: number;
  retired: boolean;
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

  /** The generator of `model`, built from its bytes when it is not the one held. */
  private hold(model: GenerateJobRequest['model']): Held {
    let held = this.current;
    if (held?.key !== model.key) {
      if (!model.bytes) throw new Error(`The generation worker does not hold the model ${model.key} and was not sent it.`);
      const generator = new NameGenerator(generatorModelOf(decodeCheckpoint(model.bytes)));
      if (held) this.retire(held);
      held = { key: model.key, generator, users: 0, retired: false };
      this.current = held;
    }
    held.users++;
    return held;
  }

  private release(held: Held): void {
    held.users--;
    if (held.retired && held.users === 0) held.generator.dispose();
  }

  private retire(held: Held): void {
    held.retired = true;
    if (held.users === 0) held.generator.dispose();
  }
}
