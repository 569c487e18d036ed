/**
 * A word list in an editor and its own model, for what reads its lines against the model — Rank
 * Lines by Typicality and the editor's hover: the document's active model when it is the list's
 * own (trained on this document, or on the same text), never another list's; and the document's
 * items with their lines, read as the model's run read them (its format and column), kept per
 * document version.
 */
import type * as vscode from 'vscode';
import type { Checkpoint } from '../../core/checkpoint';
import { readItemsWithLines, type ItemsWithLines } from '../../core/itemLines';
import type { ListOptions } from '../../core/listFormat';
import { loadActiveModel, readyModelOf, type ReadyModel } from '../generation/targets';
import type { Runs } from '../runs/runs';

/** The document's own model (undefined: none, or only another list's). */
export async function ownModel(runs: Runs, document: vscode.TextDocument): Promise<ReadyModel | undefined> {
  const loaded = await loadActiveModel(runs, document);
  if (!loaded) return undefined;
  const reason = loaded.handle.info.reason;
  return reason === 'ownList' || reason === 'sameText' ? readyModelOf(loaded) : undefined;
}

/** How the model's run read its list: the format and column it stored. */
export function listOptionsOf(checkpoint: Checkpoint, document: vscode.TextDocument): ListOptions {
  const { format, column } = checkpoint.source;
  return { ...(format ? { format } : {}), ...(column ? { column } : {}), fileName: document.uri.path.split('/').pop() ?? '' };
}

/** Items per document version: a list is read again only when it changed. */
export class DocumentItems {
  private cached: { key: string; items: ItemsWithLines; lineToItem: Int32Array } | undefined;

  /** The items of `document` and, for each line, the item on it (-1: none). Throws InputError for a list that cannot be read. */
  read(document: vscode.TextDocument, options: ListOptions): { items: ItemsWithLines; lineToItem: Int32Array } {
    const key = `${document.uri.toString()}#${document.version}#${options.format ?? ''}#${options.column ?? ''}`;
    if (this.cached?.key !== key) {
      const items = readItemsWithLines(document.getText(), options);
      const lineToItem = new Int32Array(items.lineCount).fill(-1);
      items.lines.forEach((line, i) => {
        if (line >= 0 && lineToItem[line] === -1) lineToItem[line] = i;
      });
      this.cached = { key, items, lineToItem };
    }
    return this.cached;
  }
}
