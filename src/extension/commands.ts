/**
 * The commands of package.json `contributes.commands`, and the webviews' requests, routed to the
 * parts of the extension that carry them out.
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../core/errors';
import type { FromWebview, WebviewCommand } from '../shared/messages';
import type { FileRuns } from '../shared/runs';
import type { EditorTracker } from './editors';
import type { LrFinder } from './experiments/lrFinder';
import type { Sweeper } from './experiments/sweeper';
import type { Jobs } from './jobs/jobs';
import type { RunHub } from './jobs/runHub';
import { showFailure } from './log';
import { insertSampledName, insertText } from './names/insertNames';
import { sampleList } from './names/sampling';
import { saveExport } from './runs/exportFile';
import { deleteRunAsking, useAsActive } from './runs/runActions';
import type { Runs } from './runs/runs';
import { selectModel } from './runs/selectModel';
import type { ShownRuns } from './runs/shownRuns';
import { SAMPLING_SECTION, readSamplingSettings } from './settings';
import type { Trainer } from './training/trainer';

export const COMMANDS = {
  train: 'makemore.trainOnFile',
  insert: 'makemore.insertSampledName',
  /** Stops whichever job runs (the id dates from when training was the only job; kept for users' keybindings). */
  stop: 'makemore.stopTraining',
  showPanel: 'makemore.showPanel',
  selectModel: 'makemore.selectModel',
  compareRuns: 'makemore.compareRuns',
  sweep: 'makemore.sweep',
  findLearningRate: 'makemore.findLearningRate',
  keepSweepBest: 'makemore.keepSweepBest',
  useLearningRate: 'makemore.useLearningRate',
  /** Not in the palette: what the Runs view's and Select Model's actions do, for keybindings and tests (arguments: file key, run id). */
  useRunAsActive: 'makemore.runs.useAsActive',
  deleteRun: 'makemore.runs.delete',
} as const;

export interface CommandDeps {
  jobs: Jobs;
  trainer: Trainer;
  sweeper: Sweeper;
  lrFinder: LrFinder;
  runs: Runs;
  shownRuns: ShownRuns;
  editors: EditorTracker;
  hub: RunHub;
  showPanel(): void;
  /** Opens the panel on its Runs view (and sends it the runs shown). */
  showRunsView(): Promise<void>;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { jobs, trainer, sweeper, lrFinder, runs, editors } = deps;
  const insertDeps = { editors, runs, train: (uri: vscode.Uri) => void trainer.trainOnFile(uri) };
  return [
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.train, (uri?: unknown) => trainer.trainOnFile(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.insert, () => insertSampledName(insertDeps)),
    vscode.commands.registerCommand(COMMANDS.stop, () => jobs.stop()),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => deps.showPanel()),
    vscode.commands.registerCommand(COMMANDS.selectModel, () => selectModel(runs, (key) => void compareRuns(deps, key))),
    vscode.commands.registerCommand(COMMANDS.compareRuns, (arg?: unknown) => compareRuns(deps, arg)),
    // An argument object (from a keybinding, or a test) replaces the questions: experimentOptions.ts.
    vscode.commands.registerCommand(COMMANDS.sweep, (arg?: unknown) => sweeper.sweep(arg)),
    vscode.commands.registerCommand(COMMANDS.findLearningRate, (arg?: unknown) => lrFinder.find(arg)),
    vscode.commands.registerCommand(COMMANDS.keepSweepBest, () => sweeper.keepBest()),
    vscode.commands.registerCommand(COMMANDS.useLearningRate, (arg?: unknown) => lrFinder.useSuggestion(arg)),
    vscode.commands.registerCommand(COMMANDS.useRunAsActive, (fileKey: string, runId: string) => useAsActive(runs, fileKey, runId)),
    vscode.commands.registerCommand(COMMANDS.deleteRun, (fileKey: string, runId: string) => deleteRunAsking(runs, fileKey, runId)),
  ];
}

/**
 * Makemore: Compare Runs — the panel's Runs view, for a word list: `arg` a file key or a URI
 * (from a notification, Select Model, the explorer), else the current document's. Resolves to
 * the runs shown (null: none stored).
 */
export async function compareRuns(deps: CommandDeps, arg?: unknown): Promise<FileRuns | null> {
  const key = typeof arg === 'string' && /^[0-9a-f]{16}$/.test(arg) ? arg : arg instanceof vscode.Uri ? await deps.runs.keyOf(arg) : undefined;
  deps.shownRuns.pin(key);
  const shown = await deps.shownRuns.current();
  if (!shown) {
    void vscode.window.showInformationMessage('Makemore has no runs to compare yet: run Makemore: Train on File on a word list.');
    return null;
  }
  await deps.showRunsView();
  return shown;
}

/** Acts on a (checked) message from the panel or the sidebar view. */
export function handleWebviewMessage(deps: CommandDeps, message: Exclude<FromWebview, { type: 'ready' }>): void {
  const done = (work: Promise<unknown>): void => {
    void work.catch((e: unknown) => {
      void showFailure(`Makemore: ${errorMessage(e)}`);
    });
  };
  switch (message.type) {
    case 'insert':
      done(insertText(deps.editors, message.text));
      return;
    case 'runAction':
      done(message.action === 'activate' ? useAsActive(deps.runs, message.fileKey, message.runId) : deleteRunAsking(deps.runs, message.fileKey, message.runId));
      return;
    case 'clearFileSettings':
      done(deps.runs.clearSettings(message.fileKey));
      return;
    case 'export':
      done(exportFromWebview(deps, message));
      return;
    case 'command':
      break;
  }
  const handlers: Record<WebviewCommand, () => unknown> = {
    train: () => deps.trainer.trainOnFile(trainAgainTarget(deps)),
    stop: () => deps.jobs.stop(),
    moreSamples: () => moreSamples(deps),
    insertSample: () => vscode.commands.executeCommand(COMMANDS.insert),
    showPanel: () => deps.showPanel(),
    sweep: () => deps.sweeper.sweep(),
    findLearningRate: () => deps.lrFinder.find(),
    keepSweepBest: () => deps.sweeper.keepBest(),
    useLearningRate: () => deps.lrFinder.useSuggestion(),
    compareRuns: () => compareRuns(deps),
  };
  done(Promise.resolve(handlers[message.command]()));
}

/** Saves an export beside the word list whose runs are shown. */
async function exportFromWebview(deps: CommandDeps, message: Extract<FromWebview, { type: 'export' }>): Promise<void> {
  const shown = await deps.shownRuns.current();
  const near = shown?.document ? vscode.Uri.parse(shown.document) : undefined;
  await saveExport(message.format, message.fileName, message.data, near);
}

/** "Train again": the last run's document while it is open (or on disk), else the current one. */
function trainAgainTarget(deps: CommandDeps): vscode.Uri | undefined {
  const last = deps.trainer.lastDocument;
  if (!last) return undefined;
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === last.toString());
  return open || last.scheme !== 'untitled' ? last : undefined;
}

/** New samples for the panel from the model the current document uses (runs.ts `active`), named. */
async function moreSamples(deps: CommandDeps): Promise<void> {
  const document = deps.editors.editor?.document;
  const model = await deps.runs.active(document);
  if (!model) {
    void vscode.window.showInformationMessage('Makemore has no trained model yet: run Makemore: Train on File on a word list.');
    return;
  }
  try {
    const settings = readSamplingSettings(vscode.workspace.getConfiguration(SAMPLING_SECTION, document?.uri));
    deps.hub.publish({ type: 'samples', words: sampleList(await model.load(), settings), from: model.info.label });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
  }
}
