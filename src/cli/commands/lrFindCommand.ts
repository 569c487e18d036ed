/** `makemore lr-find [FILE]`: the learning-rate finder (loss against an exponentially rising rate). */
import type { BackendName } from '../../core/backend';
import { buildDataset } from '../../core/dataset';
import { findLearningRate } from '../../core/lrFind';
import { prepareConfigured } from '../../core/pipeline';
import { abortOnSigint, log, print, readWordSource, startBackend } from '../io';
import { configFromFlags, listOptionsFromFlags, type ConfigFlags } from '../options';
import { reportReading } from './trainCommand';

export interface LrFindFlags extends ConfigFlags {
  minLr?: number;
  maxLr?: number;
  lrSteps: number;
  json?: boolean;
  backend: BackendName;
}

export async function lrFindCommand(file: string | undefined, flags: LrFindFlags): Promise<void> {
  const source = readWordSource(file);
  const { data, config } = prepareConfigured(source.text, configFromFlags(flags), listOptionsFromFlags(flags, file));
  reportReading(data.listReading, source.encoding);
  await startBackend(flags.backend);
  const dataset =
    data.dataset.blockSize === config.blockSize ? data.dataset : buildDataset(data.wordList.words, config.blockSize, config.seed);
  log(`Finding a learning rate for ${config.optimizer} on ${source.name}: ${flags.lrSteps} steps, batch ${config.batchSize}…`);
  const sigint = abortOnSigint();
  let r;
  try {
    r = await findLearningRate(dataset, config, { minLr: flags.minLr, maxLr: flags.maxLr, steps: flags.lrSteps, signal: sigint.signal });
  } finally {
    sigint.dispose();
  }
  if (flags.json) {
    print(JSON.stringify(r));
    return;
  }
  const n = r.learningRates.length;
  const lowest = Math.min(...r.smoothed);
  for (let k = 0; k < 16 && n > 0; k++) {
    const i = Math.round((k / 15) * (n - 1));
    // Bar: how far above the lowest smoothed loss (0.05 per block, at most 40).
    const bar = '█'.repeat(Math.min(40, Math.max(0, Math.round((r.smoothed[i]! - lowest) * 20))));
    print(`lr ${r.learningRates[i]!.toExponential(1).padStart(8)}  loss ${r.smoothed[i]!.toFixed(3)}  ${bar}`);
  }
  print(`Lowest smoothed loss at lr ${r.minimum.toPrecision(2)}; suggested learning rate: ${r.suggestion} (use --lr ${r.suggestion}).`);
}
