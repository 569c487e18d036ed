/**
 * Reading a list out of whatever file holds it, as people write lists:
 *
 * - one item per line (CR, LF or CRLF line ends), `# comment` lines and a header line of words
 *   over a one-column list ("Names") skipped with a note;
 * - CSV or TSV with or without a header, and Markdown tables (`| name | count |`): the column of
 *   names is chosen — a header that names names (`name`, `first name`, `Child's First Name`,
 *   `title`, `word`…), else the text column with the most distinct letter-like values, never a
 *   column with few distinct values (gender, a year) or of e-mail addresses or URLs while another
 *   text column exists — or the one the user chose;
 * - Markdown, bullet and numbered lists: markers stripped (numbers only when the list is numbered
 *   1, 2, 3 …, never from names like "1. FC Köln"), headings, rules, code and prose skipped; the
 *   lines without a marker are items too;
 * - JSON: an array of strings, or of objects with a text field (nested fields by a dotted path,
 *   `name.first`); JSON Lines; a file that starts like JSON but is not falls back to lines.
 *
 * `readList` detects the format (or takes the one asked for), reads the items, and says what it
 * read and what else there was ("Reading column 'name' (also: id, count) of a CSV file: 201
 * items, e.g. Bella, Lucy, Daisy"), notes what it skipped or removed, and warns when a list can
 * be read two ways (stray structure in a plain list, unmarked lines in a bulleted one), with the
 * two choices (`StructureWarning`).
 *
 * Every item is one name or word: invisible characters (zero-width spaces, soft hyphens, marks
 * of direction…) are removed with a note; an item holding a line break, a tab or another control
 * character, or a lone surrogate, is refused with one InputError naming the line where it began
 * (for a CSV file, the line where an unclosed quote opened). The text is only read, never changed.
 *
 * Pure: no TensorFlow.js, no Node-only API (it runs in the extension host and in browsers too).
 * CSV parsing is papaparse's (quoted fields, escaped quotes), which works in both.
 */
import Papa from 'papaparse';
import { InputError } from './errors';
import { controlCharacter, describeControl, hasInvisible, loneSurrogateAt, removeInvisible } from './symbols';

/** Longest accepted item, in characters (Unicode code points). Longer lines are almost always a
 * sign that the file is not a word list (a paragraph of prose, minified code, a CSV row). */
export const MAX_LINE_LENGTH = 128;

export type ListFormat = 'lines' | 'csv' | 'tsv' | 'markdown' | 'json';
export type ListFormatChoice = 'auto' | ListFormat;
export const LIST_FORMATS: readonly ListFormatChoice[] = ['auto', 'lines', 'csv', 'tsv', 'markdown', 'json'];

export interface ListOptions {
  /** The format to read (default 'auto': detected). */
  format?: ListFormatChoice;
  /**
   * CSV/TSV/Markdown table: the column to read, by header name or 1-based position ("2" or 2).
   * JSON objects: the field to read, by name or dotted path ("name.first"). Default: chosen
   * (see the module comment).
   */
  column?: string | number;
  /** A bullet or numbered list: read only the lines with a marker (default: every item line). */
  markedOnly?: boolean;
  /** The file's name, if any: its extension (.csv, .tsv, .md, .json, .jsonl) settles the format. */
  fileName?: string;
  /**
   * Applied to each item as it is read (the pipeline folds case here, so a 3-million-line list is
   * never held twice). The description's examples stay as written.
   */
  mapItem?: (item: string) => string;
}

/** How the user chose to read a list (remembered per file in the editor; flags in the CLI). */
export type ListReadingChoice = Pick<ListOptions, 'format' | 'column' | 'markedOnly'>;

/** A column of a CSV/TSV file or Markdown table, or a string field of JSON objects, to choose from. */
export interface ListColumn {
  /** Header name, or dotted path of a JSON field; "column N" for a CSV file without a header. */
  name: string;
  /** 1-based position (CSV), or order of first appearance (JSON fields). */
  index: number;
  /** Mostly text (letters, not numbers): a candidate for the names. */
  text: boolean;
  /** A few values from the top of the file. */
  examples: string[];
  /** Distinct values among those looked at (the head of the file). */
  distinct?: number;
  /** Values that are mostly e-mail addresses or URLs. */
  kind?: 'email' | 'url';
}

/** One of the two ways to read a list a warning offers. */
export interface ReadingOption {
  /** A button's label: "Read as CSV", "Keep the Lines". */
  label: string;
  /** What it does, after the CLI flags that choose it: "reads it as CSV", "keeps the lines". */
  does: string;
  choice: ListReadingChoice;
}

/** A list that can be read two ways: the user may want it read the other way. */
export interface StructureWarning {
  /** What the lines hold: stray structure in a plain list, or lines without a marker in a bulleted one. */
  kind: 'comma' | 'tab' | 'semicolon' | 'bullet' | 'numbered' | 'unmarked';
  /** Share of the items that hold it. */
  share: number;
  message: string;
  /** The other way to read it. */
  instead: ReadingOption;
  /** Keeping the reading as it is (and silencing the warning). */
  keep: ReadingOption;
}

/** Something the reader did that the user should know: lines skipped, characters removed. */
export interface ListNote {
  message: string;
  /** A warning (the reading may not be what the user meant), not only a note. */
  warning?: boolean;
}

export interface ListReading {
  format: ListFormat;
  /** A short name of the format for summaries: "CSV file", "Markdown table", "JSON Lines"… */
  formatLabel: string;
  /** CSV/TSV/Markdown table: the column read; JSON objects: the field read. */
  column?: ListColumn;
  /** CSV/TSV: whether the first row was taken as a header. */
  header?: boolean;
  /** CSV/TSV: the delimiter. */
  delimiter?: string;
  /** The columns or string fields there are; empty otherwise. */
  columns: ListColumn[];
  /** Items read. */
  items: number;
  /** Lines, rows or elements left out (blank lines, headings, empty cells, non-strings…). */
  skipped: number;
  /** "Reading column 'name' (also: count) of a CSV file: 201 items, e.g. Bella, Lucy, Daisy" */
  description: string;
  /** What was skipped or removed, what may not be meant (one line each; absent in older runs). */
  notes?: ListNote[];
  warning?: StructureWarning;
}

export interface ReadListResult {
  /** The items, trimmed, in file order (not yet normalised or case-folded). */
  items: string[];
  listReading: ListReading;
}

/** Lines looked at to detect the format and a CSV file's header. */
const SNIFF_LINES = 200;
/** Rows (or objects) looked at to describe the columns. */
const STATS_ROWS = 2000;
/** Share of sampled lines that must agree for a file to be taken as CSV/TSV or a bullet list. */
const CSV_AGREEMENT = 0.9;
const LIST_SHARE = 0.6;
/** Share of a plain list's lines holding structure that earns a warning. */
export const STRAY_SHARE = 0.2;
/** A column with fewer distinct values than this share of its rows is a category, not names. */
const FEW_DISTINCT = 0.05;

