/**
 * From text to a trained, saved model: the steps every front end (CLI, worker, benchmarks)
 * runs in the same order.
 */
import { decideCasing, foldCase, type CasingInfo } from './casing';
import { sha256Hex, type Checkpoint } from './checkpoint';
import { BASE_DEFAULTS, cheaperOutputLayer, defaultsFor, validateConfig, type TrainingConfig } from './config';
import { countExamples, datasetOfSplit, splitWords, type Dataset, type Examples } from './dataset';
import { detectFormat, type ListFormat, type ListOptions, type ListReading } from './listFormat';
import { autoChoices, tagShares, TAG_SAMPLES, type AutoChoice } from './honesty';
import { ListIndex, SPLIT_CODES } from './listIndex';
import type { PhaseListener, SampleTags } from './progress';
import { sampleWords } from './sample';
import { SPLITS, type SplitName } from './splits';
import type { TrainResult } from './train';
import { Vocabulary } from './vocabulary';
import { countLines, parseWordList, type WordList } from './wordlist';

/** Texts longer than this (characters) decide about case on a sample (see sampleOfText). */
const SAMPLE_ABOVE = 2_000_000;

/**
 * About a million characters of a large list, for deciding about case before reading it: 64
 * stretches of whole lines spread over the file (a CSV file's first rows, with its header; a JSON
 * file cannot be cut, so none), and the format to read it in: the user's, or the one detected
 * on the whole text (a sample's stretches could look like another).
 */
function sampleOfText(text: string, options: ListOptions): { text: string; format: ListFormat } | undefined {
  const format = options.format && options.format !== 'auto' ? options.format : detectFormat(text, options.fileName).format;
  if (format === 'json') return undefined;
  const wholeLines = (from: number, to: number): string => {
    const start = from === 0 ? 0 : text.indexOf('\n', from) + 1;
    const end = text.lastIndexOf('\n', to);
    return start > 0 && end > start ? text.slice(start, end + 1) : from === 0 && end > 0 ? text.slice(0, end + 1) : '';
  };
  // Tables are read from their head (a header, then rows); a list cut in stretches reads the same.
  if (format === 'csv' || format === 'tsv' || format === 'markdown') return { text: wholeLines(0, 1_000_000), format };
  const parts: string[] = [];
  const stride = Math.floor(text.length / 64);
  for (let k = 0; k < 64; k++) parts.push(wholeLines(k * stride, k * stride + 16_000));
  return { text: parts.join(''), format };
}

