/**
 * Reading a list out of whatever file holds it: one item per line; CSV or TSV with or without a
 * header (the names column: the first text column, or a chosen one); Markdown and plain bullet or
 * numbered lists (markers stripped, headings and blank lines skipped); JSON arrays of strings, and
 * arrays of objects with a string field (the first name-like field, or a chosen one).
 *
 * `readList` detects the format (or takes the one asked for), reads the items and says what it
 * read ("Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy"), which columns
 * or fields there are to choose from, and warns when a plain list has stray structure (a fifth of
 * its lines holding a comma or a leading "- "), naming the format it could be read as instead.
 * The text is only read, never changed.
 *
 * Pure: no TensorFlow.js, no Node-only API (it runs in the extension host and in browsers too).
 * CSV parsing is papaparse's (quoted fields, escaped quotes, CRLF), which works in both.
 */
import Papa from 'papaparse';
import { InputError } from './errors';

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
   * CSV/TSV: the column to read, by header name or 1-based position ("2" or 2). JSON arrays of
   * objects: the field to read. Default: the first text column / the first name-like field.
   */
  column?: string | number;
  /** The file's name, if any: its extension (.csv, .tsv, .md, .json) settles the format. */
  fileName?: string;
  /**
   * Applied to each item as it is read (the pipeline folds case here, so a 3-million-line list is
   * never held twice). The description's examples stay as written.
   */
  mapItem?: (item: string) => string;
}

/** A column of a CSV/TSV file or a string field of a JSON array of objects, to choose from. */
export interface ListColumn {
  /** Header name or field name; "column N" for a CSV file without a header. */
  name: string;
  /** 1-based position (CSV), or order of first appearance (JSON fields). */
  index: number;
  /** Mostly text (not numbers): a candidate for the names. */
  text: boolean;
  /** A few values from the top of the file. */
  examples: string[];
}

/** A plain list that looks like it has structure: the user may want it read another way. */
export interface StructureWarning {
  /** What the lines hold. */
  kind: 'comma' | 'tab' | 'semicolon' | 'bullet' | 'numbered';
  /** Share of the non-blank lines that hold it. */
  share: number;
  /** The format it could be read as instead (the choice to offer, besides keeping the lines). */
  suggested: ListFormat;
  message: string;
}

export interface ListSource {
  format: ListFormat;
  /** A short name of the format for summaries: "CSV file", "Markdown list", "JSON array of objects"… */
  formatLabel: string;
  /** CSV/TSV: the column read; JSON objects: the field read. */
  column?: ListColumn;
  /** CSV/TSV: whether the first row was taken as a header. */
  header?: boolean;
  /** CSV/TSV: the delimiter. */
  delimiter?: string;
  /** The columns (CSV/TSV) or string fields (JSON objects) there are; empty otherwise. */
  columns: ListColumn[];
  /** Items read. */
  items: number;
  /** Lines, rows or elements left out (blank lines, headings, empty cells, non-strings…). */
  skipped: number;
  /** "Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy" */
  description: string;
  warning?: StructureWarning;
}

export interface ListReading {
  /** The items, trimmed, in file order (not yet normalised or case-folded). */
  items: string[];
  source: ListSource;
}

/** Lines looked at to detect the format. */
const SNIFF_LINES = 200;
/** Share of sampled lines that must agree for a file to be taken as CSV/TSV or a bullet list. */
const CSV_AGREEMENT = 0.9;
const LIST_SHARE = 0.6;
/** Share of a plain list's lines holding structure that earns a warning. */
export const STRAY_SHARE = 0.2;

