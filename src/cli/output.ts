/**
 * Where the CLI writes a model (`train --out`, `sweep --out`), and how, so that nothing the user
 * made is overwritten and no trained model is lost.
 *
 * Before training (`checkModelOutput`), each of these is refused with one line and exit code 2:
 * - `--out ""` (or only spaces), a name that ends with a slash, an existing folder;
 * - the word list itself, however it is named (the same file: same device and inode — a symbolic
 *   or hard link too), an existing file that is not a Makemore model (its first bytes are not
 *   "MAKEMORE"), anything that is not a regular file (`/dev/null`): they are left as they are;
 * - a folder that cannot hold the model: a path under a file, a folder (or the nearest existing
 *   folder above one to be made) where a probe file cannot be created and removed (permission,
 *   read-only file system, full disk), or with less free space than the model needs (statfs).
 *
 * After training (`saveModel`): the model is checked in memory (core/modelCheck.ts), written to a
 * temporary file beside its name, read back and compared, then renamed onto its name. If that
 * fails after all (the disk filled up meanwhile, a file appeared at that name), the temporary
 * file is removed and the model is written to a fallback path — the system's temporary folder,
 * else the home folder, else the current folder — which the message names (exit code 2).
 *
 * Tests simulate write errors with `MAKEMORE_TEST_WRITE_ERROR=CODE[:probe|:save]` (e.g.
 * `ENOSPC:save`): the probe, the save, or both fail with that error code in the folder asked for
 * (never in a fallback folder). Nothing else reads it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHECKPOINT_EXTENSION } from '../core/checkpoint';
import { InputError } from '../core/errors';
import { checkReadBack } from '../core/modelCheck';
import { formatBytes } from '../shared/format';

const MAGIC = 'MAKEMORE';
const TEST_HOOK = 'MAKEMORE_TEST_WRITE_ERROR';

/** What a file-system error code means, in words. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the disk',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for this file system',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ENOENT: 'no such file or folder',
  ENAMETOOLONG: 'the name is too long',
  EEXIST: 'a file of that name exists',
  ELOOP: 'too many symbolic links',
  EBUSY: 'the file is busy',
  ETXTBSY: 'the file is busy',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EIO: 'an input/output error',
  EINVAL: 'the name is not valid on this file system',
  EXDEV: 'the folder is on another file system',
};

/** The error code of a file-system error (undefined for anything else). */
export function fsErrorCode(e: unknown): string | undefined {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && code in REASONS ? code : undefined;
}

/** "permission denied (EACCES)": a file-system error in words, or its message. */
export function fsReason(e: unknown): string {
  const code = fsErrorCode(e);
  return code ? `${REASONS[code]} (${code})` : ((e as Error)?.message ?? String(e));
}

/** Throws the simulated error of the test hook for this phase, if it is set (see the top). */
function simulated(phase: 'probe' | 'save'): void {
  const hook = process.env[TEST_HOOK];
  if (!hook) return;
  const [code, only] = hook.split(':');
  if (only && only !== phase) return;
  throw Object.assign(new Error(`${code} (simulated by ${TEST_HOOK})`), { code });
}

/** The first bytes of a file are a Makemore model's. */
function isModelFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === MAGIC.length && head.toString('latin1') === MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The folder that holds (or will hold) `file`: the nearest existing one, which must be a folder. */
function nearestFolder(file: string, shown: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = statOrUndefined(dir);
    } catch (e) {
      // ENOTDIR: a file further up; keep climbing to name it.
      if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new InputError(`${shown}: cannot use the folder ${dir}: ${fsReason(e)}.`);
    }
    if (stat?.isDirectory()) return dir;
    if (stat) throw new InputError(`${shown}: ${dir} is a file, not a folder; choose another place for the model.`);
    if (path.dirname(dir) === dir) throw new InputError(`${shown}: no folder of this path exists.`);
  }
}

export interface OutputCheck {
  /** The flag the path came from, for messages ("--out"); undefined for the default name. */
  flag?: string;
  /** The files the command reads (the word list): never overwritten. */
  inputs: readonly (string | undefined)[];
  /** What the model will take on disk at least, when known (bytes). */
  bytesNeeded?: number;
}

/**
 * Checks where a model will be saved, before any training (see the top); returns the absolute
 * path. Throws InputError with one line saying what to do.
 */
