/** `makemore train [FILE]`: train a model, save it, print the losses against the bigram baseline. */
import * as path from 'node:path';
import type { BackendName } from '../../core/backend';
import { CHECKPOINT_EXTENSION, encodeCheckpoint } from '../../core/checkpoint';
import type { TrainingConfig } from '../../core/config';
import { countParams } from '../../core/model';
import { prepareConfigured, toCheckpoint } from '../../core/pipeline';
import { sampleWords } from '../../core/sample';
import { modelShape, train } from '../../core/train';
import { formatCount, formatThroughput } from '../../shared/format';
import { lossTable } from '../table';
import { abortOnSigint, log, print, readWordSource, startBackend, writeFileAtomic } from '../io';
import { configFromFlags, type ConfigFlags } from '../options';
import { createProgressReporter } from '../progress';

export interface TrainFlags extends ConfigFlags {
  out?: string;
  json?: boolean;
  backend: BackendName;
  samples: number;
}

export function describeConfig(config: TrainingConfig, paramCount: number, backend: string): string {
  return (
    `Model: block ${config.blockSize}, embedding ${config.embeddingSize}, hidden ${config.hiddenSize} (${formatCount(paramCount)} parameters); ` +
    `${config.optimizer} lr ${config.learningRate}${config.weightDecay ? ` wd ${config.weightDecay}` : ''}, batch ${config.batchSize}, ` +
    `${formatCount(config.steps)} steps${config.timeBudget > 0 ? ` or ${config.timeBudget} s` : ''}, seed ${config.seed}; backend ${backend}`
  );
}

export async function trainCommand(file: string | undefined, flags: TrainFlags): Promise<void> {
  const source = readWordSource(file);
  // Defaults follow the data's size; flags override them.
  const { data, config } = prepareConfigured(source.text, configFromFlags(flags));
  const backend = await startBackend(flags.backend);
  const { dataset } = data;
  const shape = modelShape(dataset, config);
  log(
    `Training on ${source.name}: ${formatCount(data.wordList.words.length)} words, ${dataset.vocabulary.size} symbols, ` +
      `${formatCount(dataset.train.count)} / ${formatCount(dataset.dev.count)} / ${formatCount(dataset.test.count)} train/dev/test examples`,
  );
  log(describeConfig(config, countParams(shape), backend.name));

  const sigint = abortOnSigint();
  const reporter = createProgressReporter(process.stderr, config.steps);
  let result;
  try {
    result = await train(dataset, config, {
      signal: sigint.signal,
      onProgress: (p) => reporter.progress(p),
      onEval: (e) => reporter.evaluation(e),
    });
  } finally {
    reporter.stop();
    sigint.dispose();
  }

  const out = flags.out ?? (file ? path.basename(file).replace(/\.[^.]*$/, '') : 'sample-names') + CHECKPOINT_EXTENSION;
  writeFileAtomic(out, encodeCheckpoint(toCheckpoint(result, data, source.name, backend.name)));
  const samples = sampleWords({ shape, params: result.params, vocabulary: dataset.vocabulary }, { count: flags.samples, seed: config.seed }).words;

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
        vocabSize: dataset.vocabulary.size,
        params: result.paramCount,
        words: data.wordList.words.length,
        backend: backend.name,
        config,
        evals: result.evals.map(({ step, seconds, dev }) => ({ step, seconds: Number(seconds.toFixed(3)), dev })),
        model: out,
        samples,
      }),
    );
    return;
  }
  print(lossTable([['model', result.losses], ['bigram', result.bigram]]));
  print(
    `${result.stopped ? 'Stopped' : 'Done'} after ${formatCount(result.steps)} steps in ${result.seconds.toFixed(1)} s ` +
      `(${formatThroughput(result.examplesPerSecond)} examples/s); kept the model of step ${formatCount(result.keptStep)}.`,
  );
  print(`Saved ${out}`);
  print(`Samples: ${samples.join(', ')}`);
}
