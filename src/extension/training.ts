/**
 * `Makemore: Train on File` and `Makemore: Stop Training`: trains on the text of a document as
 * it is in the editor (unsaved edits included) in the training worker, shows the run (progress
 * notification with Cancel, status bar, panel), stores the model and reports the result.
 *
 * A bad word list or setting gives one error message and nothing else: the panel and the progress
 * notification appear only once the worker has accepted the data (its `started` event).
 */
import * as vscode from 'vscode';
import { InputError } from '../core/errors';
import type { RunConfig, SplitLosses } from '../shared/protocol';
import { fmtInt, fmtLoss, lossSummary, modelName } from './format';
import type { Models } from './models';
import type { RunHub } from './runHub';
import { TRAINING_SECTION, readTrainingSettings } from './settings';
import type { RunOutcome, TrainingSession } from './trainingSession';

export const TRAINING_CONTEXT = 'makemore.training';

/** What a Train on File command came to (its return value, used by the tests). */
export type TrainResult =
  | { status: 'trained'; model: string; stopped: boolean; steps: number; losses: SplitLosses }
  | { status: 'noDocument' | 'declined' | 'inputError' | 'failed'; message?: string };

export interface TrainerDeps {
  session: TrainingSession;
  hub: RunHub;
  models: Models;
  extensionUri: vscode.Uri;
  /** The document to train on when the command is given none. */
  currentDocument(): vscode.TextDocument | undefined;
  showPanel(): void;
  /** Runs Insert Sampled Name (the result notification's action). */
  insertName(): void;
}

export class Trainer {
  private current: { name: string; done: Promise<RunOutcome> } | undefined;
  /** The document of the last run: what the panel's "Train again" trains on. */
  lastDocument: vscode.Uri | undefined;
  /** The model file the last run stored. */
  lastModel: string | undefined;

  constructor(private readonly deps: TrainerDeps) {}

  async trainOnFile(uri?: vscode.Uri): Promise<TrainResult> {
    let document: vscode.TextDocument | undefined;
    try {
      document = uri ? await vscode.workspace.openTextDocument(uri) : this.deps.currentDocument();
    } catch (e) {
      const message = `Makemore cannot open ${uri?.toString(true)}: ${e instanceof Error ? e.message : String(e)}`;
      void vscode.window.showErrorMessage(message);
      return { status: 'inputError', message };
    }
    if (!document) {
      const message = 'Open a word list (one name per line) in an editor, then run Makemore: Train on File.';
      void vscode.window.showErrorMessage(message);
      return { status: 'noDocument', message };
    }
    const name = vscode.workspace.asRelativePath(document.uri, false);
    let config: Partial<RunConfig>;
    try {
      config = readTrainingSettings(vscode.workspace.getConfiguration(TRAINING_SECTION, document.uri));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      void vscode.window.showErrorMessage(`Makemore cannot train: ${e.message}`);
      return { status: 'inputError', message: e.message };
    }
    if (this.current && !(await this.stopCurrentFor(name))) return { status: 'declined' };

    const text = document.getText();
    const dist = vscode.Uri.joinPath(this.deps.extensionUri, 'dist');
    let resolveStarted: (started: boolean) => void = () => undefined;
    const started = new Promise<boolean>((resolve) => (resolveStarted = resolve));
    const done = this.deps.session.run({ text, sourceName: name, config, wasmDir: dist.fsPath }, (event) => {
      this.deps.hub.publish(event);
      if (event.type === 'started') resolveStarted(true);
    });
    this.current = { name, done };
    this.lastDocument = document.uri;
    await vscode.commands.executeCommand('setContext', TRAINING_CONTEXT, true);
    void done.then(() => resolveStarted(false));
    if (await started) {
      this.deps.showPanel();
      this.showProgress(name, done);
    }
    const outcome = await done;
    this.current = undefined;
    await vscode.commands.executeCommand('setContext', TRAINING_CONTEXT, false);
    return this.finish(document.uri, name, outcome);
  }

  /** Asks the current run to stop; it ends with the best model so far. */
  stop(): void {
    if (!this.current) return;
    this.deps.hub.publish({ type: 'stopping' });
    this.deps.session.stop();
  }

  /** A run is going: asks whether to stop it for the new one, and waits until it has ended. */
  private async stopCurrentFor(name: string): Promise<boolean> {
    const current = this.current;
    if (!current) return true;
    const { step, totalSteps } = this.deps.hub.state;
    const answer = await vscode.window.showWarningMessage(
      `Makemore is training on ${current.name} (step ${fmtInt(step)} of ${fmtInt(totalSteps)}). Stop it and train on ${name}?`,
      { modal: true, detail: 'The run being stopped keeps its best model so far.' },
      'Stop and Train',
    );
    if (answer !== 'Stop and Train') return false;
    if (this.current === current) this.stop();
    await current.done;
    // The stopped run's command saw `done` first and has cleared `current`, unless yet another
    // run has started since.
    return this.current === undefined;
  }

  private showProgress(name: string, done: Promise<RunOutcome>): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Makemore: training on ${name}`, cancellable: true },
      async (progress, token) => {
        token.onCancellationRequested(() => this.stop());
        let reported = 0;
        const subscription = this.deps.hub.onEvent((event, state) => {
          if (event.type !== 'progress' && event.type !== 'stopping') return;
          const percent = Math.floor(state.progress * 100);
          const message =
            state.status === 'stopping'
              ? 'stopping, keeping the best model so far…'
              : `step ${fmtInt(state.step)} of ${fmtInt(state.totalSteps)} · loss ${fmtLoss(state.smoothLoss)}`;
          progress.report({ increment: percent - reported, message });
          reported = percent;
        });
        try {
          await done;
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  private async finish(documentUri: vscode.Uri, name: string, outcome: RunOutcome): Promise<TrainResult> {
    const { hub } = this.deps;
    if (outcome.kind === 'inputError') {
      void vscode.window.showErrorMessage(`Makemore cannot train on ${name}: ${outcome.message}`);
      return { status: 'inputError', message: outcome.message };
    }
    if (outcome.kind === 'failed') {
      hub.publish({ type: 'failed', message: outcome.message });
      void vscode.window.showErrorMessage(`Makemore: ${outcome.message} Stored models are unaffected.`);
      return { status: 'failed', message: outcome.message };
    }
    const { summary, samples, bytes } = outcome.result;
    if (summary.steps === 0) {
      const message = 'Training was stopped before its first step; no model was saved.';
      hub.publish({ type: 'failed', message });
      void vscode.window.showInformationMessage(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    let stored;
    try {
      stored = await this.deps.models.save(documentUri, bytes);
    } catch (e) {
      const message = `Training finished, but the model could not be saved: ${e instanceof Error ? e.message : String(e)}`;
      hub.publish({ type: 'failed', message });
      void vscode.window.showErrorMessage(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    this.lastModel = stored.file;
    hub.publish({ type: 'finished', ...summary, modelName: modelName(stored.header) });
    hub.publish({ type: 'samples', words: samples });
    const head = summary.stopped
      ? `Makemore stopped training on ${name} at step ${fmtInt(summary.steps)} and kept the model of step ${fmtInt(summary.keptStep)}:`
      : `Makemore trained on ${name}:`;
    void vscode.window.showInformationMessage(`${head} ${lossSummary(summary.losses, summary.bigram)}.`, 'Insert Name').then((action) => {
      if (action === 'Insert Name') this.deps.insertName();
    });
    return { status: 'trained', model: stored.file, stopped: summary.stopped, steps: summary.steps, losses: summary.losses };
  }
}
