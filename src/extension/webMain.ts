/**
 * The extension's entry in the web worker extension host of VS Code for the Web (package.json
 * `browser`, bundled to dist/web/extension.js): jobs run in a Web Worker started from a blob of
 * dist/web/worker.js, the `.wasm` files posted to it (jobs/webAssets.ts). The rest is
 * extension.ts, shared with the Node entry.
 */
import type * as vscode from 'vscode';
import { activateMakemore, type MakemoreApi } from './extension';
import { webAssets } from './jobs/webAssets';
import { spawnWebWorker } from './jobs/webWorker';

export type { MakemoreApi } from './extension';

export function activate(context: vscode.ExtensionContext): MakemoreApi {
  const assets = webAssets(context.extensionUri);
  return activateMakemore(context, { host: 'web', spawnWorker: spawnWebWorker(() => assets.load()), dispose: () => assets.dispose() });
}