const BULLET_MARK = /^\s*[-*+•◦‣–]\s+(?:\[[ xX]\]\s+)?/u;
const NUMBER_MARK = /^\s*(\d{1,6})[.)]\s+(?:\[[ xX]\]\s+)?/u;
const HEADING = /^\s{0,3}(?:#{1,6}(?:\s|$)|(?:=+|-+)\s*$)/u;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/u;
const FENCE = /^\s{0,3}(?:```|~~~)/u;
const HTML_COMMENT = /^\s*<!--.*-->\s*$/u;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|\s*:?-+:?\s*\|\s*$/u;
const COMMENT = /^#(?:\s|$)/u;
const NUMERIC = /^[-+]?(?:\d[\d,_ ]*)?(?:\.\d+)?(?:e[-+]?\d+)?%?$/iu;
const LETTER = /\p{L}/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+$/iu;
const HEADER_WORD =
  /^(?:names?|first[ _-]?names?|last[ _-]?names?|full[ _-]?names?|given[ _-]?names?|surnames?|words?|titles?|labels?|items?|terms?|cities|city|towns?|places?|countries|country|breeds?|species|products?|brands?|ids?|counts?|number|n|freq(?:uency)?|rank|gender|sex|year|origin|meaning|value|text|description|population|type|category)$/iu;
/** A line of words over a one-column list: "Names", "Dog names:", "List of cities". */
const LIST_HEADER =
  /^(?:(?:list\s+of\s+)?(?:[\p{L}'’-]+\s+){0,3}(?:names?|words?|titles?|labels?|items?|terms?|cities|towns|places|countries|breeds|surnames)|names?\s+list)\s*:?$/iu;

const isNumeric = (s: string): boolean => s.length > 0 && /\d/u.test(s) && NUMERIC.test(s);

function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

function extensionOf(fileName: string | undefined): string {
  const m = /\.([A-Za-z0-9]+)$/u.exec(fileName ?? '');
  return m ? m[1]!.toLowerCase() : '';
}

/** The format a file's extension settles, if it does. */
function formatOfExtension(fileName: string | undefined): ListFormat | undefined {
  switch (extensionOf(fileName)) {
    case 'csv':
      return 'csv';
    case 'tsv':
    case 'tab':
      return 'tsv';
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'json':
    case 'jsonl':
    case 'ndjson':
      return 'json';
    default:
      return undefined;
  }
}

/** The first non-blank lines of the text (at most `max`). */
function headLines(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (out.length < max && start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    if (line.trim().length > 0) out.push(line);
    start = end + 1;
  }
  return out;
}

/** The line (1-based) of an offset of the text (line breaks are "\n" once the reader has normalised them). */
function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** An item as a message quotes it: control characters made visible, long ones cut. */
function quoteItem(item: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it shows
  const shown = item.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]/gu, (c) =>
    c === '\n' || c === '\u2028' || c === '\u2029' ? '⏎' : c === '\t' ? '⇥' : c < ' ' ? String.fromCharCode(0x2400 + c.charCodeAt(0)) : '�',
  );
  const points = [...shown];
  return JSON.stringify(points.length > 32 ? `${points.slice(0, 30).join('')}…` : shown);
}

const ONE_ITEM = 'an item is one name or word, on one line, without line breaks, tabs or other control characters';

/**
 * The character a C1 control character and the one before it spell when they are UTF-8 decoded
 * twice ("Ã" + U+0096 was "Ö"), if they do: text saved in one encoding, read in another.
 */
function mojibake(item: string, c: string): string | undefined {
  const at = item.indexOf(c);
  const lead = item.charCodeAt(at - 1);
  const cont = c.charCodeAt(0);
  if (at < 1 || lead < 0xc2 || lead > 0xdf || cont < 0x80 || cont > 0xbf) return undefined;
  return String.fromCharCode(((lead & 0x1f) << 6) | (cont & 0x3f));
}

/** The error for an item that holds a control character: where it began, what it holds, what to do. */
function controlError(where: string, c: string, item: string, hint = ''): InputError {
  const twice = mojibake(item, c);
  const why = twice
    ? ` "${item[item.indexOf(c) - 1]}" and it look like "${twice}" decoded twice: the text was saved in one encoding and read in another.`
    : '';
  return new InputError(
    `${where} holds ${describeControl(c)} (${quoteItem(item)}): ${ONE_ITEM}.${why} ${twice ? 'Fix that text and try again.' : hint || 'Remove it from the file and try again.'}`,
  );
}

/** Checks an item's length, naming where it is. */
function checkLength(item: string, where: () => string): void {
  if (item.length <= MAX_LINE_LENGTH) return;
  const length = codePointLength(item);
  if (length > MAX_LINE_LENGTH) {
    throw new InputError(
      `${where()} is ${length} characters long; the limit is ${MAX_LINE_LENGTH}. Expected one short item (a name, a word) per line.`,
    );
  }
}

/** What an item is checked for, decided once per text (so that a clean 3-million-line list costs nothing). */
interface ItemChecks {
  /** The text holds invisible characters: remove them from each item. */
  invisible: boolean;
  /** An item may hold a control character: look for one in each. */
  control: boolean;
  /** Items come from JSON strings, which may hold lone surrogates. */
  surrogates: boolean;
  /** Said after "holds a tab…: …" when a control character is found. */
  hint?: string;
}

// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL_NOT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029]/u;

/** The checks items of a text read line by line need (a line break cannot be in one). */
function lineChecks(text: string): ItemChecks {
  return { invisible: hasInvisible(text), control: CONTROL_NOT_LF.test(text), surrogates: false };
}

/** The items read, checked and mapped as they come; the first few kept as written, for the description. */
class ItemSink {
  readonly items: string[] = [];
  private readonly examples: string[] = [];
  /** Invisible characters removed, and from how many items. */
  private invisibleRemoved = 0;
  private invisibleItems = 0;

  constructor(
    private readonly checks: ItemChecks,
    private readonly map?: (item: string) => string,
  ) {}

  /**
   * Adds an item (trimmed, not empty), or throws an InputError naming `where` it began. False when
   * nothing is left of it once its invisible characters are removed.
   */
  push(raw: string, where: () => string): boolean {
    let item = raw;
    if (this.checks.invisible) {
      const { text, removed } = removeInvisible(item);
      if (removed > 0) {
        this.invisibleRemoved += removed;
        this.invisibleItems++;
        item = text.trim();
        if (item.length === 0) return false;
      }
    }
    if (this.checks.control) {
      const c = controlCharacter(item);
      if (c !== undefined) throw controlError(where(), c, item, this.checks.hint);
    }
    if (this.checks.surrogates) {
      const at = loneSurrogateAt(item);
      if (at >= 0) {
        const unit = item.charCodeAt(at).toString(16).toUpperCase();
        throw new InputError(
          `${where()} holds a lone surrogate (\\u${unit}, half of a character such as an emoji): the file is damaged there. Fix that text and try again.`,
        );
      }
    }
    checkLength(item, where);
    if (this.examples.length < 3) this.examples.push(item);
    this.items.push(this.map ? this.map(item) : item);
    return true;
  }

  get length(): number {
    return this.items.length;
  }

  describe(): string {
    const e = this.examples.map((i) => (i.includes(',') ? `"${i}"` : i)).join(', ');
    return `${plural(this.items.length, 'item')}${e ? `, e.g. ${e}` : ''}`;
  }

  /** The note about invisible characters removed, if any were. */
  notes(): ListNote[] {
    if (this.invisibleRemoved === 0) return [];
    return [
      {
        message: `Removed ${plural(this.invisibleRemoved, 'invisible character')} (zero-width spaces or joiners, soft hyphens, marks of direction) from ${plural(this.invisibleItems, 'item')}.`,
      },
    ];
  }
}

// ---------------------------------------------------------------- columns

/** A header, field name or example as messages and pickers show it: on one line, without invisible characters. */
function oneLine(s: string): string {
  const text = removeInvisible(s).text;
  // eslint-disable-next-line no-control-regex -- control characters are what it replaces
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/gu, ' ').trim();
}

/** How a column's values look, over the head of the file. */
function describeColumn(rawName: string, index: number, values: readonly string[]): ListColumn {
  const name = oneLine(rawName) || `column ${index}`;
  const filled = values.filter((v) => v.length > 0);
  const letterLike = filled.filter((v) => LETTER.test(v) && !isNumeric(v));
  const emails = filled.filter((v) => EMAIL.test(v)).length;
  const urls = filled.filter((v) => URL_LIKE.test(v)).length;
  const n = Math.max(1, filled.length);
  return {
    name,
    index,
    text: filled.length > 0 && letterLike.length / n >= 0.8,
    examples: filled.slice(0, 3).map(oneLine),
    distinct: new Set(filled).size,
    ...(emails / n >= 0.5 ? { kind: 'email' as const } : urls / n >= 0.5 ? { kind: 'url' as const } : {}),
  };
}

/** Distinct letter-like values and filled values of each column, for the choice (not stored). */
interface ColumnFacts {
  filled: number;
  letterDistinct: number;
  meanLength: number;
}

function columnFacts(values: readonly string[]): ColumnFacts {
  const filled = values.filter((v) => v.length > 0);
  const letters = new Set(filled.filter((v) => LETTER.test(v) && !isNumeric(v)));
  const meanLength = filled.length ? filled.reduce((a, v) => a + v.length, 0) / filled.length : 0;
  return { filled: filled.length, letterDistinct: letters.size, meanLength };
}

const NAME_WORDS = new Set([
  'name',
  'names',
  'firstname',
  'givenname',
  'forename',
  'forenames',
  'surname',
  'surnames',
  'lastname',
  'fullname',
  'nickname',
  'nom',
  'prenom',
  'vorname',
  'nombre',
]);
const FIRST_WORDS = new Set(['first', 'given', 'fore', 'christian', 'firstname', 'givenname', 'forename', 'prenom', 'vorname']);
const OTHER_WORDS = new Set([
  'title',
  'titles',
  'word',
  'words',
  'label',
  'labels',
  'term',
  'terms',
  'item',
  'items',
  'city',
  'cities',
  'town',
  'place',
  'village',
  'country',
  'breed',
  'species',
  'product',
  'brand',
  'street',
  'company',
  'character',
  'pokemon',
  'text',
  'value',
]);
const NOT_NAME_WORDS = new Set([
  'id',
  'code',
  'count',
  'number',
  'num',
  'no',
  'rank',
  'year',
  'email',
  'mail',
  'url',
  'link',
  'type',
  'gender',
  'sex',
  'key',
  'uuid',
  'date',
  'length',
  'size',
  'kind',
]);

/**
 * How strongly a header (or a JSON field's path) names the names: 4 "name", 3 a first name
 * ("Child's First Name", "name.first"), 2 another name ("Last Name", "name.last"), 1.5 "title",
 * "word", "city"… alone, 1 as part of a longer header; 0 none, or one that names ids, codes,
 * counts, e-mail addresses (`name_id`).
 */
export function headerScore(header: string): number {
  const tokens = header
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (tokens.length === 0 || tokens.some((t) => NOT_NAME_WORDS.has(t))) return 0;
  if (tokens.some((t) => NAME_WORDS.has(t))) {
    if (tokens.length === 1 && (tokens[0] === 'name' || tokens[0] === 'names')) return 4;
    return tokens.some((t) => FIRST_WORDS.has(t)) ? 3 : 2;
  }
  if (tokens.some((t) => OTHER_WORDS.has(t))) return tokens.length === 1 ? 1.5 : 1;
  return 0;
}

/**
 * The column of names when the user chose none: among the text columns, leaving out those with
 * few distinct values and those of e-mail addresses or URLs while others are left, the one whose
 * header names names best (when there are headers), else the one with the most distinct
 * letter-like values (then the longer values, then the first).
 */
function defaultColumn(columns: readonly ListColumn[], facts: readonly ColumnFacts[], headers: boolean): ListColumn | undefined {
  const text = columns.filter((c) => c.text);
  if (text.length === 0) return columns[0];
  const few = (c: ListColumn): boolean => {
    const f = facts[columns.indexOf(c)]!;
    return f.filled >= 10 && (c.distinct ?? f.filled) < Math.max(3, FEW_DISTINCT * f.filled);
  };
  let pool = text.filter((c) => !few(c) && !c.kind);
  if (pool.length === 0) pool = text.filter((c) => !few(c));
  if (pool.length === 0) pool = text;
  if (headers) {
    const named = pool.map((c) => ({ c, s: headerScore(c.name) })).filter((x) => x.s > 0);
    if (named.length > 0) return named.reduce((a, b) => (b.s > a.s ? b : a)).c;
  }
  const f = (c: ListColumn): ColumnFacts => facts[columns.indexOf(c)]!;
  return pool.reduce((a, b) => {
    const fa = f(a);
    const fb = f(b);
    if (fb.letterDistinct !== fa.letterDistinct) return fb.letterDistinct > fa.letterDistinct ? b : a;
    return fb.meanLength > fa.meanLength ? b : a;
  });
}

/** Resolves the `column` option against the columns, or throws an InputError naming them. */
function pickColumn(columns: readonly ListColumn[], column: string | number, what: 'column' | 'field'): ListColumn {
  const list = (): string =>
    columns.map((c) => (what === 'column' && !/^column \d+$/u.test(c.name) ? `${c.index} '${c.name}'` : `'${c.name}'`)).join(', ');
  const raw = String(column).trim();
  const byName = columns.find((c) => c.name === raw) ?? columns.find((c) => c.name.toLowerCase() === raw.toLowerCase());
  if (byName) return byName;
  if (what === 'column' && /^\d+$/u.test(raw)) {
    const n = Number(raw);
    const byIndex = columns.find((c) => c.index === n);
    if (byIndex) return byIndex;
    throw new InputError(`There is no column ${n}: the file has ${plural(columns.length, 'column')} (${list()}).`);
  }
  throw new InputError(`There is no ${what} '${raw}': the ${what}s are ${list()}.`);
}

const chosen = (column: string | number | undefined): column is string | number => column !== undefined && String(column).trim() !== '';

/** "column 'name' (also: id, count)": the column read, and the others there are. */
function whichColumn(chosenColumn: ListColumn, columns: readonly ListColumn[], label: string): string {
  const others = columns.filter((c) => c !== chosenColumn).map((c) => c.name);
  const shown = others.length > 8 ? [...others.slice(0, 7), `${others.length - 7} more`] : others;
  return `${label}${shown.length ? ` (also: ${shown.join(', ')})` : ''}`;
}

/** A note when the column read holds e-mail addresses or URLs (never read without saying so). */
function kindNotes(column: ListColumn, what: 'column' | 'field'): ListNote[] {
  if (!column.kind) return [];
  const holds = column.kind === 'email' ? 'e-mail addresses' : 'URLs';
  return [
    {
      warning: true,
      message: `The ${what} read, '${column.name}', holds ${holds}, not names: the model will learn to write ${holds}. Choose another ${what} if the names are elsewhere.`,
    },
  ];
}

// ---------------------------------------------------------------- markers (bullets and numbers)

interface Markers {
  /** Length of each line's marker (0: none), numbers counted only when the list is numbered. */
  lengths: Int32Array;
  bullets: number;
  /** Lines with a number taken as a marker (the numbers run 1, 2, 3 …). */
  numbered: number;
}

/**
 * Whether the numbers at the start of lines number a list: they go up (each above the last one,
 * or starting again from 0 or 1), more often up than starting again. "1. FC Köln", "1. FSV
 * Mainz 05": all "1." — names, not numbering.
 */
function numbersAreNumbering(numbers: readonly number[]): boolean {
  if (numbers.length < 2) return false;
  let up = 0;
  let restarts = 0;
  for (let i = 1; i < numbers.length; i++) {
    if (numbers[i]! > numbers[i - 1]!) up++;
    else if (numbers[i]! <= 1) restarts++;
  }
  return up >= 1 && up > restarts && up + restarts >= 0.9 * (numbers.length - 1);
}

/** The markers of `lines` (see Markers); lines that `skip` says are not content are left unmarked. */
function markersOf(lines: readonly string[], skip: (i: number) => boolean = () => false): Markers {
  const lengths = new Int32Array(lines.length);
  const numberLines: number[] = [];
  const numbers: number[] = [];
  let bullets = 0;
  for (let i = 0; i < lines.length; i++) {
    if (skip(i)) continue;
    const line = lines[i]!;
    const b = BULLET_MARK.exec(line);
    if (b) {
      lengths[i] = b[0].length;
      bullets++;
      continue;
    }
    const n = NUMBER_MARK.exec(line);
    if (n) {
      numberLines.push(i);
      numbers.push(Number(n[1]));
      lengths[i] = -n[0].length;
    }
  }
  const numbering = numbersAreNumbering(numbers);
  for (const i of numberLines) lengths[i] = numbering ? -lengths[i]! : 0;
  return { lengths, bullets, numbered: numbering ? numberLines.length : 0 };
}

// ---------------------------------------------------------------- lines

/** Whether the first line of a one-column list is a header of words ("Names", "Dog names:"). */
function isListHeader(first: string, next: readonly string[]): boolean {
  if (next.length < 2 || next.includes(first)) return false;
  return HEADER_WORD.test(first.replace(/:$/u, '').trim()) || LIST_HEADER.test(first);
}

/** Line ends: CRLF and lone CR (old Mac files) read as LF. */
function normaliseLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/gu, '\n') : text;
}

function readLines(text: string, warn: boolean, map?: (item: string) => string, preNotes: ListNote[] = []): ReadListResult {
  const items = new ItemSink({ ...lineChecks(text), hint: 'If the file is tab-separated, read it as TSV.' }, map);
  let skipped = 0;
  let comments = 0;
  let lineNo = 0;
  let comma = 0;
  let tab = 0;
  let semicolon = 0;
  let bullet = 0;
  const numbers: number[] = [];
  let headerAt = 0;
  let header: string | undefined;
  // A header line of words over the list: looked at before reading.
  {
    const head = headLines(text, 12)
      .map((l) => l.trim())
      .filter((l) => !COMMENT.test(l));
    if (head.length >= 3 && isListHeader(head[0]!, head.slice(1))) header = head[0];
  }
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line.length === 0) {
      // A final newline is not a blank line.
      if (end < n || lineNo === 1) skipped++;
      if (end >= n) break;
      continue;
    }
    if (line.charCodeAt(0) === 0x23 /* # */ && COMMENT.test(line)) {
      comments++;
      skipped++;
    } else if (header !== undefined && headerAt === 0 && line === header) {
      headerAt = lineNo;
      skipped++;
    } else {
      const at = lineNo;
      if (!items.push(line, () => `Line ${at}`)) skipped++;
      else if (warn) {
        if (line.includes(',')) comma++;
        if (line.includes('\t')) tab++;
        if (line.includes(';')) semicolon++;
        if (BULLET_MARK.test(line)) bullet++;
        else {
          const m = NUMBER_MARK.exec(line);
          if (m) numbers.push(Number(m[1]));
        }
      }
      if (header !== undefined && headerAt === 0) header = undefined;
    }
    if (end >= n) break;
  }
  const notes = [...preNotes];
  if (headerAt > 0) notes.push({ message: `Line ${headerAt} ("${header}") reads as a header over the list: skipped.` });
  if (comments > 0) notes.push({ message: `${plural(comments, 'line')} starting with "# " skipped as comments.` });
  notes.push(...items.notes());
  const source: ListReading = {
    format: 'lines',
    formatLabel: 'one item per line',
    columns: [],
    items: items.length,
    skipped,
    description: `Reading one item per line: ${items.describe()}`,
    notes,
  };
  const numbered = numbersAreNumbering(numbers) ? numbers.length : 0;
  if (warn && items.length > 0) {
    const candidates: [StructureWarning['kind'], number, ListFormat, string][] = [
      ['comma', comma, 'csv', 'a comma'],
      ['tab', tab, 'tsv', 'a tab'],
      ['semicolon', semicolon, 'csv', 'a semicolon'],
      ['bullet', bullet, 'markdown', 'a leading bullet ("- ", "* ")'],
      ['numbered', numbered, 'markdown', 'a leading number ("1. ")'],
    ];
    const [kind, count, suggested, what] = candidates.reduce((a, b) => (b[1] > a[1] ? b : a));
    const share = count / items.length;
    if (share >= STRAY_SHARE) {
      const as = suggested === 'markdown' ? 'a list (markers stripped)' : `${suggested.toUpperCase()} (its first column)`;
      source.warning = {
        kind,
        share,
        message:
          `${Math.round(share * 100)}% of the lines hold ${what}, but the file does not read as a whole ${suggested === 'markdown' ? 'list' : suggested.toUpperCase()}: ` +
          `each line is taken as it is. Read it as ${as} instead, or keep the lines.`,
        instead: {
          label: suggested === 'markdown' ? 'Read as a List' : `Read as ${suggested.toUpperCase()}`,
          does: `reads it as ${suggested === 'markdown' ? 'a list' : suggested.toUpperCase()}`,
          choice: { format: suggested },
        },
        keep: { label: 'Keep the Lines', does: 'keeps the lines', choice: { format: 'lines' } },
      };
    }
  }
  return { items: items.items, listReading: source };
}

// ---------------------------------------------------------------- CSV / TSV

/** Parses the head of a CSV text with a delimiter; returns rows (empty lines skipped). */
function csvRows(text: string, delimiter: string, maxRows: number): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter, preview: maxRows, skipEmptyLines: 'greedy', newline: '\n' });
  return result.data;
}

interface CsvShape {
  delimiter: string;
  fields: number;
  agreement: number;
}

/** The delimiter under which (nearly) every sampled row has the same number of fields, ≥ 2. */
function sniffCsv(head: string, forced?: string): CsvShape | undefined {
  let best: CsvShape | undefined;
  for (const delimiter of forced ? [forced] : [',', '\t', ';']) {
    const parsed = Papa.parse<string[]>(head, { delimiter, preview: SNIFF_LINES, skipEmptyLines: 'greedy', newline: '\n' });
    // A quote never closed swallows the rest: judge the shape by the rows before it (reading it says where it is).
    const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes');
    const rows = unclosed && typeof unclosed.row === 'number' && unclosed.row >= 2 ? parsed.data.slice(0, unclosed.row) : parsed.data;
    if (rows.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    let fields = 0;
    let n = 0;
    for (const [k, c] of counts) if (c > n || (c === n && k > fields)) [fields, n] = [k, c];
    const shape = { delimiter, fields, agreement: n / rows.length };
    if (fields < 2) continue;
    if (!best || shape.agreement > best.agreement || (shape.agreement === best.agreement && fields > best.fields)) best = shape;
  }
  return best;
}

/** Whether the first row of a CSV sample is a header (cf. Python's csv.Sniffer.has_header). */
function hasHeader(rows: readonly string[][]): boolean {
  if (rows.length < 2) return false;
  const first = rows[0]!.map((c) => c.trim());
  const rest = rows.slice(1);
  if (first.some((c) => c.length === 0 || isNumeric(c))) return false;
  if (new Set(first.map((c) => c.toLowerCase())).size !== first.length) return false;
  let votes = 0;
  for (let c = 0; c < first.length; c++) {
    const values = rest.map((r) => (r[c] ?? '').trim()).filter((v) => v.length > 0);
    if (values.length === 0) continue;
    const numeric = values.filter(isNumeric).length / values.length;
    if (numeric >= 0.9) votes++;
    if (HEADER_WORD.test(first[c]!) || headerScore(first[c]!) >= 2) votes++;
    // A lower-case label over capitalised values ("breed" over "Labrador", "Poodle").
    const capitalised = values.filter((v) => /^\p{Lu}/u.test(v)).length / values.length;
    if (capitalised >= 0.9 && /^\p{Ll}/u.test(first[c]!)) votes++;
    // A header cell that recurs as a value is a value.
    if (values.includes(first[c]!)) votes--;
  }
  return votes > 0;
}

/** The columns of a table (header row or not), described from its first rows. */
function tableColumns(rows: readonly string[][], header: boolean): { columns: ListColumn[]; facts: ColumnFacts[] } {
  const width = Math.max(...rows.map((r) => r.length));
  const body = (header ? rows.slice(1) : rows).slice(0, STATS_ROWS);
  const columns: ListColumn[] = [];
  const facts: ColumnFacts[] = [];
  for (let c = 0; c < width; c++) {
    const values = body.map((r) => (r[c] ?? '').trim());
    const name = header ? (rows[0]![c] ?? '').trim() || `column ${c + 1}` : `column ${c + 1}`;
    columns.push(describeColumn(name, c + 1, values));
    facts.push(columnFacts(values));
  }
  return { columns, facts };
}

function readCsv(
  text: string,
  format: 'csv' | 'tsv',
  column: string | number | undefined,
  shape: CsvShape | undefined,
  map?: (item: string) => string,
): ReadListResult {
  const head = text.slice(0, 1 << 18);
  const delimiter = shape?.delimiter ?? (format === 'tsv' ? '\t' : (sniffCsv(head)?.delimiter ?? ','));
  const sample = csvRows(head, delimiter, STATS_ROWS + 1);
  if (sample.length === 0) throw new InputError(`The ${format.toUpperCase()} file has no rows.`);
  const header = hasHeader(sample.slice(0, SNIFF_LINES));
  const { columns, facts } = tableColumns(sample, header);
  const pick = chosen(column) ? pickColumn(columns, column, 'column') : defaultColumn(columns, facts, header)!;
  // Line breaks and tabs can only be in a value through quotes.
  const checks: ItemChecks = { invisible: hasInvisible(text), control: text.includes('"') || CONTROL_NOT_LF.test(text), surrogates: false };
  const items = new ItemSink(checks, map);
  let skipped = 0;
  let row = 0;
  let rowStart = 0;
  const c = pick.index - 1;
  const name = pick.name === `column ${pick.index}` ? `column ${pick.index}` : `'${pick.name}'`;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    skipEmptyLines: 'greedy',
    step: (result) => {
      const from = rowStart;
      rowStart = result.meta.cursor;
      row++;
      const quote = result.errors.find((e) => e.code === 'MissingQuotes');
      if (quote) {
        const at = typeof quote.index === 'number' ? Math.max(0, quote.index - 1) : from;
        throw new InputError(
          `Line ${lineOfOffset(text, at)} opens a quote (") that is never closed, so the rest of the file would be read as one value. Close the quote, or remove it, and try again.`,
        );
      }
      if (header && row === 1) return;
      const value = (result.data[c] ?? '').trim();
      if (value.length === 0) {
        skipped++;
        return;
      }
      const where = (): string => {
        // The line where the value began: the row's first line, after the line breaks of the cells before it.
        let start = from;
        while (start < text.length && /\s/u.test(text[start]!)) start++;
        let line = lineOfOffset(text, start);
        for (let k = 0; k < c; k++) for (const ch of result.data[k] ?? '') if (ch === '\n') line++;
        return `The ${name} value that starts on line ${line}`;
      };
      if (!items.push(value, where)) skipped++;
    },
  });
  const kind = format === 'tsv' ? 'TSV' : 'CSV';
  const which = whichColumn(pick, columns, header ? `column '${pick.name}'` : `column ${pick.index}`);
  return {
    items: items.items,
    listReading: {
      format,
      formatLabel: `${kind} file`,
      column: pick,
      header,
      delimiter,
      columns,
      items: items.length,
      skipped,
      description: `Reading ${which} of a ${kind} file${header ? '' : ' without a header'}: ${items.describe()}${skipped ? ` (${plural(skipped, 'empty value')} skipped)` : ''}`,
      notes: [...kindNotes(pick, 'column'), ...items.notes()],
    },
  };
}