const BULLET = /^\s*(?:[-*+•◦‣–]|\d{1,6}[.)])\s+(?:\[[ xX]\]\s+)?/u;
const NUMBERED = /^\s*\d{1,6}[.)]\s+/u;
const HEADING = /^\s{0,3}(?:#{1,6}(?:\s|$)|(?:=+|-+)\s*$)/u;
const RULE = /^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$/u;
const FENCE = /^\s{0,3}(?:```|~~~)/u;
const NUMERIC = /^[-+]?(?:\d[\d,_ ]*)?(?:\.\d+)?(?:e[-+]?\d+)?%?$/iu;
const LETTER = /\p{L}/u;
const HEADER_WORD = /^(?:names?|first[ _-]?names?|last[ _-]?names?|full[ _-]?names?|given[ _-]?names?|surnames?|words?|titles?|labels?|items?|terms?|cities|city|towns?|places?|countries|country|breeds?|species|products?|brands?|ids?|counts?|number|n|freq(?:uency)?|rank|gender|sex|year|origin|meaning|value|text|description|population|type|category)$/iu;

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
    const line = text.slice(start, end).replace(/\r$/u, '');
    if (line.trim().length > 0) out.push(line);
    start = end + 1;
  }
  return out;
}

/** Parses the head of a CSV text with a delimiter; returns rows (empty lines skipped). */
function csvRows(text: string, delimiter: string, maxRows: number): string[][] {
  const result = Papa.parse<string[]>(text, { delimiter, preview: maxRows, skipEmptyLines: 'greedy' });
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
    const rows = csvRows(head, delimiter, SNIFF_LINES);
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

function looksLikeText(values: readonly string[]): boolean {
  const filled = values.filter((v) => v.trim().length > 0);
  if (filled.length === 0) return false;
  const text = filled.filter((v) => LETTER.test(v) && !isNumeric(v.trim())).length;
  return text / filled.length >= 0.8;
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
    if (HEADER_WORD.test(first[c]!)) votes++;
    // A lower-case label over capitalised values ("breed" over "Labrador", "Poodle").
    const capitalised = values.filter((v) => /^\p{Lu}/u.test(v)).length / values.length;
    if (capitalised >= 0.9 && /^\p{Ll}/u.test(first[c]!)) votes++;
    // A header cell that recurs as a value is a value.
    if (values.includes(first[c]!)) votes--;
  }
  return votes > 0;
}

/** Resolves the `column` option against the columns, or throws an InputError naming them. */
function pickColumn(columns: readonly ListColumn[], column: string | number | undefined, what: 'column' | 'field'): ListColumn {
  const list = (): string => columns.map((c) => (what === 'column' && !/^column \d+$/u.test(c.name) ? `${c.index} '${c.name}'` : `'${c.name}'`)).join(', ');
  if (column === undefined || (typeof column === 'string' && column.trim() === '')) {
    const found = columns.find((c) => c.text) ?? columns[0];
    if (!found) throw new InputError(`There is no ${what} to read names from.`);
    return found;
  }
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

/** The items read, mapped as they come; the first few kept as written, for the description. */
class ItemSink {
  readonly items: string[] = [];
  private readonly examples: string[] = [];

  constructor(private readonly map?: (item: string) => string) {}

  push(item: string): void {
    if (this.examples.length < 3) this.examples.push(item);
    this.items.push(this.map ? this.map(item) : item);
  }

  get length(): number {
    return this.items.length;
  }

  describe(): string {
    const e = this.examples.map((i) => (i.includes(',') ? `"${i}"` : i)).join(', ');
    return `${plural(this.items.length, 'item')}${e ? `, e.g. ${e}` : ''}`;
  }
}

/** Checks an item's length, naming where it is. */
function checkLength(item: string, where: () => string): void {
  if (item.length <= MAX_LINE_LENGTH) return;
  const length = codePointLength(item);
  if (length > MAX_LINE_LENGTH) {
    throw new InputError(`${where()} is ${length} characters long; the limit is ${MAX_LINE_LENGTH}. Expected one short item (a name, a word) per line.`);
  }
}

const lineOfOffset = (text: string, offset: number): number => {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
};

// ---------------------------------------------------------------- lines

function readLines(text: string, warn: boolean, map?: (item: string) => string): ListReading {
  const items = new ItemSink(map);
  let skipped = 0;
  let lineNo = 0;
  let comma = 0;
  let tab = 0;
  let semicolon = 0;
  let bullet = 0;
  let numbered = 0;
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
    const at = lineNo;
    checkLength(line, () => `Line ${at}`);
    items.push(line);
    if (warn) {
      if (line.includes(',')) comma++;
      if (line.includes('\t')) tab++;
      if (line.includes(';')) semicolon++;
      if (NUMBERED.test(line)) numbered++;
      else if (BULLET.test(line)) bullet++;
    }
    if (end >= n) break;
  }
  const source: ListSource = {
    format: 'lines',
    formatLabel: 'one item per line',
    columns: [],
    items: items.length,
    skipped,
    description: `Reading one item per line: ${items.describe()}`,
  };
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
        suggested,
        message:
          `${Math.round(share * 100)}% of the lines hold ${what}, but the file does not read as a whole ${suggested === 'markdown' ? 'list' : suggested.toUpperCase()}: ` +
          `each line is taken as it is. Read it as ${as} instead, or keep the lines.`,
      };
    }
  }
  return { items: items.items, source };
}

// ---------------------------------------------------------------- CSV / TSV

function readCsv(text: string, format: 'csv' | 'tsv', column: string | number | undefined, shape: CsvShape | undefined, map?: (item: string) => string): ListReading {
  const head = text.slice(0, 1 << 16);
  const delimiter = shape?.delimiter ?? (format === 'tsv' ? '\t' : (sniffCsv(head)?.delimiter ?? ','));
  const sample = csvRows(head, delimiter, SNIFF_LINES);
  if (sample.length === 0) throw new InputError(`The ${format.toUpperCase()} file has no rows.`);
  const header = hasHeader(sample);
  const width = Math.max(...sample.map((r) => r.length));
  const body = header ? sample.slice(1) : sample;
  const columns: ListColumn[] = [];
  for (let c = 0; c < width; c++) {
    const values = body.map((r) => (r[c] ?? '').trim());
    columns.push({
      name: header ? (sample[0]![c] ?? '').trim() || `column ${c + 1}` : `column ${c + 1}`,
      index: c + 1,
      text: looksLikeText(values),
      examples: values.filter((v) => v.length > 0).slice(0, 3),
    });
  }
  const chosen = pickColumn(columns, column, 'column');
  const items = new ItemSink(map);
  let skipped = 0;
  let row = 0;
  const c = chosen.index - 1;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: 'greedy',
    step: (result) => {
      row++;
      if (header && row === 1) return;
      const value = (result.data[c] ?? '').trim();
      if (value.length === 0) {
        skipped++;
        return;
      }
      checkLength(value, () => `The ${chosen.name === `column ${chosen.index}` ? `value in column ${chosen.index}` : `'${chosen.name}' value`} on line ${lineOfOffset(text, result.meta.cursor - 1)}`);
      items.push(value);
    },
  });
  const kind = format === 'tsv' ? 'TSV' : 'CSV';
  const which = header ? `column '${chosen.name}'` : `column ${chosen.index}`;
  return {
    items: items.items,
    source: {
      format,
      formatLabel: `${kind} file`,
      column: chosen,
      header,
      delimiter,
      columns,
      items: items.length,
      skipped,
      description: `Reading ${which} of a ${kind} file${header ? '' : ' without a header'}: ${items.describe()}${skipped ? ` (${plural(skipped, 'empty value')} skipped)` : ''}`,
    },
  };
}

// ---------------------------------------------------------------- Markdown and bullet lists

/** Strips emphasis, code and link syntax that wraps a whole item: "**Bella**", "[Bella](url)". */
function unwrapInline(item: string): string {
  let s = item.replace(/^\[([^\]]+)\]\([^)]*\)$/u, '$1');
  for (;;) {
    const m = /^(\*\*|__|\*|_|`)(.+)\1$/u.exec(s);
    if (!m) return s;
    s = m[2]!.trim();
  }
}

