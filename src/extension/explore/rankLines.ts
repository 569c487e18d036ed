/**
 * `Makemore: Rank Lines by Typicality`: the lines of a trained word list, least like the rest of
 * the list first, in a quick pick with preview — each with its item, its line, its mean surprisal
 * per character and its percentiles among the list's items; moving through the list reveals each
 * line in the editor (and reads it letter by letter in the panel's Explore tab, if the panel is
 * open); choosing one selects its line.
 *
 * Every item is scored by the list's own model in the generation worker (batched; core/
 * typicality.ts), and ranked by its percentile among the list's items of about the same length
 * (rankLeastTypical 'length': on our mixes it finds more of the odd lines than plain surprisal,
 * and unusual short names no longer crowd the top). Items with characters the model does not
 * know come first, each saying which. It ranks what is unlike the list; it is no spell checker.
 *
 * An argument `{ reveal: k }` (a keybinding, a test) reveals the k-th least typical line at once,
 * without the picker.
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../../core/errors';
import type { ItemScores } from '../../core/explored';
import { rankLeastTypical } from '../../core/ranking';
import { formatCount } from '../../shared/format';
import { formatSurprisal, percentileWords } from '../../shared/readingText';
import type { EditorTracker } from '../editors';
import type { GenerationWorker } from '../generation/generationWorker';
import { log, showFailure } from '../log';
import type { Runs } from '../runs/runs';
import { DocumentItems, listOptionsOf, ownModel } from './documentList';

/** Lines the picker lists at most (the least typical ones). */
export const MAX_RANKED = 1000;

export interface RankedLine {
  /** 0-based line (-1: not located). */
  line: number;
  item: string;
  surprisal: number | null;
  percentile: number | null;
  lengthPercentile: number | null;
  unknown?: string[];
}

/** What the command came to (its return value, for tests and keybindings). */
export type RankLinesResult =
  | { status: 'ranked'; document: string; items: number; ranked: RankedLine[]; chosen: RankedLine | null }
  | { status: 'noDocument' | 'noModel' | 'inputError' | 'stopped' | 'failed'; message: string };

export interface RankLinesDeps {
  runs: Runs;
  editors: EditorTracker;
  worker: GenerationWorker;
  /** Reads an item in the panel's explorer, if the panel is open. */
  preview(item: string): void;
}

interface LineItem extends vscode.QuickPickItem {
  ranked: RankedLine;
}

const items = new DocumentItems();

export function rankedLines(texts: readonly string[], lines: Int32Array, scores: ItemScores): RankedLine[] {
  return Array.from(rankLeastTypical(scores, 'length'), (i) => {
    const symbols = scores.symbols[i]!;
    const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
    const unknown = scores.unknown[i];
    return {
      line: lines[i]!,
      item: texts[i]!,
      surprisal: symbols > 0 ? -scores.logProb[i]! / symbols : null,
      percentile: finite(scores.percentile[i]!),
      lengthPercentile: finite(scores.lengthPercentile[i]!),
      ...(unknown ? { unknown } : {}),
    };
  });
}

/** How a ranked line is shown in the picker. */
export function lineItem(r: RankedLine, rank: number, list: string): LineItem {
  const where = r.line >= 0 ? `line ${formatCount(r.line + 1)}` : 'line not found';
  if (r.unknown) {
    return {
      label: r.item,
      description: `#${formatCount(rank)} · ${where}`,
      detail: `Characters the model does not know: ${r.unknown.map((c) => `“${c}”`).join(', ')} (none of ${list} has them)`,
      ranked: r,
    };
  }
  const byLength = r.lengthPercentile === null ? '' : ` (${Math.round(r.lengthPercentile)} % of items of its length)`;
  return {
    label: r.item,
    description: `#${formatCount(rank)} · ${where} · ${formatSurprisal(r.surprisal ?? NaN)}`,
    detail: `${percentileWords(r.percentile, list) ?? ''}${byLength}`,
    ranked: r,
  };
}

