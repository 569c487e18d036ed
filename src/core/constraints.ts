/**
 * What a user may ask of generated names, checked before any sampling, and the checks every
 * candidate name must pass. Pure: no TensorFlow.js and no Node-only API, so the extension host
 * and the webviews import it to validate input and explain problems as the user types.
 *
 * - "starts with" conditions the model: its characters are fed, not filtered (core/generate.ts).
 * - length, "ends with", "contains", "excludes", novelty: candidates that fail are rejected, within
 *   a budget of tries; a name is never truncated to fit.
 * - Matching ignores case: every comparison is on `fold(text)`. A typed character stands for each
 *   of its case variants that the model's vocabulary has (a model trained on a case-folded list
 *   has one: the prefix is fed in that case).
 * - The text compared is the name as shown (see `DisplayForm`); lengths are in characters as
 *   a person counts them (symbols.ts: an emoji with a skin tone is one) of that name.
 */
import { InputError } from './errors';
import { symbolCount, symbolsOf } from './symbols';
import { MAX_LINE_LENGTH } from './wordlist';

/** Most names per request in the editor (the CLI allows more). */
export const COUNT_LIMIT = 1000;
/** Largest "at least N edits from every name in the list". */
export const MAX_MIN_EDITS = 3;
/** Tries (sampled candidates) before a request gives up, unless it says otherwise: this, or
 * TRIES_PER_NAME per name asked when that is more (only counts above 10,000 need it). */
export const DEFAULT_MAX_TRIES = 200_000;
export const TRIES_PER_NAME = 20;
/**
 * Under the default budget, a search gives up once this many tries in a row brought no new name:
 * a set of constraints the model (almost) never meets is said at once, naming the constraint
 * that rejected most, instead of after the whole budget (200,000 tries: 11–16 s). The rate it
 * gives up at — under 1 in 10,000 — would need over 100,000 tries for 10 names. A request that
 * sets its budget (`maxTries`, the CLI's `--max-tries`) searches that long.
 */
export const STALL_TRIES = 10_000;
/** Highest temperature accepted. */
export const MAX_TEMPERATURE = 100;

export interface NameConstraints {
  /** Shortest name in characters; default: the shortest name of the list. */
  minLength?: number;
  /** Longest name in characters; default: the longest name of the list. */
  maxLength?: number;
  startsWith?: string;
  endsWith?: string;
  /** Text each name must contain (every entry, a character or a substring; see `constraintTexts`). */
  contains?: readonly string[];
  /** Text no name may contain (characters or substrings; see `constraintTexts`). */
  excludes?: readonly string[];
  /** Only names that are not in the list (the training file). */
  newOnly?: boolean;
  /** Every name at least this many edits (Levenshtein) from every name in the list, 0–3. */
  minEdits?: number;
}

export interface GenerateRequest extends NameConstraints {
  count: number;
  /** Divides the logits: < 1 safer, more typical names, > 1 more surprising ones. Default 1. */
  temperature?: number;
  /** Sample each character among the k likeliest (0: all). Default 0. */
  topK?: number;
  /** Candidates to sample before giving up. Default: DEFAULT_MAX_TRIES, or TRIES_PER_NAME per name if more. */
  maxTries?: number;
}

/** What validation needs to know of the model: its characters and its list's length range. */
export interface ListFacts {
  /** The vocabulary's characters (without the boundary). */
  characters: readonly string[];
  /** Shortest and longest name of the training list, in characters. */
  lengths: LengthRange;
}

export interface LengthRange {
  min: number;
  max: number;
}

export interface RequestLimits {
  /** Largest count accepted (default COUNT_LIMIT; the CLI passes more). */
  maxCount?: number;
}

export type ConstraintField =
  | 'count'
  | 'temperature'
  | 'topK'
  | 'maxTries'
  | 'minLength'
  | 'maxLength'
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | 'excludes'
  | 'newOnly'
  | 'minEdits';

/** One problem with a request: the field to point at and a message that says what to do. */
export interface ConstraintProblem {
  field: ConstraintField;
  message: string;
}

/** A request checked and resolved: defaults applied, text folded, the prefix's case variants. */
export interface ConstraintPlan {
  count: number;
  temperature: number;
  topK: number;
  maxTries: number;
  /** Tries in a row without a new name after which the search gives up (STALL_TRIES, or maxTries when the request set it). */
  stallTries: number;
  minLength: number;
  maxLength: number;
  /** For each character of "starts with", the vocabulary characters it stands for (≥ 1). */
  prefix: string[][];
  /** Folded texts (see `fold`); '' when not set. */
  startsWith: string;
  endsWith: string;
  contains: string[];
  excludes: string[];
  /** True when names in the list are rejected (new only, or at least 1 edit away). */
  newOnly: boolean;
  minEdits: number;
}

