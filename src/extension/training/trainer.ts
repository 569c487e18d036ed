/**
 * `Makemore: Train on File`: trains on the text of a document as it is in the editor (unsaved
 * edits included) in the worker, shows the run (progress notification with Cancel, status bar,
 * panel: jobs/jobs.ts), stores the model and reports the result.
 */
import * as vscode from 'vscode';
import { describeCasing } from '../../core/casing';
import { errorMessage } from '../../core/errors';
import type { SplitLosses } from '../../core/splits';
import { casingIsNotable, describeNotes, describeSource } from '../../shared/describeRun';
import { formatCount } from '../../shared/format';
import { readJobInput, unfinished, type Jobs } from '../jobs/jobs';
import type { RunHub } from '../jobs/runHub';
import type { JobOutcome } from '../jobs/workerSession';
import { log, showFailure } from '../log';
import { lossSummary, modelName } from '../models/describe';
import type { Models } from '../models/models';
import type { ListChoices } from './listChoices';

/** What a Train on File command came to (its return value, used by the tests). */
export type TrainCommandResult =
  | { status: 'trained'; model: string; stopped: boolean; steps: number; losses: SplitLosses }
  | { status: 'noDocument' | 'declined' | 'inputError' | 'failed'; message?: string };

export interface TrainerDeps {
  jobs: Jobs;
  hub: RunHub;
  models: Models;
  /** How the user chose to read each word list. */
  lists: ListChoices;
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

  async trainOnFile(uri?: vscode.Uri): Promise<TrainCommandResult> {
    const input = await readJobInput('train', uri, this.deps.currentDocument(), this.deps.lists);
    if ('status' in input) return input;
    const { document, name, config, list } = input;
    const result = await this.deps.jobs.run(
      { type: 'train', text: document.getText(), sourceName: name, list, config },
      name,
      (outcome) => this.finish(document.uri, name, outcome),
      () => (this.lastDocument = document.uri),
    );
    return result ?? { status: 'declined' };
  }

  private async finish(documentUri: vscode.Uri, name: string, outcome: JobOutcome<'train'>): Promise<TrainCommandResult> {
    const { hub } = this.deps;
    if (outcome.kind !== 'finished') return unfinished(outcome);
    const { finished, model } = outcome;
    if (finished.steps === 0 || !model) {
      const message = 'Training was stopped before its first step; no model was saved.';
      hub.publish({ type: 'failed', job: 'train', cause: 'input', message });
      void vscode.window.showInformationMessage(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    let stored;
    try {
      stored = await this.deps.models.save(documentUri, model);
    } catch (e) {
      const message = `Training finished, but the model could not be saved: ${errorMessage(e)}`;
      hub.publish({ type: 'failed', job: 'train', cause: 'error', message });
      void showFailure(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    this.lastModel = stored.file;
    hub.publish({ type: 'modelStored', job: 'train', modelName: modelName(stored.header) });
    // What was read (when not plain lines), what bounded the run, what it did about case.
    const started = hub.state.started;
    const read = describeSource(started?.source);
    const notes = describeNotes(finished, started?.examples.dev);
    if (casingIsNotable(started?.casing)) notes.push(describeCasing(started.casing));
    if (notes.length) log().info(`Training on ${name}: ${notes.join('; ')}`);
    const on = `${name}${read ? ` (${read})` : ''}`;
    const head = finished.stopped
      ? `Makemore stopped training on ${on} at step ${formatCount(finished.steps)} and kept the model of step ${formatCount(finished.keptStep)}:`
      : `Makemore trained on ${on}:`;
    const tail = notes.length ? ` ${notes.join('; ').replace(/^./u, (c) => c.toUpperCase())}.` : '';
    void vscode.window.showInformationMessage(`${head} ${lossSummary(finished.losses, finished.bigram)}.${tail}`, 'Insert Name').then((action) => {
      if (action === 'Insert Name') this.deps.insertName();
    });
    return { status: 'trained', model: stored.file, stopped: finished.stopped, steps: finished.steps, losses: finished.losses };
  }
}
