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
import { DEFAULT_CONTROLS, type GenerateControls } from '../../shared/generateControls';
import { controlsInput, parseGenerateRequest, problemsText, type ParsedRequest } from '../../shared/generateRequest';

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

/** The count as typed, or the message that says what is wrong (shared/generateRequest.ts: the same as everywhere). */
export function parseCount(text: string): number | string {
  const parsed = parseGenerateRequest({ count: text });
  return parsed.ok ? parsed.request.count : parsed.problems[0]!.message;
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

/** A length range as parseLength reads it: "5-7", "5" (exactly), "5-", "-7", "" (the list's own). */
export function lengthText(minLength: string, maxLength: string): string {
  const min = minLength.trim();
  const max = maxLength.trim();
  if (min && min === max) return min;
  return min || max ? `${min}-${max}` : '';
}

/** The novelty choice closest to "new only" and "at least N edits". */
export function noveltyOf(newOnly: boolean, minEdits: number): Novelty {
  if (minEdits >= MAX_MIN_EDITS) return 'edits3';
  if (minEdits >= 2) return 'edits2';
  return newOnly || minEdits > 0 ? 'new' : 'any';
}

/** The choices Generate Names… starts from: the list's Generate controls, and where the names went last time. */
export function choicesOf(controls: GenerateControls, to: Destination): GenerateChoices {
  const count = parseCount(controls.count);
  return {
    count: typeof count === 'number' ? count : DEFAULT_CHOICES.count,
    startsWith: controls.startsWith.trim(),
    endsWith: controls.endsWith.trim(),
    length: lengthText(controls.minLength, controls.maxLength),
    novelty: noveltyOf(controls.newOnly, controls.minEdits),
    to,
  };
}

/**
 * The request of the choices, through the one parser (shared/generateRequest.ts); what Generate
 * Names does not ask — creativity, top-k, contains, excludes — is the controls'.
 */
export function requestOf(choices: GenerateChoices, controls: GenerateControls = DEFAULT_CONTROLS): ParsedRequest {
  const length = parseLength(choices.length);
  if (typeof length === 'string') return { ok: false, problems: [{ field: 'minLength', message: length }] };
  const { newOnly, minEdits } = NOVELTY[choices.novelty];
  return parseGenerateRequest({
    ...controlsInput(controls),
    count: choices.count,
    startsWith: choices.startsWith,
    endsWith: choices.endsWith,
    minLength: length.minLength,
    maxLength: length.maxLength,
    newOnly,
    minEdits,
  });
}

/** The command's argument object: a request and where it goes. Throws InputError naming a bad field. */
export function argumentOptions(arg: unknown, start: GenerateControls = DEFAULT_CONTROLS): { request: GenerateRequest; to: Destination } {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg))
    throw new InputError('The argument of makemore.generateNames must be an object such as { "count": 20, "startsWith": "ka" }.');
  const a = arg as Record<string, unknown>;
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
  // The fields not given are those of the Generate controls (`start`), so the argument changes only what it names.
  const { to, ...fields } = a;
  const parsed = parseGenerateRequest({ ...controlsInput(start), ...fields });
  if (!parsed.ok) throw new InputError(`makemore.generateNames: ${problemsText(parsed.problems)}`);
  const request = parsed.request;
  if (to !== undefined && to !== 'document' && to !== 'cursors')
    throw new InputError(`makemore.generateNames: "to" must be "document" or "cursors" (got ${JSON.stringify(to)}).`);
  return { request, to: (to as Destination | undefined) ?? 'document' };
}
