/**
 * Makemore for VS Code: activation wires the parts together and loads nothing heavy — jobs run
 * in a worker (started per job), sampling is plain JavaScript. The same in both extension hosts:
 * the entries (nodeMain.ts for the desktop, webMain.ts for VS Code for the Web) pass in the one
 * thing that differs, how a worker starts (platform.ts). The folders say
 * what lives where: jobs/ (the worker session, one job at a time, its progress and state),
 * training/, experiments/ (sweep, learning-rate finder), models/ (the model store), names/
 * (inserting sampled names), views/ (the panel and the sidebar's hosts).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../core/errors';
import type { RunEvent } from '../shared/events';
import type { RunState } from '../shared/runState';
import { COMMANDS, handleWebviewMessage, registerCommands, type CommandDeps } from './commands';
import { EditorTracker } from './editors';
import { LrFinder } from './experiments/lrFinder';
import { Sweeper } from './experiments/sweeper';
import { Jobs } from './jobs/jobs';
import { RunHub } from './jobs/runHub';
import { restoreRunState, saveRunStateOnEnd } from './jobs/runStateStore';
import { JobStatusBar } from './jobs/statusBar';
import { WorkerSession } from './jobs/workerSession';
import { disposeLog, log } from './log';
import { modelName } from './models/describe';
import type { ModelListing } from './models/modelStore';
import { Models } from './models/models';
import { ListChoices } from './training/listChoices';
import type { Platform } from './platform';
import { Trainer } from './training/trainer';
import { TrainingPanel } from './views/panel';
import { LossViewProvider } from './views/sidebarView';
import type { WebviewHostDeps } from './views/webviewHost';

/** What `activate` returns: a read-only view of the extension for other extensions and tests. */
export interface MakemoreApi {
  /** The extension host it runs in: the desktop's (Node) or VS Code for the Web's (a web worker). */
  readonly host: Platform['host'];
  /** The current (or last) jobs: training, sweep and learning-rate search. */
  readonly runState: RunState;
  onRunEvent(listener: (event: RunEvent) => void): vscode.Disposable;
  listModels(): Promise<ModelListing>;
}

/** Activates the extension in the host `platform` stands for. */
export function activateMakemore(context: vscode.ExtensionContext, platform: Platform): MakemoreApi {
  const hub = new RunHub(restoreRunState(context.workspaceState), (e) => log().error(`A view failed on a run event: ${errorMessage(e)}`));
  const session = new WorkerSession(platform.spawnWorker);
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
  // How the user chose to read each word list (a column, a format), kept across windows.
  const lists = new ListChoices(context.globalState);
  const trainer = new Trainer({
    jobs,
    hub,
    models,
    lists,
    currentDocument,
    insertName: () => void vscode.commands.executeCommand(COMMANDS.insert),
  });
  const sweeper = new Sweeper({ jobs, hub, models, lists, currentDocument, kept: (file) => (trainer.lastModel = file) });
  const lrFinder = new LrFinder({ jobs, hub, lists, currentDocument });
  const commandDeps: CommandDeps = { jobs, trainer, sweeper, lrFinder, models, editors, hub, lists, showPanel: () => panel.show() };

  const updateActiveModel = (): void => {
    panel.updateActiveModel();
    lossView.updateActiveModel();
  };
  context.subscriptions.push(
    { dispose: () => session.dispose() },
    { dispose: () => platform.dispose?.() },
    models,
    editors,
    panel,
    lossView,
    new JobStatusBar(hub, COMMANDS.showPanel),
    saveRunStateOnEnd(hub, context.workspaceState),
    models.onDidChange(updateActiveModel),
    vscode.window.onDidChangeActiveTextEditor(updateActiveModel),
    ...registerCommands(commandDeps),
    { dispose: disposeLog },
  );
  void models.refresh();

  return {
    host: platform.host,
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
