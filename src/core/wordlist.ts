/**
 * Reading a word list: the file's bytes decoded (UTF-8, with or without a byte-order mark, or
 * UTF-16 with one), its items read in whatever list format it is (listFormat.ts: lines, CSV/TSV,
 * Markdown or bullet lists, JSON), each trimmed and normalised to Unicode NFC so that "é" typed
 * either way is one symbol. Inner spaces, digits, punctuation (a literal "." included) and case
 * are data, unless the case is folded (casing.ts decides when).
 */
import { foldCase as fold, type FoldCase } from './casing';
import { InputError } from './errors';
import { MAX_LINE_LENGTH, readList, type ListOptions, type ListSource } from './listFormat';

export { MAX_LINE_LENGTH };
/** Largest accepted file, in bytes. */
export const MAX_FILE_BYTES = 32 * 1024 * 1024;
/** Fewest usable lines: one to train on and one to judge the model with. */
export const MIN_WORDS = 2;

export interface WordListOptions extends ListOptions {
  /** Lower-case every item (true / 'on'); off by default. 'auto' is decided by the pipeline. */
  foldCase?: boolean | FoldCase;
}

export interface WordList {
  words: string[];
  /** Lines of the source (blank ones included). */
  lineCount: number;
  /** Lines, rows or elements left out (blank lines, headings, empty cells…). */
  blankLines: number;
  /** What was read, and how (format, column, description, warning). */
  source: ListSource;
}

/** Encodings the decoder reads, by their byte-order mark. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * Decodes file bytes as text: UTF-8 (a byte-order mark is dropped), or UTF-16 LE/BE with a
 * byte-order mark. Rejects what is clearly not text: NUL bytes, or invalid UTF-8 (naming the line
 * and suggesting the encoding to save the file as).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeTextWithEncoding(bytes).text;
}

export function decodeTextWithEncoding(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InputError(
      `The file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB.`,
    );
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return { text: decodeUtf16(bytes.subarray(2), le), encoding: le ? 'utf-16le' : 'utf-16be' };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const utf16 = looksLikeUtf16(bytes);
    throw new InputError(
      utf16
        ? `The file looks like UTF-16 text without a byte-order mark (NUL bytes between the characters). Save it as UTF-8.`
        : `The file looks binary: it contains a NUL byte at offset ${nul}. Expected a text file with one word per line.`,
    );
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes), encoding: 'utf-8' };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const byte = bytes[at] ?? 0;
    throw new InputError(
      `Line ${line} is not valid UTF-8 (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${at}): ` +
        `the file looks ${byte >= 0x80 ? 'saved as Windows-1252 (Latin-1) or another legacy encoding' : 'damaged'}. Save it as UTF-8 and try again.`,
    );
  }
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 2 !== 0) throw new InputError('The file is UTF-16 (it starts with a byte-order mark) but has an odd number of bytes: it is damaged. Save it as UTF-8.');
  let source = bytes;
  if (!littleEndian) {
    // TextDecoder's 'utf-16be' needs full ICU; swapping bytes works everywhere.
    source = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      source[i] = bytes[i + 1]!;
      source[i + 1] = bytes[i]!;
    }
  }
  let text: string;
  try {
    text = new TextDecoder('utf-16le', { fatal: true }).decode(source);
  } catch {
    throw new InputError(`The file is UTF-16${littleEndian ? ' LE' : ' BE'} (by its byte-order mark) but holds invalid characters. Save it as UTF-8.`);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) throw new InputError(`The file looks binary: it contains a NUL character at character ${nul}. Expected a text file with one word per line.`);
  return text;
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 16) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) / (n / 2) > 0.7 && Math.min(even, odd) / (n / 2) < 0.05;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const [n, min] = c >= 0xc2 && c <= 0xdf ? [1, 0x80] : c >= 0xe0 && c <= 0xef ? [2, 0x800] : c >= 0xf0 && c <= 0xf4 ? [3, 0x10000] : [0, 0];
    if (n === 0) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const d = b[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** Reads the items of a list (see the module comment), checking it is a usable word list. */
export function parseWordList(text: string, options: WordListOptions = {}): WordList {
  if (text.includes('\0')) {
    throw new InputError('The text looks binary: it contains NUL characters. Expected one word per line.');
  }
  if (text.trim().length === 0) {
    throw new InputError(text.length === 0 ? 'The file is empty: expected one word per line.' : 'The file has only blank lines: expected one word per line.');
  }
  // NFC never composes across a line break, a delimiter or a quote, so the whole text is
  // normalised at once (much faster than item by item on millions of lines).
  const folding = options.foldCase === true || options.foldCase === 'on';
  // Folded as each item is read: a large list is never held twice.
  const given = options.mapItem;
  const mapItem = folding ? (given ? (item: string) => given(fold(item)) : fold) : given;
  const { items: words, source } = readList(text.normalize('NFC'), { ...options, ...(mapItem ? { mapItem } : {}) });
  if (words.length < MIN_WORDS) {
    const unit = source.format === 'lines' ? 'line' : 'item';
    throw new InputError(
      `The file has ${words.length} usable ${unit}${words.length === 1 ? '' : 's'}; at least ${MIN_WORDS} are needed${source.format === 'lines' ? ' (one item per line)' : ` (${source.description.replace(/:.*$/u, '').replace(/^Reading /u, 'read ')})`}.`,
    );
  }
  let lineCount = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCount++;
  if (text.endsWith('\n')) lineCount--;
  return { words, lineCount, blankLines: source.skipped, source };
}

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Lines in a text (a last line without a newline counts; an empty text has none): fast enough for 30 MB anywhere. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
