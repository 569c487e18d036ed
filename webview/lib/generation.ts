/**
 * The Generate views' logic, without the DOM (tested in Node): the controls as the user typed
 * them → a request checked against the model (core/constraints.ts), the creativity slider in
 * words, typicality as a bar, tags as words, and the state of the views' requests and
 * favourites folded from the host's messages.
 */
import { checkRequest, type ConstraintField, type GenerateRequest } from '../../src/core/constraints';
import type { GeneratedName, GenerateProgress, GenerateSummary } from '../../src/core/generated';
import type { NameTag } from '../../src/core/listIndex';
import { formatCount, formatLossBrief, formatRunDate, formatTypicality } from '../../src/shared/format';
import type { GenerateControls } from '../../src/shared/generateControls';
import { requestOfControls } from '../../src/shared/generateRequest';
import type { GenerationModelInfo, GenerationTarget, ToWebview } from '../../src/shared/messages';
import { assertNever } from '../../src/shared/assertNever';

/** User Timing names: a control changed; the first names asked for after it are on screen. */
export const CHANGE_MARK = 'makemore:generate:change';
export const FIRST_NAMES = 'makemore:generate:first-names';

/**
 * What a view that works on the model (Generate, Explore) says while it has none; `then`: what
 * the user does here once there is one ("generate names here").
 */
export function noModelText(target: GenerationTarget | null, then: string): string {
  if (target === null) return 'Looking for a model…';
  return target.document
    ? `No model for ${target.document} yet: train one on it, then ${then}.`
    : `Open a word list and train a model on it, then ${then}.`;
}

/** The model line of the Generate and Explore tabs: "Model: names.txt · dev 2.187 · trained 7 Dec 21:38". */
export function modelLineText(model: GenerationModelInfo): string {
  return `Model: ${model.listName} · dev ${formatLossBrief(model.dev)} · trained ${formatRunDate(model.createdAt)}`;
}

export interface FieldProblem {
  field: ConstraintField;
  message: string;
}

const isProblem = (x: unknown): x is FieldProblem => typeof x === 'object' && x !== null && 'field' in x;

/**
 * The request of the controls (shared/generateRequest.ts, the one parser), or the first problem
 * with them: a field that is not a number, or what core/constraints.ts checkRequest finds
 * against the model (characters it does not know, contradictions), for the form to show at
 * that field.
 */
export function requestOf(c: GenerateControls, facts: Parameters<typeof checkRequest>[1] | null): GenerateRequest | FieldProblem {
  const parsed = requestOfControls(c);
  if (!parsed.ok) return parsed.problems[0]!;
  if (!facts) return parsed.request;
  return checkRequest(parsed.request, facts) ?? parsed.request;
}

export function isRequest(x: GenerateRequest | FieldProblem): x is GenerateRequest {
  return !isProblem(x);
}

/** The creativity slider in words. */
export function creativityWords(temperature: number): string {
  if (temperature < 0.6) return 'safe: the most typical names, often the same few';
  if (temperature < 0.9) return 'safer: typical names, close to the list’s';
  if (temperature <= 1.1) return 'balanced: names like the list’s, with some surprises';
  if (temperature <= 1.5) return 'surprising: less usual names';
  return 'wild: surprising names, some of them odd';
}

/**
 * Typicality as a bar's share, 0..1: a name's mean log-probability per character (its
 * typicality) on a scale where 0 is twice the model's dev loss away and 1 is certainty, so a
 * name as probable as the dev split's average character fills half the bar.
 */
export function typicalityShare(logProbPerChar: number, devLoss: number | null): number {
  const scale = 2 * (devLoss !== null && Number.isFinite(devLoss) && devLoss > 0 ? devLoss : 2);
  return Math.min(1, Math.max(0, 1 + logProbPerChar / scale));
}

