/** Files and output for the CLI: read inputs with one-line errors (models are written by output.ts). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WASM_FILES, type BackendInfo, type BackendName } from '../core/backend';
import { initNodeBackend } from '../core/nodeBackend';
import { InputError } from '../core/errors';
import type { TextEncodingName } from '../core/wordlist';
import { readTextFileWithEncoding } from './listFile';
import { SAMPLE_NAME, sampleWordList } from './sampleWords';

/** The word list of FILE, or the embedded sample list without one. */
export function readWordSource(file: string | undefined): { text: string; name: string; encoding: TextEncodingName } {
  return file
    ? { ...readTextFileWithEncoding(file), name: path.basename(file) }
    : { text: sampleWordList(), name: SAMPLE_NAME, encoding: 'utf-8' };
}

export function readModelFile(file: string): Uint8Array {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: no such model file.`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} is a directory, not a model file.`);
  return fs.readFileSync(file);
}

/** The TensorFlow.js backend, with the bundle's .wasm files when running from dist/. */
export async function startBackend(prefer: BackendName = 'wasm'): Promise<BackendInfo> {
  const bundled = fs.existsSync(path.join(__dirname, WASM_FILES[0]!)) ? __dirname : undefined;
  const info = await initNodeBackend({ wasmDir: bundled, prefer });
  if (info.warning) process.stderr.write(`makemore: ${info.warning}\n`);
  return info;
}

/** Ends the command with this exit code; what went wrong was already said on stderr. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit code ${code}`);
    this.name = 'ExitCode';
  }
}

export const log = (line: string): void => void process.stderr.write(line + '\n');
export const print = (line: string): void => void process.stdout.write(line + '\n');

/** Aborts on the first Ctrl-C (the run ends cleanly), exits on the second. */
export function abortOnSigint(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(130);
    log('\nStopping (Ctrl-C again to quit at once)…');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
