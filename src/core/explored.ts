/**
 * What exploring a model gives back — the next-symbol distribution after a prefix, a name read
 * letter by letter, the most probable complete names, the typicality scores of a list's lines —
 * as types only, so that the worker (core/explorer.ts), the protocol (src/shared), the extension
 * host, the CLI and the webviews share one definition without importing TensorFlow.js.
 *
 * Every probability here is exactly the model's (core/predictions.ts); surprisal is −ln p, in
 * nats; a name's end counts as one more symbol, as in training.
 */
import type { RankBucket } from './distribution';
import type { NameTag } from './listIndex';

/** A question about the model. */
export type ExploreQuery =
  /** The distribution of the next symbol after `prefix` (and the context the model sees). */
  | { kind: 'next'; prefix: string }
  /** `text` read letter by letter. */
  | { kind: 'read'; text: string }
  /** The `count` most probable complete names after `prefix`. */
  | { kind: 'search'; prefix: string; count: number }
  /** Typicality scores of `items` (a list's lines), each with its percentiles among the model's list. */
  | { kind: 'score'; items: string[] };

/** How the vocabulary is shown: `labels[v]` for symbol v (index 0 is the end of a name). */
export interface SymbolTable {
  /** The characters; '' for the end of a name. */
  symbols: string[];
  /** As shown (symbolLabel: "␣" for a space…); the end as "." (or "·" when "." is data). */
  labels: string[];
}

export interface NextAnswer {
  kind: 'next';
  /** The prefix as the model reads it (case-folded when the model is). */
  prefix: string;
  /** The `blockSize` symbols the model sees, as labels, padding included ("." before the first character). */
  context: string[];
  /** Whether each context position is padding (before the first character). */
  padding: boolean[];
  table: SymbolTable;
  /** Natural log-probability of every symbol (index as in `table`), the end of the name included. */
  logp: number[];
  /** Entropy of the distribution, in nats. */
  entropy: number;
}

/** One symbol of a name read letter by letter (the last one is the end of the name). */
export interface ReadLetter {
  /** The character as typed ('' for the end). */
  char: string;
  label: string;
  p: number;
  /** −ln p, nats. */
  surprisal: number;
  /** The rank the model gave it (1: its first guess). */
  rank: number;
  bucket: RankBucket;
  /** The model's five most probable guesses at this position, most probable first. */
  top: { label: string; char: string; p: number }[];
}

export interface Reading {
  kind: 'read';
  /** The text as given. */
  text: string;
  /** Characters the model does not know (then nothing is read). */
  unknown: string[];
  letters: ReadLetter[];
  /** ln P(name) = Σ ln p over the letters, the end included. */
  logProb: number;
  /** Mean surprisal per symbol (the end included), nats. */
  surprisal: number;
  /** More typical than this share (0–100) of the list's items (null: no list to compare with). */
  percentile: number | null;
  /** The same among the list's items of about the same length. */
  lengthPercentile: number | null;
  /** Whether the name is in the model's word list (and in which split). */
  tag: NameTag;
}

export interface SearchAnswer {
  kind: 'search';
  prefix: string;
  /** The names (as shown), most probable first, with their probability given the prefix. */
  names: { name: string; p: number }[];
  /** How many of the names, from the first, are exactly the most probable. */
  exact: number;
  /** Contexts the search evaluated, and the bound that stopped it, if one did. */
  expansions: number;
  bounded: 'expansions' | 'nodes' | null;
}

/**
 * Scores of items, by position: ln P of each (NaN when it holds characters the model does not
 * know: then `unknown[i]` names them), its symbols (characters + the end), and its percentiles
 * among the list's items (NaN for unknown).
 */
export interface ItemScores {
  kind: 'score';
  logProb: Float64Array;
  symbols: Int32Array;
  percentile: Float64Array;
  lengthPercentile: Float64Array;
  unknown: Record<number, string[]>;
  /** How many of the list's items the percentiles compare with. */
  referenceSize: number;
}

export type ExploreAnswer = NextAnswer | Reading | SearchAnswer | ItemScores;

/** Mean surprisal per symbol of a scored item (NaN when it was not scored). */
export function meanSurprisal(logProb: number, symbols: number): number {
  return symbols > 0 ? -logProb / symbols : NaN;
}
