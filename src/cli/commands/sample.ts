/** `makemore sample MODEL` and `makemore info MODEL`. */
import { decodeCheckpoint, readCheckpointHeader } from '../../core/checkpoint';
import { sampleWords, samplingModelOf } from '../../core/sample';
import { log, print, readModelFile } from '../io';

export interface SampleFlags {
  count: number;
  temperature: number;
  topK: number;
  prefix?: string;
  novel?: boolean;
  seed?: number;
  maxLength?: number;
  json?: boolean;
}

export function sampleCommand(file: string, flags: SampleFlags): void {
  const ck = decodeCheckpoint(readModelFile(file));
  // A case-folded model folds the prefix and restores the list's casing itself (core/sample.ts).
  const prefix = flags.prefix?.normalize('NFC');
  const result = sampleWords(
    samplingModelOf(ck),
    { count: flags.count, temperature: flags.temperature, topK: flags.topK, prefix, novel: flags.novel, seed: flags.seed, maxLength: flags.maxLength },
  );
  if (flags.json) print(JSON.stringify(result));
  else for (const w of result.words) print(w);
  if (!result.complete) log(`makemore: found ${result.words.length} of ${flags.count} words (${result.rejected} samples rejected).`);
}

export function infoCommand(file: string): void {
  const bytes = readModelFile(file);
  decodeCheckpoint(bytes); // validates the whole file, not just the header
  print(JSON.stringify(readCheckpointHeader(bytes), null, 2));
}
