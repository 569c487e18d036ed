/**
 * The sidebar view "Model and Names": the `webview` view `makemore.lossView` (the id it had as the
 * "Loss" view, kept so that users' layouts survive) in the Makemore activity-bar container. Its
 * contents are webview/sidebar; this provider gives it its host (webviewHost.ts).
 */
import * as vscode from 'vscode';
import { WebviewHost, type WebviewHostDeps } from './webviewHost';

export const LOSS_VIEW_ID = 'makemore.lossView';

export class LossViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private host: WebviewHost | undefined;
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: WebviewHostDeps) {
    this.registration = vscode.window.registerWebviewViewProvider(LOSS_VIEW_ID, this);
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.host?.dispose();
    const host = new WebviewHost(view.webview, 'sidebar', this.deps);
    this.host = host;
    view.onDidChangeVisibility(() => {
      if (!view.visible) host.hidden();
    });
    view.onDidDispose(() => {
      host.dispose();
      if (this.host === host) this.host = undefined;
    });
  }

  /** Tells the view (if open) the list in focus, its model and its active run. */
  updateFocus(): void {
    void this.host?.updateFocus();
  }

  dispose(): void {
    this.registration.dispose();
    this.host?.dispose();
  }
}
