/**
 * Where the run store keeps its files: a flat directory (`StorageDir`; in VS Code a folder of
 * the extension's global storage, through `vscode.workspace.fs` only: storageDir.ts) and a small
 * key-value memory (`ExtensionContext.globalState`). Both are interfaces, so the store's logic is
 * tested without VS Code.
 */

/** A flat directory of files, by name. */
export interface StorageDir {
  /** Creates the directory if it does not exist. */
  ensure(): Promise<void>;
  /** Names of the files in it (none if it does not exist). */
  list(): Promise<string[]>;
  read(name: string): Promise<Uint8Array>;
  /** A file's size in bytes. */
  size(name: string): Promise<number>;
  /** Writes a whole file, replacing it. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Renames `from` to `to`, replacing `to` (where the file system cannot rename, by writing `to`: moveFile.ts). */
  rename(from: string, to: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Remembers small values across sessions (`ExtensionContext.globalState` is one). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

/** Suffix of the temporary files a write goes through. */
export const TEMP_SUFFIX = '.tmp';

/**
 * Writes `name` whole — the one way the run store and the favourites write a file — so that it
 * never holds half a file: under a temporary name first, then moved into
 * place (`StorageDir.rename`, which on a file system that cannot rename — some of VS Code for the
 * Web's — writes the final name instead: moveFile.ts). A failed write leaves the previous file as
 * it was and no temporary file behind.
 */
export async function writeWhole(dir: StorageDir, name: string, bytes: Uint8Array): Promise<void> {
  await dir.ensure();
  const temp = `${name}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${TEMP_SUFFIX}`;
  try {
    await dir.write(temp, bytes);
    await dir.rename(temp, name);
  } catch (e) {
    await dir.delete(temp).catch(() => undefined);
    throw e;
  }
}
