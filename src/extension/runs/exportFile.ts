/**
 * Saving what a webview exports — the loss chart as PNG, curves as CSV, a run's configuration as
 * JSON: a Save dialog (beside the word list, or in the workspace), then the bytes written with
 * `vscode.workspace.fs` (so it works in remote and web hosts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { ExportFormat } from '../../shared/messages';
import { showFailure } from '../log';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] },
  csv: { 'CSV (comma-separated values)': ['csv'] },
  json: { JSON: ['json'] },
};

/** The bytes of base64 text (atob: in Node and in browsers alike). */
export function fromBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The bytes to write for an export's data: base64 for a PNG, text otherwise. */
export function exportBytes(format: ExportFormat, data: string): Uint8Array {
  return format === 'png' ? fromBase64(data) : new TextEncoder().encode(data);
}

/**
 * Why an export may not be written at `target`, or undefined: a file open in an editor is the
 * user's document (a word list, their notes), never overwritten by an export — even when the
 * Save dialog's "Replace" was clicked on it by mistake.
 */
export function exportRefusal(target: vscode.Uri): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  return open
    ? `${vscode.workspace.asRelativePath(target, false)} is open in an editor: an export does not replace it. Choose another name.`
    : undefined;
}

/**
 * Asks where to save `fileName` (near `near`: the word list, when it is a file) and writes it —
 * never over a document open in an editor (`exportRefusal`).
 * Resolves to where it was saved, or undefined (cancelled, or failed: then the user was told).
 */
export async function saveExport(format: ExportFormat, fileName: string, data: string, near?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = near && near.scheme !== 'untitled' ? vscode.Uri.joinPath(near, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    title: `Makemore: Save ${format.toUpperCase()}`,
    saveLabel: 'Save',
    filters: FILTERS[format],
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, fileName) } : {}),
  });
  if (!target) return undefined;
  const refusal = exportRefusal(target);
  if (refusal) {
    void showFailure(`Makemore did not save the ${format.toUpperCase()}: ${refusal}`);
    return undefined;
  }
  try {
    await vscode.workspace.fs.writeFile(target, exportBytes(format, data));
  } catch (e) {
    void showFailure(`Makemore could not save ${target.toString(true)}: ${errorMessage(e)}`);
    return undefined;
  }
  void vscode.window.showInformationMessage(`Makemore saved ${vscode.workspace.asRelativePath(target, false)}.`, 'Open').then((action) => {
    if (action === 'Open') void vscode.commands.executeCommand('vscode.open', target);
  });
  return target;
}
