/**
 * How the user chose to read each word list — a CSV column, a JSON field, or a format (read a
 * plain list with stray commas as CSV, or keep its lines) — remembered per file, so a choice
 * once made holds for every later job on that file (training, sweeps, the learning-rate finder)
 * until the user changes it. The file itself is only read, never changed.
 *
 * And the host's quick look at a list before a job starts (`inspectList`): the format, the
 * columns to choose from, a stray-structure warning — read from the head of the text, so even
 * a 30 MB file is looked at in a few milliseconds; the worker reads the whole list.
 *
 * No `vscode` here (unit-tested in Node); chooseList.ts asks the user.
 */
import { InputError } from '../../core/errors';
import { readList, type ListColumn, type ListFormatChoice, type ListReading } from '../../core/listFormat';
import type { ListChoice } from '../../shared/messages';
import type { KeyValueStore } from '../runs/storage';

/** The head of the text read by `inspectList` (characters; cut at a line's end). */
export const INSPECT_CHARS = 256 * 1024;
/** A JSON file cannot be cut: up to this size it is read whole to list its fields. */
export const INSPECT_JSON_CHARS = 4 * 1024 * 1024;

/** What `inspectList` saw, or why it could not read the head as asked (the choice may be stale). */
export type Inspection = { listReading: ListReading } | { problem: string } | { skipped: true };

/**
 * Reads the head of a list as `choice` says (detected when it says nothing): its format, its
 * columns or fields, a warning. A JSON file over INSPECT_JSON_CHARS is not inspected (`skipped`).
 */
export function inspectList(text: string, fileName: string, choice: ListChoice = {}): Inspection {
  let head = text;
  if (text.length > INSPECT_CHARS) {
    const json =
      (choice.format === 'json' || choice.format === undefined || choice.format === 'auto') && /^\s*[[{]/u.test(text.slice(0, 64));
    if (json) {
      if (text.length > INSPECT_JSON_CHARS) return { skipped: true };
    } else {
      head = text.slice(0, text.lastIndexOf('\n', INSPECT_CHARS) + 1) || text.slice(0, INSPECT_CHARS);
    }
  }
  try {
    return {
      listReading: readList(head, { format: choice.format, column: choice.column, markedOnly: choice.markedOnly, fileName }).listReading,
    };
  } catch (e) {
    if (e instanceof InputError) return { problem: e.message };
    throw e;
  }
}

/** How a column is named in a choice: its header name, or its position when the file has no header. */
export function choiceOfColumn(reading: ListReading, column: ListColumn): ListChoice {
  return { format: reading.format, column: reading.header === false ? column.index : column.name };
}

/** "column 'breed' of dogs.csv", "field 'name' of pets.json", "names.txt as one item per line", for messages. */
export function describeChoice(choice: ListChoice, name: string): string {
  const { column, format } = choice;
  if (column !== undefined) {
    return `${typeof column === 'number' ? `column ${column}` : format === 'json' ? `field '${column}'` : `column '${column}'`} of ${name}`;
  }
  if (choice.markedOnly) return `${name} as ${MARKED_ONLY_NAME}`;
  return format === undefined || format === 'auto' ? `${name} in the format detected` : `${name} as ${FORMAT_NAMES[format]}`;
}

/** How each format is named in the choice of how to read a file. */
export const FORMAT_NAMES: Record<ListFormatChoice, string> = {
  auto: 'the format detected',
  lines: 'one item per line',
  csv: 'CSV',
  tsv: 'TSV (tab-separated)',
  markdown: 'a Markdown list or table, or a bullet or numbered list',
  json: 'JSON (an array, or JSON Lines)',
};

/** How reading only the marked lines of a list is named (markdown with `markedOnly`). */
export const MARKED_ONLY_NAME = 'a bullet or numbered list, only its marked lines';

/** The choices remembered, per document URI (at most MAX_REMEMBERED, the oldest forgotten first). */
export class ListChoices {
  static readonly KEY = 'makemore.listChoices';
  static readonly MAX_REMEMBERED = 500;

  constructor(private readonly memory: KeyValueStore) {}

  private all(): Record<string, ListChoice> {
    const saved = this.memory.get<Record<string, ListChoice>>(ListChoices.KEY);
    return typeof saved === 'object' && saved !== null ? saved : {};
  }

  get(uri: string): ListChoice | undefined {
    const choice = this.all()[uri];
    return typeof choice === 'object' && choice !== null ? choice : undefined;
  }

  async set(uri: string, choice: ListChoice): Promise<void> {
    const all = this.all();
    delete all[uri];
    all[uri] = {
      ...(choice.format !== undefined ? { format: choice.format } : {}),
      ...(choice.column !== undefined ? { column: choice.column } : {}),
      ...(choice.markedOnly ? { markedOnly: true } : {}),
    };
    const keys = Object.keys(all);
    for (const old of keys.slice(0, Math.max(0, keys.length - ListChoices.MAX_REMEMBERED))) delete all[old];
    await this.memory.update(ListChoices.KEY, all);
  }
}
