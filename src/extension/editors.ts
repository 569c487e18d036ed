/**
 * The text editor that commands act on. `window.activeTextEditor` is undefined while a webview
 * (the training panel) has focus, so the last active text editor is remembered, and used as
 * long as it is still visible.
 */
import * as vscode from 'vscode';

/** Editors that are not documents the user writes in. */
const IGNORED_SCHEMES = new Set(['output', 'vscode-scm', 'comment']);

export class EditorTracker implements vscode.Disposable {
  private last: vscode.TextEditor | undefined;
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.subscription = vscode.window.onDidChangeActiveTextEditor((e) => this.remember(e));
  }

  /** The active text editor, else the last one if it is still visible. */
  get editor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (active && !IGNORED_SCHEMES.has(active.document.uri.scheme)) return active;
    const last = this.last;
    if (!last) return undefined;
    const visible = vscode.window.visibleTextEditors;
    // The editor object is replaced when its tab is hidden and shown again: match the document.
    return visible.includes(last) ? last : visible.find((e) => e.document === last.document);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (editor && !IGNORED_SCHEMES.has(editor.document.uri.scheme)) this.last = editor;
  }
}
