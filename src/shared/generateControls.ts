/**
 * The Generate views' controls as the user typed them — text fields keep their text, so a
 * half-typed value survives — and their defaults. A webview keeps them in its UI state; the
 * host remembers each view's last controls per workspace and per word list
 * (generation/generateControlsStore.ts), so closing the panel does not lose them and what was
 * typed for one list does not carry over to another. webview/lib/generation.ts turns them into
 * a request.
 */
import { MAX_MIN_EDITS } from '../core/constraints';

export interface GenerateControls {
  count: string;
  /** The creativity slider. */
  temperature: number;
  topK: string;
  minLength: string;
  maxLength: string;
  startsWith: string;
  endsWith: string;
  /** Comma-separated. */
  contains: string;
  excludes: string;
  newOnly: boolean;
  minEdits: number;
}

export const DEFAULT_CONTROLS: GenerateControls = {
  count: '100',
  temperature: 1,
  topK: '0',
  minLength: '',
  maxLength: '',
  startsWith: '',
  endsWith: '',
  contains: '',
  excludes: '',
  newOnly: true,
  minEdits: 0,
};

/**
 * The controls that belong to a word list — typed for its alphabet and its lengths ("Starts with:
 * Sh" means nothing for a Japanese list) — as opposed to how many names and how bold, which
 * follow the user from list to list.
 */
export const LIST_CONTROLS = [
  'minLength',
  'maxLength',
  'startsWith',
  'endsWith',
  'contains',
  'excludes',
] as const satisfies readonly (keyof GenerateControls)[];
export type ListControls = Pick<GenerateControls, (typeof LIST_CONTROLS)[number]>;

/** The list controls of `controls`. */
export function listControlsOf(controls: GenerateControls): ListControls {
  return Object.fromEntries(LIST_CONTROLS.map((k) => [k, controls[k]])) as ListControls;
}

/** `controls` for another list: its list controls replaced (by that list's, else the defaults). */
export function forList(controls: GenerateControls, list?: ListControls): GenerateControls {
  return { ...controls, ...(list ?? listControlsOf(DEFAULT_CONTROLS)) };
}

/** The creativity slider's range and step. */
export const TEMPERATURE = { min: 0.2, max: 2, step: 0.05 } as const;
export const MIN_EDITS = { min: 0, max: MAX_MIN_EDITS } as const;

/** Longest text a control may hold as saved (what is typed is checked when it becomes a request). */
const MAX_FIELD_LENGTH = 200;

/** The controls held as typed text: the list controls, how many and top-k. */
const TEXT_FIELDS = ['count', 'topK', ...LIST_CONTROLS] as const satisfies readonly (keyof GenerateControls)[];

/** Runtime check of controls from a webview or from storage: every field there, of its type, in range. */
export function isGenerateControls(x: unknown): x is GenerateControls {
  if (typeof x !== 'object' || x === null) return false;
  const c = x as Record<string, unknown>;
  return (
    TEXT_FIELDS.every((k) => typeof c[k] === 'string' && c[k].length <= MAX_FIELD_LENGTH) &&
    typeof c.temperature === 'number' &&
    c.temperature >= TEMPERATURE.min &&
    c.temperature <= TEMPERATURE.max &&
    typeof c.newOnly === 'boolean' &&
    Number.isInteger(c.minEdits) &&
    (c.minEdits as number) >= MIN_EDITS.min &&
    (c.minEdits as number) <= MIN_EDITS.max
  );
}
