/**
 * The casing of a word list: lower case, UPPER CASE, Title Case (per word) or mixed.
 *
 * When nearly every item follows one pattern (at least `CASE_PATTERN_SHARE`), the model trains on
 * case-folded text — a smaller vocabulary, and "Anna" and "anna" are one word — and every sampled
 * name gets the pattern back through `restoreCase`, the one function every sampler calls. A mixed
 * list keeps case as data.
 *
 * A word follows a pattern when restoring the pattern on its folded form gives the word back:
 * `restoreCase(foldCase(w), p) === w`. So restored samples follow the pattern by construction,
 * and detection and restoration can never disagree. Words without cased letters (digits, CJK)
 * follow every pattern and are left out of the count.
 *
 * Pure: no TensorFlow.js, no Node-only API (the extension host and the browser use it too).
 */
import { mayCompose } from './symbols';

export type CasePattern = 'lower' | 'upper' | 'title' | 'mixed';

/** The `foldCase` setting: 'auto' folds when the list has one pattern (and restores it). */
export type FoldCase = 'auto' | 'on' | 'off';
export const FOLD_CASE_CHOICES: readonly FoldCase[] = ['auto', 'on', 'off'];

/** Share of the cased items that must follow one pattern for it to be the list's. */
export const CASE_PATTERN_SHARE = 0.95;

/** What the run did about case; stored in the checkpoint header (optional field `casing`). */
export interface CasingInfo {
  /** The list's pattern as detected ('mixed' when no pattern reaches CASE_PATTERN_SHARE). */
  pattern: CasePattern;
  /** Share of the items with cased letters that follow `pattern` (of the best pattern when mixed). */
  share: number;
  /** The model was trained on case-folded (lower-cased) text. */
  folded: boolean;
  /** Samples get `pattern` back (restoreCase); false when nothing is to be restored. */
  restored: boolean;
}

/**
 * Case folding as the model sees text: lower case by Unicode's default, locale-independent
 * mapping (the same on every machine). The result of NFC text is NFC: the one mapping that adds a
 * code point, "İ" → "i" + U+0307, has no precomposed form, and the pair is one symbol
 * (symbols.ts), so a dot above never floats free in a sample; restoring gives "İ" back.
 */
export function foldCase(word: string): string {
  return word.toLowerCase();
}

/** NFC, skipped for text that cannot need it (nothing at or above U+0300). */
const nfc = (s: string): string => (mayCompose(s) ? s.normalize('NFC') : s);

/** Segment starts for Title Case: the first character, and after whitespace or a hyphen. */
const isSegmentBreak = (c: string): boolean => c === '-' || c === '\u2010' || /\s/u.test(c);
const isCased = (c: string): boolean => c.toLowerCase() !== c.toUpperCase();

/**
 * Gives a (case-folded) sampled word the list's pattern: 'upper' upper-cases it, 'title'
 * upper-cases the first cased letter of each segment (segments start at the beginning, after
 * whitespace and after a hyphen) and lower-cases the rest, 'lower' lower-cases it; 'mixed' or
 * no pattern leaves it unchanged. Every sampler calls this on every word it returns. The result
 * is NFC ("i" + U+0307 upper-cased is "İ").
 */
export function restoreCase(word: string, pattern: CasePattern | undefined): string {
  switch (pattern) {
    case 'lower':
      return nfc(word.toLowerCase());
    case 'upper':
      return nfc(word.toUpperCase());
    case 'title': {
      let out = '';
      let start = true;
      for (const c of word) {
        if (isSegmentBreak(c)) {
          out += c;
          start = true;
        } else if (start && isCased(c)) {
          out += c.toUpperCase();
          start = false;
        } else {
          out += c.toLowerCase();
        }
      }
      return nfc(out);
    }
    default:
      return word;
  }
}

/** Restores the pattern when the checkpoint's casing says so (a no-op for models without one). */
export function restoreWith(casing: Pick<CasingInfo, 'pattern' | 'restored'> | undefined, word: string): string {
  return casing?.restored ? restoreCase(word, casing.pattern) : word;
}

/** Whether a word follows Title Case (the same as `restoreCase(foldCase(w), 'title') === w`, without building strings). */
function isTitle(w: string): boolean {
  let start = true;
  for (const c of w) {
    if (isSegmentBreak(c)) {
      start = true;
      continue;
    }
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    if (lower === upper) continue;
    if (start ? c !== upper : c !== lower) return false;
    start = false;
  }
  return true;
}

/** Items looked at to detect the pattern: a fixed sample of larger lists (the share is within ±0.5 %). */
const DETECT_SAMPLE = 50_000;

/** Detects the list's pattern; `share` is the share of cased items that follow it. */
export function detectCasing(words: readonly string[]): { pattern: CasePattern; share: number; cased: number } {
  const counts = { lower: 0, title: 0, upper: 0 };
  let cased = 0;
  const step = Math.max(1, words.length / DETECT_SAMPLE);
  for (let k = 0; k < words.length; k += step) {
    const w = words[Math.floor(k)]!;
    const lower = w.toLowerCase();
    const upper = w.toUpperCase();
    if (lower === upper) continue;
    cased++;
    if (w === lower) counts.lower++;
    if (w === upper && restoreCase(lower, 'upper') === w) counts.upper++;
    if (isTitle(w)) counts.title++;
  }
  if (cased === 0) return { pattern: 'lower', share: 1, cased };
  const best = (['lower', 'title', 'upper'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  const share = counts[best] / cased;
  return { pattern: share >= CASE_PATTERN_SHARE ? best : 'mixed', share, cased };
}

/** Accepts the setting as stored: 'auto' | 'on' | 'off', and a user's older `true` / `false`. */
export function normalizeFoldCase(value: unknown): FoldCase | undefined {
  if (value === true) return 'on';
  if (value === false) return 'off';
  return FOLD_CASE_CHOICES.includes(value as FoldCase) ? (value as FoldCase) : undefined;
}

/**
 * What to do about case for a list under a setting: 'auto' folds when there is a pattern, 'on'
 * always folds, 'off' never does. A folded list gets its pattern back on sampling (if it has one).
 */
export function decideCasing(words: readonly string[], setting: FoldCase): CasingInfo {
  const { pattern, share } = detectCasing(words);
  const folded = setting === 'on' || (setting === 'auto' && pattern !== 'mixed');
  return { pattern, share, folded, restored: folded && pattern !== 'mixed' && pattern !== 'lower' };
}

const PATTERN_LABEL: Record<CasePattern, string> = { lower: 'lower case', upper: 'UPPER CASE', title: 'Title Case', mixed: 'mixed' };

/** "casing: Title Case, restored" — for the run's summary. */
export function describeCasing(c: CasingInfo): string {
  const label = PATTERN_LABEL[c.pattern];
  if (c.restored) return `casing: ${label}, restored`;
  if (c.pattern === 'lower') return 'casing: lower case';
  if (c.folded) return `casing: ${label}, folded to lower case`;
  return `casing: ${label}, kept as data`;
}
