/** `makemore sample MODEL` and `makemore info MODEL`. */
import { decodeCheckpoint, readCheckpointHeader } from '../../core/checkpoint';
import { listFactsOf, planRequest } from '../../core/constraints';
import { generatorModelOf, NameGenerator } from '../../core/generate';
import { formatNames } from '../../core/nameExport';
import { CLI_MAX_COUNT, requestFromFlags, type SampleFlags } from '../requestFlags';
import { abortOnSigint, ExitCode, log, print, readModelFile, startBackend } from '../io';

export async function sampleCommand(file: string, flags: SampleFlags): Promise<void> {
  // Bad values first: they are said without reading the model.
  const request = requestFromFlags(flags);
  const ck = decodeCheckpoint(readModelFile(file));
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
