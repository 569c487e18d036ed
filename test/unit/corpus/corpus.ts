/**
 * The corpus of unusual and broken inputs (issue 18): a table of cases, each a file made in the
 * test (never committed as data), how it is given to the CLI, and what must come of it — the
 * reading (the items, what the reader says) or one clear message and the exit code.
 *
 * Tables live in this folder, one per part of the product (readerCases.ts: the list reader);
 * a part adds its own file exporting a `CorpusCase[]` and lists it in `TABLES` (corpus.test.ts).
 * Every case runs in a temporary folder of its own:
 *
 * - `read`: what the reader makes of the file in-process, through the CLI's own path
 *   (cli/listFile.ts, then core/wordlist.ts parseWordList with the flags' list options) — fast;
 * - `error`: the one message of that same reading, and, through the built CLI (dist/cli.js), one
 *   line on stderr ("makemore: …"), no stack trace, nothing on stdout, the exit code;
 * - `cli`: the case also runs through the built CLI; for a reading that is a short training
 *   (a second or so), so only some readings do, with what stderr must say (notes, warnings).
 */

/** What the reader must make of the file. */
export interface ExpectedReading {
  /** The items in order, or a check on them. */
  items: readonly string[] | ((items: readonly string[]) => void);
  /** The reader's description ("Reading column 'name' (also: count) of a CSV file: …"). */
  description?: RegExp;
  /** Each must match one of the reader's notes; when given, there are no other notes. */
  notes?: readonly RegExp[];
  /** The two-way warning's message; null: none. Not given: not checked. */
  warning?: RegExp | null;
}

export interface CorpusCase {
  /** What the input is, as a test title says it. */
  name: string;
  /** The file: its name (the extension can settle the format) and content (a string is written as UTF-8). */
  file: { name: string; content: string | Uint8Array | (() => string | Uint8Array) };
  /** Flags after `makemore train FILE` that say how to read it: --format, --column, --marked-only. */
  flags?: readonly string[];
  /** Prepares the folder further (a sparse file, a FIFO…); gets the folder and the file's path. */
  setup?(dir: string, file: string): void;
  /** The CLI's arguments instead of `train FILE FLAGS…` (for cases that are not a training). */
  args?(dir: string, file: string): string[];
  read?: ExpectedReading;
  /** One clear message (also the CLI's one stderr line) and the CLI's exit code. */
  error?: { message: RegExp; exit: number };
  /** Run through the built CLI too (errors always are): what its stderr must say, and its exit code (0). */
  cli?: { stderr?: readonly RegExp[]; exit?: number };
}
