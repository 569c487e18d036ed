/**
 * The host's side of the Generate views (the panel's Generate tab and the sidebar's Generate
 * section): each webview has a `GenerationClient` that
 *
 * - tells it, once it is `ready`, what it generates from (targets.ts: the active model of the
 *   list in focus, its characters and length range to check controls against), the controls the
 *   user last left for that list in that view (generateControlsStore.ts), and that list's
 *   favourites — and again whenever any of them changes; remembers the controls it is sent;
 * - runs its requests in the generation worker, one at a time: a new request stops the
 *   previous one, whose remaining names are no longer sent; the names stream to the view as
 *   the worker finds them, then one `generateEnded` says how the request ended;
 * - stars and unstars names (favourites.ts), every view of the same list hearing of it.
 *
 * No VS Code API here (what it needs comes in `GenerationViewsDeps`), so the browser tests and
 * the latency benchmark put the webviews in front of this very code and a real worker.
 */
import { checkRequest, type GenerateRequest, type ListFacts } from '../../core/constraints';
import type { GeneratedName } from '../../core/generated';
import { errorMessage } from '../../core/errors';
import type { GenerateControls } from '../../shared/generateControls';
import type { FromWebview, GenerationTarget, ToWebview } from '../../shared/messages';
import type { WebviewKind } from '../../shared/webviewHtml';
import type { FavouritesStore } from './favourites';
import type { WorkerModel, GenerationWorker } from './generationWorker';

/** What the views generate from (targets.ts Target, as far as this module needs it). */
export interface ViewTarget {
  model: (WorkerModel & { facts: ListFacts }) | undefined;
  info: GenerationTarget;
}

export interface GenerationViewsDeps {
  worker: GenerationWorker;
  targets: {
    current(): Promise<ViewTarget>;
    onDidChange(listener: (target: ViewTarget) => void): { dispose(): void };
  };
  favourites: Pick<FavouritesStore, 'list' | 'add' | 'remove'>;
  /** Where each view's controls are remembered per list (generateControlsStore.ts; none: not remembered). */
  controls?: {
    get(kind: WebviewKind, key: string | null): GenerateControls | undefined;
    save(kind: WebviewKind, key: string | null, controls: GenerateControls): Promise<void>;
  };
  /** Logs an error (the Makemore log). */
  logError(message: string): void;
  /** Tells the user about a failure (an error notification). */
  showError(message: string): void;
}

/** The messages of a webview that its GenerationClient handles. */
export type GenerationRequest = Extract<FromWebview, { type: 'generate' | 'stopGenerating' | 'favourite' | 'saveGenerateControls' }>;

export function isGenerationRequest(m: FromWebview): m is GenerationRequest {
  return m.type === 'generate' || m.type === 'stopGenerating' || m.type === 'favourite' || m.type === 'saveGenerateControls';
}

export class GenerationViews {
  private readonly clients = new Set<GenerationClient>();
  private readonly subscription: { dispose(): void };

  constructor(readonly deps: GenerationViewsDeps) {
    this.subscription = deps.targets.onDidChange((target) => {
      for (const c of this.clients) c.targetChanged(target);
    });
  }

  /** A webview's client; `post` sends it a message; `kind`: which view it is (its controls are its own). */
  client(post: (message: ToWebview) => void, kind: WebviewKind = 'panel'): GenerationClient {
    const client = new GenerationClient(this, post, kind);
    this.clients.add(client);
    return client;
  }

  forget(client: GenerationClient): void {
    this.clients.delete(client);
  }

  /** Stars or unstars names of list `key`; every view of it is told its favourites. */
  async favourite(key: string, action: 'add' | 'remove', names: GeneratedName[]): Promise<void> {
    const target = await this.deps.targets.current();
    const listName = target.info.key === key ? (target.info.list ?? '') : '';
    const store = this.deps.favourites;
    const updated = action === 'add' ? await store.add(key, listName, names) : await store.remove(key, listName, names);
    for (const c of this.clients) c.favouritesChanged(key, updated);
  }

  dispose(): void {
    this.subscription.dispose();
    for (const c of [...this.clients]) c.dispose();
  }
}

