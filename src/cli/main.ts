/**
 * `makemore`: the command-line front end of the engine, for terminals, CI and benchmarks.
 *
 *   makemore train [FILE] [options]     train (on the embedded sample list without FILE)
 *   makemore sample MODEL [options]     sample words from a saved model
 *   makemore info MODEL                 print a model file's header
 *
 * Bad input (a missing, binary or empty file, a nonsense flag) is one line on stderr and exit
 * code 2; no stack traces.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initBackend, type BackendName } from '../core/backend';
import { decodeCheckpoint, encodeCheckpoint, readCheckpointHeader, CHECKPOINT_EXTENSION } from '../core/checkpoint';
import { NUMERIC_SPECS, checkValue, type NumericSpec, type TrainingConfig } from '../core/config';
import { InputError } from '../core/errors';
import { countParams } from '../core/model';
import { prepareConfigured, toCheckpoint } from '../core/pipeline';
import { sampleWords } from '../core/sample';
import { modelShape, train } from '../core/train';
import { decodeText } from '../core/wordlist';
import { fmtInt, fmtRate, lossTable } from './format';
import { createProgressReporter } from './progress';
import { SAMPLE_NAME, sampleWordList } from './sampleWords';

const EXIT_USAGE = 2;

function numberParser(spec: NumericSpec) {
  return (raw: string): number => {
    const value = raw.trim() === '' ? NaN : Number(raw);
    const problem = checkValue(spec, value);
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  };
}

function positiveInt(flag: string, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new InvalidArgumentError(`--${flag} must be a whole number from 1 to ${max} (got ${raw}).`);
    }
    return value;
  };
}

function fractionList(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const values = parts.map(Number);
  if (values.some((v) => !(v > 0 && v < 1))) throw new InvalidArgumentError(`--lr-drops must be fractions between 0 and 1, comma-separated (got ${raw}).`);
  return values;
}

/** Reads a word-list file, turning file-system problems into one-line messages. */
export function readTextFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: no such file.`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} is a directory, not a word list.`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    return decodeText(bytes);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}

