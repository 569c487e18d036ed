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
 * Asks where to save `fileName` (near `near`: the word list, when it is a file) and writes it.
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
