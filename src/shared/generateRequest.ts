/**
 * The one parser of a generate request: what a user gave — text typed in the Generate views
 * (shared/generateControls.ts), Generate Names…'s questions or its argument object, the CLI's
 * `sample` flags, the Generate controls Insert Sampled Name takes — becomes the engine's
 * `GenerateRequest` (core/constraints.ts), or one message per mistake, the same message for the
 * same mistake whoever asks (the numbers' messages are core/constraints.ts numberProblem's, which
 * the engine gives too).
 *
 * Fields, each optional except the count:
 * - numbers — count, temperature, topK, maxTries, minLength, maxLength, minEdits: a number, or
 *   its text ("1,000" and "1 000" are 1000; empty: not set);
 * - startsWith, endsWith: text, trimmed (empty: not set);
 * - contains, excludes: one text, or a list of texts, each taken whole (a comma separates texts
 *   only for a model whose alphabet has no comma: core/constraints.ts constraintTexts);
 * - newOnly: true or false.
 *
 * Checks against the model (characters it does not know, contradictions) are core's checkRequest,
 * which needs the model's facts; this needs nothing but the input.
 */
import {
  NUMBER_FIELDS,
  numberProblem,
  type ConstraintProblem,
  type GenerateRequest,
  type NumberField,
  type RequestLimits,
} from '../core/constraints';
import { DEFAULT_CONTROLS, type GenerateControls } from './generateControls';

/** What a request is parsed from: each field as given (typed text, a number, a list…). */
export type RequestInput = Partial<Record<keyof GenerateRequest, unknown>>;

export type ParsedRequest = { ok: true; request: GenerateRequest } | { ok: false; problems: ConstraintProblem[] };

const TEXT_FIELDS = ['startsWith', 'endsWith'] as const;
const LIST_FIELDS = ['contains', 'excludes'] as const;

/** How each text field is named in messages. */
export const FIELD_LABELS = {
  startsWith: '"Starts with"',
  endsWith: '"Ends with"',
  contains: '"Contains"',
  excludes: '"Excludes"',
  newOnly: '"New names only"',
} as const;

const shown = (v: unknown): string => (typeof v === 'string' ? `“${v}”` : String(JSON.stringify(v)));

/** A number as given: itself, or the number typed ('' → undefined); what is no number is returned as given. */
function numberOf(field: NumberField, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const t = value.trim();
  if (!t) return undefined;
  // Thousands separators in whole numbers ("1,000"); a temperature's comma is no decimal point.
  const n = Number(field === 'temperature' ? t : t.replace(/[,_\s]/g, ''));
  return Number.isNaN(n) ? value : n;
}

/** Parses a request (see the module's comment); `limits.maxCount`: the caller's largest count. */
export function parseGenerateRequest(input: RequestInput, limits: RequestLimits = {}): ParsedRequest {
  const problems: ConstraintProblem[] = [];
  const request: Partial<GenerateRequest> = {};
  for (const field of NUMBER_FIELDS) {
    const value = numberOf(field, input[field]);
    if (value === undefined && field !== 'count') continue;
    const problem = numberProblem(field, value, limits);
    if (problem) problems.push({ field, message: problem });
    else request[field] = value as number;
  }
  for (const field of TEXT_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') problems.push({ field, message: `${FIELD_LABELS[field]} must be text (got ${shown(value)}).` });
    else if (value.trim()) request[field] = value.trim();
  }
  for (const field of LIST_FIELDS) {
    const value = input[field];
    if (value === undefined || value === null) continue;
    const texts = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : null;
    if (!texts) {
      problems.push({ field, message: `${FIELD_LABELS[field]} must be text or a list of texts (got ${shown(value)}).` });
      continue;
    }
    const kept = texts.map((t) => t.trim()).filter((t) => t.length > 0);
    if (kept.length) request[field] = kept;
  }
  if (input.newOnly !== undefined) {
    if (typeof input.newOnly !== 'boolean')
      problems.push({ field: 'newOnly', message: `${FIELD_LABELS.newOnly} must be true or false (got ${shown(input.newOnly)}).` });
    else request.newOnly = input.newOnly;
  }
  return problems.length ? { ok: false, problems } : { ok: true, request: request as GenerateRequest };
}

/** The request of `input`, or the InputError-ready message of its mistakes (one sentence each). */
export function problemsText(problems: readonly ConstraintProblem[]): string {
  return problems.map((p) => p.message).join(' ');
}

/** The input of the Generate controls (what the views, Insert Sampled Name and Generate Names… start from). */
export function controlsInput(controls: GenerateControls): RequestInput {
  return {
    count: controls.count,
    temperature: controls.temperature,
    topK: controls.topK,
    minLength: controls.minLength,
    maxLength: controls.maxLength,
    startsWith: controls.startsWith,
    endsWith: controls.endsWith,
    contains: controls.contains,
    excludes: controls.excludes,
    newOnly: controls.newOnly,
    minEdits: controls.minEdits,
  };
}

/** The request of the Generate controls (parsed; the defaults' fields where none were given). */
export function requestOfControls(controls: GenerateControls = DEFAULT_CONTROLS, limits: RequestLimits = {}): ParsedRequest {
  return parseGenerateRequest(controlsInput(controls), limits);
}
