/**
 * The commands of package.json `contributes.commands`, and the webviews' requests, routed to the
 * parts of the extension that carry them out.
 */
import * as vscode from 'vscode';
import { checkRequest } from '../core/constraints';
import { errorMessage, InputError } from '../core/errors';
import { shownTraining } from '../shared/focus';
import { DEFAULT_CONTROLS } from '../shared/generateControls';
import { problemsText, requestOfControls } from '../shared/generateRequest';
import { formatCount } from '../shared/format';
import type { ExploreMode, WebviewCommand } from '../shared/messages';
import type { FileRuns } from '../shared/runRecord';
import type { EditorTracker } from './editors';
import type { LrFinder } from './experiments/lrFinder';
import type { Sweeper } from './experiments/sweeper';
import { exportNames } from './generation/exportNames';
import type { GenerateControlsStore } from './generation/generateControlsStore';
import { generateNames } from './generation/generateNames';
import type { GenerationWorker } from './generation/generationWorker';
import { loadActiveModel, readyModelOf } from './generation/targets';
import { rankLines } from './explore/rankLines';
import type { Jobs } from './jobs/jobs';
import type { RunHub } from './jobs/runHub';
import { log, showFailure } from './log';
import { insertNames, insertSampledName, insertText } from './names/insertNames';
import { saveExport } from './runs/exportFile';
import { deleteRunAsking, useAsActive } from './runs/runActions';
import type { Runs } from './runs/runs';
import { selectModel } from './runs/selectModel';
import type { ShownRuns } from './runs/shownRuns';
import { chooseColumn } from './training/chooseList';
import type { ListChoices } from './training/listChoices';
import { openSampleList, type SampleLists } from './training/sampleLists';
import type { Trainer } from './training/trainer';
import type { FocusState } from './views/focusState';
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
  compareRuns: 'makemore.compareRuns',
  sweep: 'makemore.sweep',
  findLearningRate: 'makemore.findLearningRate',
  keepSweepBest: 'makemore.keepSweepBest',
  useLearningRate: 'makemore.useLearningRate',
  chooseColumn: 'makemore.chooseColumn',
  openSampleList: 'makemore.openSampleList',
  explore: 'makemore.explore',
  rankLines: 'makemore.rankLines',
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
  /** The list in focus, its model and its active run, as the views show them. */
  focus: FocusState;
  hub: RunHub;
  generation: GenerationWorker;
  /** Where Generate Names remembers where its names went (the workspace state). */
  memory: vscode.Memento;
  /** The Generate controls remembered per list: what Insert Sampled Name, Generate Names… and the panel's samples take. */
  controls: GenerateControlsStore;
  lists: ListChoices;
  /** The lists of Makemore: Open a Sample List… */
  samples: SampleLists;
  /** Opens the panel; `generate`: on its Generate tab. */
  showPanel(generate?: boolean): void;
  /** Opens the panel on its Runs view (and sends it the runs shown). */
  showRunsView(): Promise<void>;
  /** Opens the panel on its Explore tab; `text`: read it letter by letter, or make it the prefix. */
  explore(text?: string, mode?: ExploreMode): void;
  /** Reads an item in the panel's Explore tab if the panel is open (Rank Lines by Typicality's preview). */
  previewReading(text: string): void;
}

