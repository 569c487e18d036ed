/**
 * THE word list in focus — the one definition every view and command follows (the sidebar, the
 * panel, both Generate views, Runs, the status bar, Train on File, Insert Sampled Name, Generate
 * Names…). It is the document of, in this order:
 *
 *  1. the active text editor;
 *  2. while a webview (the panel, the sidebar) or another part of the window has the focus, the
 *     last active text editor — as long as its document is open in a tab, visible or hidden
 *     behind the panel in the same editor group;
 *  3. the first visible text editor (after a window reload, before any editor was active: the
 *     views decide from the visible editors before anything else);
 *  4. none: no text editor is open (the views then show the list whose model was used last,
 *     named as such: views/focusState.ts).
 *
 * `editor` is the visible editor of that document (what an insert writes into); `revealEditor`
 * brings it to the front when it is hidden. `onDidChange` fires whenever the document in focus
 * changes, whatever changed it (the active editor, the visible editors, the tabs).
 */
import * as vscode from 'vscode';

/** Editors that are not documents the user writes in. */
const IGNORED_SCHEMES = new Set(['output', 'vscode-scm', 'comment']);

const usable = (editor: vscode.TextEditor | undefined): editor is vscode.TextEditor =>
  editor !== undefined && !IGNORED_SCHEMES.has(editor.document.uri.scheme);

/** The tabs that show a text document (any editor group). */
function textTabs(uri: vscode.Uri): vscode.Tab[] {
  const id = uri.toString();
  return vscode.window.tabGroups.all.flatMap((g) =>
    g.tabs.filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === id),
  );
}

export class EditorTracker implements vscode.Disposable {
  /** The document of the last active text editor. */
  private last: vscode.TextDocument | undefined;
  /** The URI of the document in focus when last announced. */
  private shown: string | undefined;
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument | undefined>();
  /** Fires when the document in focus changed (with it; undefined: none). */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.remember(vscode.window.activeTextEditor);
    this.shown = this.document?.uri.toString();
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((e) => {
        this.remember(e);
        this.check();
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.check()),
      vscode.window.tabGroups.onDidChangeTabs(() => this.check()),
      vscode.workspace.onDidCloseTextDocument(() => this.check()),
      this.changed,
    ];
  }

  /** The document in focus (see the top of this file); undefined: no text editor is open. */
  get document(): vscode.TextDocument | undefined {
    const active = vscode.window.activeTextEditor;
    if (usable(active)) return active.document;
    const last = this.last;
    if (last && !last.isClosed && textTabs(last.uri).length > 0) return last;
    return vscode.window.visibleTextEditors.find(usable)?.document;
  }

  /** The visible editor of the document in focus (undefined: none, or it is hidden behind another tab). */
  get editor(): vscode.TextEditor | undefined {
    const document = this.document;
    if (!document) return undefined;
    const active = vscode.window.activeTextEditor;
    if (active?.document === document) return active;
    // The editor object is replaced when its tab is hidden and shown again: match the document.
    return vscode.window.visibleTextEditors.find((e) => e.document === document);
  }

  /**
   * The editor of the document in focus, brought to the front in its own editor group (without
   * taking the focus) if it is hidden there; undefined when no document is in focus.
   */
  async revealEditor(): Promise<vscode.TextEditor | undefined> {
    const visible = this.editor;
    if (visible) return visible;
    const document = this.document;
    if (!document) return undefined;
    const viewColumn = textTabs(document.uri)[0]?.group.viewColumn;
    return vscode.window.showTextDocument(document, { viewColumn, preserveFocus: true, preview: false });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  private remember(editor: vscode.TextEditor | undefined): void {
    if (usable(editor)) this.last = editor.document;
  }

  /** Announces the document in focus if it changed. */
  private check(): void {
    const document = this.document;
    const id = document?.uri.toString();
    if (id === this.shown) return;
    this.shown = id;
    this.changed.fire(document);
  }
}
