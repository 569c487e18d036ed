/**
 * The sidebar loss view: the `webview` view `makemore.lossView` in the Makemore activity-bar
 * container. Its contents are webview/sidebar; this provider gives it its host (webviewHost.ts).
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

  /** Tells the view (if open) which model the current document uses. */
  updateActiveModel(): void {
    void this.host?.updateActiveModel();
  }

  dispose(): void {
    this.registration.dispose();
    this.host?.dispose();
  }
}
