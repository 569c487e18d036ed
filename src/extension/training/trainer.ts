/**
 * `Makemore: Train on File`: trains on the text of a document as it is in the editor (unsaved
 * edits included) in the worker, shows the run (progress notification with Cancel, status bar,
 * panel: jobs/jobs.ts), keeps it as a run of the document's word list (runs/) and reports the
 * result — including whether the run became the list's active model or, being no better, left
 * the active model as it was ([Use New Model], [Compare Runs]).
 */
import * as vscode from 'vscode';
import { describeCasing } from '../../core/casing';
import { errorMessage } from '../../core/errors';
import type { SplitLosses } from '../../core/splits';
import { casingIsNotable, describeNotes, describeReading, runHonesty } from '../../shared/describeRun';
import { formatCount } from '../../shared/format';
import { runCurve } from '../../shared/runRecord';
import { readJobInput, unfinished, type Jobs } from '../jobs/jobs';
import type { RunHub } from '../jobs/runHub';
import type { JobOutcome } from '../jobs/workerSession';
import { log, showFailure } from '../log';
import { lossSummary, verdictText } from '../runs/describe';
import { useAsActive } from '../runs/runActions';
import type { Runs } from '../runs/runs';
import { becameActive, type VerdictKind } from '../runs/runStore';
import { runLabel } from '../../shared/runRecord';
import type { ListChoices } from './listChoices';
import { Preparing } from './preparing';
import { formatBytes } from './readList';
import { countLines } from '../../core/wordlist';

/** What a Train on File command came to (its return value, used by the tests). */
export type TrainCommandResult =
  | { status: 'trained'; runId: string; fileKey: string; verdict: VerdictKind; stopped: boolean; steps: number; losses: SplitLosses }
  | { status: 'noDocument' | 'declined' | 'inputError' | 'failed'; message?: string };

export const USE_NEW_MODEL = 'Use New Model';
export const COMPARE_RUNS = 'Compare Runs';
export const INSERT_NAME = 'Insert Name';

export interface TrainerDeps {
  jobs: Jobs;
  hub: RunHub;
  runs: Runs;
  /** How the user chose to read each word list. */
  lists: ListChoices;
  /** The document to train on when the command is given none. */
  currentDocument(): vscode.TextDocument | undefined;
  /** Runs Insert Sampled Name (the result notification's action). */
  insertName(): void;
  /** Shows the runs of a word list (Makemore: Compare Runs). */
  compareRuns(fileKey: string): void;
}

export class Trainer {
  /** The document of the last run: what the panel's "Train again" trains on. */
  lastDocument: vscode.Uri | undefined;

  constructor(private readonly deps: TrainerDeps) {}

  async trainOnFile(uri?: vscode.Uri): Promise<TrainCommandResult> {
    // Until the job shows its own progress, something on screen says what is happening (preparing.ts).
    const preparing = new Preparing(this.deps.hub);
    try {
      const input = await readJobInput('train', uri, this.deps.currentDocument(), this.deps.runs, this.deps.lists, (label, bytes) =>
        preparing.say(label, bytes),
      );
      if ('status' in input) return input;
      const { document, name, config, list } = input;
      const text = document.getText();
      preparing.say(`reading ${formatCount(countLines(text))} lines of ${name}`, text.length);
      const fromDisk = document.fromDisk?.notShown ? document.fromDisk : undefined;
      const result = await this.deps.jobs.run(
        { type: 'train', text, listName: name, listKey: input.listKey, list, config },
        name,
        (outcome) => this.finish(document.uri, name, outcome, fromDisk),
        () => {
          this.lastDocument = document.uri;
          preparing.handOver();
        },
      );
      return result ?? { status: 'declined' };
    } finally {
      preparing.end();
    }
  }

  private async finish(
    documentUri: vscode.Uri,
    name: string,
    outcome: JobOutcome<'train'>,
    fromDisk?: { bytes: number },
  ): Promise<TrainCommandResult> {
    const { hub, runs } = this.deps;
    if (outcome.kind !== 'finished') return unfinished(outcome);
    const { finished, model } = outcome;
    if (finished.steps === 0 || !model) {
      const message = 'Training was stopped before its first step; no model was saved.';
      hub.publish({ type: 'failed', job: 'train', cause: 'input', message });
      void vscode.window.showInformationMessage(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    let saved;
    try {
      const state = hub.state;
      saved = await runs.save(documentUri, {
        fileName: name,
        bytes: model,
        origin: 'train',
        curve: runCurve(state.history, state.evals),
        samples: state.samples,
      });
    } catch (e) {
      const message = `Training finished, but the run could not be saved: ${errorMessage(e)}`;
      hub.publish({ type: 'failed', job: 'train', cause: 'error', message });
      void showFailure(`Makemore: ${message}`);
      return { status: 'failed', message };
    }
    const { run, verdict } = saved;
    const active = becameActive(verdict);
    hub.publish({ type: 'modelStored', job: 'train', modelName: runLabel(run), fileKey: run.fileKey, runId: run.id, active });
    // What was read (when not plain lines); what the numbers are worth (core/honesty.ts: below
    // the baseline, a small list, automatic choices, new samples); what bounded the run, what it
    // did about case.
    const started = hub.state.started;
    const read = describeReading(started?.listReading);
    const honesty = started ? runHonesty(started, finished) : [];
    const notes = describeNotes(finished, started?.examples.dev);
    if (casingIsNotable(started?.casing)) notes.push(describeCasing(started.casing));
    for (const line of honesty) log().info(`Training on ${name}: ${line.text}`);
    if (notes.length) log().info(`Training on ${name}: ${notes.join('; ')}`);
    // A file the editor does not show was read from disk: say so.
    const how = [read, fromDisk ? `read from disk, ${formatBytes(fromDisk.bytes)}: the editor does not show it` : null]
      .filter(Boolean)
      .join('; ');
    const on = `${name}${how ? ` (${how})` : ''}`;
    const head = finished.stopped
      ? `Makemore stopped training on ${on} at step ${formatCount(finished.steps)} and kept the model of step ${formatCount(finished.keptStep)}:`
      : `Makemore trained on ${on}:`;
    const sentences = (lines: readonly string[]): string => lines.map((l) => ` ${l}`).join('');
    const warnings = honesty.filter((l) => l.tone === 'warning').map((l) => l.text);
    const others = [
      ...honesty.filter((l) => l.tone === 'note').map((l) => l.text),
      ...(notes.length ? [`${notes.join('; ').replace(/^./u, (c) => c.toUpperCase())}.`] : []),
    ];
    const { group } = await runs.store.file(run.fileKey);
    const text = `${head} ${lossSummary(finished.losses, finished.bigram)}.${sentences(warnings)} ${verdictText(verdict, name, group.chosen)}${sentences(others)}`;
    const actions = active ? [INSERT_NAME, COMPARE_RUNS] : [USE_NEW_MODEL, COMPARE_RUNS];
    void vscode.window.showInformationMessage(text, ...actions).then((action) => {
      if (action === INSERT_NAME) this.deps.insertName();
      else if (action === USE_NEW_MODEL) void useAsActive(runs, run.fileKey, run.id);
      else if (action === COMPARE_RUNS) this.deps.compareRuns(run.fileKey);
    });
    return {
      status: 'trained',
      runId: run.id,
      fileKey: run.fileKey,
      verdict: verdict.kind,
      stopped: finished.stopped,
      steps: finished.steps,
      losses: finished.losses,
    };
  }
}
