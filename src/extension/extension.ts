/**
 * Makemore for VS Code: activation wires the parts together, and loads nothing heavy — training
 * runs in a worker thread (dist/worker.js, spawned per run), sampling is plain JavaScript.
 *
 *   commands.ts        the commands and the webviews' requests
 *   training.ts        Train on File / Stop: the run, its progress, the result
 *   trainingSession.ts the worker's lifecycle
 *   insertNames.ts     Insert Sampled Name
 *   models.ts          the stored models (modelStore.ts, workspaceStorage.ts)
 *   panel.ts, sidebarView.ts, webviewHost.ts   the webviews' host side
 *   statusBar.ts, editors.ts, settings.ts, sampling.ts, format.ts
 */
import * as vscode from 'vscode';
import type { RunEvent } from '../shared/protocol';
import type { RunState } from '../shared/runState';
import { COMMANDS, handleWebviewMessage, registerCommands, type CommandDeps } from './commands';
import { EditorTracker } from './editors';
import { modelName } from './format';
import { Models } from './models';
import type { ModelListing } from './modelStore';
import { TrainingPanel } from './panel';
import { RunHub } from './runHub';
import { LossViewProvider } from './sidebarView';
import { TrainingStatusBar } from './statusBar';
import { Trainer } from './training';
import { TrainingSession, spawnWorker } from './trainingSession';
import type { WebviewHostDeps } from './webviewHost';

/** What `activate` returns: a read-only view of the extension for other extensions and tests. */
export interface MakemoreApi {
  /** The current (or last) training run. */
  readonly runState: RunState;
  onRunEvent(listener: (event: RunEvent) => void): vscode.Disposable;
  listModels(): Promise<ModelListing>;
}

export function activate(context: vscode.ExtensionContext): MakemoreApi {
  const hub = new RunHub();
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
  const trainer = new Trainer({
    session,
    hub,
    models,
    extensionUri: context.extensionUri,
    currentDocument: () => editors.editor?.document,
    showPanel: () => panel.show(true),
    insertName: () => void vscode.commands.executeCommand(COMMANDS.insert),
  });
  const commandDeps: CommandDeps = { trainer, models, editors, hub, showPanel: () => panel.show() };

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
