/**
 * The host side of one webview (the training panel or the sidebar loss view): its HTML shell
 * and options, and the message plumbing.
 *
 * - The webview loads only `dist/webview/*` (localResourceRoots), under the strict CSP of
 *   src/shared/webviewHtml.ts with a fresh nonce.
 * - Nothing is sent before the webview posts `ready`. On `ready` it gets the host's RunState as a
 *   `snapshot`, the list in focus with its model and active run (views/focusState.ts; and the panel,
 *   the runs its Runs view shows); from then on the run events, batched to ≤ 10
 *   messages a second (eventBatcher.ts). A hidden webview is torn down (retainContextWhenHidden
 *   is off) and posts `ready` again when shown, so it is replayed the current state.
 * - Incoming messages are checked with `isFromWebview` before they are acted on; those of the
 *   Generate views (their requests, favourites and controls) go to the webview's
 *   GenerationClient (generation/generationViews.ts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { Focus } from '../../shared/focus';
import { isFromWebview, type ExploreMode, type FromWebview, type PanelTab, type ToWebview } from '../../shared/messages';
import type { FileRuns } from '../../shared/runRecord';
import { isGenerationRequest, type GenerationClient, type GenerationRequest, type GenerationViews } from '../generation/generationViews';
import { makeNonce, webviewHtml, type WebviewKind } from '../../shared/webviewHtml';
import type { RunHub } from '../jobs/runHub';
import { log } from '../log';
import { ExploreClient } from '../explore/exploreClient';
import { EventBatcher } from './eventBatcher';
import { focusKey } from './focusState';

/** A webview's message for the rest of the extension (commands.ts): not `ready`, not the Generate views' or the explorer's. */
export type WebviewRequest = Exclude<FromWebview, { type: 'ready' | 'explore' } | GenerationRequest>;

export interface WebviewHostDeps {
  extensionUri: vscode.Uri;
  hub: RunHub;
  /** The list in focus, its model and its active run (views/focusState.ts). */
  focus(): Promise<Focus>;
  /** The runs the panel's Runs view shows (runs/shownRuns.ts; null: none). */
  fileRuns(): Promise<FileRuns | null>;
  /** Acts on a checked message other than `ready` and those of the Generate views. */
  onMessage(message: WebviewRequest): void;
  /** The Generate views' side in the host. */
  generation: GenerationViews;
}

const TITLES: Record<WebviewKind, string> = { panel: 'Makemore Training', sidebar: 'Makemore Model and Names' };

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)] };
}

export class WebviewHost implements vscode.Disposable {
  private ready = false;
  /** A tab to show once the webview is ready, and a text for its explorer. */
  private pendingTab: PanelTab | undefined;
  private pendingExplore: { text: string; mode: ExploreMode } | undefined;
  /** What the last `runs` message said (its curves are large: unchanged runs are not sent again). */
  private runsSent: string | undefined;
  /** What the last `focus` message said (likewise). */
  private focusSent: string | undefined;
  private readonly batcher: EventBatcher;
  private readonly generation: GenerationClient;
  private readonly explore: ExploreClient;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    private readonly kind: WebviewKind,
    private readonly deps: WebviewHostDeps,
  ) {
    this.batcher = new EventBatcher((events) => this.post({ type: 'events', events }));
    this.generation = deps.generation.client((m) => this.post(m), kind);
    this.explore = new ExploreClient(deps.generation.deps, (m) => this.post(m));
    const root = webviewRoot(deps.extensionUri);
    const asset = (name: string): string => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
    webview.options = webviewOptions(deps.extensionUri);
    webview.html = webviewHtml({
      kind,
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: asset(`${kind}.js`),
      styleUris: [asset('uPlot.min.css'), asset('style.css')],
      title: TITLES[kind],
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => this.receive(m)),
      deps.hub.onEvent((event) => {
        if (this.ready) this.batcher.push(event);
      }),
    );
  }

  /** The webview was hidden: it will reload and post `ready` when shown again. */
  hidden(): void {
    this.ready = false;
    this.batcher.clear();
    this.generation.hidden();
    this.explore.hidden();
  }

  /** Shows a tab of the panel: now, or as soon as the webview is ready. */
  showTab(tab: PanelTab): void {
    if (this.ready) this.post({ type: 'showTab', tab });
    else this.pendingTab = tab;
  }

  /** Shows `text` in the panel's explorer (read letter by letter, or as the prefix): now, or once the webview is ready. */
  exploreText(text: string, mode: ExploreMode): void {
    if (this.ready) this.post({ type: 'exploreText', text, mode });
    else this.pendingExplore = { text, mode };
  }

  /** Tells the webview the list in focus, its model and its active run now (unless it knows them already). */
  async updateFocus(): Promise<void> {
    if (!this.ready) return;
    let focus: Focus;
    try {
      focus = await this.deps.focus();
    } catch (e) {
      log().error(`Could not tell the webviews the list in focus: ${errorMessage(e)}`);
      return;
    }
    const key = focusKey(focus);
    if (!this.ready || key === this.focusSent) return;
    this.focusSent = key;
    this.post({ type: 'focus', focus });
  }

  /** Sends the panel the runs its Runs view shows now (the sidebar has no Runs view). */
  async updateRuns(): Promise<void> {
    if (!this.ready || this.kind !== 'panel') return;
    let runs: FileRuns | null = null;
    try {
      runs = await this.deps.fileRuns();
    } catch (e) {
      log().error(`Could not send the runs to the panel: ${errorMessage(e)}`);
    }
    const key = JSON.stringify(
      runs && [runs.fileKey, runs.runs.map((r) => r.id), runs.active, runs.chosen, runs.settings, runs.currentTextSha256, runs.fileName],
    );
    if (!this.ready || key === this.runsSent) return;
    this.runsSent = key;
    this.post({ type: 'runs', runs });
  }

  dispose(): void {
    this.ready = false;
    this.batcher.clear();
    this.generation.dispose();
    this.explore.dispose();
    for (const d of this.disposables) d.dispose();
  }

  private receive(message: unknown): void {
    if (!isFromWebview(message)) {
      log().warn(`Ignored an unexpected message from a webview: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    if (message.type === 'ready') {
      this.ready = true;
      this.runsSent = undefined;
      this.focusSent = undefined;
      this.batcher.clear();
      this.post({ type: 'snapshot', state: this.deps.hub.state });
      if (this.pendingTab) this.post({ type: 'showTab', tab: this.pendingTab });
      if (this.pendingExplore) this.post({ type: 'exploreText', ...this.pendingExplore });
      this.pendingTab = undefined;
      this.pendingExplore = undefined;
      void this.updateFocus();
      void this.updateRuns();
      void this.generation.sendTarget();
    } else if (message.type === 'explore') {
      void this.explore.receive(message.id, message.query);
    } else if (isGenerationRequest(message)) {
      this.generation.receive(message);
    } else {
      this.deps.onMessage(message);
    }
  }

  private post(message: ToWebview): void {
    void this.webview.postMessage(message);
  }
}
