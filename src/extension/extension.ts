/**
 * Makemore for VS Code: activation wires the parts together and loads nothing heavy — runs go
 * to a worker started per run, names are generated in a second one kept warm while it is used.
 * The same in both extension hosts: the entries (nodeMain.ts for the desktop, webMain.ts for VS
 * Code for the Web) pass in the one thing that differs, how a worker starts (platform.ts). The
 * folders say what lives where: jobs/ (the worker session, one run at a time, its progress and
 * state), training/, experiments/ (sweep, learning-rate finder), runs/ (every run kept per word list,
 * the active model, Select Model, Compare Runs, exports), generation/ (the generation worker, what it generates from, the Generate views' host side,
 * Generate Names, favourites, export), names/ (inserting names at cursors), views/ (the panel
 * and the sidebar's hosts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import type { GeneratedName } from '../core/generated';
import type { RunEvent } from '../shared/events';
import type { Focus } from '../shared/focus';
import { DEFAULT_CONTROLS, type GenerateControls } from '../shared/generateControls';
import type { GenerationTarget } from '../shared/messages';
import type { ActiveModelLabel, FileRuns } from '../shared/runRecord';
import type { RunState } from '../shared/runState';
import type { WebviewKind } from '../shared/webviewHtml';
import { COMMANDS, handleWebviewMessage, registerCommands, type CommandDeps } from './commands';
import { EditorTracker } from './editors';
import { ReadingHover } from './explore/hover';
import { FavouritesStore } from './generation/favourites';
import { GenerateControlsStore, readMovedSettingsOnce } from './generation/generateControlsStore';
import { SAMPLING_SECTION } from './settings';
import { GenerationViews } from './generation/generationViews';
import { GenerationWorker } from './generation/generationWorker';
import { Targets } from './generation/targets';
import { LrFinder } from './experiments/lrFinder';
import { Sweeper } from './experiments/sweeper';
import { Jobs } from './jobs/jobs';
import { interruptedText, JobJournal } from './jobs/jobJournal';
import { RunHub } from './jobs/runHub';
import { restoreRunState, saveRunStateOnEnd } from './jobs/runStateStore';
import { JobStatusBar } from './jobs/statusBar';
import { WorkerSession } from './jobs/workerSession';
import { disposeLog, log } from './log';
import { storageDir } from './runs/storageDir';
import { ListChoices } from './training/listChoices';
import type { Platform } from './platform';
import type { FileGroup, StoreProblem } from './runs/runStore';
import { Runs, type ActiveChange } from './runs/runs';
import { ShownRuns } from './runs/shownRuns';
import { SampleLists } from './training/sampleLists';
import { Trainer } from './training/trainer';
import { FocusState } from './views/focusState';
import { TrainingPanel } from './views/panel';
import { LossViewProvider } from './views/sidebarView';
import type { WebviewHostDeps } from './views/webviewHost';

/** What `activate` returns: a view of the extension for other extensions and tests. */
export interface MakemoreApi {
  /** The extension host it runs in: the desktop's (Node) or VS Code for the Web's (a web worker). */
  readonly host: Platform['host'];
  /** The current (or last) jobs: training, sweep and learning-rate search. */
  readonly runState: RunState;
  onRunEvent(listener: (event: RunEvent) => void): vscode.Disposable;
  /** The model a document uses, as every view names it (runs/runs.ts `Runs.active`); none: the list in focus's. */
  activeModel(document?: vscode.Uri): Promise<ActiveModelLabel | undefined>;
  /** The list in focus (editors.ts), its model and its active run, as every view shows them (views/focusState.ts). */
  focus(): Promise<Focus>;
  /** Fires when the active model of a word list may have changed: ask `activeModel` again. */
  onDidChangeActive(listener: (change: ActiveChange) => void): vscode.Disposable;
  /** A word list's runs (null: none stored). */
  fileRuns(document: vscode.Uri): Promise<FileRuns | null>;
  /** Every stored run, by word list. */
  listRuns(): Promise<{ groups: FileGroup[]; problems: StoreProblem[] }>;
  /** The directory the runs are stored in (runs/runStore.ts: `<fileKey>.<runId>.makemore`, `.run.json`). */
  readonly runsDirectory: vscode.Uri;
  /** What the Generate views generate from now: the current document, its model, its favourites' key. */
  generationTarget(): Promise<GenerationTarget>;
  /** The favourites of the word list `key` (GenerationTarget.key), as stored. */
  favourites(key: string): Promise<GeneratedName[]>;
  /** Stars names of the list `key`, as the ☆ of a Generate view does (its views are told). */
  addFavourites(key: string, names: GeneratedName[]): Promise<void>;
  /**
   * The Generate controls Insert Sampled Name and Generate Names… take for the list `key`
   * (GenerationTarget.key): those of the Generate view changed last (undefined: none, the defaults).
   */
  generateControls(key: string | null): GenerateControls | undefined;
  /** Remembers a Generate view's controls for the list `key`, as the view does when they change (those not given: the defaults). */
  saveGenerateControls(kind: WebviewKind, key: string | null, controls: Partial<GenerateControls>): Promise<void>;
  /** Where the extension keeps runs and favourites (`globalStorageUri`). */
  readonly storageUri: vscode.Uri;
  /** Whether the generation worker is running (it is ended after a minute without requests). */
  readonly generationWorkerAlive: boolean;
}