/**
 * Why a candidate was rejected (the first check it failed). `inList` and `tooClose` come from
 * the list (core/listIndex.ts), `avoided` from the names the caller asked to avoid (those already
 * in the document being written to), `repeat` from the names already found.
 */
export type RejectReason =
  | 'empty'
  | 'tooShort'
  | 'tooLong'
  | 'startsWith'
  | 'endsWith'
  | 'contains'
  | 'excludes'
  | 'spacing'
  | 'inList'
  | 'tooClose'
  | 'avoided'
  | 'repeat';

/** The constraint behind each reason, as the user knows it. */
export const REJECT_LABELS: Record<RejectReason, string> = {
  empty: 'empty names',
  tooShort: 'the minimum length',
  tooLong: 'the maximum length',
  startsWith: '"starts with"',
  endsWith: '"ends with"',
  contains: '"contains"',
  excludes: '"excludes"',
  spacing: 'spaces the list does not have (at an end, or doubled)',
  inList: '"new names only"',
  tooClose: '"at least N edits"',
  avoided: 'names already in the document',
  repeat: 'repeats of names already found',
};

/**
 * The one place a word the model spells becomes the name the user sees. Today the word as it
 * is; a model trained on a case-folded list restores its casing pattern here (issue 14's
 * `restoreCase(word, pattern)`). It must change letter case only: constraints compare folded text.
 */
export type DisplayForm = (word: string) => string;
export const asIs: DisplayForm = (word) => word;

/** Text as constraints compare it: NFC, lower case. */
export function fold(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * The texts one "contains" or "excludes" value stands for — a CLI flag's value, a Generate
 * field, an entry of a setting or of the command's argument — given the model's characters:
 *
 * - A value is one text, taken whole (`", "` keeps its comma and space): several texts are given
 *   as several values (a repeated flag, a list).
 * - Except the comma-separated form of earlier versions, where it cannot be misread: a comma
 *   separates texts only when the model's alphabet has no comma (no name can hold one, so
 *   "q,x" can only mean q and x). The pieces are trimmed and blank ones dropped; a value with
 *   nothing else left (",", " , ") stays whole, so that checking it says the model does not know
 *   the comma instead of dropping it without a word.
 */
export function constraintTexts(value: string, characters: readonly string[]): string[] {
  if (value.includes(',') && !characters.includes(',')) {
    const pieces = value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0);
    if (pieces.length > 0) return pieces;
  }
  return value.length > 0 ? [value] : [];
}

/** Shortest and longest of `words`, in characters ({1, 1} for no words). */
export function lengthRange(words: Iterable<string>): LengthRange {
  let min = Infinity;
  let max = 0;
  for (const w of words) {
    const n = symbolCount(w);
    if (n < min) min = n;
    if (n > max) max = n;
  }
  return max === 0 ? { min: 1, max: 1 } : { min, max };
}

/** What requests are checked against, from a model (a checkpoint): its characters and its training list's length range. */
export function listFactsOf(model: { vocabulary: { characters: readonly string[] }; trainingWords: Iterable<string> }): ListFacts {
  return { characters: model.vocabulary.characters, lengths: lengthRange(model.trainingWords) };
}

const quote = (s: string): string => JSON.stringify(s);
const list = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
const fmt = (n: number): string => n.toLocaleString('en-US');

/** The numeric fields of a request. */
export const NUMBER_FIELDS = ['count', 'temperature', 'topK', 'maxTries', 'minLength', 'maxLength', 'minEdits'] as const;
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** A numeric field's name in messages, and its bounds. */
export interface NumberRule {
  label: string;
  integer: boolean;
  min: number;
  /** The bound itself is not allowed (temperature: above 0). */
  minExclusive?: boolean;
  max: number;
  /** Said after a value out of bounds. */
  hint?: string;
}

/** Largest top-k accepted (any k at least the alphabet's size means all characters). */
export const MAX_TOP_K = 100_000;
/** Largest budget of tries accepted. */
export const MAX_TRIES = Number.MAX_SAFE_INTEGER;

/** The rules of the numeric fields (the count's maximum is the caller's: the editor's or the CLI's). */
export function numberRule(field: NumberField, limits: RequestLimits = {}): NumberRule {
  switch (field) {
    case 'count':
      return { label: 'The number of names', integer: true, min: 1, max: limits.maxCount ?? COUNT_LIMIT };
    case 'temperature':
      return { label: 'The temperature', integer: false, min: 0, minExclusive: true, max: MAX_TEMPERATURE };
    case 'topK':
      return { label: 'Top-k', integer: true, min: 0, max: MAX_TOP_K, hint: '0 means all characters' };
    case 'maxTries':
      return { label: 'The number of tries', integer: true, min: 1, max: MAX_TRIES };
    case 'minLength':
      return { label: 'The minimum length', integer: true, min: 1, max: MAX_LINE_LENGTH };
    case 'maxLength':
      return { label: 'The maximum length', integer: true, min: 1, max: MAX_LINE_LENGTH };
    case 'minEdits':
      return {
        label: '"At least N edits from every name in the list"',
        integer: true,
        min: 0,
        max: MAX_MIN_EDITS,
        hint: 'N is the number of edits',
      };
  }
}

