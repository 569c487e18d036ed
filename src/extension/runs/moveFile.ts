/**
 * Moving a file onto another name, replacing it, on a file system that may not rename: some
 * browser file systems (VS Code for the Web) lack rename or do not do it atomically. Then the
 * bytes are written under the final name and the source is deleted. No `vscode` here, so the
 * fallback is tested without VS Code (storageDir.ts gives it `workspace.fs`).
 */

/** The file operations a move needs, by name in one directory. */
export interface MoveOps {
  /** Renames, replacing `to`. */
  rename(from: string, to: string): Promise<void>;
  read(name: string): Promise<Uint8Array>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  delete(name: string): Promise<void>;
  /** Whether `e` says a file does not exist. */
  isNotFound(e: unknown): boolean;
}

/**
 * Moves `from` to `to`, replacing `to`. A rename that fails for any reason but a missing source
 * falls back to writing `to` and deleting `from` (whose failure to delete is not the move's).
 */
export async function moveFile(ops: MoveOps, from: string, to: string): Promise<void> {
  try {
    await ops.rename(from, to);
    return;
  } catch (e) {
    if (ops.isNotFound(e)) throw e;
  }
  await ops.write(to, await ops.read(from));
  await ops.delete(from).catch(() => undefined);
}
