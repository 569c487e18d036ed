/**
 * The training panel: one WebviewPanel, opened beside the editor when training starts and by
 * `Makemore: Show Training Panel` (and the status bar), and brought back after a window reload by
 * the registered serializer (its state is replayed by the host, so the webview needs no saved
 * state of its own). There is only ever one, in the editor group it is in: showing it reveals it
 * there — a panel restored by a reload but not yet shown (VS Code revives a webview only once it
 * is shown) is replaced in its own group — and only when there is none does it open beside.
 */
import * as vscode from 'vscode';
import type { ExploreMode, PanelTab } from '../../shared/messages';
import { WebviewHost, webviewOptions, type WebviewHostDeps } from './webviewHost';

export const PANEL_VIEW_TYPE = 'makemore.trainingPanel';

export class TrainingPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private host: WebviewHost | undefined;
  private readonly serializer: vscode.Disposable;

  constructor(private readonly deps: WebviewHostDeps) {
    this.serializer = vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        if (this.panel) panel.dispose();
        else this.attach(panel);
      },
    });
  }

  /** Reveals the panel where it is, or opens it beside the editor; `tab`: the view to show. */
  show(preserveFocus = false, tab?: PanelTab): void {
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      if (tab) this.host?.showTab(tab);
      return;
    }
    const restored = panelTabs();
    const panel = vscode.window.createWebviewPanel(
      PANEL_VIEW_TYPE,
      'Makemore Training',
      { viewColumn: restored[0]?.group.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus },
      { ...webviewOptions(this.deps.extensionUri), retainContextWhenHidden: false },
    );
    this.attach(panel);
    // The one restored by a reload, not yet revived, is replaced by this one in its group.
    if (restored.length > 0) void vscode.window.tabGroups.close(restored, true).then(undefined, () => undefined);
    if (tab) this.host?.showTab(tab);
  }

  /** Opens the panel on its Explore tab; `text`: read it letter by letter, or make it the prefix. */
  explore(text?: string, mode: ExploreMode = 'read', preserveFocus = false): void {
    this.show(preserveFocus, 'explore');
    if (text !== undefined) this.host?.exploreText(text, mode);
  }

  /** Reads `text` in the Explore tab if the panel is open (Rank Lines by Typicality's selection), without revealing the panel. */
  exploreIfOpen(text: string): void {
    this.host?.showTab('explore');
    this.host?.exploreText(text, 'read');
  }

  /** Whether the panel is open. */
  get open(): boolean {
    return this.panel !== undefined;
  }

  /** Tells the panel (if open) the list in focus, its model and its active run. */
  updateFocus(): void {
    void this.host?.updateFocus();
  }

  /** Sends the panel (if open) the runs its Runs view shows. */
  updateRuns(): Promise<void> {
    return this.host?.updateRuns() ?? Promise.resolve();
  }

  dispose(): void {
    this.serializer.dispose();
    this.panel?.dispose();
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'icon.png');
    const host = new WebviewHost(panel.webview, 'panel', this.deps);
    this.host = host;
    panel.onDidChangeViewState(() => {
      if (!panel.visible) host.hidden();
    });
    panel.onDidDispose(() => {
      host.dispose();
      if (this.panel === panel) {
        this.panel = undefined;
        this.host = undefined;
      }
    });
  }
}

/** The panel's tabs (a panel restored by a window reload has one before VS Code revives it). */
function panelTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PANEL_VIEW_TYPE)),
  );
}