function readMarkdown(text: string, map?: (item: string) => string): ListReading {
  const lines = text.split('\n');
  let listItems = 0;
  let content = 0;
  let inFence = false;
  for (const raw of lines) {
    const line = raw.trim();
    if (FENCE.test(raw)) inFence = !inFence;
    if (inFence || line.length === 0 || HEADING.test(raw) || RULE.test(raw) || FENCE.test(raw)) continue;
    content++;
    if (BULLET.test(raw)) listItems++;
  }
  // Mostly a list: take its items only (prose around it is skipped); otherwise strip markers.
  const onlyItems = listItems > 0 && listItems / Math.max(1, content) >= 0.5;
  const items = new ItemSink(map);
  let skipped = 0;
  let headings = 0;
  let numbered = 0;
  inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/u, '');
    const line = raw.trim();
    if (FENCE.test(raw)) {
      inFence = !inFence;
      skipped++;
      continue;
    }
    if (line.length === 0) {
      if (i < lines.length - 1) skipped++;
      continue;
    }
    if (inFence || RULE.test(raw)) {
      skipped++;
      continue;
    }
    if (HEADING.test(raw)) {
      headings++;
      skipped++;
      continue;
    }
    const marker = BULLET.exec(raw);
    if (!marker && onlyItems) {
      skipped++;
      continue;
    }
    if (marker && NUMBERED.test(raw)) numbered++;
    const item = unwrapInline((marker ? raw.slice(marker[0].length) : raw).trim());
    if (item.length === 0) {
      skipped++;
      continue;
    }
    const at = i + 1;
    checkLength(item, () => `Line ${at}`);
    items.push(item);
  }
  const label = headings > 0 ? 'Markdown list' : numbered > items.length / 2 ? 'numbered list' : 'bulleted list';
  return {
    items: items.items,
    source: {
      format: 'markdown',
      formatLabel: label,
      columns: [],
      items: items.length,
      skipped,
      description: `Reading the items of a ${label}: ${items.describe()}${skipped ? ` (${plural(skipped, 'other line')} skipped${headings ? `, ${plural(headings, 'heading')} among them` : ''})` : ''}`,
    },
  };
}