/**
 * What is wrong with a value of a numeric field, or undefined: the one message for each mistake,
 * whoever asks (shared/generateRequest.ts parses what was typed into numbers checked here).
 * `value`: the number, or what was typed when it is no number.
 */
export function numberProblem(field: NumberField, value: unknown, limits: RequestLimits = {}): string | undefined {
  const rule = numberRule(field, limits);
  const hint = rule.hint ? `; ${rule.hint}` : '';
  const range = `${rule.integer ? 'a whole number' : 'a number'} ${rule.minExclusive ? `above ${fmt(rule.min)}` : `from ${fmt(rule.min)}`} ${rule.minExclusive ? 'and at most' : 'to'} ${fmt(rule.max)}`;
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return `${rule.label} is missing: ${range}${hint}.`;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `${rule.label} must be ${range} (got ${typeof value === 'string' ? `“${value.trim()}”` : String(JSON.stringify(value))})${hint}.`;
  if (rule.integer && !Number.isInteger(value)) return `${rule.label} must be a whole number (got ${value}).`;
  if (rule.minExclusive ? value <= rule.min : value < rule.min)
    return `${rule.label} must be ${rule.minExclusive ? 'above' : 'at least'} ${fmt(rule.min)} (got ${fmt(value)})${hint}.`;
  if (value > rule.max) return `${rule.label} must be at most ${fmt(rule.max)} (got ${fmt(value)})${hint}.`;
  return undefined;
}

/**
 * The first problem of a request, or undefined when it can be generated. Checks ranges,
 * characters the model does not know (named), and contradictions (min above max, required text
 * longer than the maximum length or excluded at the same time).
 */
export function checkRequest(request: GenerateRequest, facts: ListFacts, limits: RequestLimits = {}): ConstraintProblem | undefined {
  try {
    planRequest(request, facts, limits);
    return undefined;
  } catch (e) {
    if (e instanceof ConstraintError) return { field: e.field, message: e.message };
    throw e;
  }
}

/** A problem with a request, thrown by planRequest: an InputError that names its field. */
export class ConstraintError extends InputError {
  constructor(
    readonly field: ConstraintField,
    message: string,
  ) {
    super(message);
    this.name = 'ConstraintError';
  }
}

