/**
 * The webview's handle on VS Code: `acquireVsCodeApi` (callable once per page), typed with the
 * shared protocol so a webview can only post messages the host understands.
 */
import type { FromWebview } from '../../src/shared/messages';

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

export interface VsCodeApi<S> {
  post(message: FromWebview): void;
  /** The state saved by `setState` before the webview was hidden or reloaded, if any. */
  getState(): unknown;
  setState(state: S): void;
}

let api: RawVsCodeApi | undefined;

export function vscodeApi<S>(): VsCodeApi<S> {
  api ??= acquireVsCodeApi();
  const raw = api;
  return {
    post: (message) => raw.postMessage(message),
    getState: () => raw.getState(),
    setState: (state) => raw.setState(state),
  };
}
