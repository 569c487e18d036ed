/**
 * Which word list's runs the panel's Runs view shows: the one Makemore: Compare Runs was asked
 * for (from a notification, Select Model, or the command with a file), until another list comes
 * into focus; else the runs of the list in focus (editors.ts); else the runs of the model it
 * uses (runs.ts `active`: a draft without runs shows the runs of the list its names come from,
 * under that list's name).
 */
import type * as vscode from 'vscode';
import type { FileRuns } from '../../shared/runRecord';
import type { EditorTracker } from '../editors';
import type { Runs } from './runs';

export class ShownRuns implements vscode.Disposable {
  private pinned: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly runs: Runs,
    private readonly editors: EditorTracker,
  ) {
    // Another list in focus: its runs (or its model's) from now on.
    this.subscription = editors.onDidChange(() => (this.pinned = undefined));
  }

  /** Shows this word list's runs until the user moves to another editor. */
  pin(fileKey: string | undefined): void {
    this.pinned = fileKey;
  }

  /** The key of the word list shown (undefined: no runs at all). */
  async fileKey(): Promise<string | undefined> {
    if (this.pinned) return this.pinned;
    const document = this.editors.document;
    const own = document ? await this.runs.keyOf(document.uri) : undefined;
    if (own && (await this.runs.store.file(own)).group.runs.length > 0) return own;
    return (await this.runs.active(document))?.run.fileKey;
  }

  /** The runs the view shows, or null when there are none. */
  async current(): Promise<FileRuns | null> {
    const key = await this.fileKey();
    return key ? this.runs.fileRuns(key) : null;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
