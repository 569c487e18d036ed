/**
 * The Explore tab's logic, without the DOM (tested in Node): the worker's exact distribution
 * (core/explored.ts NextAnswer) as bars, with the Generate view's creativity (temperature) and
 * top-k applied on top and said so; the entropy in words; the questions the view asks and the
 * latest answer of each kind (an older answer arriving late is dropped).
 */
import { entropy, equallyLikelyChoices, samplingDistribution } from '../../src/core/distribution';
import type { ExploreAnswer, ExploreQuery, NextAnswer, Reading, SearchAnswer } from '../../src/core/explored';
import { formatProbability } from '../../src/shared/readingText';

/** User Timing names: a click (or a key) changed the prefix; the bars of the new prefix are on screen. */
export const PREFIX_MARK = 'makemore:explore:prefix';
export const BARS_SHOWN = 'makemore:explore:bars';

/** How many complete names the view asks for. */
export const NAMES_COUNT = 10;

export interface Bar {
  /** Symbol index (0: the end of the name). */
  v: number;
  char: string;
  label: string;
  end: boolean;
  /** The model's probability. */
  p: number;
  /** The probability sampling draws with (temperature and top-k applied). */
  sampled: number;
}

/** Sampling as the Generate view's controls set it. */
export interface Sampling {
  temperature: number;
  topK: number;
}

/** top-k as typed in the Generate view ('' or anything not a whole number ≥ 0: all symbols). */
export function parseTopK(text: string): number {
  const n = Number(text.trim());
  return Number.isInteger(n) && n > 0 ? n : 0;
}

export function isPlainSampling(s: Sampling): boolean {
  return s.temperature === 1 && s.topK === 0;
}

/** Every symbol as a bar, most probable first (ties: vocabulary order). */
export function barsOf(answer: NextAnswer, sampling: Sampling): Bar[] {
  const sampled = samplingDistribution(answer.logp, sampling.temperature, sampling.topK);
  return answer.logp
    .map((lp, v) => ({
      v,
      char: answer.table.symbols[v]!,
      label: answer.table.labels[v]!,
      end: v === 0,
      p: Math.exp(lp),
      sampled: sampled[v]!,
    }))
    .sort((a, b) => b.p - a.p || a.v - b.v);
}

/** The entropy of the distribution drawn from, in words. */
export function entropyText(bars: readonly Bar[], sampling: Sampling, modelEntropy: number): string {
  const shown = isPlainSampling(sampling) ? modelEntropy : entropy(bars.map((b) => (b.sampled > 0 ? Math.log(b.sampled) : -Infinity)));
  const words = `Entropy ${shown.toFixed(2)} nats: about ${formatChoices(equallyLikelyChoices(shown))} equally likely choices`;
  return isPlainSampling(sampling)
    ? `${words}.`
    : `${words} as sampled (the model's own: ${modelEntropy.toFixed(2)} nats, about ${formatChoices(equallyLikelyChoices(modelEntropy))}).`;
}

function formatChoices(n: number): string {
  return n >= 10 ? n.toFixed(0) : n.toFixed(1);
}

/** The sampling line: what the bars show. */
export function samplingText(s: Sampling): string {
  if (isPlainSampling(s))
    return "The bars are the model's probabilities, exactly; Draw samples from them, as the Generate tab does at creativity 1 with all characters.";
  const parts = [s.temperature !== 1 ? `creativity ${s.temperature}` : null, s.topK > 0 ? `top-k ${s.topK}` : null]
    .filter(Boolean)
    .join(' and ');
  return `The bars are what sampling draws from with the Generate tab's ${parts} applied; the model's own probability is in brackets.`;
}

/** A bar in words (its accessible name). */
export function barLabel(b: Bar, plain: boolean): string {
  const what = b.end ? 'end of the name' : `“${b.label}”`;
  const p = plain ? formatProbability(b.p) : `${formatProbability(b.sampled)} as sampled, ${formatProbability(b.p)} by the model`;
  return `${what}: ${p}. ${b.end ? 'End the name here' : `Append ${b.label}`}.`;
}

/** The answers on screen: the latest of each kind, by question id. */
export interface ExploreAnswers {
  next: NextAnswer | null;
  search: SearchAnswer | null;
  read: Reading | null;
  /** A problem with the latest question of a kind (a character the model does not know…). */
  errors: Partial<Record<ExploreQuery['kind'], string>>;
}

export class Questions {
  private nextId = 1;
  /** The id of the latest question of each kind. */
  private readonly latest = new Map<ExploreQuery['kind'], number>();
  private readonly kinds = new Map<number, ExploreQuery['kind']>();
  readonly answers: ExploreAnswers = { next: null, search: null, read: null, errors: {} };

  /** A new question: its id (posting it is the caller's). */
  ask(query: ExploreQuery): number {
    const id = this.nextId++;
    this.latest.set(query.kind, id);
    this.kinds.set(id, query.kind);
    return id;
  }

  /** Whether a question of this kind is waiting for its answer. */
  waiting(kind: ExploreQuery['kind']): boolean {
    const id = this.latest.get(kind);
    return id !== undefined && this.kinds.has(id);
  }

  /** Takes an answer; false when it is not the latest of its kind (dropped). */
  take(id: number, answer: ExploreAnswer | undefined, error: string | undefined): boolean {
    const kind = this.kinds.get(id);
    this.kinds.delete(id);
    if (kind === undefined || this.latest.get(kind) !== id) return false;
    if (error !== undefined) {
      this.answers.errors[kind] = error;
      return true;
    }
    delete this.answers.errors[kind];
    if (answer?.kind === 'next') this.answers.next = answer;
    else if (answer?.kind === 'search') this.answers.search = answer;
    else if (answer?.kind === 'read') this.answers.read = answer;
    return true;
  }
}
