/**
 * What the user does to a run, from the Runs view, Select Model or a notification: make it the
 * active model of its file, or delete it — with a confirmation, and for the active run only
 * after choosing the run that takes its place.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { configChanges, describeChanges, runDates, runShortLabel, type RunRecord } from '../../shared/runRecord';
import { showFailure } from '../log';
import { runAside } from './describe';
import type { Runs } from './runs';

/** Makes a run the active model of its file, and says so (`more`: what else follows from it). */
export async function useAsActive(runs: Runs, fileKey: string, runId: string, more = ''): Promise<RunRecord | undefined> {
  try {
    const run = await runs.setActive(fileKey, runId);
    void vscode.window.showInformationMessage(
      `Makemore: the active model of ${run.fileName} is now the run of ${runShortLabel(run)}${more}.`,
    );
    return run;
  } catch (e) {
    void showFailure(`Makemore could not change the active model: ${errorMessage(e)}`);
    return undefined;
  }
}

interface RunItem extends vscode.QuickPickItem {
  run: RunRecord;
}

/**
 * Deletes a run after asking. The active run of a file with other runs is deleted only once the
 * user has chosen which run becomes active instead. Resolves to whether it was deleted.
 */
export async function deleteRunAsking(runs: Runs, fileKey: string, runId: string): Promise<boolean> {
  const { group } = await runs.store.file(fileKey);
  const run = group.runs.find((r) => r.id === runId);
  if (!run) return false;
  const others = group.runs.filter((r) => r.id !== runId);
  let replacement: RunRecord | undefined;
  if (group.active?.id === runId && others.length > 0) {
    const dates = runDates(group.runs);
    const items: RunItem[] = others.map((r) => ({
      label: runShortLabel(r, dates.get(r.id)),
      description: describeChanges(configChanges(run.config, r.config)),
      run: r,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `Delete the active model of ${run.fileName}`,
      placeHolder: `${runShortLabel(run)} is the active model: choose the run to use instead, then it is deleted`,
      ignoreFocusOut: true,
    });
    if (!picked) return false;
    replacement = picked.run;
  }
  const last = others.length === 0 ? ` It is the only run of ${run.fileName}: the file will have no model.` : '';
  const instead = replacement ? ` The run of ${runShortLabel(replacement)} becomes the active model.` : '';
  const answer = await vscode.window.showWarningMessage(
    `Delete the run of ${run.fileName} of ${runShortLabel(run)}?`,
    { modal: true, detail: `Its model and its curve are removed (${runAside(run)}).${instead}${last}` },
    'Delete',
  );
  if (answer !== 'Delete') return false;
  try {
    await runs.delete(fileKey, runId, replacement?.id);
    return true;
  } catch (e) {
    void showFailure(`Makemore could not delete the run: ${errorMessage(e)}`);
    return false;
  }
}