// ---------------------------------------------------------------- JSON

const JSON_NAME_FIELD = /^(?:names?|title|label|word|term|city|item|value|text)$/iu;

/** Values of a field that look like names: short, with letters, not URLs, e-mail addresses or ids. */
function nameLike(values: readonly string[]): boolean {
  if (values.length === 0) return false;
  const good = values.filter((v) => {
    const t = v.trim();
    return t.length > 0 && t.length <= MAX_LINE_LENGTH && LETTER.test(t) && !/[@/\\]|:\/\//u.test(t) && (t.match(/\d/gu)?.length ?? 0) <= t.length / 4;
  });
  return good.length / values.length >= 0.9;
}

function readJson(text: string, field: string | number | undefined, map?: (item: string) => string): ListReading {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(`The file is not valid JSON (${(e as Error).message.replace(/^JSON\.parse: /u, '')}). Expected a JSON array of strings, or of objects with a text field.`);
  }
  if (!Array.isArray(data)) {
    const kind = data === null ? 'null' : typeof data === 'object' ? 'an object' : `a ${typeof data}`;
    const arrays = data && typeof data === 'object' ? Object.entries(data).filter(([, v]) => Array.isArray(v)).map(([k]) => `'${k}'`) : [];
    throw new InputError(
      `The JSON file holds ${kind}, not a list: expected an array of strings, or of objects with a text field${arrays.length ? ` (its field ${arrays.slice(0, 3).join(', ')} is an array: save that array alone)` : ''}.`,
    );
  }
  if (data.length === 0) throw new InputError('The JSON array is empty: expected a list of names.');
  const strings = data.filter((x): x is string => typeof x === 'string').length;
  const objects = data.filter((x) => x !== null && typeof x === 'object' && !Array.isArray(x)).length;
  if (strings >= objects && strings > 0) {
    if (field !== undefined && String(field).trim() !== '') {
      throw new InputError(`The JSON file is an array of strings: it has no field '${String(field)}' to choose.`);
    }
    const items = new ItemSink(map);
    let skipped = 0;
    for (let i = 0; i < data.length; i++) {
      const x = data[i];
      // JSON escapes can spell decomposed characters: normalise each string.
      const item = typeof x === 'string' ? x.trim().normalize('NFC') : '';
      if (item.length === 0) {
        skipped++;
        continue;
      }
      checkLength(item, () => `Item ${i + 1} of the JSON array`);
      items.push(item);
    }
    return {
      items: items.items,
      source: {
        format: 'json',
        formatLabel: 'JSON array of strings',
        columns: [],
        items: items.length,
        skipped,
        description: `Reading a JSON array of strings: ${items.describe()}${skipped ? ` (${plural(skipped, 'element')} that ${skipped === 1 ? 'is' : 'are'} not text skipped)` : ''}`,
      },
    };
  }
  if (objects === 0) {
    throw new InputError(`The JSON array holds neither strings nor objects (${Array.isArray(data[0]) ? 'it is a list of lists' : `e.g. ${JSON.stringify(data[0])}`}): expected an array of strings, or of objects with a text field.`);
  }
  // Fields with string values, in order of first appearance (over the first thousand objects).
  const values = new Map<string, string[]>();
  for (const x of data.slice(0, 1000)) {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) continue;
    for (const [k, v] of Object.entries(x as Record<string, unknown>)) {
      if (typeof v !== 'string') continue;
      if (!values.has(k)) values.set(k, []);
      values.get(k)!.push(v);
    }
  }
  if (values.size === 0) throw new InputError('The JSON array holds objects without any text field: expected objects with a field such as "name".');
  const columns: ListColumn[] = [...values].map(([name, vs], i) => ({ name, index: i + 1, text: nameLike(vs), examples: vs.filter((v) => v.trim()).slice(0, 3) }));
  let chosen: ListColumn;
  if (field === undefined || String(field).trim() === '') {
    chosen = columns.find((c) => c.text && JSON_NAME_FIELD.test(c.name)) ?? columns.find((c) => c.text) ?? columns[0]!;
  } else {
    chosen = pickColumn(columns, String(field), 'field');
  }
  const items = new ItemSink(map);
  let skipped = 0;
  for (let i = 0; i < data.length; i++) {
    const x = data[i] as Record<string, unknown> | null;
    const v = x !== null && typeof x === 'object' ? x[chosen.name] : undefined;
    const item = typeof v === 'string' ? v.trim().normalize('NFC') : '';
    if (item.length === 0) {
      skipped++;
      continue;
    }
    checkLength(item, () => `The '${chosen.name}' of item ${i + 1} of the JSON array`);
    items.push(item);
  }
  return {
    items: items.items,
    source: {
      format: 'json',
      formatLabel: 'JSON array of objects',
      column: chosen,
      columns,
      items: items.length,
      skipped,
      description: `Reading field '${chosen.name}' of a JSON array of objects: ${items.describe()}${skipped ? ` (${plural(skipped, 'element')} without it skipped)` : ''}`,
    },
  };
}

