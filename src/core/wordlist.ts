/**
 * Reading a word list: the file's bytes decoded (UTF-8, with or without a byte-order mark, or
 * UTF-16 with one), its items read in whatever list format it is (listFormat.ts: lines, CSV/TSV,
 * Markdown or bullet lists, JSON), each trimmed and normalised to Unicode NFC so that "é" typed
 * either way is one symbol. Inner spaces, digits, punctuation (a literal "." included) and case
 * are data, unless the case is folded (casing.ts decides when).
 */
import { foldCase as fold, type FoldCase } from './casing';
import { InputError } from './errors';
import { MAX_LINE_LENGTH, readList, type ListOptions, type ListReading } from './listFormat';
import { mayCompose } from './symbols';

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
  listReading: ListReading;
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

/**
 * The one message for a list over MAX_FILE_BYTES, whether its size is known before reading (a
 * file) or the reading stopped at the cap (a stream that goes on: a pipe, /dev/zero).
 */
export function tooLargeMessage(bytes?: number): string {
  const size =
    bytes === undefined ? '' : ` (${(bytes / 1048576).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} MB)`;
  return `The file is larger than ${MAX_FILE_BYTES / 1048576} MB, the limit for a word list${size}: train on a part of it (for example its first million lines).`;
}

/** UTF-8 size of a text, in bytes (counted only as far as the cap needs). */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Throws the size message for a text (an editor's document) over MAX_FILE_BYTES in UTF-8. */
export function checkTextSize(text: string): void {
  // A UTF-8 byte or more per UTF-16 unit, three at most: only texts in between are measured.
  if (text.length * 3 <= MAX_FILE_BYTES) return;
  const bytes = text.length > MAX_FILE_BYTES ? text.length : utf8Length(text);
  if (bytes > MAX_FILE_BYTES) throw new InputError(tooLargeMessage(text.length > MAX_FILE_BYTES ? undefined : bytes));
}

export function decodeTextWithEncoding(bytes: Uint8Array): { text: string; encoding: TextEncodingName } {
  if (bytes.length > MAX_FILE_BYTES) throw new InputError(tooLargeMessage(bytes.length));
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
  if (bytes.length % 2 !== 0)
    throw new InputError(
      'The file is UTF-16 (it starts with a byte-order mark) but has an odd number of bytes: it is damaged. Save it as UTF-8.',
    );
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
    throw new InputError(
      `The file is UTF-16${littleEndian ? ' LE' : ' BE'} (by its byte-order mark) but holds invalid characters. Save it as UTF-8.`,
    );
  }
  const nul = text.indexOf('\0');
  if (nul >= 0)
    throw new InputError(
      `The file looks binary: it contains a NUL character at character ${nul}. Expected a text file with one word per line.`,
    );
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
    const [n, min] =
      c >= 0xc2 && c <= 0xdf ? [1, 0x80] : c >= 0xe0 && c <= 0xef ? [2, 0x800] : c >= 0xf0 && c <= 0xf4 ? [3, 0x10000] : [0, 0];
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

/** Chunks NFC is checked in (at line ends: NFC never composes across a line break). */
const NFC_CHUNK = 1 << 20;

/**
 * The text in NFC. Checked a chunk at a time, so that a text already in NFC (nearly every file)
 * is not copied whole: on a 30 MB list that copy was the largest allocation of the reading.
 */
function toNfc(text: string): string {
  if (!mayCompose(text)) return text;
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', Math.min(text.length, start + NFC_CHUNK));
    if (end < 0) end = text.length;
    const chunk = text.slice(start, end);
    if (chunk.normalize('NFC') !== chunk) return text.normalize('NFC');
    start = end + 1;
  }
  return text;
}

/** Reads the items of a list (see the module comment), checking it is a usable word list. */
export function parseWordList(text: string, options: WordListOptions = {}): WordList {
  checkTextSize(text);
  if (text.includes('\0')) {
    throw new InputError('The text looks binary: it contains NUL characters. Expected one word per line.');
  }
  if (text.trim().length === 0) {
    throw new InputError(
      text.length === 0 ? 'The file is empty: expected one word per line.' : 'The file has only blank lines: expected one word per line.',
    );
  }
  // NFC never composes across a line break, a delimiter or a quote, so the whole text is
  // normalised at once (much faster than item by item on millions of lines) — when it needs it.
  const folding = options.foldCase === true || options.foldCase === 'on';
  // Folded as each item is read: a large list is never held twice.
  const given = options.mapItem;
  const mapItem = folding ? (given ? (item: string) => given(fold(item)) : fold) : given;
  const { items: words, listReading: source } = readList(toNfc(text), { ...options, ...(mapItem ? { mapItem } : {}) });
  if (words.length < MIN_WORDS) {
    const unit = source.format === 'lines' ? 'line' : 'item';
    throw new InputError(
      `The file has ${words.length} usable ${unit}${words.length === 1 ? '' : 's'}; at least ${MIN_WORDS} are needed${source.format === 'lines' ? ' (one item per line)' : ` (${source.description.replace(/: [\d,]+ items?\b.*$/u, '').replace(/^Reading /u, 'read ')})`}.`,
    );
  }
  return { words, lineCount: countLines(text), blankLines: source.skipped, listReading: source };
}

/** Lines in a text, as parseWordList counts them (a line may end with LF, CRLF or a CR alone; a
 * last line without an ending counts; an empty text has none): fast enough for 30 MB anywhere. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  // Old Mac files: lines end with a CR alone.
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 0x0a) lines++;
  if (/\r?\n$|\r$/u.test(text)) lines--;
  return lines;
}