export function registerCommands(deps: CommandDeps): vscode.Disposable[] {
  const { jobs, trainer, sweeper, lrFinder, runs, editors } = deps;
  const insertDeps = {
    editors,
    runs,
    generation: deps.generation,
    controls: deps.controls,
    train: (uri: vscode.Uri) => void trainer.trainOnFile(uri),
  };
  return [
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.train, (uri?: unknown) => trainer.trainOnFile(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand(COMMANDS.insert, () => insertSampledName(insertDeps)),
    vscode.commands.registerCommand(COMMANDS.stop, () => jobs.stop()),
    vscode.commands.registerCommand(COMMANDS.showPanel, () => deps.showPanel()),
    vscode.commands.registerCommand(COMMANDS.showGenerate, () => deps.showPanel(true)),
    // An argument object (from a keybinding, or a test) replaces the questions: generateOptions.ts.
    vscode.commands.registerCommand(COMMANDS.generateNames, (arg?: unknown) => generateNames({ ...insertDeps, memory: deps.memory }, arg)),
    vscode.commands.registerCommand(COMMANDS.selectModel, () => selectModel(runs, (key) => void compareRuns(deps, key))),
    vscode.commands.registerCommand(COMMANDS.compareRuns, (arg?: unknown) => compareRuns(deps, arg)),
    // An argument object (from a keybinding, or a test) replaces the questions: experimentOptions.ts.
    vscode.commands.registerCommand(COMMANDS.sweep, (arg?: unknown) => sweeper.sweep(arg)),
    vscode.commands.registerCommand(COMMANDS.findLearningRate, (arg?: unknown) => lrFinder.find(arg)),
    vscode.commands.registerCommand(COMMANDS.keepSweepBest, () => sweeper.keepBest()),
    vscode.commands.registerCommand(COMMANDS.useLearningRate, (arg?: unknown) => lrFinder.useSuggestion(arg)),
    // From the explorer or editor context menu the command gets the file's URI.
    vscode.commands.registerCommand(COMMANDS.chooseColumn, (uri?: unknown) =>
      chooseColumnOf(deps, uri instanceof vscode.Uri ? uri : undefined),
    ),
    // An argument (a list's id, "de/first-names") replaces the quick pick: a keybinding's, or a test's.
    vscode.commands.registerCommand(COMMANDS.openSampleList, (arg?: unknown) =>
      openSampleList(deps.samples, (uri) => trainer.trainOnFile(uri), arg),
    ),
    // An argument { text, mode } (a hover's link, a keybinding, a test) opens the explorer on that text.
    vscode.commands.registerCommand(COMMANDS.explore, (arg?: unknown) => exploreCommand(deps, arg)),
    // An argument { reveal: k } (a keybinding, a test) reveals the k-th least typical line without the picker.
    vscode.commands.registerCommand(COMMANDS.rankLines, (arg?: unknown) =>
      rankLines({ runs, editors, worker: deps.generation, preview: (text) => deps.previewReading(text) }, arg),
    ),
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
  const key =
    typeof arg === 'string' && /^[0-9a-f]{16}$/.test(arg) ? arg : arg instanceof vscode.Uri ? await deps.runs.keyOf(arg) : undefined;
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
export function handleWebviewMessage(deps: CommandDeps, message: WebviewRequest): void {
  const done = (work: Promise<unknown>): void => {
    void work.catch((e: unknown) => {
      void showFailure(`Makemore: ${errorMessage(e)}`);
    });
  };
  switch (message.type) {
    case 'insert':
      done(insertText(deps.editors, message.text));
      return;
    case 'insertNames':
      done(insertNames(deps.editors, message.names));
      return;
    case 'copy':
      done(copy(message.text));
      return;
    case 'export':
      done(exportNames(message.names, message.from === 'favourites' ? 'favourites' : 'names'));
      return;
    case 'runAction':
      done(
        message.action === 'activate'
          ? useAsActive(deps.runs, message.fileKey, message.runId)
          : deleteRunAsking(deps.runs, message.fileKey, message.runId),
      );
      return;
    case 'clearFileSettings':
      done(deps.runs.clearSettings(message.fileKey));
      return;
    case 'saveFile':
      done(saveFromWebview(deps, message));
      return;
    case 'showExplorer':
      deps.explore(message.text, message.mode);
      return;
    case 'showList':
      done(showList(deps.runs, message.key));
      return;
    case 'command':
      break;
    default: {
      const never: never = message;
      throw new Error(`Unexpected message ${JSON.stringify(never)}`);
    }
  }
  const handlers: Record<WebviewCommand, () => unknown> = {
    train: async () => deps.trainer.trainOnFile(await focusedList(deps)),
    stop: () => deps.jobs.stop(),
    moreSamples: () => moreSamples(deps),
    insertSample: () => vscode.commands.executeCommand(COMMANDS.insert),
    showPanel: () => deps.showPanel(),
    sweep: () => deps.sweeper.sweep(),
    findLearningRate: () => deps.lrFinder.find(),
    keepSweepBest: () => deps.sweeper.keepBest(),
    useLearningRate: () => deps.lrFinder.useSuggestion(),
    compareRuns: () => compareRuns(deps),
    selectModel: () => vscode.commands.executeCommand(COMMANDS.selectModel),
    generateNames: () => vscode.commands.executeCommand(COMMANDS.generateNames),
    showGenerate: () => deps.showPanel(true),
    // The panel's "Change…" is about the list of the run it shows: the list in focus.
    chooseColumn: async () => chooseColumnOf(deps, await focusedList(deps)),
    openSampleList: () => vscode.commands.executeCommand(COMMANDS.openSampleList),
  };
  done(Promise.resolve(handlers[message.command]()));
}

/** Makemore: Explore the Model — the panel's Explore tab, on `arg.text` if given. */
function exploreCommand(deps: CommandDeps, arg: unknown): void {
  const given = typeof arg === 'object' && arg !== null ? (arg as { text?: unknown; mode?: unknown }) : {};
  const text = typeof given.text === 'string' ? given.text : undefined;
  deps.explore(text, given.mode === 'prefix' ? 'prefix' : 'read');
}

/** Saves a file the Runs view made (a PNG, a CSV, a JSON) beside the word list whose runs are shown. */
async function saveFromWebview(deps: CommandDeps, message: Extract<WebviewRequest, { type: 'saveFile' }>): Promise<void> {
  const shown = await deps.shownRuns.current();
  const near = shown?.document ? vscode.Uri.parse(shown.document) : undefined;
  await saveExport(message.format, message.fileName, message.data, near);
}

/** Choose Column… on the document at `uri`, else the one in focus; "Train Now" trains on it. */
async function chooseColumnOf(deps: CommandDeps, uri: vscode.Uri | undefined): Promise<unknown> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : deps.editors.document;
  return chooseColumn(document, deps.lists, (target) => deps.trainer.trainOnFile(target));
}

/**
 * The document of the list the views show (their "Train Again", "Change…"): the one in focus; with
 * no text editor open, the list they show (that of the model used last) while it is open or on disk.
 */
async function focusedList(deps: CommandDeps): Promise<vscode.Uri | undefined> {
  const document = deps.editors.document;
  if (document) return document.uri;
  const uri = (await deps.focus.current()).list?.document;
  if (!uri) return undefined;
  const parsed = vscode.Uri.parse(uri);
  const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri);
  return open || parsed.scheme !== 'untitled' ? parsed : undefined;
}

/**
 * Brings the word list `key` into focus (a job line's "Show", a borrowed model's list): its
 * editor to the front in its group, or opened from where its runs say it is.
 */
export async function showList(runs: Runs, key: string): Promise<vscode.TextEditor | undefined> {
  const open = await runs.openDocument(key);
  const group = open ? undefined : (await runs.store.file(key)).group;
  const name = group?.fileName || 'that word list';
  const uri = open?.uri ?? (group?.document ? vscode.Uri.parse(group.document) : undefined);
  if (!uri || (!open && uri.scheme === 'untitled')) {
    void vscode.window.showWarningMessage(`Makemore cannot find ${name} any more: open it in an editor.`);
    return undefined;
  }
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  try {
    const document = open ?? (await vscode.workspace.openTextDocument(uri));
    return await vscode.window.showTextDocument(document, { viewColumn: tab?.group.viewColumn ?? textColumn(), preview: false });
  } catch (e) {
    void vscode.window.showWarningMessage(`Makemore cannot open ${name}: ${errorMessage(e)}`);
    return undefined;
  }
}

/** The editor group a document opens in: the first that shows a text document (not the panel's), else the first. */
function textColumn(): vscode.ViewColumn {
  const group = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText));
  return group?.viewColumn ?? vscode.ViewColumn.One;
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
 * New samples for the panel, generated in the generation worker with the Generate controls' creativity, from
 * the model of the list in focus (runs/runs.ts `Runs.active`), named with them: into the run the
 * views show — the latest training run when it is the focused list's, else the list's stored run.
 */
