/**
 * The extension's entry in the desktop (Node) extension host (package.json `main`, bundled to
 * dist/extension.js): jobs run in a `worker_threads` Worker running dist/worker.js, which reads
 * the `.wasm` files next to itself. The rest is extension.ts, shared with the web entry.
 */
import * as vscode from 'vscode';
import { activateMakemore, type MakemoreApi } from './extension';
import { spawnNodeWorker } from './jobs/nodeWorker';

export type { MakemoreApi } from './extension';

export function activate(context: vscode.ExtensionContext): MakemoreApi {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath;
  return activateMakemore(context, { host: 'node', spawnWorker: spawnNodeWorker(script) });
}
