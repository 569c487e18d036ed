/**
 * `makemore`: the command-line front end of the engine, for terminals, CI and benchmarks.
 *
 *   makemore train [FILE]      train (on an embedded list of English first names without FILE)
 *   makemore sample MODEL      generate names from a saved model, with constraints
 *   makemore info MODEL        check a model file and print its header
 *   makemore sweep [FILE]      train one model per hyperparameter setting, compare on dev
 *   makemore lr-find [FILE]    loss against an exponentially rising learning rate
 *   makemore score MODEL [FILE|-]   how typical each item of a list is under a model
 *   makemore explore MODEL [PREFIX] the model's next-character distribution after PREFIX
 *
 * Bad input (a missing, binary or empty file, a nonsense flag, a place the model cannot be saved)
 * is one line on stderr and exit code 2; no stack traces (set MAKEMORE_DEBUG=1 for one on
 * internal errors). Models are saved as cli/output.ts says: never over the word list or a file
 * that is not a model, checked before training, read back, kept at a fallback path if all fails.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CHECKPOINT_EXTENSION } from '../core/checkpoint';
import { NUMERIC_SPECS } from '../core/config';
import { DEFAULT_MAX_TRIES, TRIES_PER_NAME } from '../core/constraints';
import { InputError } from '../core/errors';
import { NAME_FORMATS } from '../core/nameExport';
import { LIST_FORMATS } from '../core/listFormat';
import { RANKINGS } from '../core/ranking';
import { exploreCommand } from './commands/exploreCommand';
import { lrFindCommand } from './commands/lrFindCommand';
import { SCORE_FORMATS, scoreCommand } from './commands/scoreCommand';
import { infoCommand, sampleCommand } from './commands/sampleCommand';
import { CLI_MAX_COUNT, collectValues } from './requestFlags';
import { parseVary, sweepCommand } from './commands/sweepCommand';
import { trainCommand } from './commands/trainCommand';
import { ExitCode } from './io';
import { fsErrorCode, fsReason } from './output';
import { addConfigOptions, intParser, numberParser, positiveParser } from './options';

const EXIT_USAGE = 2;

const backendOption = (): Option => new Option('--backend <name>', 'TensorFlow.js backend').choices(['wasm', 'cpu']).default('wasm');
const jsonOption = (what: string): Option => new Option('--json', what);

export function buildProgram(): Command {
  const program = new Command('makemore')
    .description('Train a character-level MLP language model (Bengio et al. 2003, makemore part 2) on a word list, and sample from it.')
    .exitOverride()
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      // One line, prefixed like every other message; our own parsers already name the flag.
      outputError: (s, write) =>
        write(
          `makemore: ${s
            .replace(/^error: /, '')
            .replace(/^option '[^']*' argument '[^']*' is invalid\. (?=--)/, '')
            .replace(/\n(?=.)/g, ' ')}`,
        ),
    });

  addConfigOptions(
    program
      .command('train')
      .description('Train on FILE (one word per line); without FILE, on an embedded list of English first names.')
      .argument('[FILE]', 'word list, one item per line, UTF-8'),
  )
    .option('--out <model>', `where to save the model (default: FILE's name + ${CHECKPOINT_EXTENSION})`)
    .addOption(jsonOption('print the result as one JSON object (the last line of stdout)'))
    .addOption(new Option('--samples <n>', 'how many samples to print').default(10).argParser(intParser('samples', 1, 1000)))
    .addOption(backendOption())
    .action(trainCommand);

  program
    .command('sample')
    .description(
      "Generate names from a model saved by `makemore train`, with constraints. Names are distinct; by default as long as the list's shortest to longest name.",
    )
    .argument('<MODEL>', `model file (${CHECKPOINT_EXTENSION})`)
    // Values are checked by the one parser of a generate request (shared/generateRequest.ts), with the editor's messages.
    .addOption(new Option('--count <n>', `how many names (1 to ${CLI_MAX_COUNT.toLocaleString('en-US')})`).default(10))
    .addOption(new Option('--temperature <t>', 'softmax temperature (> 0): lower is safer, higher more surprising').default(1))
    .addOption(new Option('--top-k <k>', 'sample among the k likeliest symbols (0: all)').default(0))
    .addOption(new Option('--starts-with <text>', 'names start with this text (the model continues it)').conflicts('prefix'))
    .option('--prefix <text>', 'the same as --starts-with')
    .option('--ends-with <text>', 'names end with this text')
    .addOption(
      new Option('--contains <text>', 'names contain this text, taken whole (repeat the flag for several: every one)').argParser(
        collectValues,
      ),
    )
    .addOption(
      new Option('--exclude <text>', 'names do not contain this character or text, taken whole (repeat the flag for several)').argParser(
        collectValues,
      ),
    )
    .option('--min-length <n>', "shortest name in characters (default: the list's shortest)")
    .option('--max-length <n>', "longest name in characters (default: the list's longest)")
    .option('--new-only', 'only names that are not in the training file')
    .option('--novel', 'the same as --new-only')
    .option('--min-edits <n>', 'only names at least N edits from every name in the list (0–3)')
    .option(
      '--max-tries <n>',
      `candidates to sample before giving up (default: ${DEFAULT_MAX_TRIES.toLocaleString('en-US')}, or ${TRIES_PER_NAME} per name if more)`,
    )
    .addOption(
      new Option('--format <format>', 'txt: one name per line; csv: name,tag,typicality; json: [{name, tag, logProbPerChar}]')
        .choices(NAME_FORMATS)
        .default('txt'),
    )
    .addOption(jsonOption('the same as --format json'))
    .addOption(new Option('--seed <n>', 'random seed').argParser(numberParser(NUMERIC_SPECS.find((s) => s.key === 'seed')!)))
    .addOption(backendOption())
    .action(sampleCommand);

  program
    .command('info')
    .description('Check a model file and print its header (configuration, vocabulary, losses).')
    .argument('<MODEL>', 'model file')
    .action(infoCommand);

  addConfigOptions(
    program
      .command('sweep')
      .description(
        'Train one model per setting (the product of the --vary values), each for --time seconds (default 10), and compare them on the dev split.',
      )
      .argument('[FILE]', 'word list (default: the embedded sample list)'),
  )
    .addOption(
      new Option(
        '--vary <name=values>',
        'what to vary: block-size, embedding or hidden, with comma-separated values or "preset" (repeatable)',
      )
        .argParser((raw: string, previous: ReturnType<typeof parseVary> | undefined) => parseVary(raw, previous))
        .default({}),
    )
    .option('--out <model>', "save the best run's model here")
    .addOption(jsonOption('print the result as one JSON object'))
    .addOption(backendOption())
    .action(sweepCommand);

  addConfigOptions(
    program
      .command('lr-find')
      .description('Train briefly with an exponentially rising learning rate and suggest one (makemore part 2).')
      .argument('[FILE]', 'word list (default: the embedded sample list)'),
  )
    .addOption(new Option('--min-lr <x>', 'first learning rate (SGD 1e-3, Adam 1e-5)').argParser(positiveParser('min-lr', 10)))
    .addOption(new Option('--max-lr <x>', 'last learning rate (SGD 1, Adam 0.1)').argParser(positiveParser('max-lr', 10)))
    .addOption(new Option('--lr-steps <n>', 'steps of the sweep').default(1000).argParser(intParser('lr-steps', 10, 100_000)))
    .addOption(jsonOption('print the curve and the suggestion as one JSON object'))
    .addOption(backendOption())
    .action(lrFindCommand);

  program
    .command('score')
    .description(
      "How typical each item of a list is under a model: mean surprisal per character (nats, the end of the name included), total log-probability, percentile among the model's own list (overall and among items of about the same length). FILE is read as `train` reads it; - or no FILE: standard input.",
    )
    .argument('<MODEL>', `model file (${CHECKPOINT_EXTENSION})`)
    .argument('[FILE]', 'word list (- for standard input)')
    .addOption(
      new Option('--format <format>', 'txt: an aligned table; csv; json: [{line, item, surprisal, logProb, percentile, lengthPercentile}]')
        .choices(SCORE_FORMATS)
        .default('txt'),
    )
    .addOption(jsonOption('the same as --format json'))
    .option('--sort', 'least typical first (least like the rest of the list)')
    .addOption(
      new Option('--rank-by <ranking>', 'what --sort orders by: the percentile among items of about the same length, or the mean surprisal')
        .choices(RANKINGS)
        .default('length'),
    )
    .addOption(new Option('--top <n>', 'only the first N items (after --sort)').argParser(intParser('top', 1, 1e9)))
    .addOption(new Option('--list-format <format>', 'how to read FILE (default: detected)').choices([...LIST_FORMATS]))
    .addOption(
      new Option('--column <name|N>', 'CSV/TSV: the column of names, by header name or position (1 = first); JSON: the field of names'),
    )
    .addOption(backendOption())
    .action(scoreCommand);

  program
    .command('explore')
    .description(
      "The model's distribution of the next character after PREFIX (default: the start of a name), every symbol including the end of the name, with its entropy.",
    )
    .argument('<MODEL>', `model file (${CHECKPOINT_EXTENSION})`)
    .argument('[PREFIX]', 'the start of a name', '')
    .addOption(
      new Option('--format <format>', 'table, or json: {prefix, entropy, next: [{symbol, p}]} (the end of the name is the symbol "")')
        .choices(['table', 'json'])
        .default('table'),
    )
    .addOption(jsonOption('the same as --format json'))
    .action(exploreCommand);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    // An InvalidArgumentError is a CommanderError, which commander has printed when it parsed the
    // flag; one thrown by a command's action has not been: it is printed like an InputError.
    if (e instanceof CommanderError && !(e instanceof InvalidArgumentError)) return e.exitCode === 0 ? 0 : EXIT_USAGE;
    if (e instanceof ExitCode) return e.code;
    if (e instanceof InputError || e instanceof InvalidArgumentError) {
      process.stderr.write(`makemore: ${e.message}\n`);
      return EXIT_USAGE;
    }
    // A file-system error the user can cause and fix (permission, full disk, a folder where a
    // file was expected…) that no command turned into its own message: one line, not an internal error.
    if (fsErrorCode(e)) {
      const where = (e as NodeJS.ErrnoException).path;
      process.stderr.write(`makemore: ${where ? `${where}: ` : ''}${fsReason(e)}.\n`);
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
    (code) => (process.exitCode = code),
    () => (process.exitCode = 1),
  );
}
