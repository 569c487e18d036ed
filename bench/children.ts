/**
 * Running the benchmark's child processes: each measurement runs in a process of its own (a
 * backend can be chosen once per process, and peak RSS is per process), prints JSON lines, and
 * is timed from its spawn. Also finds a Python interpreter that has PyTorch.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..');
export const BENCH_DIR = __dirname;

/** A line a child printed, with its arrival time in seconds since the child was spawned. */
export type Timed<T> = T & { at: number };

export interface ChildRun<T> {
  lines: Timed<T>[];
  /** Seconds from spawn to exit. */
  wallSeconds: number;
}

export interface ChildOptions<T> {
  /** Called as each line arrives (e.g. to stop a run early through `stdin`). */
  onLine?(line: Timed<T>, stdin: NodeJS.WritableStream): void;
  env?: NodeJS.ProcessEnv;
}

/** Spawns `command args`, collecting its JSON lines; rejects with the end of stderr if it fails. */
export function runChild<T>(command: string, args: readonly string[], options: ChildOptions<T> = {}): Promise<ChildRun<T>> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(command, args, { cwd: REPO_ROOT, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: Timed<T>[] = [];
    let pending = '';
    let stderr = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      const at = (performance.now() - start) / 1000;
      pending += chunk;
      let nl: number;
      while ((nl = pending.indexOf('\n')) >= 0) {
        const text = pending.slice(0, nl).trim();
        pending = pending.slice(nl + 1);
        if (!text.startsWith('{')) continue;
        const line = { ...(JSON.parse(text) as T), at };
        lines.push(line);
        options.onLine?.(line, child.stdin);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallSeconds = (performance.now() - start) / 1000;
      if (code === 0) resolve({ lines, wallSeconds });
      else {
        const name = [
          path.basename(command),
          ...args.filter((a) => a.endsWith('.ts') || a.endsWith('.py')).map((a) => path.basename(a)),
        ].join(' ');
        reject(new Error(`${name} failed (${signal ?? `exit code ${code}`}):\n${stderr.trim()}`));
      }
    });
  });
}

/** Runs one of the benchmark's TypeScript entry points (bench/*.ts) in a fresh Node process. */
export function runTsChild<T>(script: string, args: readonly string[], options: ChildOptions<T> = {}): Promise<ChildRun<T>> {
  return runChild(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, script), ...args], options);
}

/** The lines of one kind of event. */
export function linesOf<T extends { event: string }, E extends T['event']>(run: ChildRun<T>, event: E): Timed<Extract<T, { event: E }>>[] {
  return run.lines.filter((l): l is Timed<Extract<T, { event: E }>> => l.event === event);
}

/** The last line of one kind of event; throws if the child never printed it. */
export function lastOf<T extends { event: string }, E extends T['event']>(run: ChildRun<T>, event: E): Timed<Extract<T, { event: E }>> {
  const found = linesOf(run, event).at(-1);
  if (!found) throw new Error(`The child process printed no "${event}" line.`);
  return found;
}

export interface TorchPython {
  /** The interpreter's path or command. */
  python: string;
  torch: string;
}

/**
 * The first of `candidates` that can import torch. By default: $MAKEMORE_PYTHON, then
 * /usr/bin/python3 (Debian's python3-torch installs there; a pyenv `python3` first on PATH may
 * lack torch), then `python3` on PATH. `tried` says why the others did not qualify.
 */
export function findTorchPython(
  candidates: readonly string[] = [process.env.MAKEMORE_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => !!c),
): { found?: TorchPython; tried: string[] } {
  const tried: string[] = [];
  for (const python of [...new Set(candidates)]) {
    const r = spawnSync(python, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return { found: { python, torch: r.stdout.trim() }, tried };
    const why = r.error
      ? ((r.error as NodeJS.ErrnoException).code ?? r.error.message)
      : (r.stderr.trim().split('\n').at(-1) ?? `exit ${r.status}`);
    tried.push(`${python}: ${why}`);
  }
  return { tried };
}

/** The machine a run was measured on, with the load average at its start and now. */
export function machineInfo(loadStart: number[]): {
  cpus: number;
  cpuModel: string;
  node: string;
  loadAverage: { start: number[]; end: number[] };
} {
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
    node: process.versions.node,
    loadAverage: { start: loadStart, end: os.loadavg() },
  };
}
