/**
 * `Makemore: Find Learning Rate` and using its suggestion: a short run on the text of the active
 * document in which the learning rate rises exponentially (core/lrFind.ts), with the configured
 * optimizer and model settings; the panel plots loss against rate. The suggestion can be written
 * into `makemore.training.learningRate` — in the workspace settings when a folder is open, else
 * in the user settings — from the end notification, the panel, or the command palette.
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../../core/errors';
import { formatCount, formatLearningRate } from '../../shared/format';
import { readJobInput, unfinished, type Jobs } from '../jobs/jobs';
import type { ListChoices } from '../training/listChoices';
import type { RunHub } from '../jobs/runHub';
import type { JobOutcome } from '../jobs/workerSession';
import { showFailure } from '../log';
import { TRAINING_SECTION } from '../settings';
import { parseLrFindArgs, type LrFindPlan } from './experimentOptions';

/** Context key: a finished search has a suggestion to use. */
export const LR_SUGGESTION_CONTEXT = 'makemore.hasLrSuggestion';

const USE_IT = 'Use It';
const SETTING = 'learningRate';

/** What a Find Learning Rate command came to (its return value, used by the tests). */
export type LrFindCommandResult =
  | { status: 'found'; suggestion: number; minimum: number; stopped: boolean }
  | { status: 'noDocument' | 'declined' | 'inputError' | 'failed'; message?: string };

export interface LrFinderDeps {
  jobs: Jobs;
  hub: RunHub;
  /** How the user chose to read each word list. */
  lists: ListChoices;
  /** The document to search on. */
  currentDocument(): vscode.TextDocument | undefined;
}

export class LrFinder {
  constructor(private readonly deps: LrFinderDeps) {
    // A suggestion restored with the last run state (after a window reload) can still be used.
    void this.updateContext();
  }

  /** Searches on the current document; an argument object `{ steps?, minLr?, maxLr? }` sets the search. */
  async find(arg?: unknown): Promise<LrFindCommandResult> {
    const input = await readJobInput('lrFind', undefined, this.deps.currentDocument(), this.deps.lists);
    if ('status' in input) return input;
    const { document, name, config, list } = input;
    let plan: LrFindPlan;
    try {
      plan = parseLrFindArgs(arg, config.optimizer);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      void vscode.window.showErrorMessage(`Makemore cannot find a learning rate: ${e.message}`);
      return { status: 'inputError', message: e.message };
    }
    const result = await this.deps.jobs.run(
      { type: 'lrFind', text: document.getText(), sourceName: name, list, config, ...plan },
      name,
      (outcome) => this.finish(name, outcome),
    );
    return result ?? { status: 'declined' };
  }

  /**
   * Writes the last search's suggestion into `makemore.training.learningRate` (workspace
   * settings with a folder open, else user settings); returns it, or undefined if there is none.
   */
  async useSuggestion(): Promise<number | undefined> {
    const lrFind = this.deps.hub.state.lrFind;
    const rate = lrFind?.finished ? lrFind.suggestion : null;
    if (rate === null || rate === undefined || !Number.isFinite(rate)) {
      void vscode.window.showInformationMessage('Makemore has no suggested learning rate yet: run Makemore: Find Learning Rate first.');
      return undefined;
    }
    const workspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
    const target = workspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    try {
      await vscode.workspace.getConfiguration(TRAINING_SECTION).update(SETTING, rate, target);
    } catch (e) {
      void showFailure(`Makemore could not write ${TRAINING_SECTION}.${SETTING}: ${errorMessage(e)}`);
      return undefined;
    }
    this.deps.hub.publish({ type: 'lrApplied', learningRate: rate });
    void vscode.window.showInformationMessage(
      `Makemore set ${TRAINING_SECTION}.${SETTING} to ${formatLearningRate(rate)} in the ${workspace ? 'workspace' : 'user'} settings` +
        ` (found with ${lrFind!.optimizer === 'sgd' ? 'SGD' : 'Adam'}).`,
    );
    return rate;
  }

  private async finish(name: string, outcome: JobOutcome<'lrFind'>): Promise<LrFindCommandResult> {
    const { hub } = this.deps;
    if (outcome.kind !== 'finished') return unfinished(outcome);
    const { finished } = outcome;
    await this.updateContext();
    const lrFind = hub.state.lrFind;
    if (!Number.isFinite(finished.suggestion)) {
      void vscode.window.showInformationMessage(`Makemore stopped the learning-rate finder on ${name} before it could suggest a rate.`);
    } else {
      const optimizer = lrFind?.optimizer === 'sgd' ? 'SGD' : 'Adam';
      const head = finished.stopped
        ? `Makemore stopped the learning-rate finder on ${name} at step ${formatCount(lrFind?.learningRates.length ?? 0)}. From the curve so far,`
        : `Makemore found the learning rate on ${name}:`;
      const text = `${head} the smoothed loss is lowest at ${formatLearningRate(finished.minimum)}; the suggested rate for ${optimizer} is ${formatLearningRate(finished.suggestion)}.`;
      void vscode.window.showInformationMessage(text, USE_IT).then((action) => {
        if (action === USE_IT) void this.useSuggestion();
      });
    }
    return { status: 'found', suggestion: finished.suggestion, minimum: finished.minimum, stopped: finished.stopped };
  }

  private async updateContext(): Promise<void> {
    const suggestion = this.deps.hub.state.lrFind?.suggestion;
    await vscode.commands.executeCommand('setContext', LR_SUGGESTION_CONTEXT, typeof suggestion === 'number' && Number.isFinite(suggestion));
  }
}
