/**
 * A list's items with the line each stands on, for whatever points back into the file: the CLI's
 * `score` (its `line` column), Rank Lines by Typicality (reveal the line) and the editor's hover
 * (the item under the cursor's line).
 *
 * The items are read exactly as training reads them (listFormat.ts `readList` on the
 * NFC-normalised text: the same format, column and trimming); each is then found in the text,
 * in order, from the line after the previous one's (JSON: from where it ended), as a whole cell —
 * nothing but spaces, a delimiter, a quote or a bracket on either side of it. One item per line is located exactly; in a CSV,
 * Markdown or JSON file an item written differently from how it reads (a JSON escape, a doubled
 * quote) is not found, and its line is unknown (-1).
 */
import { readList, type ListOptions, type ListReading } from './listFormat';

export interface ItemsWithLines {
  items: string[];
  /** The 0-based line of each item, -1 where it could not be located. */
  lines: Int32Array;
  listReading: ListReading;
  /** Lines of the text. */
  lineCount: number;
}

/** Characters that may stand right before or after an item in its line. */
const EDGE = /[\s,;"'`|[\]{}]/u;

export function readItemsWithLines(text: string, options: ListOptions = {}): ItemsWithLines {
  const normalized = text.normalize('NFC');
  const { items, listReading } = readList(normalized, options);
  const lines = new Int32Array(items.length).fill(-1);
  const oneLine = listReading.format !== 'json';
  let pos = 0;
  let line = 0;
  /** Advances `line` to the line of offset `to` (≥ pos). */
  const countTo = (to: number): void => {
    for (let i = normalized.indexOf('\n', pos); i >= 0 && i < to; i = normalized.indexOf('\n', i + 1)) line++;
    pos = to;
  };
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    if (item.length === 0) continue;
    let at = normalized.indexOf(item, pos);
    while (at >= 0 && !isWhole(normalized, at, item.length)) at = normalized.indexOf(item, at + 1);
    if (at < 0) continue;
    countTo(at);
    lines[k] = line;
    // One item per line (row) but in JSON: the next item is on a later line.
    const next = oneLine ? normalized.indexOf('\n', at + item.length) : -1;
    countTo(oneLine && next >= 0 ? next : at + item.length);
  }
  let lineCount = 1;
  for (let i = normalized.indexOf('\n'); i >= 0; i = normalized.indexOf('\n', i + 1)) lineCount++;
  return { items, lines, listReading, lineCount };
}

function isWhole(text: string, at: number, length: number): boolean {
  const before = at === 0 ? '' : text[at - 1]!;
  const after = at + length >= text.length ? '' : text[at + length]!;
  return (before === '' || EDGE.test(before)) && (after === '' || EDGE.test(after));
}