export async function rankLines(deps: RankLinesDeps, arg?: unknown): Promise<RankLinesResult> {
  const editor = deps.editors.editor;
  const document = editor?.document;
  if (!editor || !document) {
    const message = 'Open a word list that has a model (Makemore: Train on File), then run Makemore: Rank Lines by Typicality.';
    void vscode.window.showErrorMessage(message);
    return { status: 'noDocument', message };
  }
  const name = document.uri.path.split('/').pop() || document.uri.toString(true);
  const model = await ownModel(deps.runs, document);
  if (!model) {
    const message = `${name} has no model of its own yet: train one (Makemore: Train on File), then rank its lines.`;
    void vscode.window.showErrorMessage(`Makemore: ${message}`);
    return { status: 'noModel', message };
  }
  let read;
  try {
    read = items.read(document, listOptionsOf(model.loaded.checkpoint, document)).items;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore cannot read ${name} as a list: ${e.message}`);
    return { status: 'inputError', message: e.message };
  }
  const outcome = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Makemore: scoring the ${formatCount(read.items.length)} items of ${name}`,
      cancellable: true,
    },
    (_progress, token) => {
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort());
      return deps.worker.explore({ model, query: { kind: 'score', items: read.items }, signal: stop.signal });
    },
  );
  if (outcome.kind === 'stopped') return { status: 'stopped', message: 'Ranking the lines was stopped.' };
  if (outcome.kind !== 'answer' || outcome.answer.kind !== 'score') {
    const message = outcome.kind === 'rejected' || outcome.kind === 'failed' ? outcome.message : 'no scores came back';
    if (outcome.kind === 'failed') log().error(`Scoring ${name} failed: ${outcome.detail ?? outcome.message}`);
    void showFailure(`Makemore could not rank the lines of ${name}: ${message}`);
    return { status: 'failed', message };
  }
  const ranked = rankedLines(read.items, read.lines, outcome.answer);
  const document_ = document.uri.toString();
  const reveal = (r: RankedLine, select: boolean): void => {
    if (r.line < 0) return;
    const range = document.lineAt(r.line).range;
    const target = vscode.window.visibleTextEditors.find((e) => e.document === document) ?? editor;
    target.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (select) target.selection = new vscode.Selection(range.start, range.end);
  };

  const wanted =
    typeof arg === 'object' && arg !== null && Number.isInteger((arg as { reveal?: unknown }).reveal)
      ? (arg as { reveal: number }).reveal
      : undefined;
  if (wanted !== undefined) {
    const chosen = ranked[wanted] ?? null;
    if (chosen) {
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
      reveal(chosen, true);
    }
    return { status: 'ranked', document: document_, items: read.items.length, ranked: ranked.slice(0, MAX_RANKED), chosen };
  }

  const pick = vscode.window.createQuickPick<LineItem>();
  const shown = ranked.slice(0, MAX_RANKED);
  pick.title = `Makemore: the lines of ${name} least like the rest of the list${ranked.length > shown.length ? ` (the ${formatCount(shown.length)} least typical of ${formatCount(ranked.length)})` : ''}`;
  pick.placeholder = `Least typical first, by ${model.loaded.handle.info.label}: type to filter, Enter selects the line`;
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = shown.map((r, i) => lineItem(r, i + 1, name));
  const chosen = await new Promise<RankedLine | null>((resolve) => {
    pick.onDidChangeActive(([item]) => {
      if (!item) return;
      reveal(item.ranked, true);
      if (!item.ranked.unknown) deps.preview(item.ranked.item);
    });
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0] ?? pick.activeItems[0];
      resolve(item?.ranked ?? null);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(null);
      pick.dispose();
    });
    pick.show();
  });
  if (chosen) {
    try {
      await vscode.window.showTextDocument(document, { viewColumn: editor.viewColumn, preserveFocus: false });
      reveal(chosen, true);
    } catch (e) {
      log().warn(`Could not reveal line ${chosen.line + 1} of ${name}: ${errorMessage(e)}`);
    }
  }
  return { status: 'ranked', document: document_, items: read.items.length, ranked: shown, chosen };
}