/** A typicality in words, for a tooltip. */
export function typicalityText(logProbPerChar: number, devLoss: number | null): string {
  const base = `Typicality ${formatTypicality(logProbPerChar)} (mean log-probability per character)`;
  return devLoss === null ? base : `${base}; the model's average on held-out names: ${formatTypicality(-devLoss)}`;
}

export const TAG_LABELS: Record<NameTag, string> = {
  new: 'new',
  train: 'in the list',
  heldout: 'in the list (held out)',
  list: 'in the list',
};

export const TAG_TITLES: Record<NameTag, string> = {
  new: 'Not in the word list',
  train: 'In the word list, among the names the model was trained on',
  heldout: 'In the word list, among the names held out from training (dev or test split)',
  list: 'In the word list',
};

/** The results of a view's latest request. */
export interface Results {
  /** The request's id (0: none yet). */
  id: number;
  names: GeneratedName[];
  progress: GenerateProgress | null;
  summary: GenerateSummary | null;
  error: string | null;
  running: boolean;
  /** When the request was posted (performance.now()), and when its first names arrived. */
  postedAt: number;
  firstNamesAt: number | null;
}

export interface GenerationState {
  /** What the host says the view generates from (null until it says). */
  target: GenerationTarget | null;
  favourites: GeneratedName[];
  /** The list key the favourites are of. */
  favouritesKey: string | null;
  results: Results;
  /** The last results that had names: shown (dimmed) while a new request has none yet. */
  shown: Results | null;
}

export function initialGenerationState(): GenerationState {
  return { target: null, favourites: [], favouritesKey: null, results: emptyResults(0, 0), shown: null };
}

/** The results to show: the current request's once it has names (or has ended), else the previous ones. */
export function visibleResults(s: GenerationState): { results: Results; stale: boolean } {
  const r = s.results;
  if (r.names.length > 0 || !r.running || !s.shown) return { results: r, stale: false };
  return { results: s.shown, stale: true };
}

export function emptyResults(id: number, now: number): Results {
  return { id, names: [], progress: null, summary: null, error: null, running: id > 0, postedAt: now, firstNamesAt: null };
}

/** The host's messages about generation. */
export type GenerationMessage = Extract<ToWebview, { type: 'generationTarget' | 'favourites' | 'generatedNames' | 'generateEnded' }>;

/** Folds a host message about generation into the state. */
export function applyGenerationMessage(state: GenerationState, message: GenerationMessage, now: number): void {
  switch (message.type) {
    case 'generationTarget':
      state.target = message.target;
      return;
    case 'favourites':
      state.favourites = message.names;
      state.favouritesKey = message.key;
      return;
    case 'generatedNames': {
      const r = state.results;
      if (message.id !== r.id) return;
      r.names.push(...message.names);
      r.progress = message.progress;
      r.firstNamesAt ??= now;
      return;
    }
    case 'generateEnded': {
      const r = state.results;
      if (message.id !== r.id) return;
      r.running = false;
      r.summary = message.summary ?? null;
      r.error = message.error ?? null;
      return;
    }
    default:
      assertNever(message, 'generation message');
  }
}

/** The line under the results: progress, then what came of the request. */
export function resultsLine(r: Results): string {
  if (r.error) return r.error;
  if (r.running) return r.progress ? `Generating… ${formatCount(r.progress.found)} of ${formatCount(r.progress.requested)}` : 'Generating…';
  const s = r.summary;
  if (!s) return '';
  const ms = `${formatCount(s.seconds * 1000)} ms`;
  if (s.shortfall) return `${s.shortfall[0]!.toUpperCase()}${s.shortfall.slice(1)}.`;
  return `${formatCount(r.names.length)} ${r.names.length === 1 ? 'name' : 'names'} in ${ms} (${formatCount(s.tries)} ${s.tries === 1 ? 'try' : 'tries'}).`;
}

/** Whether a name is a favourite. */
export function favouriteSet(favourites: readonly GeneratedName[]): Set<string> {
  return new Set(favourites.map((f) => f.name));
}
