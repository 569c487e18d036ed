/**
 * What a Web Worker needs from the web extension host (webWorker.ts): the worker's script,
 * read with `workspace.fs` from the extension's own location (a `vscode-remote:` or `https:`
 * URI, which a worker may not be started from) and made a `blob:` URL, and the backend's
 * `.wasm` binaries. Read once, at the first job; a failed read is tried again at the next.
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { WASM_FILES } from '../../core/wasmFiles';
import { log } from '../log';
import type { WebWorkerAssets } from './webWorker';

/** The web worker bundle, under the extension's folder. */
export const WEB_WORKER_SCRIPT = ['dist', 'web', 'worker.js'];

export function webAssets(extensionUri: vscode.Uri): { load(): Promise<WebWorkerAssets>; dispose(): void } {
  let loading: Promise<WebWorkerAssets> | undefined;
  let scriptUrl: string | undefined;
  const read = (...path: string[]): Thenable<Uint8Array> => vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, ...path));

  const readAll = async (): Promise<WebWorkerAssets> => {
    const script = await read(...WEB_WORKER_SCRIPT).then(undefined, (e: unknown) => {
      throw new Error(`its script ${WEB_WORKER_SCRIPT.join('/')} could not be read (${errorMessage(e)})`);
    });
    const wasm: Record<string, Uint8Array> = {};
    for (const file of WASM_FILES) {
      try {
        wasm[file] = await read('dist', file);
      } catch (e) {
        // The worker trains on the slow cpu backend without it, and says so.
        log().warn(`Could not read dist/${file} for the worker: ${errorMessage(e)}`);
      }
    }
    scriptUrl = URL.createObjectURL(new Blob([script as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }));
    return { scriptUrl, wasm };
  };

  return {
    load: () => {
      loading ??= readAll().catch((e: unknown) => {
        loading = undefined;
        throw e;
      });
      return loading;
    },
    dispose: () => {
      if (scriptUrl) URL.revokeObjectURL(scriptUrl);
    },
  };
}