function readModel(file: string): Uint8Array {
  try {
    if (fs.statSync(file).isDirectory()) throw new InputError(`${file} is a directory, not a model file.`);
    return fs.readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${file}: no such model file.`);
  }
}

function wasmDir(): string | undefined {
  return fs.existsSync(path.join(__dirname, 'tfjs-backend-wasm-simd.wasm')) ? __dirname : undefined;
}

interface TrainFlags extends Partial<TrainingConfig> {
  out?: string;
  json?: boolean;
  backend: BackendName;
  samples: number;
}

async function trainCommand(file: string | undefined, flags: TrainFlags): Promise<void> {
  const text = file ? readTextFile(file) : sampleWordList();
  const sourceName = file ? path.basename(file) : SAMPLE_NAME;
  const given: Partial<TrainingConfig> = {};
  for (const spec of NUMERIC_SPECS) if (flags[spec.key] !== undefined) given[spec.key] = flags[spec.key];
  if (flags.optimizer) given.optimizer = flags.optimizer;
  if (flags.lrDrops) given.lrDrops = flags.lrDrops;
  if (flags.init) given.init = flags.init;
  if (flags.foldCase) given.foldCase = true;

  // Defaults follow the data's size; flags override them.
  const { data, config } = prepareConfigured(text, given);
  const backend = await initBackend({ wasmDir: wasmDir(), prefer: flags.backend });
  if (backend.warning) process.stderr.write(`makemore: ${backend.warning}\n`);

  const { dataset } = data;
  const shape = modelShape(dataset, config);
  const log = (line: string): void => void process.stderr.write(line + '\n');
  log(
    `Training on ${sourceName}: ${fmtInt(data.wordList.words.length)} words, ${dataset.vocabulary.size} symbols, ` +
      `${fmtInt(dataset.train.count)} / ${fmtInt(dataset.dev.count)} / ${fmtInt(dataset.test.count)} train/dev/test examples`,
  );
  log(
    `Model: block ${config.blockSize}, embedding ${config.embeddingSize}, hidden ${config.hiddenSize} (${fmtInt(countParams(shape))} parameters); ` +
      `${config.optimizer} lr ${config.learningRate}, batch ${config.batchSize}, ${fmtInt(config.steps)} steps` +
      `${config.timeBudget > 0 ? ` or ${config.timeBudget} s` : ''}, seed ${config.seed}; backend ${backend.name}`,
  );

  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    log('\nStopping (Ctrl-C again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  const reporter = createProgressReporter(process.stderr, config.steps);
  let result;
  try {
    result = await train(dataset, config, {
      signal: controller.signal,
      onProgress: (p) => reporter.progress(p),
      onEval: (e) => reporter.evaluation(e),
    });
  } finally {
    reporter.stop();
    process.off('SIGINT', onSigint);
  }

  const out = flags.out ?? defaultOutName(file);
  const checkpoint = toCheckpoint(result, data, sourceName, backend.name);
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, encodeCheckpoint(checkpoint));
  fs.renameSync(tmp, out);

  const samples = sampleWords(
    { shape, params: result.params, vocabulary: dataset.vocabulary },
    { count: flags.samples, seed: config.seed },
  ).words;
  const summary = {
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
    model: out,
    samples,
  };
  const print = (line: string): void => void process.stdout.write(line + '\n');
  if (!flags.json) {
    print(lossTable([['model', result.losses], ['bigram', result.bigram]]));
    print(
      `${result.stopped ? 'Stopped' : 'Done'} after ${fmtInt(result.steps)} steps in ${result.seconds.toFixed(1)} s ` +
        `(${fmtRate(result.examplesPerSecond)} examples/s); kept the model of step ${fmtInt(result.keptStep)}.`,
    );
    print(`Saved ${out}`);
    print(`Samples: ${samples.join(', ')}`);
  } else {
    print(JSON.stringify(summary));
  }
}

function defaultOutName(file: string | undefined): string {
  const base = file ? path.basename(file).replace(/\.[^.]*$/, '') : 'sample-names';
  return base + CHECKPOINT_EXTENSION;
}

interface SampleFlags {
  count: number;
  temperature: number;
  topK: number;
  prefix?: string;
  novel?: boolean;
  seed?: number;
  maxLength?: number;
  json?: boolean;
}

function sampleCommand(file: string, flags: SampleFlags): void {
  const ck = decodeCheckpoint(readModel(file));
  const prefix = ck.config.foldCase && flags.prefix ? flags.prefix.toLowerCase() : flags.prefix;
  const result = sampleWords(
    { shape: ck.shape, params: ck.params, vocabulary: ck.vocabulary, trainingWords: new Set(ck.trainingWords) },
    {
      count: flags.count,
      temperature: flags.temperature,
      topK: flags.topK,
      prefix: prefix?.normalize('NFC'),
      novel: flags.novel,
      seed: flags.seed,
      maxLength: flags.maxLength,
    },
  );
  if (flags.json) process.stdout.write(JSON.stringify(result) + '\n');
  else for (const w of result.words) process.stdout.write(w + '\n');
  if (!result.complete) {
    process.stderr.write(`makemore: found ${result.words.length} of ${flags.count} words (${result.rejected} samples rejected).\n`);
  }
}

function infoCommand(file: string): void {
  const header = readCheckpointHeader(readModel(file));
  decodeCheckpoint(readModel(file));
  process.stdout.write(JSON.stringify(header, null, 2) + '\n');
}

export function buildProgram(): Command {
  const program = new Command('makemore')
    .description('Train a character-level MLP language model (Bengio et al. 2003, makemore part 2) on a word list, and sample from it.')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line, prefixed like every other message; our own parsers already name the flag.
      outputError: (s, write) =>
        write(`makemore: ${s.replace(/^error: /, '').replace(/^option '[^']*' argument '[^']*' is invalid\. (?=--)/, '')}`),
    });

  const trainCmd = program
    .command('train')
    .description('Train on FILE (one word per line); without FILE, on an embedded list of English first names.')
    .argument('[FILE]', 'word list, one item per line, UTF-8');
  for (const spec of NUMERIC_SPECS) {
    const value = spec.integer ? 'n' : 'x';
    trainCmd.addOption(new Option(`--${spec.flag} <${value}>`, spec.description).argParser(numberParser(spec)));
  }
  trainCmd
    .addOption(new Option('--optimizer <name>', 'optimiser').choices(['adam', 'sgd']))
    .addOption(new Option('--init <name>', "initialisation: scaled, or the seed notebook's randn").choices(['scaled', 'randn']))
    .addOption(new Option('--lr-drops <fractions>', 'fractions of the run where the learning rate drops, e.g. 0.6,0.85').argParser(fractionList))
    .option('--fold-case', 'lower-case the word list before training')
    .option('--out <model>', `where to save the model (default: FILE's name + ${CHECKPOINT_EXTENSION})`)
    .option('--json', 'print the result as one JSON object (the last line of stdout)')
    .addOption(new Option('--samples <n>', 'how many samples to print').default(10).argParser(positiveInt('samples', 1000)))
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['wasm', 'cpu']).default('wasm'))
    .action((file: string | undefined, flags: TrainFlags) => trainCommand(file, flags));

  program
    .command('sample')
    .description('Sample words from a model saved by `makemore train`.')
    .argument('<MODEL>', `model file (${CHECKPOINT_EXTENSION})`)
    .addOption(new Option('--count <n>', 'how many words').default(10).argParser(positiveInt('count', 100000)))
    .addOption(new Option('--temperature <t>', 'softmax temperature (> 0)').default(1).argParser(temperature))
    .addOption(new Option('--top-k <k>', 'sample among the k likeliest symbols (0: all)').default(0).argParser(nonNegativeInt('top-k')))
    .option('--prefix <text>', 'continue this text')
    .option('--novel', 'only words that are not in the training file')
    .addOption(new Option('--max-length <n>', 'longest word in characters').argParser(positiveInt('max-length', 1000)))
    .addOption(new Option('--seed <n>', 'random seed').argParser(numberParser(NUMERIC_SPECS.find((s) => s.key === 'seed')!)))
    .option('--json', 'print one JSON object')
    .action((file: string, flags: SampleFlags) => sampleCommand(file, flags));

  program
    .command('info')
    .description("Check a model file and print its header (configuration, vocabulary, losses).")
    .argument('<MODEL>', 'model file')
    .action((file: string) => infoCommand(file));
  return program;
}

function temperature(raw: string): number {
  const t = Number(raw);
  if (!(t > 0) || !Number.isFinite(t)) throw new InvalidArgumentError(`--temperature must be a number above 0 (got ${raw}).`);
  return t;
}

function nonNegativeInt(flag: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isInteger(v) || v < 0) throw new InvalidArgumentError(`--${flag} must be a whole number ≥ 0 (got ${raw}).`);
    return v;
  };
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof InputError) {
      process.stderr.write(`makemore: ${e.message}\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    process.stderr.write(`makemore: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.MAKEMORE_DEBUG) process.stderr.write(`${err?.stack}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