// ---------------------------------------------------------------- detection

/** Detects the format of a text (see the module comment). */
export function detectFormat(text: string, fileName?: string): { format: ListFormat; csv?: CsvShape } {
  const byExtension = formatOfExtension(fileName);
  if (byExtension === 'json' || byExtension === 'markdown') return { format: byExtension };
  if (byExtension === 'csv' || byExtension === 'tsv') {
    const csv = sniffCsv(text.slice(0, 1 << 16), byExtension === 'tsv' ? '\t' : undefined);
    // A one-column ".csv" is a list with a header or not; read it as CSV all the same.
    return { format: byExtension, csv };
  }
  const trimmed = text.trimStart().slice(0, 2);
  const last = text.trimEnd().slice(-1);
  if (/^(?:\[\s*["{[\]]|\{\s*")/u.test(text.trimStart().slice(0, 64)) || (trimmed.startsWith('[') && last === ']') || (trimmed.startsWith('{') && last === '}')) {
    return { format: 'json' };
  }
  const lines = headLines(text, SNIFF_LINES);
  if (lines.length >= 2) {
    const csv = sniffCsv(lines.join('\n'));
    if (csv && csv.agreement >= CSV_AGREEMENT) return { format: csv.delimiter === '\t' ? 'tsv' : 'csv', csv };
    const content = lines.filter((l) => !HEADING.test(l) && !RULE.test(l));
    const listed = content.filter((l) => BULLET.test(l)).length;
    if (content.length > 0 && listed / content.length >= LIST_SHARE) return { format: 'markdown' };
  }
  return { format: 'lines' };
}

/**
 * Reads the items of a list (see the module comment). Throws an InputError for a file that is not
 * a list of the format asked for (a JSON object, an unknown column, an item over the length cap).
 */
export function readList(text: string, options: ListOptions = {}): ListReading {
  const asked = options.format ?? 'auto';
  const detected = asked === 'auto' ? detectFormat(text, options.fileName) : { format: asked };
  const format = detected.format;
  if (options.column !== undefined && String(options.column).trim() !== '' && (format === 'lines' || format === 'markdown')) {
    throw new InputError(`A column was chosen (${String(options.column)}), but the file reads as ${format === 'lines' ? 'one item per line' : 'a list'}, which has no columns.`);
  }
  switch (format) {
    case 'json':
      return readJson(text, options.column, options.mapItem);
    case 'csv':
    case 'tsv':
      return readCsv(text, format, options.column, 'csv' in detected ? detected.csv : undefined, options.mapItem);
    case 'markdown':
      return readMarkdown(text, options.mapItem);
    default:
      // A warning only when the format was detected: "lines" chosen on purpose means keep them.
      return readLines(text, asked === 'auto', options.mapItem);
  }
}