async function moreSamples(deps: CommandDeps): Promise<void> {
  const document = deps.editors.document;
  const loaded = await loadActiveModel(deps.runs, document);
  if (!loaded) {
    void vscode.window.showInformationMessage('Makemore has no trained model yet: run Makemore: Train on File on a word list.');
    return;
  }
  const model = readyModelOf(loaded);
  try {
    // The panel's samples show the model as it is: only the Generate controls' creativity, top-k and "new only" apply.
    const controls = deps.controls.latest(loaded.handle.run.fileKey) ?? DEFAULT_CONTROLS;
    const parsed = requestOfControls({
      ...DEFAULT_CONTROLS,
      temperature: controls.temperature,
      topK: controls.topK,
      newOnly: controls.newOnly,
    });
    if (!parsed.ok) throw new InputError(problemsText(parsed.problems));
    const request = { ...parsed.request, count: SAMPLES };
    const problem = checkRequest(request, model.facts);
    if (problem) throw new InputError(problem.message);
    const outcome = await deps.generation.generate({ model, request });
    if (outcome.kind === 'done') {
      const words = outcome.names.map((n) => n.name);
      const focus = await deps.focus.current();
      if (shownTraining(deps.hub.state, focus) === deps.hub.state)
        deps.hub.publish({ type: 'samples', words, from: loaded.handle.info.label });
      else deps.focus.setSamples(loaded.handle.run.id, words);
    } else if (outcome.kind === 'rejected') void vscode.window.showErrorMessage(`Makemore: ${outcome.message}`);
    else {
      log().error(outcome.detail ?? outcome.message);
      void showFailure(`Makemore could not sample names: ${outcome.message}`);
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    void vscode.window.showErrorMessage(`Makemore: ${e.message}`);
  }
}
