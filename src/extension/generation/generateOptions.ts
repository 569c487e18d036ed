/**
 * The choices of Makemore: Generate Names…, checked: the length range as typed in its quick
 * input, the novelty picked, what is remembered between runs, and the argument object the
 * command accepts (from keybindings, other extensions and tests) instead of asking:
 *
 *   makemore.generateNames  { "count": 50, "startsWith": "ka", "endsWith": "a", "minLength": 5,
 *                             "maxLength": 7, "newOnly": true, "to": "document" }
 *
 * (also `contains`, `excludes`, `minEdits`, `temperature`, `topK`; `to`: "document" or
 * "cursors"). The request's values are checked against the model by core/constraints.ts; here
 * only their types. No VS Code here, so it is unit-tested.
 */
import { COUNT_LIMIT, MAX_MIN_EDITS, type GenerateRequest } from '../../core/constraints';
import { InputError } from '../../core/errors';
import { formatCount } from '../../shared/format';

/** Where the names go: a new untitled document, or the cursors of the current editor. */
export type Destination = 'document' | 'cursors';

/** "New names only" and "at least N edits from every name in the list", as one choice. */
export type Novelty = 'any' | 'new' | 'edits2' | 'edits3';

export const NOVELTY: Record<Novelty, { newOnly: boolean; minEdits: number; label: string }> = {
  new: { newOnly: true, minEdits: 0, label: 'New names only' },
  edits2: { newOnly: true, minEdits: 2, label: 'At least 2 edits from every name in the list' },
  edits3: { newOnly: true, minEdits: MAX_MIN_EDITS, label: `At least ${MAX_MIN_EDITS} edits from every name in the list` },
  any: { newOnly: false, minEdits: 0, label: 'Any names (names of the list too)' },
};

/** What Generate Names remembers (per workspace) and offers next time. */
export interface GenerateChoices {
  count: number;
  startsWith: string;
  endsWith: string;
  /** As typed: "5-7", "5", "-7", "" (the list's own range). */
  length: string;
  novelty: Novelty;
  to: Destination;
}

export const DEFAULT_CHOICES: GenerateChoices = { count: 100, startsWith: '', endsWith: '', length: '', novelty: 'new', to: 'document' };

/** Remembered choices as stored (anything unreadable falls back to the default). */
export function rememberedChoices(stored: unknown): GenerateChoices {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Record<keyof GenerateChoices, unknown>>;
  const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
  return {
    count:
      typeof s.count === 'number' && Number.isInteger(s.count) && s.count >= 1 && s.count <= COUNT_LIMIT ? s.count : DEFAULT_CHOICES.count,
    startsWith: text(s.startsWith, DEFAULT_CHOICES.startsWith),
    endsWith: text(s.endsWith, DEFAULT_CHOICES.endsWith),
    length: text(s.length, DEFAULT_CHOICES.length),
    novelty: typeof s.novelty === 'string' && Object.hasOwn(NOVELTY, s.novelty) ? (s.novelty as Novelty) : DEFAULT_CHOICES.novelty,
    to: s.to === 'cursors' ? 'cursors' : 'document',
  };
}

/** The count as typed, or the message that says what is wrong. */
export function parseCount(text: string): number | string {
  const n = Number(text.trim().replace(/[,_\s]/g, ''));
  if (!text.trim() || !Number.isInteger(n) || n < 1 || n > COUNT_LIMIT) return `A whole number from 1 to ${formatCount(COUNT_LIMIT)}.`;
  return n;
}

/**
 * A length range as typed — "5-7" (or "5–7", "5 to 7"), "5" (exactly), "5-" (at least), "-7"
 * (at most), "" (the list's own) — or the message that says how to write one.
 */
export function parseLength(text: string): { minLength?: number; maxLength?: number } | string {
  const t = text.trim();
  if (!t) return {};
  const m = /^(\d+)?\s*(?:(-|–|—|\.\.|to)\s*(\d+)?)?$/.exec(t);
  if (!m || (m[1] === undefined && m[3] === undefined))
    return 'Type a length range such as 5-7, 5 (exactly), 5- (at least) or -7 (at most); empty for the list’s own range.';
  const min = m[1] !== undefined ? Number(m[1]) : undefined;
  const max = m[2] === undefined ? min : m[3] !== undefined ? Number(m[3]) : undefined;
  return { ...(min !== undefined ? { minLength: min } : {}), ...(max !== undefined ? { maxLength: max } : {}) };
}

/** The request of the choices (their length already checked by parseLength). */
export function requestOf(choices: GenerateChoices): GenerateRequest {
  const length = parseLength(choices.length);
  const { newOnly, minEdits } = NOVELTY[choices.novelty];
  return {
    count: choices.count,
    newOnly,
    minEdits,
    ...(choices.startsWith.trim() ? { startsWith: choices.startsWith.trim() } : {}),
    ...(choices.endsWith.trim() ? { endsWith: choices.endsWith.trim() } : {}),
    ...(typeof length === 'string' ? {} : length),
  };
}

/** The command's argument object: a request and where it goes. Throws InputError naming a bad field. */
export function argumentOptions(arg: unknown): { request: GenerateRequest; to: Destination } {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg))
    throw new InputError('The argument of makemore.generateNames must be an object such as { "count": 20, "startsWith": "ka" }.');
  const a = arg as Record<string, unknown>;
  const fail = (key: string, what: string): never => {
    throw new InputError(`makemore.generateNames: "${key}" must be ${what} (got ${JSON.stringify(a[key])}).`);
  };
  const known = [
    'count',
    'startsWith',
    'endsWith',
    'contains',
    'excludes',
    'minLength',
    'maxLength',
    'newOnly',
    'minEdits',
    'temperature',
    'topK',
    'to',
  ];
  const unknown = Object.keys(a).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new InputError(`makemore.generateNames does not know ${unknown.map((k) => `"${k}"`).join(', ')}; it takes ${known.join(', ')}.`);
  const request: GenerateRequest = { count: 100 };
  for (const key of ['count', 'minLength', 'maxLength', 'minEdits', 'temperature', 'topK'] as const) {
    if (a[key] === undefined) continue;
    if (typeof a[key] !== 'number') fail(key, 'a number');
    request[key] = a[key] as number;
  }
  for (const key of ['startsWith', 'endsWith'] as const) {
    if (a[key] === undefined) continue;
    if (typeof a[key] !== 'string') fail(key, 'text');
    request[key] = a[key] as string;
  }
  for (const key of ['contains', 'excludes'] as const) {
    const v = a[key];
    if (v === undefined) continue;
    // One text, or a list of texts (core/constraints.ts constraintTexts: the comma form of earlier versions too).
    if (typeof v === 'string') request[key] = [v];
    else if (Array.isArray(v) && v.every((x) => typeof x === 'string')) request[key] = v as string[];
    else fail(key, 'text or a list of texts');
  }
  if (a.newOnly !== undefined) {
    if (typeof a.newOnly !== 'boolean') fail('newOnly', 'true or false');
    request.newOnly = a.newOnly as boolean;
  } else request.newOnly = true;
  if (a.to !== undefined && a.to !== 'document' && a.to !== 'cursors') fail('to', '"document" or "cursors"');
  return { request, to: (a.to as Destination | undefined) ?? 'document' };
}