export interface PreparedData {
  /** The words as trained on (case-folded when `casing.folded`), and what was read. */
  wordList: WordList;
  dataset: Dataset;
  /** SHA-256 of the text trained on. */
  sourceSha256: string;
  /** The list's case pattern and what the run does about it. */
  casing: CasingInfo;
  /** The list format read, the column, the description, any warning (wordList.source). */
  listReading: ListReading;
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
export function prepareConfigured(
  text: string,
  given: Partial<TrainingConfig>,
  options: PrepareOptions = {},
): { data: PreparedData; config: TrainingConfig; auto: AutoChoice[] } {
  const preparedAt = performance.now();
  const provisional = validateConfig({ ...BASE_DEFAULTS, ...given });
  const lines = Math.max(1, countLines(text));
  options.onPhase?.({ phase: 'reading', label: `reading ${fmt(lines)} line${lines === 1 ? '' : 's'}` });
  const listOptions: ListOptions = {
    format: options.format,
    column: options.column,
    markedOnly: options.markedOnly,
    fileName: options.fileName,
  };
  // A large list: decide about case on a sample first, so the list is read once, folded as it goes.
  const sample = text.length > SAMPLE_ABOVE ? sampleOfText(text, listOptions) : undefined;
  let casing = sample
    ? decideCasing(parseWordList(sample.text, { ...listOptions, format: sample.format }).words, provisional.foldCase)
    : undefined;
  // Repeated items share one string: a long list with repeats takes far less memory.
  const canonical = new Map<string, string>();
  const intern = (item: string): string => {
    const known = canonical.get(item);
    if (known !== undefined) return known;
    canonical.set(item, item);
    return item;
  };
  const read = parseWordList(text, { ...listOptions, foldCase: casing?.folded ?? false, mapItem: intern });
  canonical.clear();
  casing ??= decideCasing(read.words, provisional.foldCase);
  const words = read.words;
  if (casing.folded && !sample) for (let i = 0; i < words.length; i++) words[i] = foldCase(words[i]!);
  const wordList: WordList = read;
  const split = splitWords(words, provisional.seed);
  const vocabulary = Vocabulary.fromWords(words);
  const trainExamples = countExamples(split.train, vocabulary);
  const defaults = defaultsFor(trainExamples, vocabulary.size);
  const steps = given.steps ?? defaults.steps;
  const chosen = validateConfig({
    ...defaults,
    // Patience follows the run's length (a fifth of it) unless given.
    patience: Math.round(steps / 5),
    ...given,
    // What was applied, so the stored configuration says it.
    foldCase: casing.folded ? 'on' : 'off',
  });
  // The output layer applied ('auto': the cheaper step for this vocabulary and model).
  const config: TrainingConfig = {
    ...chosen,
    outputLayer: chosen.outputLayer === 'auto' ? cheaperOutputLayer(chosen, vocabulary.size) : chosen.outputLayer,
  };
  options.onPhase?.({ phase: 'building', label: `building examples from ${fmt(words.length)} items` });
  const autoSteps = given.steps === undefined && given.timeBudget === undefined;
  const dataset: Dataset = {
    ...datasetOfSplit(vocabulary, split, config.blockSize),
    casing,
    ...(autoSteps ? { autoSchedule: { preparedAt } } : {}),
  };
  // The automatic choices the vocabulary moved far from the usual, for the run's honesty lines.
  const auto = autoChoices(given, config, trainExamples, vocabulary.size);
  return { config, auto, data: { wordList, dataset, sourceSha256: sha256Hex(text), casing, listReading: read.listReading } };
}

/**
 * How 1,000 samples of the trained model relate to the list — new, in the train split, held out
 * (the Generate view's tags: listIndex.ts) — measured once per run after training. `words`: the
 * list's distinct words and their splits (`listWithSplits`, reused by toCheckpoint).
 */
export function measureSampleTags(
  result: Pick<TrainResult, 'shape' | 'params'>,
  data: PreparedData,
  words: ListWithSplits,
  seed: number,
): SampleTags {
  const index = new ListIndex(words.trainingWords, words.wordSplits);
  const model = { shape: result.shape, params: result.params, vocabulary: data.dataset.vocabulary, casing: data.casing };
  // Samples as the model draws them (repeats included), at most twice the list's mean length (a
  // longer one is new anyway; a sane model rarely draws one). The work is bounded whatever the
  // model: one stopped after a few steps draws mostly overlong strings — after 200 attempts with
  // fewer than half of them kept, or 1.25 attempts per sample, the samples found so far are what
  // is measured.
  let chars = 0;
  for (const w of words.trainingWords) chars += w.length;
  const mean = chars / Math.max(1, words.trainingWords.length);
  const maxLength = Math.max(1, Math.min(index.lengths.max, Math.ceil(2 * mean) + 2));
  const names: string[] = [];
  let attempts = 0;
  for (let k = 0; names.length < TAG_SAMPLES && attempts < 1.25 * TAG_SAMPLES && !(attempts >= 200 && names.length < attempts / 2); k++) {
    const drawn = sampleWords(model, {
      count: Math.min(5, TAG_SAMPLES - names.length),
      seed: (seed + Math.imul(k, 0x9e3779b1)) >>> 0,
      maxLength,
    });
    names.push(...drawn.words);
    attempts += drawn.words.length + drawn.rejected;
  }
  return tagShares(names, (name) => index.tagOf(name));
}

/**
 * The checkpoint of a trained run. `words`: the list's distinct words with their splits, when
 * the caller has them already (`listWithSplits` takes seconds on a 30 MB list).
 */
export function toCheckpoint(
  result: TrainResult,
  data: PreparedData,
  listName: string,
  backend: string,
  words?: ListWithSplits,
): Checkpoint {
  const { listReading: source } = data;
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
      ...(result.sampledLosses ? { sampledLosses: result.sampledLosses } : {}),
      ...(result.devSampleExamples < data.dataset.dev.count ? { devSampleExamples: result.devSampleExamples } : {}),
      ...(result.timeCapped ? { timeCapped: result.timeCapped } : {}),
      ...(result.sampleTags ? { sampleTags: result.sampleTags } : {}),
      ...(result.outputLayer ? { outputLayer: result.outputLayer } : {}),
    },
    losses: result.losses,
    bigram: result.bigram,
    source: {
      name: listName,
      sha256: data.sourceSha256,
      words: data.wordList.words.length,
      format: source.format,
      formatLabel: source.formatLabel,
      ...(source.column ? { column: source.column.name } : {}),
      description: source.description,
    },
    ...(words ?? listWithSplits(data.wordList.words, data.dataset.splitWords)),
    casing: data.casing,
  };
}

/**
 * The list's distinct words, in file order, and the split each fell in (a word repeated across
 * splits counts as training), for tagging generated names.
 */
export interface ListWithSplits {
  trainingWords: string[];
  wordSplits: Uint8Array;
}

export function listWithSplits(words: readonly string[], splitWords: Readonly<Record<SplitName, readonly string[]>>): ListWithSplits {
  const splitOf = new Map<string, number>();
  for (const split of SPLITS) for (const w of splitWords[split]) if (!splitOf.has(w)) splitOf.set(w, SPLIT_CODES[split]);
  const trainingWords = [...new Set(words)];
  return { trainingWords, wordSplits: Uint8Array.from(trainingWords, (w) => splitOf.get(w)!) };
}

/**
 * Drops the examples of a prepared list once its training is over (the vocabulary, the split's
 * words and the counts stay), so that saving the model of a 30 MB list does not hold both. The
 * data can still be stored with toCheckpoint, not trained on again.
 */
export function releaseExamples(data: PreparedData): void {
  const empty = (e: Examples): Examples => ({
    X: new Uint8Array(0),
    Y: new Uint8Array(0),
    count: e.count,
    blockSize: e.blockSize,
    words: e.words,
  });
  const d = data.dataset;
  data.dataset = { ...d, train: empty(d.train), dev: empty(d.dev), test: empty(d.test) };
}
