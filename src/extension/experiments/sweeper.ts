/**
 * `Makemore: Sweep Hyperparameters` and keeping its best model: one training run per setting of
 * the varied hyperparameters (sweepPicks.ts asks which, or the command's argument object says:
 * experimentOptions.ts), one after another in the worker on the text of the active document,
 * with one seed (so one split), judged on the dev split only. Cancel stops the sweep and keeps
 * the finished runs.
 *
 * The worker sends the best run's checkpoint before the sweep's last event (its curve and
 * samples with that event); the host holds it (until the next sweep or a window reload) and keeps
 * it as a run of the document's word list when the user asks (`Keep Best Model`) — where it
 * becomes the active model only if it is better than the active one (runs/runStore.ts).
 */
import * as vscode from 'vscode';
import { errorMessage, InputError } from '../../core/errors';
import { sweepSettings } from '../../core/sweepPlan';
import type { Diagnosis, SweepRun, SweepSetting } from '../../core/sweepPlan';
import { parseSweepArgs, sweepBaseConfig, type SweepPlan } from './experimentOptions';
import { formatLossBrief, formatSetting } from '../../shared/format';
import { runLabel, type RunCurve, type RunRecord } from '../../shared/runRecord';
import { readJobInput, unfinished, type Jobs } from '../jobs/jobs';
import type { ListChoices } from '../training/listChoices';
import type { RunHub } from '../jobs/runHub';
import type { JobOutcome } from '../jobs/workerSession';
import { showFailure } from '../log';
import { verdictText } from '../runs/describe';
import { useAsActive } from '../runs/runActions';
import type { Runs } from '../runs/runs';
import { becameActive } from '../runs/runStore';
import { COMPARE_RUNS, USE_NEW_MODEL } from '../training/trainer';
import { pickSweepPlan } from './sweepPicks';

/** Context key: the best model of the last sweep can be kept. */
export const SWEEP_MODEL_CONTEXT = 'makemore.hasSweepModel';

const KEEP = 'Keep Best Model';

/** What a sweep command came to (its return value, used by the tests). */
export type SweepCommandResult =
  | { status: 'swept'; runs: SweepRun[]; best: number; stopped: boolean }
  | { status: 'noDocument' | 'cancelled' | 'declined' | 'inputError' | 'failed'; message?: string };

export interface SweeperDeps {
  jobs: Jobs;
  hub: RunHub;
  runs: Runs;
  /** How the user chose to read each word list. */
  lists: ListChoices;
  /** The document to sweep on. */
  currentDocument(): vscode.TextDocument | undefined;
  /** Shows the runs of a word list (Makemore: Compare Runs). */
  compareRuns(fileKey: string): void;
}

interface BestModel {
  documentUri: vscode.Uri;
  name: string;
  setting: SweepSetting;
  bytes: Uint8Array;
  curve: RunCurve;
  samples: string[];
}

export class Sweeper {
  private best: BestModel | undefined;

  constructor(private readonly deps: SweeperDeps) {}

  /**
   * Sweeps on the current document (or the one at a URI argument), asking what to vary; an
   * argument object `{ vary, timeBudget?, steps? }` says it instead.
   */
  async sweep(arg?: unknown): Promise<SweepCommandResult> {
    const uri = arg instanceof vscode.Uri ? arg : undefined;
    const input = await readJobInput('sweep', uri, this.deps.currentDocument(), this.deps.runs, this.deps.lists);
    if ('status' in input) return input;
    const { document, name, config, list } = input;
    let plan: SweepPlan | undefined;
    try {
      plan = arg === undefined || uri ? await pickSweepPlan(config, name) : parseSweepArgs(arg);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      void vscode.window.showErrorMessage(`Makemore cannot sweep: ${e.message}`);
      return { status: 'inputError', message: e.message };
    }
    if (!plan) return { status: 'cancelled' };
    const result = await this.deps.jobs.run(
      {
        type: 'sweep',
        text: document.getText(),
        listName: name,
        listKey: input.listKey,
        list,
        config: sweepBaseConfig(config, plan),
        settings: sweepSettings(plan.vary),
      },
      name,
      (outcome) => this.finish(document.uri, name, outcome),
    );
    return result ?? { status: 'declined' };
  }

