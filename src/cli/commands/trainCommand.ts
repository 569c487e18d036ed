/** `makemore train [FILE]`: train a model, save it, print the losses against the bigram baseline. */
import * as path from 'node:path';
import type { BackendName } from '../../core/backend';
import { CHECKPOINT_EXTENSION, type Checkpoint } from '../../core/checkpoint';
import type { TrainingConfig } from '../../core/config';
import type { ListReading } from '../../core/listFormat';
import { encodeCheckedModel } from '../../core/modelCheck';
import { countParams } from '../../core/model';
import { describeCase, honestyJson, honestyLines, TAG_SAMPLES, type AutoChoice, type RunFacts } from '../../core/honesty';
import { describeOutputLayer } from '../../core/outputLayer';
import {
  listWithSplits,
  measureSampleTags,
  prepareConfigured,
  releaseExamples,
  toCheckpoint,
  type PreparedData,
} from '../../core/pipeline';
import { gatedPhases } from '../../core/progress';
import { sampleWords } from '../../core/sample';
import { modelShape, outputLayerNote, train } from '../../core/train';
import { formatCount, formatThroughput } from '../../shared/format';
import { describeReading } from '../../shared/describeRun';
import { lossTable } from '../table';
import { abortOnSigint, ExitCode, log, print, readWordSource, startBackend } from '../io';
import { cliFlag, configFromFlags, flagsOf, listOptionsFromFlags, type ConfigFlags } from '../options';
import { checkModelOutput, modelBytesAtLeast, saveModel, type SavedModel } from '../output';
import { createProgressReporter } from '../progressReporter';

export interface TrainFlags extends ConfigFlags {
  out?: string;
  json?: boolean;
  backend: BackendName;
  samples: number;
}

export function describeConfig(config: TrainingConfig, paramCount: number, backend: string, output?: string): string {
  return (
    `Model: block ${config.blockSize}, embedding ${config.embeddingSize}, hidden ${config.hiddenSize}${output ? `, ${output}` : ''} (${formatCount(paramCount)} parameters); ` +
    `${config.optimizer} lr ${config.learningRate}${config.weightDecay ? ` wd ${config.weightDecay}` : ''}, batch ${config.batchSize}, ` +
    `${formatCount(config.steps)} steps${config.timeBudget > 0 ? ` or ${config.timeBudget} s` : ''}` +
    `${config.patience > 0 ? `, early stopping after ${formatCount(config.patience)} steps without progress` : ''}, seed ${config.seed}; backend ${backend}`
  );
}

/** What was read (when not plain UTF-8 lines), the reader's notes, a warning with its two choices (stderr). */
export function reportReading(reading: ListReading, encoding: string): void {
  const notes = reading.notes ?? [];
  if (reading.format !== 'lines' || encoding !== 'utf-8' || notes.length > 0)
    log(`${reading.description}${encoding !== 'utf-8' ? ` (${encoding.toUpperCase()})` : ''}`);
  for (const note of notes) log(`${note.warning ? 'Warning' : 'Note'}: ${note.message}`);
  const w = reading.warning;
  if (w)
    log(
      `Warning: ${w.message} (${flagsOf(w.instead.choice)} ${w.instead.does}; ${flagsOf(w.keep.choice)} ${w.keep.does} and silences this.)`,
    );
}

/** Prepares the data, printing the phases of a large list and what was read. */
export function prepareForCli(
  file: string | undefined,
  flags: ConfigFlags,
): { data: PreparedData; config: TrainingConfig; auto: AutoChoice[]; name: string } {
  const source = readWordSource(file);
  // Phases show only when reading takes a while (a large list): small lists start at once.
  const onPhase = gatedPhases((p) => log(`… ${p.label}`), source.text.length, 4_000_000);
  const { data, config, auto } = prepareConfigured(source.text, configFromFlags(flags), { ...listOptionsFromFlags(flags, file), onPhase });
  reportReading(data.listReading, source.encoding);
  return { data, config, auto, name: source.name };
}

/**
 * Checks a trained model (core/modelCheck.ts) and saves it where `target` says (checked before
 * training: cli/output.ts), or at a fallback path that `problem` explains. A model that fails
 * its check is not saved: that is a bug, reported as an internal error.
 */
export function saveTrainedModel(checkpoint: Checkpoint, target: string, shown: string): SavedModel {
  const saved = saveModel(target, encodeCheckedModel(checkpoint), shown);
  if (saved.problem) log(`makemore: ${saved.problem}; the model was saved to ${saved.path} instead.`);
  return saved;
}

