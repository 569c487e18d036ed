/**
 * Names and cursors, without VS Code (tested as plain functions): how names are shared among
 * the cursors of an insert, and which names a document already holds.
 */

/**
 * The text for each of `cursors` cursors: every name once, cursor i getting names i, i + k,
 * i + 2k… (k cursors), one per line — so with one cursor all of them, with as many cursors as
 * names one each. A cursor left without a name gets undefined (its selection stays).
 */
export function splitAmongCursors(names: readonly string[], cursors: number, eol = '\n'): (string | undefined)[] {
  return Array.from({ length: cursors }, (_, i) => {
    const mine = names.filter((_, j) => j % cursors === i);
    return mine.length > 0 ? mine.join(eol) : undefined;
  });
}

/**
 * Cursor i's names in blocks of `per`: names i·per … i·per + per − 1 (Insert Sampled Name's
 * names per cursor, each cursor's own).
 */
export function blocksForCursors(names: readonly string[], cursors: number, per: number, eol = '\n'): (string | undefined)[] {
  return Array.from({ length: cursors }, (_, i) => {
    const mine = names.slice(i * per, (i + 1) * per);
    return mine.length > 0 ? mine.join(eol) : undefined;
  });
}

/** Most names taken from a document to avoid (its lines and words). */
export const MAX_AVOID = 100_000;

/**
 * The names a document already holds, to keep generated ones different: each line (trimmed)
 * and each word of it.
 */
export function namesInText(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    out.add(line);
    for (const word of line.split(/[\s,;]+/)) if (word) out.add(word);
    if (out.size >= MAX_AVOID) break;
  }
  return [...out];
}
