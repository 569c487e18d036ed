/**
 * Reading a word list: one item per line, any alphabet.
 *
 * Lines are split on LF, a trailing CR and surrounding whitespace are stripped, blank lines are
 * skipped. Text is normalised to Unicode NFC so that "é" typed either way is one symbol. Inner
 * spaces, digits, punctuation (a literal "." included) and upper/lower case are data.
 */
import { InputError } from './errors';

/** Longest accepted line, in characters (Unicode code points). Longer lines are almost always a
 * sign that the file is not a word list (a paragraph of prose, minified code, a CSV row). */
export const MAX_LINE_LENGTH = 128;
/** Largest accepted file, in bytes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Fewest usable lines: one to train on and one to judge the model with. */
export const MIN_WORDS = 2;

export interface WordListOptions {
  /** Lower-case every line before training (off by default: case is data). */
  foldCase?: boolean;
}

export interface WordList {
  words: string[];
  /** Lines of the source (blank ones included). */
  lineCount: number;
  blankLines: number;
}

/**
 * Decodes file bytes as UTF-8 text, rejecting what is clearly not text: NUL bytes or invalid
 * UTF-8. A UTF-8 byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InputError(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB.`,
    );
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new InputError(`The file looks binary: it contains a NUL byte at offset ${nul}. Expected a text file with one word per line.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new InputError('The file is not valid UTF-8 text. Save it as UTF-8 with one word per line.');
  }
}

/** Splits text into words (see the module comment), checking it is a usable word list. */
export function parseWordList(text: string, options: WordListOptions = {}): WordList {
  if (text.includes('\0')) {
    throw new InputError('The text looks binary: it contains NUL characters. Expected one word per line.');
  }
  if (text.trim().length === 0) {
    throw new InputError(text.length === 0 ? 'The file is empty: expected one word per line.' : 'The file has only blank lines: expected one word per line.');
  }
  const lines = text.split('\n');
  const words: string[] = [];
  let blankLines = 0;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim().normalize('NFC');
    if (line.length === 0) {
      // A final newline is not a blank line.
      if (i < lines.length - 1 || lines.length === 1) blankLines++;
      continue;
    }
    if (options.foldCase) line = line.toLowerCase();
    const length = codePointLength(line);
    if (length > MAX_LINE_LENGTH) {
      throw new InputError(
        `Line ${i + 1} is ${length} characters long; the limit is ${MAX_LINE_LENGTH}. Expected one short item (a name, a word) per line.`,
      );
    }
    words.push(line);
  }
  if (words.length < MIN_WORDS) {
    throw new InputError(
      `The file has ${words.length} usable line${words.length === 1 ? '' : 's'}; at least ${MIN_WORDS} are needed (one item per line).`,
    );
  }
  return { words, lineCount: lines.length - (text.endsWith('\n') ? 1 : 0), blankLines };
}

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}