/** Activates the extension in the host `platform` stands for. */
export function activateMakemore(context: vscode.ExtensionContext, platform: Platform): MakemoreApi {
  const hub = new RunHub(restoreRunState(context.workspaceState), (e) => log().error(`A view failed on a run event: ${errorMessage(e)}`));
  const session = new WorkerSession(platform.spawnWorker);
  const runs = new Runs(context);
  // The word list in focus: the one definition every view and command follows.
  const editors = new EditorTracker();
  const focus = new FocusState(runs, editors);
  const shownRuns = new ShownRuns(runs, editors);
  const currentDocument = (): vscode.TextDocument | undefined => editors.document;
  const generation = new GenerationWorker(platform.spawnWorker);
  const targets = new Targets(runs, editors);
  const favourites = new FavouritesStore(storageDir(vscode.Uri.joinPath(context.globalStorageUri, 'favourites')), (message) => {
    log().warn(message);
    void vscode.window.showWarningMessage(`Makemore: ${message}`);
  });
  const controls = new GenerateControlsStore(context.workspaceState, () => runs.store.recentFile());
  // The makemore.sampling.* settings that were Generate controls, read once into them.
  void readMovedSettingsOnce(controls, vscode.workspace.getConfiguration(SAMPLING_SECTION), (line) => log().info(line)).catch(
    (e: unknown) => log().error(`Could not read the earlier sampling settings into the Generate controls: ${errorMessage(e)}`),
  );
  const generationViews = new GenerationViews({
    worker: generation,
    targets,
    favourites,
    controls,
    logError: (message) => log().error(message),
    showError: (message) => void vscode.window.showErrorMessage(message),
  });

  const webviewDeps: WebviewHostDeps = {
    extensionUri: context.extensionUri,
    hub,
    focus: () => focus.current(),
    fileRuns: () => shownRuns.current(),
    // commandDeps (below) exists before any webview can post a message.
    onMessage: (message) => handleWebviewMessage(commandDeps, message),
    generation: generationViews,
  };
  const panel = new TrainingPanel(webviewDeps);
  const lossView = new LossViewProvider(webviewDeps);
  const statusBar = new JobStatusBar(hub, COMMANDS.showPanel);
  const journal = new JobJournal({
    memory: context.workspaceState,
    hub,
    runs: {
      store: runs.store,
      save: (document, run) => runs.save(vscode.Uri.parse(document), run),
      delete: (fileKey, runId, replacement) => runs.delete(fileKey, runId, replacement),
      documentOf: async (fileKey) => (await runs.openDocument(fileKey))?.uri.toString(),
    },
    log: { info: (m) => log().info(m), warn: (m) => log().warn(m) },
  });
  const interrupted = journal.takeInterrupted();
  const jobs = new Jobs({ session, hub, showPanel: () => panel.show(true), journal });
  const compare = (fileKey: string): void => void vscode.commands.executeCommand(COMMANDS.compareRuns, fileKey);
  // How the user chose to read each word list (a column, a format), kept across windows.
  const lists = new ListChoices(context.globalState);
  const trainer = new Trainer({
    jobs,
    hub,
    runs,
    lists,
    currentDocument,
    insertName: () => void vscode.commands.executeCommand(COMMANDS.insert),
    compareRuns: compare,
  });
  const sweeper = new Sweeper({ jobs, hub, runs, lists, currentDocument, compareRuns: compare });
  const lrFinder = new LrFinder({ jobs, hub, runs, lists, currentDocument });
  const commandDeps: CommandDeps = {
    jobs,
    trainer,
    sweeper,
    lrFinder,
    runs,
    shownRuns,
    editors,
    focus,
    hub,
    generation,
    memory: context.workspaceState,
    controls,
    lists,
    samples: new SampleLists(context.extensionUri),
    showPanel: (generate) => panel.show(false, generate ? 'generate' : undefined),
    showRunsView: async () => {
      panel.show(false, 'runs');
      await panel.updateRuns();
    },
    explore: (text, mode) => panel.explore(text, mode),
    previewReading: (text) => panel.exploreIfOpen(text),
  };
  // The reading of a word list's line on hover (makemore.explore.hover).
  const hover = new ReadingHover({ runs, worker: generation });

  // Every view shows the list in focus, its model and its active run, and follows them when they change.
  const refocus = (): void => {
    focus.invalidate();
    targets.invalidate();
    void panel.updateRuns();
  };
  context.subscriptions.push(
    // First: a job the shutdown ends is cut short (its note stays for the next start).
    journal,
    { dispose: () => session.dispose() },
    { dispose: () => platform.dispose?.() },
    { dispose: () => generation.dispose() },
    targets,
    generationViews,
    runs.onDidChange(() => generation.modelsChanged()),
    runs.onDidChange(() => hover.modelsChanged()),
    // Any document: only a word list with a model of its own gets a reading (hover.ts).
    vscode.languages.registerHoverProvider('*', hover),
    runs,
    editors,
    shownRuns,
    panel,
    lossView,
    statusBar,
    saveRunStateOnEnd(hub, context.workspaceState),
    focus,
    focus.onDidChange((f) => {
      panel.updateFocus();
      lossView.updateFocus();
      statusBar.setFocus(f);
    }),
    runs.onDidChange(refocus),
    editors.onDidChange(refocus),
    // A job's started event: the list it runs on may have just got the key of its runs (an untitled document).
    hub.onEvent((event) => {
      if (event.type === 'trainStarted' || event.type === 'sweepStarted' || event.type === 'lrFindStarted') refocus();
    }),
    ...registerCommands(commandDeps),
    { dispose: disposeLog },
  );
  void runs.init().then(() => {
    refocus();
    if (interrupted) reportInterrupted(interrupted);
  });
  /** A job the last session left unfinished: said once, with the way to train again and to its kept model. */
  const reportInterrupted = (entry: NonNullable<typeof interrupted>): void => {
    const text = interruptedText(entry);
    log().warn(text);
    const actions = [...(entry.document && entry.job === 'train' ? ['Train Again'] : []), ...(entry.kept ? ['Compare Runs'] : [])];
    void vscode.window.showWarningMessage(text, ...actions).then((action) => {
      if (action === 'Train Again' && entry.document) void trainer.trainOnFile(vscode.Uri.parse(entry.document));
      else if (action === 'Compare Runs') compare(entry.listKey);
    });
  };

  return {
    host: platform.host,
    get runState() {
      return hub.state;
    },
    onRunEvent: (listener) => {
      const subscription = hub.onEvent((event) => listener(event));
      return new vscode.Disposable(() => subscription.dispose());
    },
    activeModel: async (document) => (await runs.active(document ?? currentDocument()))?.info,
    focus: () => focus.current(),
    onDidChangeActive: (listener) => runs.onDidChangeActive(listener),
    fileRuns: async (document) => {
      const key = await runs.keyOf(document);
      return key ? runs.fileRuns(key) : null;
    },
    listRuns: () => runs.store.files(),
    runsDirectory: runs.dir,
    generationTarget: async () => (await targets.current()).info,
    favourites: (key) => favourites.list(key),
    addFavourites: (key, names) => generationViews.favourite(key, 'add', names),
    generateControls: (key) => controls.latest(key),
    saveGenerateControls: (kind, key, c) => controls.save(kind, key, { ...DEFAULT_CONTROLS, ...c }),
    storageUri: context.globalStorageUri,
    get generationWorkerAlive() {
      return generation.alive;
    },
  };
}
