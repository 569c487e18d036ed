/**
 * What generating names gives back — a name with its tag and typicality, progress, how a request
 * ended — as types only, so that the worker (core/generate.ts), the protocol (src/shared), the
 * extension host and the webviews share one definition without importing TensorFlow.js.
 */
import type { RejectReason } from './constraints';
import type { NameTag } from './listIndex';

export interface GeneratedName {
  /** The name as shown. */
  name: string;
  tag: NameTag;
  /** Typicality: mean natural log-probability per character under the model, end included. */
  logProbPerChar: number;
}

export interface GenerateProgress {
  found: number;
  requested: number;
  tries: number;
}

export type GenerateEnd = 'done' | 'tries' | 'time' | 'stopped';

/** A request's outcome but its names (streamed as they are found, or in `GenerateResult`). */
export interface GenerateSummary {
  requested: number;
  /** Candidates started. */
  tries: number;
  /** How it ended: all names found, the tries or the time ran out, or stopped by the signal. */
  ended: GenerateEnd;
  /** Candidates rejected, by the first constraint they broke. */
  rejected: Partial<Record<RejectReason, number>>;
  /** When fewer names were found than asked: "found 37 of 100 after 200,000 tries — …". */
  shortfall?: string;
  seconds: number;
}

export interface GenerateResult extends GenerateSummary {
  names: GeneratedName[];
}