  /** Keeps the last sweep's best run as a run of its word list; undefined if there is none. */
  async keepBest(): Promise<RunRecord | undefined> {
    const best = this.best;
    if (!best) {
      const sweep = this.deps.hub.state.sweep;
      const message = sweep?.kept
        ? `The sweep's best run is kept already, as ${sweep.kept.modelName}.`
        : sweep?.finished
          ? "The last sweep's best model is no longer held (it is kept until the next sweep finishes, or a window reload): run Makemore: Sweep Hyperparameters again."
          : 'There is no sweep to keep a model from: run Makemore: Sweep Hyperparameters first.';
      void vscode.window.showInformationMessage(`Makemore: ${message}`);
      return undefined;
    }
    const { runs } = this.deps;
    // Kept once: taken now, so that a second Keep (the notification's and the panel's) finds none.
    this.setBest(undefined);
    let saved;
    try {
      saved = await runs.save(best.documentUri, {
        fileName: best.name,
        bytes: best.bytes,
        origin: 'sweep',
        setting: best.setting,
        curve: best.curve,
        samples: best.samples,
      });
    } catch (e) {
      // Not stored: still held, to keep again.
      this.setBest(this.best ?? best);
      void showFailure(`Makemore could not store the sweep's best model: ${errorMessage(e)}`);
      return undefined;
    }
    const { run, verdict } = saved;
    const active = becameActive(verdict);
    this.deps.hub.publish({ type: 'modelStored', job: 'sweep', modelName: runLabel(run), fileKey: run.fileKey, runId: run.id, active });
    const { group } = await runs.store.file(run.fileKey);
    const text = `Makemore keeps the sweep's best run (${formatSetting(best.setting)}, dev ${formatLossBrief(run.losses.dev)}) as a run of ${best.name}. ${verdictText(verdict, best.name, group.chosen)}`;
    const actions = active ? [COMPARE_RUNS] : [USE_NEW_MODEL, COMPARE_RUNS];
    void vscode.window.showInformationMessage(text, ...actions).then((action) => {
      if (action === USE_NEW_MODEL) void useAsActive(runs, run.fileKey, run.id);
      else if (action === COMPARE_RUNS) this.deps.compareRuns(run.fileKey);
    });
    return run;
  }

  private async finish(documentUri: vscode.Uri, name: string, outcome: JobOutcome<'sweep'>): Promise<SweepCommandResult> {
    const { hub } = this.deps;
    // A sweep that was rejected or failed leaves the previous sweep's best model held (not yet kept).
    if (outcome.kind !== 'finished') return unfinished(outcome);
    const { finished, model } = outcome;
    const sweep = hub.state.sweep;
    const runs = sweep?.runs ?? [];
    const best = runs[finished.best];
    const curve = finished.bestCurve ?? { trainStep: [], train: [], devStep: [], dev: [] };
    this.setBest(
      model && best ? { documentUri, name, setting: best.setting, bytes: model, curve, samples: finished.bestSamples ?? [] } : undefined,
    );
    const total = sweep?.settings.length ?? runs.length;
    if (!best) {
      void vscode.window.showInformationMessage(
        `Makemore stopped the sweep on ${name} before its first run finished; there is no model to keep.`,
      );
    } else {
      const head = finished.stopped
        ? `Makemore stopped the sweep on ${name} after ${runs.length} of ${total} runs.`
        : `Makemore swept ${total} settings on ${name}.`;
      const text = `${head} Best on the dev split: ${formatSetting(best.setting)} · dev ${formatLossBrief(best.dev)} (train ${formatLossBrief(best.train)}).${fitNote(finished.diagnosis)}`;
      void vscode.window.showInformationMessage(text, KEEP).then((action) => {
        if (action === KEEP) void this.keepBest();
      });
    }
    return { status: 'swept', runs, best: finished.best, stopped: finished.stopped };
  }

  private setBest(best: BestModel | undefined): void {
    this.best = best;
    void vscode.commands.executeCommand('setContext', SWEEP_MODEL_CONTEXT, best !== undefined);
  }
}

/** " Of the 6 runs, 1 underfits (both losses high) and 2 overfit (dev loss well above train)." */
function fitNote(diagnosis: readonly Diagnosis[]): string {
  const count = (d: Diagnosis): number => diagnosis.filter((x) => x === d).length;
  const verb = (n: number, word: string): string => `${n} ${word}${n === 1 ? 's' : ''}`;
  const parts = [
    count('underfit') > 0 ? `${verb(count('underfit'), 'underfit')} (both losses high)` : '',
    count('overfit') > 0 ? `${verb(count('overfit'), 'overfit')} (dev loss well above train)` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? '' : ` Of the ${diagnosis.length} runs, ${parts.join(' and ')}.`;
}
