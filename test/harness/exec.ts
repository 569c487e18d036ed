/** Running external commands for the harness: output shown, failures thrown with the command line. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** Runs a command to completion with its output on our terminal; throws if it fails. */
export function run(command: string, args: readonly string[], options: SpawnSyncOptions = {}): void {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`Could not run \`${command}\`: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`\`${[command, ...args].join(' ')}\` failed (${result.signal ?? `exit code ${result.status}`}).`);
  }
}

/** Runs a command and returns its stdout, or undefined if it could not run or failed. */
export function tryOutput(command: string, args: readonly string[], options: SpawnSyncOptions = {}): string | undefined {
  const result = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
  return result.status === 0 ? String(result.stdout) : undefined;
}

/** Whether an executable is on PATH. */
export function onPath(command: string): boolean {
  return tryOutput('sh', ['-c', `command -v ${command}`]) !== undefined;
}
