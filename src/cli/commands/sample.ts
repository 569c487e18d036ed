/** `makemore sample MODEL` and `makemore info MODEL`. */
import { type BackendName } from '../../core/backend';
import { decodeCheckpoint, readCheckpointHeader } from '../../core/checkpoint';
import { listFactsOf, planRequest, type GenerateRequest } from '../../core/constraints';
import { generatorModelOf, NameGenerator } from '../../core/generate';
import { formatNames, type NameFormat } from '../../core/nameExport';
import { abortOnSigint, ExitCode, log, print, readModelFile, startBackend } from '../io';

/** Most names one `makemore sample` makes (the editor's limit is lower). */
export const CLI_MAX_COUNT = 100_000;

export interface SampleFlags {
  count: number;
  temperature: number;
  topK: number;
  startsWith?: string;
  prefix?: string;
  endsWith?: string;
  contains?: string[];
  exclude?: string[];
  minLength?: number;
  maxLength?: number;
  novel?: boolean;
  minEdits?: number;
  maxTries?: number;
  seed?: number;
  format: NameFormat;
  json?: boolean;
  backend: BackendName;
}

/**
 * A repeatable flag's values, each taken whole: `--contains ", " --contains ann` → [", ", "ann"].
 * (A comma separates texts only for a model without a comma: core/constraints.ts constraintTexts.)
 */
export function collectValues(raw: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), raw];
}

export function requestFromFlags(flags: SampleFlags): GenerateRequest {
  return {
    count: flags.count,
    temperature: flags.temperature,
    topK: flags.topK,
    startsWith: flags.startsWith ?? flags.prefix,
    endsWith: flags.endsWith,
    contains: flags.contains,
    excludes: flags.exclude,
    minLength: flags.minLength,
    maxLength: flags.maxLength,
    newOnly: flags.novel,
    minEdits: flags.minEdits,
    maxTries: flags.maxTries,
  };
}

export async function sampleCommand(file: string, flags: SampleFlags): Promise<void> {
  const ck = decodeCheckpoint(readModelFile(file));
  const request = requestFromFlags(flags);
  const limits = { maxCount: CLI_MAX_COUNT };
  // Bad or contradictory constraints: one message before anything starts.
  planRequest(request, listFactsOf(ck), limits);
  await startBackend(flags.backend);
  const stop = abortOnSigint();
  const generator = new NameGenerator(generatorModelOf(ck));
  try {
    const result = await generator.generate(request, { seed: flags.seed, signal: stop.signal, limits });
    process.stdout.write(formatNames(result.names, flags.json ? 'json' : flags.format));
    if (result.shortfall) log(`makemore: ${result.shortfall}.`);
    if (result.names.length === 0) throw new ExitCode(1);
  } finally {
    generator.dispose();
    stop.dispose();
  }
}

export function infoCommand(file: string): void {
  const bytes = readModelFile(file);
  decodeCheckpoint(bytes); // validates the whole file, not just the header
  print(JSON.stringify(readCheckpointHeader(bytes), null, 2));
}
