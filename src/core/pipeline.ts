/**
 * From text to a trained, saved model: the steps every front end (CLI, worker, benchmarks)
 * runs in the same order.
 */
import { sha256Hex, type Checkpoint } from './checkpoint';
import { BASE_DEFAULTS, defaultsFor, validateConfig, type TrainingConfig } from './config';
import { buildDataset, splitWords, type Dataset } from './dataset';
import { SPLIT_CODES } from './listIndex';
import { SPLITS, type SplitName } from './splits';
import type { TrainResult } from './train';
import { codePointLength, parseWordList, type WordList } from './wordlist';

export interface PreparedData {
  wordList: WordList;
  dataset: Dataset;
  /** SHA-256 of the text trained on. */
  sourceSha256: string;
}

/**
 * Completes the settings the user gave with defaults that follow the data's size
 * (config.ts `defaultsFor`), then prepares the data.
 */
export function prepareConfigured(text: string, given: Partial<TrainingConfig>): { data: PreparedData; config: TrainingConfig } {
  const provisional = validateConfig({ ...BASE_DEFAULTS, ...given });
  const wordList = parseWordList(text, { foldCase: provisional.foldCase });
  const trainWords = splitWords(wordList.words, provisional.seed).train;
  const trainExamples = trainWords.reduce((n, w) => n + codePointLength(w) + 1, 0);
  const config = validateConfig({ ...defaultsFor(trainExamples), ...given });
  return {
    config,
    data: { wordList, dataset: buildDataset(wordList.words, config.blockSize, config.seed), sourceSha256: sha256Hex(text) },
  };
}

export function toCheckpoint(result: TrainResult, data: PreparedData, sourceName: string, backend: string): Checkpoint {
  return {
    createdAt: new Date().toISOString(),
    shape: result.shape,
    vocabulary: data.dataset.vocabulary,
    config: result.config,
    params: result.params,
    run: {
      steps: result.steps,
      keptStep: result.keptStep,
      seconds: result.seconds,
      examplesPerSecond: result.examplesPerSecond,
      stopped: result.stopped,
      backend,
    },
    losses: result.losses,
    bigram: result.bigram,
    source: { name: sourceName, sha256: data.sourceSha256, words: data.wordList.words.length },
    ...listWithSplits(data.wordList.words, data.dataset.splitWords),
  };
}

/**
 * The list's distinct words, in file order, and the split each fell in (a word repeated across
 * splits counts as training), for tagging generated names.
 */
export function listWithSplits(
  words: readonly string[],
  splitWords: Readonly<Record<SplitName, readonly string[]>>,
): { trainingWords: string[]; wordSplits: Uint8Array } {
  const splitOf = new Map<string, number>();
  for (const split of SPLITS) for (const w of splitWords[split]) if (!splitOf.has(w)) splitOf.set(w, SPLIT_CODES[split]);
  const trainingWords = [...new Set(words)];
  return { trainingWords, wordSplits: Uint8Array.from(trainingWords, (w) => splitOf.get(w)!) };
}
