/**
 * The commands of package.json `contributes.commands`, and the webviews' requests, routed to the
 * parts of the extension that carry them out.
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../core/errors';
import type { FromWebview, WebviewCommand } from '../shared/messages';
import type { EditorTracker } from './editors';
import type { LrFinder } from './experiments/lrFinder';
import type { Sweeper } from './experiments/sweeper';
import type { Jobs } from './jobs/jobs';
import type { RunHub } from './jobs/runHub';
import { showFailure } from './log';
import type { Models } from './models/models';
import { selectModel } from './models/selectModel';
import { insertSampledName, insertText } from './names/insertNames';
import { sampleList } from './names/sampling';
import { SAMPLING_SECTION, readSamplingSettings } from './settings';
import { chooseColumn } from './training/chooseList';
import type { ListChoices } from './training/listChoices';
import type { Trainer } from './training/trainer';

export const COMMANDS = {
  train: 'makemore.trainOnFile',
  insert: 'makemore.insertSampledName',
  /** Stops whichever job runs (the id dates from when training was the only job; kept for users' keybindings). */
  stop: 'makemore.stopTraining',
  showPanel: 'makemore.showPanel',
  selectModel: 'makemore.selectModel',
  sweep: 'makemore.sweep',
  findLearningRate: 'makemore.findLearningRate',
  keepSweepBest: 'makemore.keepSweepBest',
  useLearningRate: 'makemore.useLearningRate',
  chooseColumn: 'makemore.chooseColumn',
} as const;

export interface CommandDeps {
  jobs: Jobs;
  trainer: Trainer;
  sweeper: Sweeper;
  lrFinder: LrFinder;
  models: Models;
  editors: EditorTracker;
  hub: RunHub;
  lists: ListChoices;
  showPanel(): void;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { jobs, trainer, sweeper, lrFinder, models, editors } = deps;
  const insertDeps = { editors, models, train: (uri: vscode.Uri) => void trainer.trainOnFile(uri) };
  return [
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.train, (uri?: unknown) => trainer.trainOnFile(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.insert, () => insertSampledName(insertDeps)),
    vscode.commands.registerCommand(COMMANDS.stop, () => jobs.stop()),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => deps.showPanel()),
    vscode.commands.registerCommand(COMMANDS.selectModel, () => selectModel(models)),
    // An argument object (from a keybinding, or a test) replaces the questions: experimentOptions.ts.
    vscode.commands.registerCommand(COMMANDS.sweep, (arg?: unknown) => sweeper.sweep(arg)),
    vscode.commands.registerCommand(COMMANDS.findLearningRate, (arg?: unknown) => lrFinder.find(arg)),
    vscode.commands.registerCommand(COMMANDS.keepSweepBest, () => sweeper.keepBest()),
    vscode.commands.registerCommand(COMMANDS.useLearningRate, () => lrFinder.useSuggestion()),
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.chooseColumn, (uri?: unknown) => chooseColumnOf(deps, uri instanceof vscode.Uri ? uri : undefined)),
  ];
}

/** Acts on a (checked) message from the panel or the sidebar view. */
export function handleWebviewMessage(deps: CommandDeps, message: Exclude<FromWebview, { type: 'ready' }>): void {
  if (message.type === 'insert') {
    void insertText(deps.editors, message.text);
    return;
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
    // The panel's "Change…" is about the list of the run it shows.
    chooseColumn: () => chooseColumnOf(deps, trainAgainTarget(deps)),
  };
  void Promise.resolve(handlers[message.command]()).catch((e: unknown) => {
    void showFailure(`Makemore: ${errorMessage(e)}`);
  });
}

/** Choose Column… on the document at `uri`, else the active one; "Train Now" trains on it. */
async function chooseColumnOf(deps: CommandDeps, uri: vscode.Uri | undefined): Promise<unknown> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : deps.editors.editor?.document;
  return chooseColumn(document, deps.lists, (target) => deps.trainer.trainOnFile(target));
}

/** "Train again": the last run's document while it is open (or on disk), else the current one. */
function trainAgainTarget(deps: CommandDeps): vscode.Uri | undefined {
  const last = deps.trainer.lastDocument;
  if (!last) return undefined;
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === last.toString());
  return open || last.scheme !== 'untitled' ? last : undefined;
}

/** New samples for the panel from the last run's model, else from the model inserts would use. */
async function moreSamples(deps: CommandDeps): Promise<void> {
  const document = deps.editors.editor?.document;
  const file = deps.trainer.lastModel;
  const fromRun = file ? await deps.models.store.load(file).catch(() => undefined) : undefined;
  const checkpoint = fromRun ?? (await deps.models.load(document))?.checkpoint;
  if (!checkpoint) {
    void vscode.window.showInformationMessage('Makemore has no trained model yet: run Makemore: Train on File on a word list.');
    return;
  }
  try {
    const settings = readSamplingSettings(vscode.workspace.getConfiguration(SAMPLING_SECTION, document?.uri));
    deps.hub.publish({ type: 'samples', words: sampleList(checkpoint, settings) });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
  }
}