export class GenerationClient {
  private ready = false;
  private key: string | null = null;
  private current: { id: number; stop: AbortController } | undefined;

  constructor(
    private readonly views: GenerationViews,
    private readonly post: (message: ToWebview) => void,
    private readonly kind: WebviewKind,
  ) {}

  /** The webview (re)loaded: it is told the target and its favourites. */
  async sendTarget(): Promise<void> {
    this.ready = true;
    try {
      this.targetChanged(await this.views.deps.targets.current());
    } catch (e) {
      this.views.deps.logError(`Could not find the model to generate from: ${errorMessage(e)}`);
    }
  }

  /** The webview was hidden (it will reload): its request stops, and nothing more is sent. */
  hidden(): void {
    this.ready = false;
    this.current?.stop.abort();
    this.current = undefined;
  }

  receive(message: GenerationRequest): void {
    switch (message.type) {
      case 'generate':
        void this.generate(message.id, message.request);
        return;
      case 'stopGenerating':
        // It ends with the names found so far, and the view is told so.
        this.current?.stop.abort();
        return;
      case 'favourite':
        this.views.favourite(message.key, message.action, message.names).catch((e: unknown) => {
          this.views.deps.logError(`Could not save the favourites: ${errorMessage(e)}`);
          this.views.deps.showError(`Makemore could not save the favourites: ${errorMessage(e)}`);
        });
        return;
      case 'saveGenerateControls':
        this.views.deps.controls?.save(this.kind, message.key, message.controls).catch((e: unknown) => {
          this.views.deps.logError(`Could not remember the Generate controls: ${errorMessage(e)}`);
        });
        return;
      default: {
        const never: never = message;
        throw new Error(`Unexpected message ${JSON.stringify(never)}`);
      }
    }
  }

  targetChanged(target: ViewTarget): void {
    if (!this.ready) return;
    // The list's controls come with it, so that the view's first request for it already uses them.
    const controls = this.views.deps.controls?.get(this.kind, target.info.key);
    this.post({ type: 'generationTarget', target: target.info, ...(controls ? { controls } : {}) });
    const key = target.info.key;
    this.key = key;
    if (key === null) {
      this.post({ type: 'favourites', key, names: [] });
      return;
    }
    this.views.deps.favourites.list(key).then(
      (names) => this.favouritesChanged(key, names),
      (e: unknown) => this.views.deps.logError(`Could not read the favourites: ${errorMessage(e)}`),
    );
  }

  favouritesChanged(key: string, names: GeneratedName[]): void {
    if (this.ready && key === this.key) this.post({ type: 'favourites', key, names });
  }

  dispose(): void {
    this.hidden();
    this.views.forget(this);
  }

  private async generate(id: number, request: GenerateRequest): Promise<void> {
    // The previous request is superseded: stopped, and its end never sent.
    this.current?.stop.abort();
    const stop = new AbortController();
    const mine = { id, stop };
    this.current = mine;
    const isCurrent = (): boolean => this.current === mine && this.ready;
    const end = (ended: Omit<Extract<ToWebview, { type: 'generateEnded' }>, 'type' | 'id'>): void => {
      if (isCurrent()) this.post({ type: 'generateEnded', id, ...ended });
      if (this.current === mine) this.current = undefined;
    };
    const target = await this.views.deps.targets.current();
    if (!isCurrent()) return;
    if (!target.model) {
      end({ error: `No model for ${target.info.document ?? 'this document'} yet: train one (Makemore: Train on File).` });
      return;
    }
    const problem = checkRequest(request, target.model.facts);
    if (problem) {
      end({ error: problem.message });
      return;
    }
    const outcome = await this.views.deps.worker.generate({
      model: target.model,
      request,
      signal: stop.signal,
      onNames: (names, progress) => {
        if (isCurrent()) this.post({ type: 'generatedNames', id, names, progress });
      },
    });
    if (outcome.kind === 'done') end({ summary: outcome.summary });
    else {
      if (outcome.kind === 'failed' && isCurrent())
        this.views.deps.logError(`Generating names failed: ${outcome.detail ?? outcome.message}`);
      end({ error: outcome.kind === 'failed' ? `Generating names failed: ${outcome.message}` : outcome.message });
    }
  }
}
