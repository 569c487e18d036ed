/** Command-line options shared by the commands that train (train, sweep, lr-find). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { normalizeFoldCase } from '../core/casing';
import { checkValue, NUMERIC_SPECS, OUTPUT_LAYER_CHOICES, type NumericSpec, type TrainingConfig } from '../core/config';
import { LIST_FORMATS, type ListFormatChoice, type ListOptions, type ListReadingChoice } from '../core/listFormat';

export function numberParser(spec: Pick<NumericSpec, 'flag' | 'integer' | 'min' | 'minExclusive' | 'max'>) {
  return (raw: string): number => {
    const value = raw.trim() === '' ? NaN : Number(raw);
    const problem = checkValue(spec, value);
    if (problem) throw new InvalidArgumentError(problem);
    return value;
  };
}

export function intParser(flag: string, min: number, max: number) {
  return numberParser({ flag, integer: true, min, max });
}

export function positiveParser(flag: string, max: number) {
  return numberParser({ flag, integer: false, min: 0, minExclusive: true, max });
}

function fractionList(raw: string): number[] {
  const values = raw.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !(v > 0 && v < 1))) {
    throw new InvalidArgumentError(`--lr-drops must be fractions between 0 and 1, comma-separated (got ${raw}).`);
  }
  return values;
}

/** Parsed flags: commander names each after its flag in camelCase (`--hidden` → `hidden`). */
export type ConfigFlags = Record<string, unknown> &
  Partial<Pick<TrainingConfig, 'optimizer' | 'lrDrops' | 'init' | 'outputLayer'>> & {
    foldCase?: boolean;
    column?: string;
    format?: ListFormatChoice;
    markedOnly?: boolean;
  };

const camelCase = (flag: string): string => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The flag that sets a hyperparameter: "--hidden", "--steps", "--fold-case". */
export function cliFlag(key: keyof TrainingConfig): string {
  const spec = NUMERIC_SPECS.find((s) => s.key === key);
  return `--${spec ? spec.flag : key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Adds one flag per hyperparameter (NUMERIC_SPECS), plus optimizer, init, lr drops, fold case, and how to read the list. */
export function addConfigOptions(cmd: Command): Command {
  for (const spec of NUMERIC_SPECS) {
    cmd.addOption(new Option(`--${spec.flag} <${spec.integer ? 'n' : 'x'}>`, spec.description).argParser(numberParser(spec)));
  }
  return (
    cmd
      .addOption(new Option('--optimizer <name>', 'optimiser').choices(['adam', 'sgd']))
      .addOption(new Option('--init <name>', "initialisation: scaled, or the seed notebook's randn").choices(['scaled', 'randn']))
      .addOption(
        new Option(
          '--output-layer <kind>',
          'output layer: flat, factored through classes of symbols (large alphabets), or auto (the cheaper step)',
        ).choices([...OUTPUT_LAYER_CHOICES]),
      )
      .addOption(
        new Option('--lr-drops <fractions>', 'fractions of the run where the learning rate drops, e.g. 0.6,0.85').argParser(fractionList),
      )
      // Neither flag: auto (fold a one-pattern list, restore the pattern on samples).
      .option(
        '--fold-case',
        'always train on case-folded text (default: auto, when 95% of the items share one pattern, restored on samples)',
      )
      .option('--no-fold-case', 'never fold case: case is data')
      .addOption(new Option('--format <format>', 'how to read FILE (default: detected)').choices([...LIST_FORMATS]))
      .addOption(
        new Option(
          '--column <name|N>',
          'CSV/TSV/Markdown table: the column of names, by header name or position (1 = first); JSON: the field of names (nested: a dotted path, e.g. name.first)',
        ),
      )
      .option(
        '--marked-only',
        'a bullet or numbered list: read only the lines with a bullet or number (default: the other lines are items too)',
      )
  );
}

/** The hyperparameters given on the command line (the rest follow the data's size). */
export function configFromFlags(flags: ConfigFlags): Partial<TrainingConfig> {
  const given: Partial<TrainingConfig> = {};
  for (const spec of NUMERIC_SPECS) {
    const value = flags[camelCase(spec.flag)];
    if (typeof value === 'number') given[spec.key] = value;
  }
  if (flags.optimizer) given.optimizer = flags.optimizer;
  if (flags.lrDrops) given.lrDrops = flags.lrDrops;
  if (flags.init) given.init = flags.init;
  if (flags.outputLayer) given.outputLayer = flags.outputLayer;
  // --fold-case / --no-fold-case (commander gives true / false); neither: auto.
  const fold = normalizeFoldCase(flags.foldCase);
  if (fold) given.foldCase = fold;
  return given;
}

/** How to read the list: --format, --column and --marked-only, with the file's name for its extension. */
export function listOptionsFromFlags(flags: ConfigFlags, fileName: string | undefined): ListOptions {
  return { format: flags.format, column: flags.column, ...(flags.markedOnly ? { markedOnly: true } : {}), fileName };
}

/** The flags that choose a way to read a list: "--format csv", "--format markdown --marked-only". */
export function flagsOf(choice: ListReadingChoice): string {
  const quote = (s: string): string => (/^[\w.-]+$/u.test(s) ? s : `'${s.replace(/'/gu, "'\\''")}'`);
  return [
    choice.format && choice.format !== 'auto' ? `--format ${choice.format}` : '',
    choice.column !== undefined ? `--column ${quote(String(choice.column))}` : '',
    choice.markedOnly ? '--marked-only' : '',
  ]
    .filter(Boolean)
    .join(' ');
}
