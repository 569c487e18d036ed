/**
 * Makemore for VS Code: activation wires the parts together, and loads nothing heavy — training
 * runs in a worker thread (dist/worker.js, spawned per run), sampling is plain JavaScript.
 *
 *   commands.ts        the commands and the webviews' requests
 *   jobs.ts            one worker job at a time (training, sweep, LR finder), its progress, Stop
 *   training.ts        Train on File: the run's result
 *   sweep.ts           Sweep Hyperparameters (sweepPicks.ts asks), Keep Best Sweep Model
 *   lrFinder.ts        Find Learning Rate, Use Suggested Learning Rate
 *   experimentOptions.ts  the sweep's and the finder's choices, checked
 *   trainingSession.ts the worker's lifecycle
 *   runStateStore.ts   the last run, kept across window reloads
 *   insertNames.ts     Insert Sampled Name
 *   models.ts          the stored models (modelStore.ts, workspaceStorage.ts)
 *   panel.ts, sidebarView.ts, webviewHost.ts   the webviews' host side
 *   statusBar.ts, progressText.ts, editors.ts, settings.ts, sampling.ts, format.ts
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../shared/protocol';
import type { RunState } from '../shared/runState';
import { COMMANDS, handleWebviewMessage, registerCommands, type CommandDeps } from './commands';
import { EditorTracker } from './editors';
import { modelName } from './format';
import { Jobs } from './jobs';
import { LrFinder } from './lrFinder';
import { Models } from './models';
import type { ModelListing } from './modelStore';
import { TrainingPanel } from './panel';
import { RunHub } from './runHub';
import { restoreRunState, saveRunStateOnEnd } from './runStateStore';
import { LossViewProvider } from './sidebarView';
import { TrainingStatusBar } from './statusBar';
import { Sweeper } from './sweep';
import { Trainer } from './training';
import { TrainingSession, spawnWorker } from './trainingSession';
import type { WebviewHostDeps } from './webviewHost';

/** What `activate` returns: a read-only view of the extension for other extensions and tests. */
export interface MakemoreApi {
  /** The current (or last) run: training, sweep and learning-rate search. */
  readonly runState: RunState;
  onRunEvent(listener: (event: RunEvent) => void): vscode.Disposable;
  listModels(): Promise<ModelListing>;
}

export function activate(context: vscode.ExtensionContext): MakemoreApi {
  const hub = new RunHub(restoreRunState(context.workspaceState));
  const workerScript = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  const session = new TrainingSession(spawnWorker(workerScript));
  const models = new Models(context);
  const editors = new EditorTracker();

  const webviewDeps: WebviewHostDeps = {
    extensionUri: context.extensionUri,
    hub,
    activeModelName: async () => {
      const [model] = await models.candidates(editors.editor?.document);
      return model ? modelName(model.header) : null;
    },
    // commandDeps (below) exists before any webview can post a message.
    onMessage: (message) => handleWebviewMessage(commandDeps, message),
  };
  const panel = new TrainingPanel(webviewDeps);
  const lossView = new LossViewProvider(webviewDeps);
  const jobs = new Jobs({ session, hub, showPanel: () => panel.show(true) });
  const currentDocument = (): vscode.TextDocument | undefined => editors.editor?.document;
  const trainer = new Trainer({
    jobs,
    hub,
    models,
    extensionUri: context.extensionUri,
    currentDocument,
    insertName: () => void vscode.commands.executeCommand(COMMANDS.insert),
  });
  const sweeper = new Sweeper({
    jobs,
    hub,
    models,
    extensionUri: context.extensionUri,
    currentDocument,
    kept: (file) => (trainer.lastModel = file),
  });
  const lrFinder = new LrFinder({ jobs, hub, extensionUri: context.extensionUri, currentDocument });
  const commandDeps: CommandDeps = { jobs, trainer, sweeper, lrFinder, models, editors, hub, showPanel: () => panel.show() };

  const updateActiveModel = (): void => {
    panel.updateActiveModel();
    lossView.updateActiveModel();
  };
  context.subscriptions.push(
    { dispose: () => session.dispose() },
    models,
    editors,
    panel,
    lossView,
    new TrainingStatusBar(hub, COMMANDS.showPanel),
    saveRunStateOnEnd(hub, context.workspaceState),
    models.onDidChange(updateActiveModel),
    vscode.window.onDidChangeActiveTextEditor(updateActiveModel),
    ...registerCommands(commandDeps),
  );
  void models.refresh();

  return {
    get runState() {
      return hub.state;
    },
    onRunEvent: (listener) => {
      const subscription = hub.onEvent((event) => listener(event));
      return new vscode.Disposable(() => subscription.dispose());
    },
    listModels: () => models.store.list(),
  };
}
