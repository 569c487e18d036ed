/**
 * A list's lines ranked least typical first, from their scores (typicality.ts): what Rank Lines
 * by Typicality and `makemore score --sort` show. Pure: no TensorFlow.js (the extension host ranks
 * the scores the worker sends).
 */
import type { ItemScores } from './explored';

/**
 * How lines are ranked: by mean surprisal per character, or by the percentile among the list's
 * items of about the same length.
 */
export const RANKINGS = ['surprisal', 'length'] as const;
export type Ranking = (typeof RANKINGS)[number];

/**
 * Item indices, least typical first: items with characters the model does not know (in file
 * order: the model gives them probability 0), then by `ranking`, ties in file order.
 */
export function rankLeastTypical(
  scores: Pick<ItemScores, 'logProb' | 'symbols' | 'lengthPercentile'>,
  ranking: Ranking = 'surprisal',
): Int32Array {
  const n = scores.logProb.length;
  const surprisal = Float64Array.from({ length: n }, (_, i) =>
    scores.symbols[i]! > 0 ? -scores.logProb[i]! / scores.symbols[i]! : Infinity,
  );
  const order = Array.from({ length: n }, (_, i) => i);
  const bySurprisal = (a: number, b: number): number => (surprisal[a] === surprisal[b] ? 0 : surprisal[b]! > surprisal[a]! ? 1 : -1);
  const unknownFirst = (a: number, b: number): number => Number(scores.symbols[a]! > 0) - Number(scores.symbols[b]! > 0);
  order.sort(
    ranking === 'surprisal'
      ? (a, b) => unknownFirst(a, b) || bySurprisal(a, b) || a - b
      : (a, b) => unknownFirst(a, b) || scores.lengthPercentile[a]! - scores.lengthPercentile[b]! || 0 || bySurprisal(a, b) || a - b,
  );
  return Int32Array.from(order);
}
