/**
 * `Makemore: Select Model`: the stored models with their losses and dates. Picking one makes it
 * the model used for documents that have none of their own; the trash button deletes one.
 */
import * as vscode from 'vscode';
import { formatLossBrief } from '../../shared/format';
import { modelDetail } from './describe';
import type { Models } from './models';
import type { StoredModel } from './modelStore';

interface ModelItem extends vscode.QuickPickItem {
  model: StoredModel;
}

const DELETE_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: 'Delete this model' };

async function items(models: Models): Promise<ModelItem[]> {
  const { models: list, problems } = await models.store.list();
  models.report(problems);
  const recent = (await models.store.recent())?.file;
  return list.map((model) => {
    const { losses, bigram, source } = model.header;
    return {
      label: model.file === recent ? `$(check) ${source.name}` : source.name,
      description: `dev ${formatLossBrief(losses.dev)} · test ${formatLossBrief(losses.test)} · bigram ${formatLossBrief(bigram.dev)}`,
      detail: modelDetail(model.header),
      buttons: [DELETE_BUTTON],
      model,
    };
  });
}

export async function selectModel(models: Models): Promise<void> {
  const pick = vscode.window.createQuickPick<ModelItem>();
  pick.title = 'Makemore Models';
  pick.placeholder = 'Pick the model to use for documents without a model of their own';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.show();
  const refresh = async (): Promise<void> => {
    pick.items = await items(models);
    pick.busy = false;
    if (pick.items.length === 0) pick.placeholder = 'No trained models: run Makemore: Train on File on a word list';
  };
  pick.onDidTriggerItemButton(async ({ item }) => {
    // The confirmation dialog takes the focus: keep the list open meanwhile.
    pick.ignoreFocusOut = true;
    const answer = await vscode.window.showWarningMessage(
      `Delete the model trained on ${item.model.header.source.name} (${new Date(item.model.header.createdAt).toLocaleString()})?`,
      { modal: true },
      'Delete',
    );
    pick.ignoreFocusOut = false;
    if (answer !== 'Delete') return;
    await models.delete(item.model.file);
    await refresh();
  });
  pick.onDidAccept(async () => {
    const [item] = pick.selectedItems;
    pick.hide();
    if (!item) return;
    await models.select(item.model.file);
    void vscode.window.showInformationMessage(
      `Makemore will use the model trained on ${item.model.header.source.name} for documents without a model of their own.`,
    );
  });
  pick.onDidHide(() => pick.dispose());
  await refresh();
}
