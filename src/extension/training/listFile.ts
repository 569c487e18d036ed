/**
 * A word list's file, checked before it is opened: a file over the size cap (core/wordlist.ts
 * MAX_FILE_BYTES) is refused from its size, never read (the CLI does the same: cli/listFile.ts).
 * A document already open in an editor is checked by the reader itself (`parseWordList`).
 */
import * as vscode from 'vscode';
import { InputError } from '../../core/errors';
import { MAX_FILE_BYTES, tooLargeMessage } from '../../core/wordlist';

/** Throws an InputError when the file at `uri` is larger than a word list may be; files that cannot be stat'ed are left to the opening. */
export async function checkListFileSize(uri: vscode.Uri): Promise<void> {
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return;
  }
  if (size > MAX_FILE_BYTES) throw new InputError(tooLargeMessage(size));
}
