/**
 * `Makemore: Find Learning Rate` and using its suggestion: a short run on the text of the active
 * document in which the learning rate rises exponentially (core/lrFind.ts), with the configured
 * optimizer and model settings; the panel plots loss against rate.
 *
 * "Use It" (the end notification, the panel, or Makemore: Use Suggested Learning Rate) asks where
 * the rate applies: this word list's next runs (stored with its runs: runs/runStore.ts), the
 * workspace settings, or the user settings (`makemore.training.learningRate`). A word list's own
 * rate wins over the workspace folder's, the workspace's and the user's (jobs.ts readJobInput).
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../../core/errors';
import { formatCount, formatLearningRate } from '../../shared/format';
import { readJobInput, unfinished, type Jobs } from '../jobs/jobs';
import type { ListChoices } from '../training/listChoices';
import type { RunHub } from '../jobs/runHub';
import type { JobOutcome } from '../jobs/workerSession';
import { showFailure } from '../log';
import { documentName, type Runs } from '../runs/runs';
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
  runs: Runs;
  /** How the user chose to read each word list. */
  lists: ListChoices;
  /** The document to search on. */
  currentDocument(): vscode.TextDocument | undefined;
}

/** Where a suggested rate applies: the word list's next runs, or a settings scope. */
export const LR_TARGETS = ['file', 'workspace', 'user'] as const;
export type LrTarget = (typeof LR_TARGETS)[number];

interface TargetItem extends vscode.QuickPickItem {
  target: LrTarget;
}

export class LrFinder {
  /** The word list of the last search (unknown after a window reload). */
  private searched: vscode.Uri | undefined;

  constructor(private readonly deps: LrFinderDeps) {
    // A suggestion restored with the last run state (after a window reload) can still be used.
    void this.updateContext();
  }

  /** Searches on the current document; an argument object `{ steps?, minLr?, maxLr? }` sets the search. */
  async find(arg?: unknown): Promise<LrFindCommandResult> {
    const input = await readJobInput('lrFind', undefined, this.deps.currentDocument(), this.deps.runs, this.deps.lists);
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
      { type: 'lrFind', text: document.getText(), listName: name, listKey: input.listKey, list, config, ...plan },
      name,
      (outcome) => this.finish(name, outcome),
      () => (this.searched = document.uri),
    );
    return result ?? { status: 'declined' };
  }

  /**
   * Uses the last search's suggestion where the user says — `arg` `{ target: 'file' | 'workspace' |
   * 'user' }`, else a quick pick: this word list's next runs, the workspace settings, or the user
   * settings. Returns the rate, or undefined if there is none or the user cancelled.
   */
  async useSuggestion(arg?: unknown): Promise<number | undefined> {
    const lrFind = this.deps.hub.state.lrFind;
    const rate = lrFind?.finished ? lrFind.suggestion : null;
    if (rate === null || rate === undefined || !Number.isFinite(rate)) {
      void vscode.window.showInformationMessage('Makemore has no suggested learning rate yet: run Makemore: Find Learning Rate first.');
      return undefined;
    }
    const file = this.searched ?? this.deps.currentDocument()?.uri;
    const given = typeof arg === 'object' && arg !== null ? (arg as { target?: unknown }).target : undefined;
    if (given !== undefined && !(LR_TARGETS as readonly unknown[]).includes(given)) {
      void vscode.window.showErrorMessage(`Makemore: target must be one of ${LR_TARGETS.join(', ')} (got ${JSON.stringify(given)}).`);
      return undefined;
    }
    const target = (given as LrTarget | undefined) ?? (await this.pickTarget(rate, file));
    if (!target) return undefined;
    const optimizer = lrFind!.optimizer === 'sgd' ? 'SGD' : 'Adam';
    let where: string;
    try {
      if (target === 'file') {
        if (!file) throw new Error('there is no word list to keep it with: open one first.');
        await this.deps.runs.setSettings(file, { learningRate: rate });
        where = `the next runs of ${documentName(file)}`;
        void vscode.window.showInformationMessage(
          `Makemore will train the next runs of ${documentName(file)} with learning rate ${formatLearningRate(rate)} (found with ${optimizer}); ` +
            'it wins over the workspace and user settings for this file only. The Runs view shows it, and clears it.',
        );
      } else {
        const scope = target === 'workspace' ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
        await vscode.workspace.getConfiguration(TRAINING_SECTION).update(SETTING, rate, scope);
        where = `the ${target} settings`;
        const own = file ? (await this.deps.runs.settings(file)).learningRate : undefined;
        const note =
          own !== undefined && file
            ? ` ${documentName(file)} has its own learning rate (${formatLearningRate(own)}), which still wins for it.`
            : '';
        void vscode.window.showInformationMessage(
          `Makemore set ${TRAINING_SECTION}.${SETTING} to ${formatLearningRate(rate)} in ${where} (found with ${optimizer}).${note}`,
        );
      }
    } catch (e) {
      void showFailure(`Makemore could not use the learning rate: ${errorMessage(e)}`);
      return undefined;
    }
    this.deps.hub.publish({ type: 'lrApplied', learningRate: rate, where });
    return rate;
  }

  /** Asks where the rate applies. */
  private async pickTarget(rate: number, file: vscode.Uri | undefined): Promise<LrTarget | undefined> {
    const value = (level: 'workspaceValue' | 'globalValue'): string => {
      const v = vscode.workspace.getConfiguration(TRAINING_SECTION).inspect<number>(SETTING)?.[level];
      return typeof v === 'number' ? `now ${formatLearningRate(v)}` : 'now automatic';
    };
    const own = file ? (await this.deps.runs.settings(file)).learningRate : undefined;
    const items: TargetItem[] = [
      ...(file
        ? [
            {
              target: 'file' as const,
              label: `$(file) This file's next runs: ${documentName(file)}`,
              description: own === undefined ? '' : `now ${formatLearningRate(own)}`,
              detail: 'Kept with its runs; wins over the workspace and user settings, for this word list only',
            },
          ]
        : []),
      ...((vscode.workspace.workspaceFolders?.length ?? 0) > 0
        ? [
            {
              target: 'workspace' as const,
              label: '$(folder) Workspace settings',
              description: value('workspaceValue'),
              detail: `${TRAINING_SECTION}.${SETTING} for the word lists of this workspace that have no rate of their own`,
            },
          ]
        : []),
      {
        target: 'user',
        label: '$(account) User settings',
        description: value('globalValue'),
        detail: `${TRAINING_SECTION}.${SETTING} everywhere, unless a workspace or a word list sets its own`,
      },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `Makemore: use learning rate ${formatLearningRate(rate)} for…`,
      placeHolder: 'Where should the suggested rate apply? (a word list’s own rate wins over the workspace’s, which wins over yours)',
    });
    return picked?.target;
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
    await vscode.commands.executeCommand(
      'setContext',
      LR_SUGGESTION_CONTEXT,
      typeof suggestion === 'number' && Number.isFinite(suggestion),
    );
  }
}