export function checkModelOutput(out: string, check: OutputCheck): string {
  const flag = check.flag ?? '--out';
  if (out.trim() === '') throw new InputError(`${flag} is empty: give the model's file name, e.g. ${flag} names${CHECKPOINT_EXTENSION}.`);
  if (/[\\/]$/.test(out))
    throw new InputError(`${out} names a folder: give a file name in it, e.g. ${flag} ${path.join(out, `names${CHECKPOINT_EXTENSION}`)}.`);
  const file = path.resolve(out);
  let stat: fs.Stats | undefined;
  try {
    stat = statOrUndefined(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw new InputError(`${out}: cannot be used for the model: ${fsReason(e)}.`);
    nearestFolder(file, out); // names the file in the way
  }
  if (stat) {
    if (stat.isDirectory())
      throw new InputError(`${out} is a folder: give a file name in it, e.g. ${flag} ${path.join(out, `names${CHECKPOINT_EXTENSION}`)}.`);
    for (const input of check.inputs) {
      const i = input === undefined ? undefined : statOrUndefined(path.resolve(input));
      if (i && i.dev === stat.dev && i.ino === stat.ino) {
        throw new InputError(
          `${out} is the word list being trained on: it is left as it is; choose another name for the model, e.g. ${flag} ${suggestedName(input!)}.`,
        );
      }
    }
    if (!stat.isFile()) throw new InputError(`${out} is not a regular file: it is left as it is; give a file name for the model.`);
    let model: boolean;
    try {
      model = isModelFile(file);
    } catch (e) {
      throw new InputError(
        `${out} exists and cannot be read (${fsReason(e)}), so it may not be a model: it is left as it is; choose another name.`,
      );
    }
    if (!model)
      throw new InputError(`${out} exists and is not a Makemore model: it is left as it is; choose another name, or remove it first.`);
  }
  const folder = nearestFolder(file, out);
  probe(folder, out);
  if (check.bytesNeeded !== undefined) {
    const free = freeBytes(folder);
    if (free !== undefined && free < check.bytesNeeded) {
      throw new InputError(
        `${out}: not enough space in ${folder} (${formatBytes(free)} free; the model needs about ${formatBytes(check.bytesNeeded)}): free some space or choose another place.`,
      );
    }
  }
  return file;
}

/**
 * `--out NAME` of a command that adds the model extension when NAME lacks it (sweep): "best" →
 * "best.makemore"; left as it is when it names no file (blank, a trailing slash, an existing
 * folder), so that checkModelOutput refuses it rather than saving "models.makemore" beside the
 * folder "models".
 */
export function withModelExtension(out: string): string {
  if (out.endsWith(CHECKPOINT_EXTENSION) || out.trim() === '' || /[\\/]$/.test(out)) return out;
  try {
    if (fs.statSync(out).isDirectory()) return out;
  } catch {
    // no such file: the name gets the extension
  }
  return out + CHECKPOINT_EXTENSION;
}

/** "names.txt" → "names.makemore". */
function suggestedName(input: string): string {
  return path.basename(input).replace(/\.[^.]*$/, '') + CHECKPOINT_EXTENSION;
}

/** Creates and removes a small file in `folder`: it is writable (and not full). */
function probe(folder: string, shown: string): void {
  const file = path.join(folder, `.makemore-probe-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    simulated('probe');
    fs.writeFileSync(file, 'makemore', { flag: 'wx' });
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw new InputError(`${shown}: cannot write in ${folder}: ${fsReason(e)}; choose another place for the model.`);
  }
  fs.rmSync(file, { force: true });
}

function freeBytes(folder: string): number | undefined {
  try {
    const s = fs.statfsSync(folder);
    return s.bavail * s.bsize;
  } catch {
    return undefined; // unknown: the probe has passed, the save will tell
  }
}

/** The least a model of `params` parameters and these distinct words takes on disk (bytes). */
export function modelBytesAtLeast(params: number, words: Iterable<string>): number {
  let bytes = params * 4;
  const encoder = new TextEncoder();
  for (const w of new Set(words)) bytes += encoder.encode(w).length + 2; // the word, its line break, its split
  return bytes;
}

export interface SavedModel {
  /** Where the model is. */
  path: string;
  /** Why it is not where it was asked to be (then `path` is a fallback). */
  problem?: string;
}

/**
 * Saves a model's bytes (checked already: core/modelCheck.ts) at `file` (from checkModelOutput),
 * or at a fallback path when that fails (see the top). Throws InputError only when no place at
 * all takes it.
 */
export function saveModel(file: string, bytes: Uint8Array, shown: string): SavedModel {
  try {
    writeChecked(file, bytes, true);
    return { path: file };
  } catch (e) {
    const problem = `could not save ${shown}: ${fsErrorCode(e) ? fsReason(e) : (e as Error).message}`;
    const tried: string[] = [];
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const name = `${path.basename(file).replace(/\.[^.]*$/, '') || 'model'}-${stamp}${CHECKPOINT_EXTENSION}`;
    for (const dir of [...new Set([os.tmpdir(), os.homedir(), process.cwd()])]) {
      if (path.resolve(dir) === path.dirname(file)) continue;
      const fallback = path.join(dir, name);
      try {
        writeChecked(fallback, bytes, false);
        return { path: fallback, problem };
      } catch {
        tried.push(dir);
      }
    }
    throw new InputError(`${problem}; no other folder took it either (${tried.join(', ')}): the model could not be kept.`);
  }
}

/**
 * Writes `bytes` to a temporary file beside `file`, reads it back and compares, and renames it
 * onto `file`; a failure removes the temporary file. An existing `file` is replaced only if it is
 * a Makemore model (one may have appeared during training); `asked`: the folder the user asked for
 * (where the test hook applies).
 */
function writeChecked(file: string, bytes: Uint8Array, asked: boolean): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const existing = statOrUndefined(file);
  if (existing && !(existing.isFile() && isModelFile(file))) {
    throw new Error(`${file} is now ${existing.isDirectory() ? 'a folder' : 'a file that is not a Makemore model'}, left as it is`);
  }
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (asked) simulated('save');
    const fd = fs.openSync(temp, 'wx');
    try {
      for (let done = 0; done < bytes.length;) done += fs.writeSync(fd, bytes, done, bytes.length - done);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    checkReadBack(fs.readFileSync(temp), bytes);
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}