// ---------------------------------------------------------------- Markdown: lists and tables

/** Strips emphasis, code and link syntax that wraps a whole item: "**Bella**", "[Bella](url)". */
function unwrapInline(item: string): string {
  let s = item.replace(/^\[([^\]]+)\]\([^)]*\)$/u, '$1');
  for (;;) {
    const m = /^(\*\*|__|\*|_|`)(.+)\1$/u.exec(s);
    if (!m) return s;
    s = m[2]!.trim();
  }
}

/** The cells of a Markdown table row: "| Bella | 3 |" → ["Bella", "3"] ("\|" is a literal bar). */
function tableCells(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/u).map((cell) => unwrapInline(cell.trim().replace(/\\\|/gu, '|')));
}

interface MarkdownTable {
  header: string[];
  /** Line index of each body row, and its cells. */
  rows: { line: number; cells: string[] }[];
  /** Line indices of the header and delimiter rows. */
  lines: number[];
}

/** The tables of a Markdown text: a header row, a delimiter row (`|---|---|`), then rows with bars. */
function markdownTables(lines: readonly string[], inFence: (i: number) => boolean): MarkdownTable[] {
  const tables: MarkdownTable[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    if (inFence(i) || !lines[i]!.includes('|') || !TABLE_DELIMITER.test(lines[i + 1]!)) continue;
    const header = tableCells(lines[i]!);
    const table: MarkdownTable = { header, rows: [], lines: [i, i + 1] };
    let j = i + 2;
    for (; j < lines.length && lines[j]!.includes('|') && lines[j]!.trim().length > 0 && !inFence(j); j++)
      table.rows.push({ line: j, cells: tableCells(lines[j]!) });
    tables.push(table);
    i = j - 1;
  }
  return tables;
}

/** Fenced code blocks: for each line, whether it is inside one (fence lines included). */
function fencedLines(lines: readonly string[]): Uint8Array {
  const fenced = new Uint8Array(lines.length);
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    if (FENCE.test(lines[i]!)) {
      fenced[i] = 1;
      inFence = !inFence;
    } else if (inFence) fenced[i] = 1;
  }
  return fenced;
}

/** An unmarked line of a list that reads as prose around it ("Some popular ones:"), not an item. */
function isProse(line: string): boolean {
  const words = line.split(/\s+/u).length;
  return /[:：]$/u.test(line) || (words >= 6 && /[.!?…]$/u.test(line)) || words >= 10;
}

function readMarkdown(
  text: string,
  column: string | number | undefined,
  options: { markedOnly: boolean; warn: boolean },
  map?: (item: string) => string,
): ReadListResult {
  const lines = text.split('\n');
  const fenced = fencedLines(lines);
  const tables = markdownTables(lines, (i) => fenced[i] === 1);
  const tableLine = new Uint8Array(lines.length);
  let tableRows = 0;
  for (const t of tables) {
    for (const i of t.lines) tableLine[i] = 1;
    for (const r of t.rows) tableLine[r.line] = 1;
    tableRows += t.rows.length;
  }
  const other = (i: number): boolean => {
    const raw = lines[i]!;
    return (
      fenced[i] === 1 || tableLine[i] === 1 || raw.trim().length === 0 || HEADING.test(raw) || RULE.test(raw) || HTML_COMMENT.test(raw)
    );
  };
  const markers = markersOf(lines, other);
  const marked = markers.bullets + markers.numbered;
  if (tables.length > 0 && tableRows >= marked) return readMarkdownTable(lines, tables, column, map);
  if (chosen(column)) throw new InputError(`A column was chosen (${String(column)}), but the file reads as a list, which has no columns.`);

  const items = new ItemSink({ ...lineChecks(text), hint: 'If the file is tab-separated, read it as TSV.' }, map);
  let content = 0;
  for (let i = 0; i < lines.length; i++) if (!other(i)) content++;
  const mostlyMarked = marked > 0 && marked / Math.max(1, content) >= 0.5;
  let skipped = 0;
  let headings = 0;
  let unmarkedKept = 0;
  let prose = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line.length === 0) {
      if (i < lines.length - 1) skipped++;
      continue;
    }
    if (other(i)) {
      if (HEADING.test(raw) && fenced[i] === 0 && tableLine[i] === 0) headings++;
      skipped++;
      continue;
    }
    const marker = Math.abs(markers.lengths[i]!);
    if (marker === 0 && mostlyMarked && (options.markedOnly || isProse(line))) {
      if (!options.markedOnly) prose++;
      skipped++;
      continue;
    }
    const item = unwrapInline((marker ? raw.slice(marker) : raw).trim());
    if (item.length === 0) {
      skipped++;
      continue;
    }
    const at = i + 1;
    if (!items.push(item, () => `Line ${at}`)) skipped++;
    else if (marker === 0 && mostlyMarked) unmarkedKept++;
  }
  const label = headings > 0 ? 'Markdown list' : markers.numbered > items.length / 2 ? 'numbered list' : 'bulleted list';
  const notes: ListNote[] = [];
  if (prose > 0)
    notes.push({
      message: `${plural(prose, 'line')} of prose around the list skipped (${prose === 1 ? 'it ends' : 'they end'} with ":" or read as sentences).`,
    });
  notes.push(...items.notes());
  const source: ListReading = {
    format: 'markdown',
    formatLabel: label,
    columns: [],
    items: items.length,
    skipped,
    description: `Reading the items of a ${label}: ${items.describe()}${skipped ? ` (${plural(skipped, 'other line')} skipped${headings ? `, ${plural(headings, 'heading')} among them` : ''})` : ''}`,
    notes,
  };
  if (options.warn && unmarkedKept > 0) {
    const share = unmarkedKept / items.length;
    source.warning = {
      kind: 'unmarked',
      share,
      message: `${plural(unmarkedKept, 'line')} (${Math.max(1, Math.round(share * 100))}% of the items) ${unmarkedKept === 1 ? 'has' : 'have'} no bullet or number, and ${unmarkedKept === 1 ? 'is' : 'are'} read as ${unmarkedKept === 1 ? 'an item' : 'items'} too. Read only the marked lines instead, or keep them all.`,
      instead: { label: 'Only the Marked Lines', does: 'reads only the marked lines', choice: { format: 'markdown', markedOnly: true } },
      keep: { label: 'Keep All Lines', does: 'keeps them all', choice: { format: 'markdown' } },
    };
  }
  return { items: items.items, listReading: source };
}

function readMarkdownTable(
  lines: readonly string[],
  tables: readonly MarkdownTable[],
  column: string | number | undefined,
  map?: (item: string) => string,
): ReadListResult {
  // The first table, and the later ones with the same header (a long table cut in parts).
  const first = tables[0]!;
  const same = tables.filter(
    (t) => t.header.length === first.header.length && t.header.every((h, k) => h.toLowerCase() === first.header[k]!.toLowerCase()),
  );
  const rows = same.flatMap((t) => t.rows);
  const { columns, facts } = tableColumns([first.header, ...rows.map((r) => r.cells)], true);
  const pick = chosen(column) ? pickColumn(columns, column, 'column') : defaultColumn(columns, facts, true)!;
  const text = lines.join('\n');
  const items = new ItemSink({ ...lineChecks(text), hint: 'If the file is tab-separated, read it as TSV.' }, map);
  let skipped = 0;
  for (const r of rows) {
    const value = (r.cells[pick.index - 1] ?? '').trim();
    const at = r.line + 1;
    if (value.length === 0 || !items.push(value, () => `Line ${at}`)) skipped++;
  }
  const otherLines = lines.filter((l) => l.trim().length > 0).length - rows.length - 2 * same.length;
  const notes: ListNote[] = [];
  if (otherLines > 0) notes.push({ message: `${plural(otherLines, 'line')} outside the table${same.length > 1 ? 's' : ''} skipped.` });
  if (same.length < tables.length)
    notes.push({ message: `${plural(tables.length - same.length, 'other table')} with other columns skipped.` });
  notes.push(...kindNotes(pick, 'column'), ...items.notes());
  return {
    items: items.items,
    listReading: {
      format: 'markdown',
      formatLabel: 'Markdown table',
      column: pick,
      header: true,
      columns,
      items: items.length,
      skipped,
      description: `Reading ${whichColumn(pick, columns, `column '${pick.name}'`)} of a Markdown table: ${items.describe()}${skipped ? ` (${plural(skipped, 'empty value')} skipped)` : ''}`,
      notes,
    },
  };
}

// ---------------------------------------------------------------- JSON

/** A JSON document's values as a list: an array's elements, or JSON Lines' values, each with where it starts. */
interface JsonValues {
  values: unknown[];
  lines: boolean;
  /** The line where value `i` starts (computed when a message needs it). */
  lineOf(i: number): number;
}

/** The offsets where the elements of a top-level JSON array start. */
function arrayElementOffsets(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  let inString = false;
  let expect = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (expect && !/\s/u.test(c) && c !== ']') {
      out.push(i);
      expect = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expect = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expect = true;
  }
  return out;
}

/** A JSON.parse error's message, on one line and short. */
function jsonErrorText(e: unknown): string {
  const m = oneLine((e as Error).message.replace(/^JSON\.parse: /u, '')).replace(/\s+/gu, ' ');
  return m.length > 80 ? `${m.slice(0, 78)}…` : m;
}

/** The line of a JSON.parse error ("… at position 17"), if it says where. */
function jsonErrorLine(text: string, e: unknown): number | undefined {
  const m = /position (\d+)/u.exec((e as Error).message);
  return m ? lineOfOffset(text, Number(m[1])) : undefined;
}

/** Parses a JSON document or JSON Lines; the error of the first reading that fails otherwise. */
function parseJson(text: string): JsonValues | { error: string; line?: number; data?: unknown } {
  let whole: unknown;
  let wholeError: unknown;
  try {
    whole = JSON.parse(text);
  } catch (e) {
    wholeError = e;
  }
  if (wholeError === undefined) {
    if (Array.isArray(whole)) {
      let offsets: number[] | undefined;
      return { values: whole, lines: false, lineOf: (i) => lineOfOffset(text, (offsets ??= arrayElementOffsets(text))[i] ?? 0) };
    }
    return { error: 'not a list', data: whole };
  }
  // JSON Lines: one value per line.
  const values: unknown[] = [];
  const lineNumbers: number[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line.length === 0) continue;
    try {
      values.push(JSON.parse(line));
      lineNumbers.push(i + 1);
    } catch (e) {
      if (values.length >= 1) return { error: `line ${i + 1} is not valid JSON: ${jsonErrorText(e)}`, line: i + 1 };
      break;
    }
  }
  if (values.length >= 2) return { values, lines: true, lineOf: (i) => lineNumbers[i] ?? 1 };
  const line = jsonErrorLine(text, wholeError);
  return { error: `${jsonErrorText(wholeError)}${line !== undefined ? `, line ${line}` : ''}`, ...(line !== undefined ? { line } : {}) };
}

/** A string field of JSON objects: its dotted name, and the keys to reach it. */
interface JsonField {
  name: string;
  path: string[];
  values: string[];
}

/** The string fields of an object, nested ones by a dotted path (up to 4 levels). */
function collectFields(x: Record<string, unknown>, prefix: string[], into: Map<string, JsonField>): void {
  for (const [k, v] of Object.entries(x)) {
    const path = [...prefix, k];
    if (typeof v === 'string') {
      const name = path.join('.');
      let field = into.get(name);
      if (!field) into.set(name, (field = { name, path, values: [] }));
      field.values.push(v.trim());
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v) && path.length < 4) {
      collectFields(v as Record<string, unknown>, path, into);
    }
  }
}

function valueAt(x: unknown, path: readonly string[]): unknown {
  let v = x;
  for (const k of path) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
}

/** Where a JSON item began, for a message: the line of its value (or of the string inside it that is the problem). */
function jsonWhere(json: JsonValues, i: number, what: string): () => string {
  return () => `${what} on line ${json.lineOf(i)} of the JSON file`;
}

function readJson(text: string, field: string | number | undefined, map?: (item: string) => string): ReadListResult | { error: string } {
  const parsed = parseJson(text);
  if ('error' in parsed) {
    if (parsed.error !== 'not a list') return { error: parsed.error };
    const data = parsed.data;
    const kind = data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    const arrays =
      data && typeof data === 'object'
        ? Object.entries(data)
            .filter(([, v]) => Array.isArray(v))
            .map(([k]) => `'${k}'`)
        : [];
    throw new InputError(
      `The JSON file holds ${kind}, not a list: expected an array of strings, or of objects with a text field${arrays.length ? ` (its field ${arrays.slice(0, 3).join(', ')} is an array: save that array alone)` : ''}.`,
    );
  }
  const data = parsed.values;
  const label = parsed.lines ? 'JSON Lines' : 'a JSON array';
  if (data.length === 0) throw new InputError('The JSON array is empty: expected a list of names.');
  const strings = data.filter((x): x is string => typeof x === 'string').length;
  const objects = data.filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x)).length;
  const checks: ItemChecks = { invisible: true, control: true, surrogates: true };
  if (strings >= objects && strings > 0) {
    if (chosen(field))
      throw new InputError(
        `The JSON file is ${parsed.lines ? 'JSON Lines of strings' : 'an array of strings'}: it has no field '${String(field)}' to choose.`,
      );
    const items = new ItemSink(checks, map);
    let skipped = 0;
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      // JSON escapes can spell decomposed characters: normalise each string.
      const item = typeof x === 'string' ? x.trim().normalize('NFC') : '';
      if (item.length === 0 || !items.push(item, jsonWhere(parsed, i, 'The string'))) skipped++;
    }
    const formatLabel = parsed.lines ? 'JSON Lines of strings' : 'JSON array of strings';
    return {
      items: items.items,
      listReading: {
        format: 'json',
        formatLabel,
        columns: [],
        items: items.length,
        skipped,
        description: `Reading ${parsed.lines ? 'JSON Lines of strings' : 'a JSON array of strings'}: ${items.describe()}${skipped ? ` (${plural(skipped, 'element')} that ${skipped === 1 ? 'is' : 'are'} not text skipped)` : ''}`,
        notes: items.notes(),
      },
    };
  }
  if (objects === 0) {
    throw new InputError(
      `${parsed.lines ? 'The JSON Lines hold' : 'The JSON array holds'} neither strings nor objects (${Array.isArray(data[0]) ? 'it is a list of lists' : `e.g. ${JSON.stringify(data[0]).slice(0, 40)}`}): expected ${label} of strings, or of objects with a text field.`,
    );
  }
  // Fields with string values, nested ones by a dotted path, in order of first appearance (over the first objects).
  const fields = new Map<string, JsonField>();
  for (const x of data.slice(0, STATS_ROWS)) {
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) collectFields(x as Record<string, unknown>, [], fields);
  }
  if (fields.size === 0)
    throw new InputError(
      `${parsed.lines ? 'The JSON Lines hold' : 'The JSON array holds'} objects without any text field: expected objects with a field such as "name".`,
    );
  const list = [...fields.values()];
  const columns: ListColumn[] = list.map((f, i) => describeColumn(f.name, i + 1, f.values));
  const facts = list.map((f) => columnFacts(f.values));
  // Beyond describeColumn: a field of names is short text with few digits (not ids, codes or dates).
  columns.forEach((c, i) => {
    const vs = list[i]!.values.filter((v) => v.length > 0);
    const short = vs.filter((v) => v.length <= MAX_LINE_LENGTH && (v.match(/\d/gu)?.length ?? 0) <= v.length / 4).length;
    if (vs.length > 0 && short / vs.length < 0.9) c.text = false;
  });
  const pick = chosen(field) ? pickColumn(columns, String(field), 'field') : defaultColumn(columns, facts, true)!;
  const path = list[pick.index - 1]!.path;
  const items = new ItemSink(checks, map);
  let skipped = 0;
  for (let i = 0; i < data.length; i++) {
    const v = valueAt(data[i], path);
    const item = typeof v === 'string' ? v.trim().normalize('NFC') : '';
    if (item.length === 0 || !items.push(item, jsonWhere(parsed, i, `The '${pick.name}' of the object`))) skipped++;
  }
  const formatLabel = parsed.lines ? 'JSON Lines of objects' : 'JSON array of objects';
  return {
    items: items.items,
    listReading: {
      format: 'json',
      formatLabel,
      column: pick,
      columns,
      items: items.length,
      skipped,
      description: `Reading ${whichColumn(pick, columns, `field '${pick.name}'`)} of ${parsed.lines ? 'JSON Lines of objects' : 'a JSON array of objects'}: ${items.describe()}${skipped ? ` (${plural(skipped, 'element')} without it skipped)` : ''}`,
      notes: [...kindNotes(pick, 'field'), ...items.notes()],
    },
  };
}

// ---------------------------------------------------------------- detection

/** Whether the head of a text holds a Markdown table that makes up most of its content. */
function looksLikeMarkdownTable(lines: readonly string[]): boolean {
  const fenced = fencedLines(lines);
  const tables = markdownTables(lines, (i) => fenced[i] === 1);
  if (tables.length === 0) return false;
  const rows = tables.reduce((a, t) => a + t.rows.length + 2, 0);
  const content = lines.filter((l) => !HEADING.test(l) && !RULE.test(l)).length;
  return rows >= 3 && rows / Math.max(1, content) >= 0.5;
}

/** Detects the format of a text (see the module comment); line ends must be "\n". */
export function detectFormat(text: string, fileName?: string): { format: ListFormat; csv?: CsvShape } {
  const byExtension = formatOfExtension(fileName);
  if (byExtension === 'json' || byExtension === 'markdown') return { format: byExtension };
  if (byExtension === 'csv' || byExtension === 'tsv') {
    const csv = sniffCsv(text.slice(0, 1 << 16), byExtension === 'tsv' ? '\t' : undefined);
    // A one-column ".csv" is a list with a header or not; read it as CSV all the same.
    return { format: byExtension, csv };
  }
  const start = text.trimStart();
  const trimmed = start.slice(0, 2);
  const last = text.trimEnd().slice(-1);
  if (
    /^(?:\[\s*["{[\]]|\{\s*")/u.test(start.slice(0, 64)) ||
    (trimmed.startsWith('[') && last === ']') ||
    (trimmed.startsWith('{') && last === '}')
  ) {
    return { format: 'json' };
  }
  const lines = headLines(text, SNIFF_LINES);
  // JSON Lines of strings: every line a quoted string.
  if (lines.length >= 2 && lines.slice(0, 20).every((l) => /^\s*"(?:[^"\\]|\\.)*"\s*$/u.test(l))) return { format: 'json' };
  if (lines.length >= 2) {
    if (looksLikeMarkdownTable(lines)) return { format: 'markdown' };
    const csv = sniffCsv(lines.join('\n'));
    if (csv && csv.agreement >= CSV_AGREEMENT) return { format: csv.delimiter === '\t' ? 'tsv' : 'csv', csv };
    const isOther = (i: number): boolean => HEADING.test(lines[i]!) || RULE.test(lines[i]!);
    const content = lines.filter((_, i) => !isOther(i)).length;
    const markers = markersOf(lines, isOther);
    if (content > 0 && (markers.bullets + markers.numbered) / content >= LIST_SHARE) return { format: 'markdown' };
  }
  return { format: 'lines' };
}

/**
 * Reads the items of a list (see the module comment). Throws an InputError for a file that is not
 * a list of the format asked for (a JSON object, an unknown column, an item over the length cap,
 * an item holding a control character or a lone surrogate).
 */
export function readList(input: string, options: ListOptions = {}): ReadListResult {
  const text = normaliseLineEnds(input);
  const lone = loneSurrogateAt(text);
  if (lone >= 0) {
    throw new InputError(
      `Line ${lineOfOffset(text, lone)} holds a lone surrogate (\\u${text.charCodeAt(lone).toString(16).toUpperCase()}, half of a character such as an emoji): the text is damaged there. Fix that line and try again.`,
    );
  }
  const asked = options.format ?? 'auto';
  const detected = asked === 'auto' ? detectFormat(text, options.fileName) : { format: asked };
  const format = detected.format;
  if (chosen(options.column) && format === 'lines') {
    throw new InputError(`A column was chosen (${String(options.column)}), but the file reads as one item per line, which has no columns.`);
  }
  switch (format) {
    case 'json': {
      const read = readJson(text, options.column, options.mapItem);
      if ('items' in read) return read;
      // Not JSON after all: a plain list that starts with "[" or "{" is read as lines, with a warning.
      const explicit = asked === 'json' || formatOfExtension(options.fileName) === 'json';
      if (explicit || chosen(options.column)) {
        throw new InputError(
          `The file is not valid JSON (${read.error}). Expected a JSON array of strings, or of objects with a text field, or JSON Lines.`,
        );
      }
      const first = text.trimStart()[0] ?? '';
      return readLines(text, true, options.mapItem, [
        { warning: true, message: `The file starts with "${first}" but is not valid JSON (${read.error}): each line is read as an item.` },
      ]);
    }
    case 'csv':
    case 'tsv':
      return readCsv(text, format, options.column, 'csv' in detected ? detected.csv : undefined, options.mapItem);
    case 'markdown':
      return readMarkdown(text, options.column, { markedOnly: options.markedOnly === true, warn: asked === 'auto' }, options.mapItem);
    default:
      // A warning only when the format was detected: "lines" chosen on purpose means keep them.
      return readLines(text, asked === 'auto', options.mapItem);
  }
}
