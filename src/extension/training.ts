/**
 * `Makemore: Train on File`: trains on the text of a document as it is in the editor (unsaved
 * edits included) in the training worker, shows the run (progress notification with Cancel,
 * status bar, panel: jobs.ts), stores the model and reports the result.
 */
import * as vscode from 'vscode';
import type { SplitLosses } from '../core/splits';
import { fmtInt, lossSummary, modelName } from './format';
import { readJobInput, reportFailure, type Jobs } from './jobs';
import type { Models } from './models';
import type { RunHub } from './runHub';
import type { RunOutcome } from './trainingSession';

/** What a Train on File command came to (its return value, used by the tests). */
export type TrainResult =
  | { status: 'trained'; model: string; stopped: boolean; steps: number; losses: SplitLosses }
  | { status: 'noDocument' | 'declined' | 'inputError' | 'failed'; message?: string };

export interface TrainerDeps {
  jobs: Jobs;
  hub: RunHub;
  models: Models;
  extensionUri: vscode.Uri;
  /** The document to train on when the command is given none. */
  currentDocument(): vscode.TextDocument | undefined;
  /** Runs Insert Sampled Name (the result notification's action). */
  insertName(): void;
}

export class Trainer {
  /** The document of the last run: what the panel's "Train again" trains on. */
  lastDocument: vscode.Uri | undefined;
  /** The model file the last run stored (or the last sweep's kept model). */
  lastModel: string | undefined;

  constructor(private readonly deps: TrainerDeps) {}

  async trainOnFile(uri?: vscode.Uri): Promise<TrainResult> {
    const input = await readJobInput('train', uri, this.deps.currentDocument());
    if ('status' in input) return input;
    const { document, name, config } = input;
    const wasmDir = vscode.Uri.joinPath(this.deps.extensionUri, 'dist').fsPath;
    const result = await this.deps.jobs.run(
      'train',
      name,
      (session, onEvent) => {
        this.lastDocument = document.uri;
        return session.run({ text: document.getText(), sourceName: name, config, wasmDir }, onEvent);
      },
      (outcome) => this.finish(document.uri, name, outcome),
    );
    return result ?? { status: 'declined' };
  }

  private async finish(documentUri: vscode.Uri, name: string, outcome: RunOutcome): Promise<TrainResult> {
    const { hub } = this.deps;
    if (outcome.kind !== 'result') {
      reportFailure(hub, outcome, 'train', name);
      return { status: outcome.kind, message: outcome.message };
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
