/**
 * From text to a trained, saved model: the steps every front end (CLI, worker, benchmarks)
 * runs in the same order.
 */
import { decideCasing, foldCase, type CasingInfo } from './casing';
import { sha256Hex, type Checkpoint } from './checkpoint';
import { BASE_DEFAULTS, defaultsFor, validateConfig, type TrainingConfig } from './config';
import { countExamples, datasetOfSplit, splitWords, type Dataset } from './dataset';
import type { ListOptions, ListSource } from './listFormat';
import type { PhaseListener } from './progress';
import type { TrainResult } from './train';
import { Vocabulary } from './vocabulary';
import { parseWordList, type WordList } from './wordlist';

export interface PreparedData {
  /** The words as trained on (case-folded when `casing.folded`), and what was read. */
  wordList: WordList;
  dataset: Dataset;
  /** SHA-256 of the text trained on. */
  sourceSha256: string;
  /** The list's case pattern and what the run does about it. */
  casing: CasingInfo;
  /** The list format read, the column, the description, any warning (wordList.source). */
  source: ListSource;
}

/** How to read the text (format, column, file name for its extension) and where to report phases. */
export interface PrepareOptions extends ListOptions {
  onPhase?: PhaseListener;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

/**
 * Reads the list (listFormat.ts), decides about case (casing.ts), completes the settings the
 * user gave with defaults that follow the data's size and vocabulary (config.ts `defaultsFor`),
 * then builds the examples. Without options the format is detected and the run is automatic.
 */
export function prepareConfigured(text: string, given: Partial<TrainingConfig>, options: PrepareOptions = {}): { data: PreparedData; config: TrainingConfig } {
  const preparedAt = performance.now();
  const provisional = validateConfig({ ...BASE_DEFAULTS, ...given });
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < text.length - 1; i = text.indexOf('\n', i + 1)) lines++;
  options.onPhase?.({ phase: 'reading', label: `reading ${fmt(lines)} line${lines === 1 ? '' : 's'}` });
  const read = parseWordList(text, { format: options.format, column: options.column, fileName: options.fileName });
  const casing = decideCasing(read.words, provisional.foldCase);
  const words = casing.folded ? read.words.map(foldCase) : read.words;
  const wordList: WordList = { ...read, words };
  const split = splitWords(words, provisional.seed);
  const vocabulary = Vocabulary.fromWords(words);
  const config = validateConfig({
    ...defaultsFor(countExamples(split.train), vocabulary.size),
    ...given,
    // What was applied, so the stored configuration says it.
    foldCase: casing.folded ? 'on' : 'off',
  });
  options.onPhase?.({ phase: 'building', label: `building examples from ${fmt(words.length)} items` });
  const auto = given.steps === undefined && given.timeBudget === undefined;
  const dataset: Dataset = {
    ...datasetOfSplit(vocabulary, split, config.blockSize),
    casing,
    ...(auto ? { autoSchedule: { preparedAt } } : {}),
  };
  return { config, data: { wordList, dataset, sourceSha256: sha256Hex(text), casing, source: read.source } };
}

export function toCheckpoint(result: TrainResult, data: PreparedData, sourceName: string, backend: string): Checkpoint {
  const { source } = data;
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
      ...(result.earlyStop ? { earlyStop: result.earlyStop } : {}),
      ...(result.trainLossSample ? { trainLossSample: result.trainLossSample } : {}),
      ...(result.devSampleExamples < data.dataset.dev.count ? { devSampleExamples: result.devSampleExamples } : {}),
      ...(result.timeCapped ? { timeCapped: result.timeCapped } : {}),
    },
    losses: result.losses,
    bigram: result.bigram,
    source: {
      name: sourceName,
      sha256: data.sourceSha256,
      words: data.wordList.words.length,
      format: source.format,
      formatLabel: source.formatLabel,
      ...(source.column ? { column: source.column.name } : {}),
      description: source.description,
    },
    trainingWords: [...new Set(data.wordList.words)],
    casing: data.casing,
  };
}
