/**
 * Reading a word-list file for the CLI: its size checked before it is read (a 1.5 GB file is
 * refused at once, never read whole), a stream that never ends (a pipe, /dev/zero) read up to the
 * cap and refused with the same message, then decoded (core/wordlist.ts `decodeTextWithEncoding`);
 * file-system problems as one-line messages.
 */
import * as fs from 'node:fs';
import { InputError } from '../core/errors';
import { decodeTextWithEncoding, MAX_FILE_BYTES, tooLargeMessage, type TextEncodingName } from '../core/wordlist';

/** `readBounded`'s name for the process's standard input (file descriptor 0, a pipe or a file). */
export const STDIN = Symbol('standard input');

/** Bytes read at a time from a stream (a pipe, a device) whose size is not known beforehand. */
const CHUNK = 1 << 20;

/**
 * The bytes of `file`, at most `limit`: a regular file over it is refused from its size before a
 * byte is read; anything else (a pipe, a device) is read until it ends or passes the limit.
 */
export function readBounded(file: string | typeof STDIN, limit = MAX_FILE_BYTES): Uint8Array {
  const name = file === STDIN ? 'standard input' : file;
  let stat: fs.Stats;
  try {
    stat = file === STDIN ? fs.fstatSync(0) : fs.statSync(file);
  } catch {
    throw new InputError(`${name}: no such file.`);
  }
  if (stat.isDirectory()) throw new InputError(`${name} is a directory, not a word list.`);
  if (stat.isFile() && stat.size > limit) throw new InputError(`${name}: ${tooLargeMessage(stat.size)}`);
  let fd: number;
  try {
    fd = file === STDIN ? 0 : fs.openSync(file, 'r');
  } catch (e) {
    throw new InputError(`${name}: cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  try {
    // A regular file is read into one buffer of its size (one byte more shows it grew since);
    // a stream in chunks, until it ends or passes the limit.
    const chunks: Uint8Array[] = [];
    let total = 0;
    let buffer = Buffer.allocUnsafe(stat.isFile() ? stat.size + 1 : CHUNK);
    let filled = 0;
    for (;;) {
      if (filled === buffer.length) {
        chunks.push(buffer);
        buffer = Buffer.allocUnsafe(CHUNK);
        filled = 0;
      }
      let n: number;
      try {
        n = fs.readSync(fd, buffer, filled, buffer.length - filled, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        throw new InputError(`${name}: cannot be read (${code ?? 'error'}).`);
      }
      if (n === 0) break;
      filled += n;
      total += n;
      if (total > limit) throw new InputError(`${name}: ${tooLargeMessage()}`);
    }
    chunks.push(buffer.subarray(0, filled));
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

/** Reads a word-list file, turning file-system problems into one-line messages. */
export function readTextFile(file: string): string {
  return readTextFileWithEncoding(file).text;
}

/** Reads a text file: UTF-8 (with or without a BOM) or UTF-16 LE/BE with a BOM, within the size cap. */
export function readTextFileWithEncoding(file: string): { text: string; encoding: TextEncodingName } {
  const bytes = readBounded(file);
  try {
    return decodeTextWithEncoding(bytes);
  } catch (e) {
    if (e instanceof InputError) throw new InputError(`${file}: ${e.message}`);
    throw e;
  }
}
