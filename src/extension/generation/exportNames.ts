/**
 * Exporting generated names (results or favourites) as text, CSV (`name,tag,typicality`) or
 * JSON (core/nameExport.ts formatNames; CSV cells a spreadsheet would run as formulas escaped):
 * into a new untitled document, or to a file picked in the Save dialog (written through
 * workspace.fs; never over a document open in an editor: runs/exportFile.ts exportRefusal).
 */
import * as vscode from 'vscode';
import type { GeneratedName } from '../../core/generated';
import { formatNames, type NameFormat } from '../../core/nameExport';
import { errorMessage } from '../../core/errors';
import { formatCount } from '../../shared/format';
import { showFailure } from '../log';
import { exportRefusal } from '../runs/exportFile';

export type ExportTarget = 'document' | 'file';

/** What an export came to (the command's value, for tests). */
export type ExportResult =
  { status: 'exported'; format: NameFormat; to: ExportTarget; uri: vscode.Uri } | { status: 'cancelled' | 'failed' };

interface FormatItem extends vscode.QuickPickItem {
  format: NameFormat;
}

const FORMATS: FormatItem[] = [
  { format: 'txt', label: 'Text', description: 'one name per line' },
  { format: 'csv', label: 'CSV', description: 'name, tag, typicality' },
  { format: 'json', label: 'JSON', description: 'an array of { name, tag, logProbPerChar }' },
];

const LANGUAGE: Record<NameFormat, string> = { txt: 'plaintext', csv: 'plaintext', json: 'json' };
const FILTERS: Record<NameFormat, Record<string, string[]>> = { txt: { Text: ['txt'] }, csv: { CSV: ['csv'] }, json: { JSON: ['json'] } };

/**
 * Exports `names` (`what`: "favourites of names.txt"), asking for the format and where to
 * unless `choice` says.
 */
export async function exportNames(
  names: readonly GeneratedName[],
  what: string,
  choice: { format?: NameFormat; to?: ExportTarget } = {},
): Promise<ExportResult> {
  const title = `Makemore: Export ${formatCount(names.length)} ${what}`;
  // The picks stay open when the focus moves: asked from a webview's button, the focus goes back
  // to the webview as the first pick closes, and could close the second as it opens (Escape cancels).
  const format =
    choice.format ??
    (await vscode.window.showQuickPick(FORMATS, { title: `${title} (1/2): format`, placeHolder: 'Format', ignoreFocusOut: true }))?.format;
  if (!format) return { status: 'cancelled' };
  const to =
    choice.to ??
    (
      await vscode.window.showQuickPick(
        [
          { to: 'document' as const, label: 'New Document', description: 'an untitled editor' },
          { to: 'file' as const, label: 'File…', description: 'pick where to save it' },
        ],
        { title: `${title} (2/2): where`, placeHolder: 'Export to', ignoreFocusOut: true },
      )
    )?.to;
  if (!to) return { status: 'cancelled' };
  const content = formatNames(names, format);
  try {
    if (to === 'document') {
      const document = await vscode.workspace.openTextDocument({ content, language: LANGUAGE[format] });
      await vscode.window.showTextDocument(document);
      return { status: 'exported', format, to, uri: document.uri };
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      title,
      filters: FILTERS[format],
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `names.${format}`) } : {}),
    });
    if (!uri) return { status: 'cancelled' };
    const refusal = exportRefusal(uri);
    if (refusal) {
      void showFailure(`Makemore did not export the names: ${refusal}`);
      return { status: 'failed' };
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(content));
    void vscode.window
      .showInformationMessage(
        `Makemore exported ${formatCount(names.length)} ${what} to ${vscode.workspace.asRelativePath(uri, false)}.`,
        'Open',
      )
      .then((a) => {
        if (a === 'Open') void vscode.window.showTextDocument(uri);
      });
    return { status: 'exported', format, to, uri };
  } catch (e) {
    void showFailure(`Makemore could not export the names: ${errorMessage(e)}`);
    return { status: 'failed' };
  }
}
