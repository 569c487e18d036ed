/**
 * A store's directory in VS Code: a folder under `context.globalStorageUri`, read and written
 * through `vscode.workspace.fs` only, so it works in remote and web-served hosts too.
 */
import * as vscode from 'vscode';
import type { StorageDir } from './storage';

export function storageDir(uri: vscode.Uri): StorageDir {
  const fs = vscode.workspace.fs;
  const at = (name: string): vscode.Uri => vscode.Uri.joinPath(uri, name);
  return {
    ensure: async () => {
      await fs.createDirectory(uri);
    },
    list: async () => {
      try {
        const entries = await fs.readDirectory(uri);
        return entries.filter(([, type]) => type === vscode.FileType.File).map(([name]) => name);
      } catch (e) {
        if (e instanceof vscode.FileSystemError && e.code === 'FileNotFound') return [];
        throw e;
      }
    },
    read: async (name) => fs.readFile(at(name)),
    write: async (name, bytes) => {
      await fs.writeFile(at(name), bytes);
    },
    rename: async (from, to) => {
      await fs.rename(at(from), at(to), { overwrite: true });
    },
    delete: async (name) => {
      await fs.delete(at(name), { useTrash: false });
    },
  };
}
