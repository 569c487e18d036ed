/**
 * From text to a trained, saved model: the steps every front end (CLI, worker, benchmarks)
 * runs in the same order.
 */
import { sha256Hex, type Checkpoint } from './checkpoint';
import { BASE_DEFAULTS, defaultsFor, validateConfig, type TrainingConfig } from './config';
import { buildDataset, splitWords, type Dataset } from './dataset';
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
    trainingWords: [...new Set(data.wordList.words)],
  };
}
