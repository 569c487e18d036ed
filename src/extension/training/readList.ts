/**
 * The word list a job runs on, as the user means it — also a file the editor does not show as
 * text (too large for the editor, or taken for binary):
 *
 * - with a URI (the Explorer's or the editor's context menu): that file;
 * - without one: the file of the active tab when it is a text file no text editor shows (the
 *   editor's "not displayed" placeholder), else the current text editor's document.
 *
 * An open document gives its text as it is in the editor, unsaved edits included. Any other file
 * is read from disk through `workspace.fs` (every host: the desktop's, VS Code for the Web's) and
 * decoded as the CLI decodes files (core/wordlist.ts: UTF-8, UTF-16 with a byte-order mark); a
 * file that is binary, too large (core/wordlist.ts MAX_FILE_BYTES) or in another encoding is
 * turned down with the message that says which — never opened as a document, which would copy
 * all of it into the extension host first (and fails above 50 MB).
 */
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { MAX_FILE_BYTES, decodeTextWithEncoding, tooLargeMessage } from '../../core/wordlist';

/** A word list's text and where it is: an open document, or a file read from disk. */
export interface ListDocument {
  readonly uri: vscode.Uri;
  getText(): string;
  /** Set when the text was read from disk: how large the file is, and whether an editor tab shows the file without its text. */
  readonly fromDisk?: { bytes: number; notShown: boolean };
}

/** The file of the active tab, when it is a text file that no text editor shows (the editor's placeholder: too large, binary). */
export function unshownActiveFile(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  if (!(input instanceof vscode.TabInputText)) return undefined;
  const uri = input.uri.toString();
  return vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === uri) ? undefined : input.uri;
}

/** The list a command means: `uri`, else the unshown active file, else the current document's. */
export function listTarget(uri: vscode.Uri | undefined, current: vscode.TextDocument | undefined): vscode.Uri | undefined {
  return uri ?? unshownActiveFile() ?? current?.uri;
}

/** Whether an editor tab shows this file (as text or as the editor's placeholder). */
function inATab(uri: vscode.Uri): boolean {
  const id = uri.toString();
  return vscode.window.tabGroups.all.some((g) =>
    g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === id),
  );
}

/** "31.5 MB", "820 KB": a file's size in a sentence. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The text of the list at `uri`: the open document's, or the file's from disk (`onDisk` is told
 * its size before it is read). Throws InputError for a file that cannot be a word list.
 */
export async function readList(uri: vscode.Uri, onDisk?: (bytes: number) => void): Promise<ListDocument> {
  const id = uri.toString();
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
  if (open) return open;
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    throw new InputError('The file is not there any more (it was moved or deleted).');
  }
  if (stat.type & vscode.FileType.Directory) throw new InputError('It is a folder, not a word list.');
  if (stat.size > MAX_FILE_BYTES) {
    // Refused from its size, never read (the CLI does the same: cli/listFile.ts).
    throw new InputError(tooLargeMessage(stat.size));
  }
  onDisk?.(stat.size);
  const bytes = await vscode.workspace.fs.readFile(uri);
  const text = decodeTextWithEncoding(bytes).text;
  return { uri, getText: () => text, fromDisk: { bytes: bytes.length, notShown: inATab(uri) } };
}
