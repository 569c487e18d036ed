/**
 * A store's directory in VS Code: a folder under `context.globalStorageUri`, read and written
 * through `vscode.workspace.fs` only, so it works in remote hosts and in VS Code for the Web
 * (where it may be IndexedDB). A file system that cannot rename gets the final name written
 * instead (moveFile.ts).
 */
import * as vscode from 'vscode';
import type { StorageDir } from './storage';
import { moveFile } from './moveFile';

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
    size: async (name) => (await fs.stat(at(name))).size,
    write: async (name, bytes) => {
      await fs.writeFile(at(name), bytes);
    },
    rename: (from, to) =>
      moveFile(
        {
          rename: async (a, b) => fs.rename(at(a), at(b), { overwrite: true }),
          read: async (name) => fs.readFile(at(name)),
          write: async (name, bytes) => fs.writeFile(at(name), bytes),
          delete: async (name) => fs.delete(at(name), { useTrash: false }),
          isNotFound: (e) => e instanceof vscode.FileSystemError && e.code === 'FileNotFound',
        },
        from,
        to,
      ),
    delete: async (name) => {
      await fs.delete(at(name), { useTrash: false });
    },
  };
}
