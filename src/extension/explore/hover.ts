/**
 * The editor's hover on a word list's lines: the item on the hovered line read letter by letter by
 * the list's own model (shared/readingText.ts readingMarkdown: each letter's probability,
 * surprisal, rank and the model's top 5 guesses; the item's mean surprisal and its percentile
 * among the list's items). Only a list with a model of its own gets one, and only when the
 * setting `makemore.explore.hover` allows it: "auto" (the default) on lists up to 100,000 lines,
 * "on", or "off".
 *
 * The reading is the generation worker's (the same model it generates from, its list's scores
 * computed once). An item of one-per-line list is the trimmed line itself; other formats are read
 * as the run read them, once per version of the document (documentList.ts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import type { Reading } from '../../core/explored';
import { readingMarkdown } from '../../shared/readingText';
import type { GenerationWorker } from '../generation/generationWorker';
import type { ReadyModel } from '../generation/targets';
import { log } from '../log';
import type { Runs } from '../runs/runs';
import { DocumentItems, listOptionsOf, ownModel } from './documentList';

export const EXPLORE_SECTION = 'makemore.explore';
/** Lines above which "auto" turns the hover off. */
export const HOVER_MAX_LINES = 100_000;

export type HoverSetting = 'auto' | 'on' | 'off';

export function hoverEnabled(setting: unknown, lineCount: number): boolean {
  if (setting === 'off' || setting === false) return false;
  if (setting === 'on' || setting === true) return true;
  return lineCount <= HOVER_MAX_LINES;
}

export interface HoverDeps {
  runs: Runs;
  worker: GenerationWorker;
}

export class ReadingHover implements vscode.HoverProvider {
  private readonly items = new DocumentItems();
  /** Each document's own model, until the models change. */
  private readonly models = new Map<string, Promise<ReadyModel | undefined>>();

  constructor(private readonly deps: HoverDeps) {}

  /** The stored models (or which one is active) changed. */
  modelsChanged(): void {
    this.models.clear();
  }

  private model(document: vscode.TextDocument): Promise<ReadyModel | undefined> {
    const key = document.uri.toString();
    let model = this.models.get(key);
    if (!model) {
      model = ownModel(this.deps.runs, document);
      model.catch(() => this.models.delete(key));
      this.models.set(key, model);
    }
    return model;
  }

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
    token: vscode.CancellationToken,
  ): Promise<vscode.Hover | undefined> {
    const setting = vscode.workspace.getConfiguration(EXPLORE_SECTION, document.uri).get<unknown>('hover');
    if (!hoverEnabled(setting, document.lineCount)) return undefined;
    const line = document.lineAt(position.line);
    if (line.isEmptyOrWhitespace) return undefined;
    try {
      const model = await this.model(document);
      if (!model || token.isCancellationRequested) return undefined;
      const checkpoint = model.loaded.checkpoint;
      const options = listOptionsOf(checkpoint, document);
      let item: string | undefined;
      if ((options.format ?? 'lines') === 'lines') item = line.text.trim().normalize('NFC');
      else {
        const { items, lineToItem } = this.items.read(document, options);
        const i = lineToItem[position.line] ?? -1;
        item = i >= 0 ? items.items[i] : undefined;
      }
      if (!item) return undefined;
      const stop = new AbortController();
      token.onCancellationRequested(() => stop.abort());
      const outcome = await this.deps.worker.explore({ model, query: { kind: 'read', text: item }, signal: stop.signal });
      if (outcome.kind !== 'answer' || token.isCancellationRequested) {
        if (outcome.kind === 'failed') log().error(`The hover's reading failed: ${outcome.detail ?? outcome.message}`);
        return undefined;
      }
      const reading = outcome.answer as Reading;
      const markdown = new vscode.MarkdownString(readingMarkdown(reading, model.loaded.handle.run.fileName));
      markdown.appendMarkdown(
        `\n\n*Makemore: ${model.loaded.handle.info.label}* · [Explore](command:makemore.explore?${encodeURIComponent(JSON.stringify([{ text: item, mode: 'read' }]))})`,
      );
      markdown.isTrusted = { enabledCommands: ['makemore.explore'] };
      const start = line.text.indexOf(item.charAt(0));
      return new vscode.Hover(markdown, new vscode.Range(position.line, Math.max(0, start), position.line, line.text.trimEnd().length));
    } catch (e) {
      log().warn(`No reading for line ${position.line + 1} of ${document.uri.toString(true)}: ${errorMessage(e)}`);
      return undefined;
    }
  }
}
