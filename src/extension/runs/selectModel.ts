/**
 * `Makemore: Select Model`: every stored run, grouped by word list (the list whose model is in
 * use first, with its runs' size on disk), each with its date, dev loss, what differs from its
 * file's active run, and its own size (its list's text is stored once, counted in the list's). Picking
 * one makes it the active model of its file (and that file's model the one used for documents
 * without runs of their own); the buttons compare a file's runs or delete a run.
 */
import * as vscode from 'vscode';
import { formatBytes, formatLossBrief } from '../../shared/format';
import { configChanges, describeChanges, runDates, runShortLabel, type RunRecord } from '../../shared/runRecord';
import { runDetail } from './describe';
import { deleteRunAsking, useAsActive } from './runActions';
import type { Runs } from './runs';

interface RunItem extends vscode.QuickPickItem {
  run: RunRecord;
}

const DELETE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this run' };
const COMPARE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('graph-line'), tooltip: 'Compare the runs of this file' };

async function items(runs: Runs): Promise<(RunItem | vscode.QuickPickItem)[]> {
  const { groups, problems } = await runs.store.files();
  runs.report(problems);
  const storage = await Promise.all(groups.map((g) => runs.store.storage(g)));
  return groups.flatMap((group, g) => {
    const dates = runDates(group.runs);
    // What the list's runs take on disk: "names.txt — 3 runs, 412 KB".
    const { total, runs: sizes } = storage[g]!;
    const label = `${group.fileName || 'a word list'} — ${group.runs.length} run${group.runs.length === 1 ? '' : 's'}, ${formatBytes(total)}`;
    const separator: vscode.QuickPickItem = { label, kind: vscode.QuickPickItemKind.Separator };
    return [
      separator,
      ...group.runs.map((run): RunItem => {
        const active = run.id === group.active?.id;
        const differs = group.active && !active ? describeChanges(configChanges(group.active.config, run.config)) : '';
        return {
          label: `${active ? '$(check)' : '$(blank)'} ${runShortLabel(run, dates.get(run.id))}`,
          description: active ? `active model${group.chosen ? ' (chosen)' : ''}` : differs,
          detail: `train ${formatLossBrief(run.losses.train)} · test ${formatLossBrief(run.losses.test)} · bigram ${formatLossBrief(run.bigram.dev)} · ${runDetail(run)} · ${formatBytes(sizes[run.id] ?? 0)}`,
          buttons: [COMPARE_BUTTON, DELETE_BUTTON],
          run,
        };
      }),
    ];
  });
}

/** `compare`: opens the Runs view on a file. */
export async function selectModel(runs: Runs, compare: (fileKey: string) => void): Promise<void> {
  const pick = vscode.window.createQuickPick<RunItem | vscode.QuickPickItem>();
  pick.title = 'Makemore: Select Model';
  pick.placeholder = 'Pick the run to use as the active model of its word list';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.show();
  const refresh = async (): Promise<void> => {
    pick.items = await items(runs);
    pick.busy = false;
    if (pick.items.length === 0) pick.placeholder = 'No trained models: run Makemore: Train on File on a word list';
  };
  pick.onDidTriggerItemButton(async ({ item, button }) => {
    const run = (item as RunItem).run;
    if (button === COMPARE_BUTTON) {
      pick.hide();
      compare(run.fileKey);
      return;
    }
    // The confirmation takes the focus: keep the list open meanwhile.
    pick.ignoreFocusOut = true;
    const deleted = await deleteRunAsking(runs, run.fileKey, run.id);
    pick.ignoreFocusOut = false;
    if (deleted) await refresh();
  });
  pick.onDidAccept(async () => {
    const item = pick.selectedItems[0] as RunItem | undefined;
    pick.hide();
    if (!item?.run) return;
    await useAsActive(runs, item.run.fileKey, item.run.id, '; it is also used for documents without runs of their own');
  });
  pick.onDidHide(() => pick.dispose());
  await refresh();
}