/** Checks a request (see checkRequest) and resolves it; throws ConstraintError. */
export function planRequest(request: GenerateRequest, facts: ListFacts, limits: RequestLimits = {}): ConstraintPlan {
  const fail = (field: ConstraintField, message: string): never => {
    throw new ConstraintError(field, message);
  };
  for (const field of NUMBER_FIELDS) {
    const value = request[field];
    const problem = value === undefined ? undefined : numberProblem(field, value, limits);
    if (problem) fail(field, problem);
  }
  const temperature = request.temperature ?? 1;
  const topK = request.topK ?? 0;
  const maxTries = request.maxTries ?? Math.max(DEFAULT_MAX_TRIES, TRIES_PER_NAME * request.count);
  const minEdits = request.minEdits ?? 0;

  if (request.minLength !== undefined && request.maxLength !== undefined && request.minLength > request.maxLength) {
    fail('minLength', `The minimum length (${request.minLength}) is above the maximum length (${request.maxLength}).`);
  }
  // Defaults follow the list, moved only as far as a bound the user set requires.
  const minLength = request.minLength ?? Math.min(facts.lengths.min, request.maxLength ?? Infinity);
  const maxLength = request.maxLength ?? Math.max(facts.lengths.max, minLength);
  const maxSource = request.maxLength === undefined ? ` (the longest name in the list; set a maximum length to allow longer names)` : '';

  const text = (s: string | undefined): string => (s ?? '').normalize('NFC');
  const startsWith = text(request.startsWith);
  const endsWith = text(request.endsWith);
  const texts = (values: readonly string[] | undefined): string[] =>
    (values ?? []).flatMap((v) => constraintTexts(text(v), facts.characters));
  const contains = texts(request.contains);
  const excludes = texts(request.excludes);

  // Characters the model cannot produce, in any case.
  const variants = caseVariants(facts.characters);
  const required: [ConstraintField, string, string][] = [
    ['startsWith', '"starts with"', startsWith],
    ['endsWith', '"ends with"', endsWith],
    ...contains.map((c): [ConstraintField, string, string] => ['contains', '"contains"', c]),
  ];
  for (const [field, label, value] of required) {
    const unknown = [...new Set(symbolsOf(value).filter((c) => !variants.has(fold(c))))];
    if (unknown.length > 0) {
      fail(
        field,
        `The model does not know ${list(unknown.map(quote))} (in ${label} ${quote(value)}): its word list has no such character${unknown.length > 1 ? 's' : ''}.`,
      );
    }
  }

  // Required text that cannot fit, or that is excluded.
  for (const [field, label, value] of required) {
    const n = symbolCount(value);
    if (n > maxLength) fail(field, `${label} ${quote(value)} has ${n} characters, more than the maximum length ${maxLength}${maxSource}.`);
  }
  if (startsWith && endsWith) {
    const n = shortestWith(fold(startsWith), fold(endsWith));
    if (n > maxLength) {
      fail(
        'endsWith',
        `"starts with" ${quote(startsWith)} and "ends with" ${quote(endsWith)} need at least ${n} characters together, more than the maximum length ${maxLength}${maxSource}.`,
      );
    }
  }
  for (const ex of excludes) {
    for (const [, label, value] of required) {
      if (fold(value).includes(fold(ex))) fail('excludes', `${quote(ex)} is excluded, but ${label} ${quote(value)} contains it.`);
    }
  }

  return {
    count: request.count,
    temperature,
    topK,
    maxTries,
    stallTries: request.maxTries === undefined ? Math.min(STALL_TRIES, maxTries) : maxTries,
    minLength,
    maxLength,
    prefix: symbolsOf(startsWith).map((c) => variants.get(fold(c))!),
    startsWith: fold(startsWith),
    endsWith: fold(endsWith),
    contains: contains.map(fold),
    excludes: excludes.map(fold),
    newOnly: Boolean(request.newOnly) || minEdits > 0,
    minEdits,
  };
}

/** Folded character → the vocabulary characters that fold to it. */
function caseVariants(characters: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const c of characters) {
    const key = fold(c);
    const found = out.get(key);
    if (found) found.push(c);
    else out.set(key, [c]);
  }
  return out;
}

/** Length of the shortest text that starts with `a` and ends with `b` (they may overlap). */
export function shortestWith(a: string, b: string): number {
  const x = symbolsOf(a);
  const y = symbolsOf(b);
  for (let n = Math.max(x.length, y.length); n < x.length + y.length; n++) {
    const shift = n - y.length; // y starts at this index of the text
    let ok = true;
    for (let i = Math.max(0, shift); i < x.length && ok; i++) ok = x[i] === y[i - shift];
    if (ok) return n;
  }
  return x.length + y.length;
}

/**
 * The first constraint a name (as shown) breaks, novelty aside (that needs the list:
 * core/listIndex.ts), or undefined.
 */
export function nameViolation(plan: ConstraintPlan, name: string): RejectReason | undefined {
  const n = symbolCount(name);
  if (n === 0) return 'empty';
  if (n < plan.minLength) return 'tooShort';
  if (n > plan.maxLength) return 'tooLong';
  const f = fold(name);
  if (!f.startsWith(plan.startsWith)) return 'startsWith';
  if (!f.endsWith(plan.endsWith)) return 'endsWith';
  if (!plan.contains.every((c) => f.includes(c))) return 'contains';
  if (plan.excludes.some((x) => f.includes(x))) return 'excludes';
  return undefined;
}

/**
 * What to tell the user when fewer names were found than asked:
 * "found 37 of 100 after 200,000 tries — most were rejected by "ends with"; loosen a constraint".
 * `ended`: what stopped the search (the budget of tries by default, `stalled` tries in a row
 * without a new name (STALL_TRIES), a time limit, or the user).
 */
export function shortfallMessage(
  found: number,
  requested: number,
  tries: number,
  how: { mostly?: RejectReason; ended?: 'tries' | 'time' | 'stopped'; stalled?: number } = {},
): string {
  const counted = `found ${fmt(found)} of ${fmt(requested)} after ${fmt(tries)} ${tries === 1 ? 'try' : 'tries'}`;
  if (how.ended === 'stopped') return `stopped: ${counted}`;
  const why = how.mostly ? `most were rejected by ${REJECT_LABELS[how.mostly]}; ` : '';
  const stalled = how.stalled
    ? found === 0
      ? ': no name meets these constraints'
      : `: none of the last ${fmt(how.stalled)} gave a new name`
    : '';
  return `${counted}${how.ended === 'time' ? ' (the time limit)' : ''}${stalled} — ${why}loosen a constraint`;
}
