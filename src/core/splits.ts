/**
 * The three splits of a word list (80/10/10 by word, as makemore) and a loss per split: the
 * vocabulary every front end shares. Pure: no TensorFlow.js, so the protocol, the extension
 * host and the webviews import it freely.
 */
export type SplitName = 'train' | 'dev' | 'test';
export const SPLITS: readonly SplitName[] = ['train', 'dev', 'test'];

/** Mean cross-entropy (nats per symbol) on each split; null where it was not evaluated. */
export type SplitLosses = Record<SplitName, number | null>;
