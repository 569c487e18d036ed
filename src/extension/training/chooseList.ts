/**
 * Asking the user how to read a word list, in VS Code:
 *
 * - before a job: a list that reads two ways gets a warning with the choice — a plain list with
 *   stray structure (a fifth of its lines holding a comma, or a leading "- "): read it as CSV (or
 *   as a list), or keep its lines; a bulleted list with unmarked lines: keep them all as items,
 *   or only the marked lines; a remembered column that is no longer in the file asks for another;
 * - `Makemore: Choose Column…` (also from the panel's summary): a quick pick of the file's
 *   columns or fields, each with examples, and of the formats it can be read as.
 *
 * Every choice is remembered for that file (listChoices.ts) and used by every later job on it.
 */
import * as vscode from 'vscode';
import { LIST_FORMATS, type ListColumn, type ListReading } from '../../core/listFormat';
import type { ListChoice } from '../../shared/messages';
import { log } from '../log';
import { documentName } from '../runs/runs';
import type { ListDocument } from './readList';
import { FORMAT_NAMES, MARKED_ONLY_NAME, choiceOfColumn, describeChoice, inspectList, type ListChoices } from './listChoices';

/** The file name the list's format is detected from (its extension). */
export function listFileName(document: ListDocument): string {
  return document.uri.path.split('/').pop() ?? document.uri.path;
}

/**
 * How to read `document` for a job: the remembered choice, or — for a plain list with stray
 * structure, or a remembered column that is gone — the user's answer (remembered too).
 * Undefined: the user cancelled, and the job does not start.
 */
export async function listChoiceFor(document: ListDocument, name: string, choices: ListChoices): Promise<ListChoice | undefined> {
  const key = document.uri.toString();
  const remembered = choices.get(key);
  const text = document.getText();
  const fileName = listFileName(document);
  const seen = inspectList(text, fileName, remembered);
  if ('problem' in seen && remembered?.column !== undefined) {
    // The column chosen earlier is not in the file any more: choose again (the old choice stays until then).
    const fresh = inspectList(text, fileName, { format: remembered.format });
    if (!('listReading' in fresh) || fresh.listReading.columns.length === 0) return remembered;
    return pickReading(
      document,
      name,
      fresh.listReading,
      choices,
      `Makemore: the ${describeChoice(remembered, name)} chosen earlier is not in the file any more — choose another`,
    );
  }
  if (remembered || !('listReading' in seen) || !seen.listReading.warning) return remembered ?? {};
  const warning = seen.listReading.warning;
  const { instead, keep } = warning;
  const answer = await vscode.window.showWarningMessage(
    `${name}: ${warning.message}`,
    {
      modal: true,
      detail: `Makemore remembers your choice for this file; Makemore: Choose Column… changes it. The file is only read, never changed.`,
    },
    instead.label,
    keep.label,
  );
  if (answer === undefined) return undefined;
  const choice: ListChoice = answer === keep.label ? keep.choice : instead.choice;
  await choices.set(key, choice);
  log().info(`Reading ${describeChoice(choice, name)} from now on (the user's choice).`);
  return choice;
}

interface ReadingItem extends vscode.QuickPickItem {
  choice?: ListChoice;
}

/**
 * The quick pick of how to read `document`: its columns or fields (the one read now marked),
 * then the formats. Remembers the pick; undefined when dismissed.
 */
export async function pickReading(
  document: ListDocument,
  name: string,
  reading: ListReading | undefined,
  choices: ListChoices,
  title?: string,
): Promise<ListChoice | undefined> {
  const key = document.uri.toString();
  const current = choices.get(key);
  const items: ReadingItem[] = [];
  const columns = reading?.columns ?? [];
  if (reading && columns.length > 0) {
    const kind = reading.format === 'json' ? 'Fields' : 'Columns';
    items.push({ label: `${kind} of the ${reading.formatLabel}`, kind: vscode.QuickPickItemKind.Separator });
    for (const column of columns) items.push(columnItem(reading, column));
  }
  items.push({ label: 'Read the file as', kind: vscode.QuickPickItemKind.Separator });
  const formats: ListChoice[] = LIST_FORMATS.flatMap((format): ListChoice[] =>
    format === 'markdown' ? [{ format }, { format, markedOnly: true }] : [{ format }],
  );
  for (const choice of formats) {
    const format = choice.format ?? 'auto';
    const isCurrent =
      (current?.format ?? 'auto') === format &&
      current?.column === undefined &&
      Boolean(current?.markedOnly) === Boolean(choice.markedOnly);
    const name = choice.markedOnly ? MARKED_ONLY_NAME : FORMAT_NAMES[format];
    items.push({
      label: format === 'auto' ? 'Detect the format' : name[0]!.toUpperCase() + name.slice(1),
      description:
        [format === 'auto' && reading ? `now: ${reading.formatLabel}` : '', isCurrent ? 'current' : ''].filter(Boolean).join(' · ') ||
        undefined,
      choice,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: title ?? `Makemore: how to read ${name}`,
    placeHolder:
      columns.length > 0
        ? 'The column that holds the names (Makemore remembers it for this file)'
        : 'How Makemore reads this file (remembered for it)',
    matchOnDetail: true,
  });
  if (!picked?.choice) return undefined;
  await choices.set(key, picked.choice);
  log().info(`Reading ${describeChoice(picked.choice, name)} from now on (the user's choice).`);
  return picked.choice;

  function columnItem(s: ListReading, column: ListColumn): ReadingItem {
    const read = s.column?.name === column.name;
    return {
      label: column.name,
      description:
        [
          read ? 'read now' : '',
          column.kind === 'email' ? 'e-mail addresses' : column.kind === 'url' ? 'URLs' : column.text ? '' : 'mostly numbers',
        ]
          .filter(Boolean)
          .join(' · ') || undefined,
      detail: column.examples.length ? `e.g. ${column.examples.join(', ')}` : undefined,
      choice: choiceOfColumn(s, column),
    };
  }
}

/**
 * `Makemore: Choose Column…`: the quick pick for `document`, then an offer to train on it as
 * chosen. Returns the choice (undefined when dismissed).
 */
export async function chooseColumn(
  document: vscode.TextDocument | undefined,
  choices: ListChoices,
  train: (uri: vscode.Uri) => unknown,
): Promise<ListChoice | undefined> {
  if (!document) {
    void vscode.window.showErrorMessage('Open a word list in an editor, then run Makemore: Choose Column….');
    return undefined;
  }
  const name = documentName(document.uri);
  const remembered = choices.get(document.uri.toString());
  // The columns as the file reads in its (chosen or detected) format, whichever column is chosen.
  const seen = inspectList(document.getText(), listFileName(document), {
    format: remembered?.format,
    ...(remembered?.markedOnly ? { markedOnly: true } : {}),
  });
  const choice = await pickReading(document, name, 'listReading' in seen ? seen.listReading : undefined, choices);
  if (!choice) return undefined;
  const action = 'Train Now';
  void vscode.window.showInformationMessage(`Makemore reads ${describeChoice(choice, name)} from now on.`, action).then((a) => {
    if (a === action) train(document.uri);
  });
  return choice;
}