export async function trainCommand(file: string | undefined, flags: TrainFlags): Promise<void> {
  // Defaults follow the data's size; flags override them.
  const { data, config, auto, name } = prepareForCli(file, flags);
  const { vocabulary, train: trainSplit, dev, test } = data.dataset;
  const shape = modelShape(data.dataset, config);
  const casing = describeCase(data.casing, vocabulary.characters);
  // Where the model goes is checked before training: nothing the user made is overwritten.
  const out = flags.out ?? (file ? path.basename(file).replace(/\.[^.]*$/, '') : 'sample-names') + CHECKPOINT_EXTENSION;
  const target = checkModelOutput(out, { inputs: [file], bytesNeeded: modelBytesAtLeast(countParams(shape), data.wordList.words) });
  const backend = await startBackend(flags.backend);
  log(
    `Training on ${name}: ${formatCount(data.wordList.words.length)} words, ${vocabulary.size} symbols, ` +
      `${formatCount(trainSplit.count)} / ${formatCount(dev.count)} / ${formatCount(test.count)} train/dev/test examples; ${casing}`,
  );
  log(describeConfig(config, countParams(shape), backend.name, describeOutputLayer(outputLayerNote(shape), shape.vocabSize)));

  const showPhases = dev.count + test.count >= 40_000;
  const sigint = abortOnSigint();
  const reporter = createProgressReporter(process.stderr, config.steps);
  let result;
  try {
    result = await train(data.dataset, config, {
      signal: sigint.signal,
      onProgress: (p) => reporter.progress(p),
      onEval: (e) => reporter.evaluation(e),
      // The final phases are named when they take a while (a large dev or test split).
      onPhase: (p) => showPhases && reporter.phase(p),
    });
  } finally {
    reporter.stop();
    sigint.dispose();
  }

  // The examples are not needed any more: a large list's model is saved without holding them too.
  releaseExamples(data);
  // How many of the model's samples are new names, measured once, as the extension's worker does.
  if (showPhases) log(`… checking ${formatCount(TAG_SAMPLES)} samples against the list`);
  const words = listWithSplits(data.wordList.words, data.dataset.splitWords);
  result.sampleTags = measureSampleTags(result, data, words, config.seed);
  if (showPhases) log(`… saving the model`);
  const saved = saveTrainedModel(toCheckpoint(result, data, name, backend.name, words), target, out);
  // What the numbers are worth (core/honesty.ts): the same lines as the extension's, with the flags that change things.
  const facts: RunFacts = {
    words: data.wordList.words.length,
    losses: result.losses,
    bigram: result.bigram,
    symbols: vocabulary.characters,
    casing: data.casing,
    auto,
    vocabSize: vocabulary.size,
    ...(result.timeCapped ? { timeCapped: result.timeCapped } : {}),
    sampleTags: result.sampleTags,
  };
  const samples = sampleWords(
    { shape, params: result.params, vocabulary, casing: data.casing },
    { count: flags.samples, seed: config.seed },
  ).words;

  if (flags.json) {
    print(
      JSON.stringify({
        train: result.losses.train,
        dev: result.losses.dev,
        test: result.losses.test,
        bigramTrain: result.bigram.train,
        bigramDev: result.bigram.dev,
        bigramTest: result.bigram.test,
        steps: result.steps,
        keptStep: result.keptStep,
        stopped: result.stopped,
        seconds: Number(result.seconds.toFixed(3)),
        examplesPerSecond: Math.round(result.examplesPerSecond),
        vocabSize: vocabulary.size,
        params: result.paramCount,
        words: data.wordList.words.length,
        backend: backend.name,
        config,
        source: {
          format: data.listReading.format,
          column: data.listReading.column?.name,
          description: data.listReading.description,
          warning: data.listReading.warning?.message,
          notes: data.listReading.notes?.map((n) => n.message) ?? [],
        },
        casing: data.casing,
        ...honestyJson(facts, cliFlag),
        ...(result.earlyStop ? { earlyStop: result.earlyStop } : {}),
        ...(result.trainLossSample ? { trainLossSample: result.trainLossSample } : {}),
        ...(result.timeCapped ? { timeCapped: result.timeCapped } : {}),
        ...(result.outputLayer ? { outputLayer: result.outputLayer } : {}),
        devSampleExamples: result.devSampleExamples,
        evals: result.evals.map(({ step, seconds, dev }) => ({ step, seconds: Number(seconds.toFixed(3)), dev })),
        model: saved.path,
        ...(saved.problem ? { modelProblem: saved.problem } : {}),
        samples,
      }),
    );
    if (saved.problem) throw new ExitCode(2);
    return;
  }
  print(
    lossTable([
      ['model', result.losses],
      ['bigram', result.bigram],
    ]),
  );
  if (result.trainLossSample) {
    print(
      `(model train loss on a random sample of ${formatCount(result.trainLossSample.examples)} of ${formatCount(result.trainLossSample.total)} train examples)`,
    );
  }
  print(
    `${result.stopped ? 'Stopped' : 'Done'} after ${formatCount(result.steps)} steps in ${result.seconds.toFixed(1)} s ` +
      `(${formatThroughput(result.examplesPerSecond)} examples/s); kept the model of step ${formatCount(result.keptStep)}.` +
      `${result.earlyStop ? ` Training ${result.earlyStop.message}.` : ''}`,
  );
  print(`Reading: ${describeReading(data.listReading) ?? data.listReading.formatLabel}; ${casing}.`);
  for (const line of honestyLines(facts, cliFlag)) print(`${line.tone === 'warning' ? 'Warning: ' : ''}${line.text}`);
  print(`Saved ${saved.problem ? saved.path : out}`);
  print(`Samples: ${samples.join(', ')}`);
  // The model is kept, but not where it was asked to be.
  if (saved.problem) throw new ExitCode(2);
}
