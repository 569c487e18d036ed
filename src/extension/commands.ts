/**
 * The commands of package.json `contributes.commands`, and the webviews' requests, routed to the
 * parts of the extension that carry them out.
 */
import * as vscode from 'vscode';
import { checkRequest } from '../core/constraints';
import { errorMessage, InputError } from '../core/errors';
import { formatCount } from '../shared/format';
import type { WebviewCommand } from '../shared/messages';
import type { EditorTracker } from './editors';
import type { LrFinder } from './experiments/lrFinder';
import type { Sweeper } from './experiments/sweeper';
import { exportNames } from './generation/exportNames';
import { generateNames } from './generation/generateNames';
import type { GenerationWorker } from './generation/generationWorker';
import { activeModel, activeModelOf } from './generation/targets';
import type { Jobs } from './jobs/jobs';
import type { RunHub } from './jobs/runHub';
import { log, showFailure } from './log';
import type { LoadedModel, Models } from './models/models';
import { selectModel } from './models/selectModel';
import { insertNames, insertSampledName, insertText } from './names/insertNames';
import { SAMPLING_SECTION, readSamplingSettings, samplingRequest } from './settings';
import { chooseColumn } from './training/chooseList';
import type { ListChoices } from './training/listChoices';
import type { Trainer } from './training/trainer';
import type { WebviewRequest } from './views/webviewHost';

export const COMMANDS = {
  train: 'makemore.trainOnFile',
  insert: 'makemore.insertSampledName',
  /** Stops whichever job runs (the id dates from when training was the only job; kept for users' keybindings). */
  stop: 'makemore.stopTraining',
  showPanel: 'makemore.showPanel',
  showGenerate: 'makemore.showGenerate',
  generateNames: 'makemore.generateNames',
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
  generation: GenerationWorker;
  /** Where Generate Names remembers its choices (the workspace state). */
  memory: vscode.Memento;
  lists: ListChoices;
  /** Opens the panel; `generate`: on its Generate tab. */
  showPanel(generate?: boolean): void;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { jobs, trainer, sweeper, lrFinder, models, editors } = deps;
  const insertDeps = { editors, models, generation: deps.generation, train: (uri: vscode.Uri) => void trainer.trainOnFile(uri) };
  return [
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.train, (uri?: unknown) => trainer.trainOnFile(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.insert, () => insertSampledName(insertDeps)),
    vscode.commands.registerCommand(COMMANDS.stop, () => jobs.stop()),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => deps.showPanel()),
    vscode.commands.registerCommand(COMMANDS.showGenerate, () => deps.showPanel(true)),
    // An argument object (from a keybinding, or a test) replaces the questions: generateOptions.ts.
    vscode.commands.registerCommand(COMMANDS.generateNames, (arg?: unknown) => generateNames({ ...insertDeps, memory: deps.memory }, arg)),
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
export function handleWebviewMessage(deps: CommandDeps, message: WebviewRequest): void {
  switch (message.type) {
    case 'insert':
      void insertText(deps.editors, message.text);
      return;
    case 'insertNames':
      void insertNames(deps.editors, message.names);
      return;
    case 'copy':
      void copy(message.text);
      return;
    case 'export':
      void exportNames(message.names, message.source === 'favourites' ? 'favourites' : 'names');
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
    selectModel: () => vscode.commands.executeCommand(COMMANDS.selectModel),
    generateNames: () => vscode.commands.executeCommand(COMMANDS.generateNames),
    showGenerate: () => deps.showPanel(true),
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

/** Copies text to the clipboard, and says how many lines. */
async function copy(text: string): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  const lines = text.split('\n').filter((l) => l.length > 0).length;
  vscode.window.setStatusBarMessage(`Makemore: copied ${lines === 1 ? `“${text.trim()}”` : `${formatCount(lines)} names`}`, 3000);
}

/** How many names the panel's Samples list shows. */
const SAMPLES = 12;

/**
 * New samples for the panel, generated in the generation worker with the sampling settings:
 * from the last run's model, else from the model inserts would use.
 */
async function moreSamples(deps: CommandDeps): Promise<void> {
  const document = deps.editors.editor?.document;
  const file = deps.trainer.lastModel;
  const fromRun: LoadedModel | undefined = file ? await deps.models.loadFile(file).catch(() => undefined) : undefined;
  const loaded = fromRun ?? (await activeModel(deps.models, document));
  if (!loaded) {
    void vscode.window.showInformationMessage('Makemore has no trained model yet: run Makemore: Train on File on a word list.');
    return;
  }
  const model = activeModelOf(loaded);
  try {
    const settings = readSamplingSettings(vscode.workspace.getConfiguration(SAMPLING_SECTION, document?.uri));
    // The panel's samples show the model as it is: only the model's settings and novelty apply.
    const request = samplingRequest({ ...settings, minLength: null, maxLength: null, startsWith: '', endsWith: '', contains: [], excludes: [], minEdits: 0 }, SAMPLES);
    const problem = checkRequest(request, model.facts);
    if (problem) throw new InputError(problem.message);
    const outcome = await deps.generation.generate({ model, request });
    if (outcome.kind === 'done') deps.hub.publish({ type: 'samples', words: outcome.names.map((n) => n.name) });
    else if (outcome.kind === 'rejected') void vscode.window.showErrorMessage(`Makemore: ${outcome.message}`);
    else {
      log().error(outcome.detail ?? outcome.message);
      void showFailure(`Makemore could not sample names: ${outcome.message}`);
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
  }
}
