/** `makemore sweep [FILE] --vary hidden=50,100,200 …`: the lecture's hyperparameter sweep. */
import { InvalidArgumentError } from 'commander';
import type { BackendName } from '../../core/backend';
import { InputError } from '../../core/errors';
import { NUMERIC_SPECS } from '../../core/config';
import { countParams } from '../../core/model';
import { prepareConfigured, toCheckpoint } from '../../core/pipeline';
import { sweep } from '../../core/sweep';
import { modelShape } from '../../core/train';
import { MAX_SWEEP_RUNS, SWEEP_KEYS, SWEEP_PRESETS, sweepSettings, type SweepKey, type SweepSetting } from '../../core/sweepPlan';
import { formatCount, formatLoss } from '../../shared/format';
import { abortOnSigint, ExitCode, log, print, readWordSource, startBackend } from '../io';
import { configFromFlags, listOptionsFromFlags, type ConfigFlags } from '../options';
import { checkModelOutput, modelBytesAtLeast, withModelExtension } from '../output';
import { reportReading, saveTrainedModel } from './trainCommand';

export interface SweepFlags extends ConfigFlags {
  vary: Partial<Record<SweepKey, number[]>>;
  out?: string;
  json?: boolean;
  backend: BackendName;
}

/** The CLI flag of a swept hyperparameter ("hidden"), as --vary names it. */
const flagOf = (key: SweepKey): string => NUMERIC_SPECS.find((s) => s.key === key)!.flag;

/** Parses one `--vary name=v1,v2,…` (or `name=preset`), accumulating into `previous`. */
export function parseVary(raw: string, previous: Partial<Record<SweepKey, number[]>> = {}): Partial<Record<SweepKey, number[]>> {
  const [name, list] = raw.split('=', 2);
  const key = SWEEP_KEYS.find((k) => flagOf(k) === name?.trim());
  if (!key || list === undefined) {
    throw new InvalidArgumentError(`--vary takes NAME=VALUES with NAME one of ${SWEEP_KEYS.map(flagOf).join(', ')} (got ${raw}).`);
  }
  const spec = NUMERIC_SPECS.find((s) => s.key === key)!;
  const values = list.trim() === 'preset' ? SWEEP_PRESETS[key] : list.split(',').map((v) => Number(v.trim()));
  for (const v of values) {
    if (!Number.isInteger(v) || v < spec.min || v > spec.max) {
      throw new InvalidArgumentError(`--vary ${name}: values must be whole numbers from ${spec.min} to ${spec.max} (got ${list}).`);
    }
  }
  return { ...previous, [key]: [...new Set(values)] };
}

function describe(s: SweepSetting): string {
  return SWEEP_KEYS.filter((k) => s[k] !== undefined)
    .map((k) => `${flagOf(k)} ${s[k]}`)
    .join(', ');
}

export async function sweepCommand(file: string | undefined, flags: SweepFlags): Promise<void> {
  const settings = sweepSettings(flags.vary);
  if (Object.keys(flags.vary).length === 0) throw new InputError('Say what to vary, e.g. --vary hidden=50,100,200,400.');
  if (settings.length > MAX_SWEEP_RUNS) {
    const product = SWEEP_KEYS.flatMap((k) => (flags.vary[k] ? [`${flags.vary[k].length} ${flagOf(k)}`] : [])).join(' × ');
    throw new InputError(
      `--vary gives ${settings.length} runs (${product}); a sweep may have at most ${MAX_SWEEP_RUNS}: give fewer values.`,
    );
  }
  const source = readWordSource(file);
  const given = configFromFlags(flags);
  // Each run gets a time budget (10 s unless --time says otherwise) rather than a step count.
  if (given.timeBudget === undefined) given.timeBudget = 10;
  if (given.steps === undefined) given.steps = 10_000_000;
  const { data, config } = prepareConfigured(source.text, given, listOptionsFromFlags(flags, file));
  reportReading(data.listReading, source.encoding);
  // Where the best model goes is checked before the sweep: room for the largest setting's.
  const out = flags.out === undefined ? undefined : withModelExtension(flags.out);
  const largest = Math.max(...settings.map((s) => countParams(modelShape(data.dataset, { ...config, ...s }))));
  const target =
    out === undefined ? undefined : checkModelOutput(out, { inputs: [file], bytesNeeded: modelBytesAtLeast(largest, data.wordList.words) });
  const backend = await startBackend(flags.backend);
  log(
    `Sweeping ${settings.length} settings on ${source.name} (${formatCount(data.wordList.words.length)} words), ${config.timeBudget > 0 ? `${config.timeBudget} s each` : `${formatCount(config.steps)} steps each`}, seed ${config.seed}; the test split is not used.`,
  );

  const sigint = abortOnSigint();
  let result;
  try {
    result = await sweep(data.wordList.words, config, settings, {
      signal: sigint.signal,
      onRunStart: (i, s, _c, params) => log(`[${i + 1}/${settings.length}] ${describe(s)} (${formatCount(params)} parameters)…`),
      onRunEnd: (r) =>
        log(`    train ${formatLoss(r.train)}  dev ${formatLoss(r.dev)}  (${formatCount(r.steps)} steps, ${r.seconds.toFixed(1)} s)`),
    });
  } finally {
    sigint.dispose();
  }
  let problem = false;
  if (result.bestResult && target && out) {
    const saved = saveTrainedModel(toCheckpoint(result.bestResult, data, source.name, backend.name), target, out);
    problem = saved.problem !== undefined;
    log(`Saved the best run's model to ${saved.path}`);
  }
  if (flags.json) {
    const { bestResult: _model, ...rest } = result;
    print(JSON.stringify(rest));
    if (problem) throw new ExitCode(2);
    return;
  }
  const rows = result.runs.map((r, i) => [
    describe(r.setting),
    formatCount(r.paramCount),
    formatLoss(r.train),
    formatLoss(r.dev),
    (r.dev - r.train).toFixed(3),
    result.diagnosis[i]!,
  ]);
  const head = ['setting', 'params', 'train', 'dev', 'gap', ''];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  for (const r of [head, ...rows])
    print(
      r
        .map((cell, c) => (c === 0 || c === 5 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd(),
    );
  if (result.stopped) print(`Stopped: ${result.runs.length} of ${settings.length} runs finished.`);
  // The best model is kept, but not where it was asked to be.
  if (problem) throw new ExitCode(2);
}
