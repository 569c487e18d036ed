/**
 * Symbols: the characters of a text as a person counts them — Unicode extended grapheme clusters
 * (UAX #29, as `Intl.Segmenter` with granularity 'grapheme' finds them; found here by the
 * `unicode-segmenter` package, which does it in a few microseconds a word where an ICU break
 * iterator costs tens). An emoji with a skin tone, a flag, a ZWJ family, a
 * letter with a combining mark that has no precomposed form are one symbol each, never split.
 * The vocabulary (vocabulary.ts), lengths of names (constraints.ts) and the examples
 * (dataset.ts) all count in symbols.
 *
 * Fast path: most text (names.txt, any list in a script without combining marks) has one symbol
 * per UTF-16 code unit. A code unit can only belong to a longer symbol when it is a surrogate, a
 * combining (Grapheme_Extend) or spacing mark, a joiner, a Prepend character, a Hangul jamo, or
 * CR/LF (UAX #29's rules GB3–GB13); `MAY_JOIN` marks those, and only a word that holds one is
 * segmented (by `unicode-segmenter`) — and only from the code unit before it (two unmarked code
 * units never join).
 *
 * Also here, the other rules about what text an item may hold: invisible characters (removed by
 * the reader, `removeInvisible`), control characters (refused, `controlCharacter`), lone
 * surrogates (refused, `loneSurrogateAt`), and the spacing rule every accepted sample follows
 * (`straySpacing`).
 *
 * Pure: no TensorFlow.js, no Node-only API.
 */
import { collectGraphemes } from 'unicode-segmenter/grapheme';

/** Code points that may join their neighbours into one symbol (besides surrogates, all marked). */
const MAY_JOIN =
  /[\p{Grapheme_Extend}\p{Mc}\u200D\r\n\u0E33\u0EB3\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/u;

let joinTable: Uint8Array | undefined;

/** 1 for each UTF-16 code unit that may be part of a symbol of several code units. */
export function joiningUnits(): Uint8Array {
  if (joinTable) return joinTable;
  const t = new Uint8Array(65536);
  t.fill(1, 0xd800, 0xe000);
  // One pass of the pattern over every other code unit (a few milliseconds, once).
  let all = '';
  for (let c = 0; c < 0xd800; c += 0x800) all += String.fromCharCode(...Array.from({ length: 0x800 }, (_, k) => c + k));
  for (let c = 0xe000; c < 0x10000; c += 0x800) all += String.fromCharCode(...Array.from({ length: 0x800 }, (_, k) => c + k));
  for (const m of all.matchAll(new RegExp(MAY_JOIN.source, 'gu'))) t[m[0].charCodeAt(0)] = 1;
  joinTable = t;
  return t;
}

/** The index of the first code unit of `s` that may join a neighbour, or -1: every code unit is a symbol. */
export function firstJoining(s: string): number {
  const J = joiningUnits();
  for (let i = 0; i < s.length; i++) if (J[s.charCodeAt(i)]) return i;
  return -1;
}

/** The symbols of a text, in order. */
export function symbolsOf(s: string): string[] {
  const j = firstJoining(s);
  if (j < 0) return s.split('');
  // Up to the code unit before the first joining one, each code unit is a symbol of its own.
  const from = Math.max(0, j - 1);
  return [...s.slice(0, from).split(''), ...collectGraphemes(s.slice(from))];
}

/** The number of symbols of a text. */
export function symbolCount(s: string): number {
  return firstJoining(s) < 0 ? s.length : symbolsOf(s).length;
}

/** Whether `s` is exactly one symbol. */
export function isOneSymbol(s: string): boolean {
  return s.length > 0 && (s.length === 1 || symbolCount(s) === 1);
}

// ---------------------------------------------------------------- what items may hold

/**
 * Invisible characters that are never meant as part of a name: the zero-width space, joiners
 * (outside emoji sequences, where a ZWJ is part of the symbol), the soft hyphen, marks and
 * embeddings of direction, the word joiner and invisible operators, a byte-order mark inside the
 * text, the Mongolian vowel separator, the Arabic letter mark.
 */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/u;
const INVISIBLE_ALL = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/gu;
/** A ZWJ inside an emoji sequence: after a pictograph (with its modifier or presentation selector), before one. */
const EMOJI_ZWJ = /(?<=\p{Extended_Pictographic}(?:[\u{1F3FB}-\u{1F3FF}]|\uFE0F)?)\u200D(?=\p{Extended_Pictographic})/uy;

/** Whether NFC could change a text: it holds a code point from U+0300 up (below, every text is NFC). */
export function mayCompose(text: string): boolean {
  return /[\u0300-\u{10FFFF}]/u.test(text);
}

/** Whether a text holds an invisible character (a quick test before removing them item by item). */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** `item` without its invisible characters (see INVISIBLE), and how many were removed. */
export function removeInvisible(item: string): { text: string; removed: number } {
  if (!INVISIBLE.test(item)) return { text: item, removed: 0 };
  let removed = 0;
  const text = item.replace(INVISIBLE_ALL, (c: string, offset: number) => {
    if (c === '\u200D') {
      EMOJI_ZWJ.lastIndex = offset;
      if (EMOJI_ZWJ.test(item)) return c;
    }
    removed++;
    return '';
  });
  return { text, removed };
}

/** Control characters (C0, DEL, C1) and the line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const CONTROL = /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/u;

/** The first control character of a text (a line break, a tab…), or undefined. */
export function controlCharacter(text: string): string | undefined {
  return CONTROL.exec(text)?.[0];
}

/** "a line break", "a tab", "U+0007": a control character as a message names it. */
export function describeControl(c: string): string {
  switch (c) {
    case '\n':
    case '\r':
    case '\u2028':
    case '\u2029':
    case '\u0085':
      return 'a line break';
    case '\t':
      return 'a tab';
    default:
      return `the control character U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  }
}

/** The offset of the first lone (unpaired) surrogate of a text, or -1. */
export function loneSurrogateAt(text: string): number {
  if (
    typeof (text as { isWellFormed?: () => boolean }).isWellFormed === 'function' &&
    (text as unknown as { isWellFormed(): boolean }).isWellFormed()
  )
    return -1;
  const m = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u.exec(text);
  return m ? m.index : -1;
}

// ---------------------------------------------------------------- samples

/** What the spacing rule needs to know of a list: whether any of its items holds a doubled space. */
export interface ListSpacing {
  doubledSpace: boolean;
}

const DOUBLE_SPACE = /\s\s/u;

/** The spacing of a list's items (items are trimmed: only a doubled space inside can occur). */
export function spacingOf(words: Iterable<string>): ListSpacing {
  for (const w of words) if (w.length > 1 && DOUBLE_SPACE.test(w)) return { doubledSpace: true };
  return { doubledSpace: false };
}

/**
 * The one rule on spaces every sample is accepted under: a sample never starts or ends with
 * whitespace (no item of a list does: the reader trims them), and holds no doubled whitespace
 * unless the list has some. True when `word` breaks it (the sample is drawn again).
 */
export function straySpacing(word: string, list: ListSpacing = { doubledSpace: false }): boolean {
  if (word.length === 0) return false;
  if (/^\s|\s$/u.test(word)) return true;
  return !list.doubledSpace && DOUBLE_SPACE.test(word);
}
