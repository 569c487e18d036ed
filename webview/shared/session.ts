/**
 * The life cycle every Makemore webview shares:
 *
 *  1. render the state saved by `setState` at once, if the webview is being restored;
 *  2. post `ready` (the host sends nothing before it), then take the host's `snapshot`;
 *  3. fold each batch of `events` into the state with the shared `applyRunEvent`;
 *  4. re-render at most 10 times a second (coalesced into animation frames) and save the state
 *     with `setState`, throttled.
 */
import type { FromWebview, ToWebview } from '../../src/shared/protocol';
import { applyRunEvent, initialRunState, type RunState } from '../../src/shared/runState';
import { vscodeApi } from './vscodeApi';

/** Bumped when the saved state's shape changes; older saved states are then ignored. */
const STATE_VERSION = 1;
const MIN_RENDER_INTERVAL_MS = 100;
const SAVE_INTERVAL_MS = 500;

export interface ViewState<U> {
  version: number;
  run: RunState;
  /** The model Insert Sampled Name would use (`activeModel` message). */
  activeModel: string | null;
  /** The view's own UI state (toggles, selection), kept across reloads too. */
  ui: U;
}

export interface Session<U> {
  readonly state: ViewState<U>;
  post(message: FromWebview): void;
  /** Call after changing `state.ui`: re-renders and saves. */
  changed(): void;
}

function isViewState<U>(value: unknown): value is ViewState<U> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ViewState<U>>;
  return v.version === STATE_VERSION && typeof v.run === 'object' && v.run !== null && Array.isArray(v.run.history?.step);
}

function isToWebview(value: unknown): value is ToWebview {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'snapshot' || type === 'events' || type === 'activeModel';
}

export function startSession<U extends object>(defaultUi: U, render: (state: ViewState<U>) => void): Session<U> {
  const api = vscodeApi<ViewState<U>>();
  const saved = api.getState();
  const state: ViewState<U> = isViewState<U>(saved)
    ? { ...saved, ui: { ...defaultUi, ...saved.ui } }
    : { version: STATE_VERSION, run: initialRunState(), activeModel: null, ui: defaultUi };

  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRender = -Infinity;
  let saveTimer: ReturnType<typeof setTimeout> | undefined;
  let unsaved = false;

  const save = (): void => {
    saveTimer = undefined;
    if (!unsaved) return;
    unsaved = false;
    api.setState(state);
  };

  const flush = (): void => {
    frame = 0;
    lastRender = performance.now();
    render(state);
    unsaved = true;
    saveTimer ??= setTimeout(save, SAVE_INTERVAL_MS);
  };

  const invalidate = (): void => {
    if (frame || timer) return;
    const wait = MIN_RENDER_INTERVAL_MS - (performance.now() - lastRender);
    if (wait <= 0) {
      frame = requestAnimationFrame(flush);
    } else {
      timer = setTimeout(() => {
        timer = undefined;
        frame = requestAnimationFrame(flush);
      }, wait);
    }
  };

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isToWebview(message)) return;
    switch (message.type) {
      case 'snapshot':
        state.run = message.state;
        break;
      case 'events':
        for (const e of message.events) applyRunEvent(state.run, e);
        break;
      case 'activeModel':
        state.activeModel = message.name;
        break;
    }
    invalidate();
  });
  window.addEventListener('pagehide', save);

  render(state);
  lastRender = performance.now();
  api.post({ type: 'ready' });

  return {
    state,
    post: (message) => api.post(message),
    changed: invalidate,
  };
}
