/**
 * The life cycle every Makemore webview shares:
 *
 *  1. render the webview's own UI state (toggles, selections, the tab shown) as saved by
 *     `setState`, if the webview is being restored — the run itself is the host's;
 *  2. post `ready` (the host sends nothing before it), then take the host's `snapshot`;
 *  3. fold each batch of `events` into the run with the shared `applyRunEvent`, and the
 *     Generate views' messages into `generation` (generation.ts);
 *  4. re-render for the host's messages at most 10 times a second — 4 while a job runs: a
 *     chart a few times a second is all a person sees change, and the page's main thread is
 *     shared with the editor (issue 19: 60–100 % busy before) — and at the next frame for the
 *     user's own changes, coalesced into animation frames; never while the page is hidden
 *     (`document.visibilityState`: a minimised window, a background tab), catching up once it
 *     shows; save the UI state with `setState` when it has changed;
 *  5. while a job runs, re-render every second too, so its clock keeps running between events
 *     (`since`: seconds since the latest message; shared/runState.ts jobTiming).
 */
import { isToWebview, type FromWebview, type PanelTab, type ToWebview } from '../../src/shared/messages';
import { initialFocus, type Focus } from '../../src/shared/focus';
import type { FileRuns } from '../../src/shared/runRecord';
import { applyRunEvent, initialRunState, isJobRunning, type RunState } from '../../src/shared/runState';
import { applyGenerationMessage, initialGenerationState, type GenerationState } from './generation';
import { vscodeApi } from './vscodeApi';
import { assertNever } from '../../src/shared/assertNever';

/** Bumped when the saved UI state's shape changes; an older one is then ignored. */
const UI_STATE_VERSION = 3;
/** Least time between renders for the host's messages: while a job runs, and otherwise. */
export const RENDER_INTERVAL_MS = { running: 250, idle: 100 } as const;

export interface ViewState<U> {
  /** The jobs' state: the host's snapshot, advanced by its events. */
  run: RunState;
  /** Whether the host's snapshot has arrived (before it, `run` is an empty placeholder). */
  synced: boolean;
  /** The list in focus, its model and its active run, as every view shows them (`focus` message). */
  focus: Focus;
  /** The runs of the word list the panel's Runs view shows (`runs` message; the panel only). */
  runs: FileRuns | null;
  /** The Generate views' target, results and favourites. */
  generation: GenerationState;
  /** A tab the host asked the panel to show (taken by the panel's render). */
  requestedTab: PanelTab | null;
  /** The view's own UI state (toggles, selection), the only part kept across reloads. */
  ui: U;
  /** Seconds since the latest message from the host: how far the job's clock has run since. */
  since(): number;
}

interface SavedUi<U> {
  version: number;
  ui: U;
}

export interface Session<U> {
  readonly state: ViewState<U>;
  post(message: FromWebview): void;
  /** Call after changing `state.ui`: re-renders and saves it. */
  changed(): void;
  /** Calls `listener` with each host message, after it is folded into the state (before the render). */
  onMessage(listener: (message: ToWebview) => void): void;
  /** Renders now (not at the next frame): what a view that just got its first names does. */
  renderNow(): void;
}

function savedUi<U>(value: unknown): Partial<U> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const saved = value as Partial<SavedUi<U>>;
  return saved.version === UI_STATE_VERSION && typeof saved.ui === 'object' && saved.ui !== null ? saved.ui : undefined;
}

export function startSession<U extends object>(defaultUi: U, render: (state: ViewState<U>) => void): Session<U> {
  const api = vscodeApi<SavedUi<U>>();
  let receivedAt = performance.now();
  const state: ViewState<U> = {
    run: initialRunState(),
    synced: false,
    focus: initialFocus(),
    runs: null,
    generation: initialGenerationState(),
    requestedTab: null,
    ui: { ...defaultUi, ...savedUi<U>(api.getState()) },
    since: () => (performance.now() - receivedAt) / 1000,
  };
  const listeners: ((message: ToWebview) => void)[] = [];

  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRender = -Infinity;
  let lastSaved = JSON.stringify(state.ui);

  /** Saves the UI state if it changed (by the user, or by a render: the tab of a job that starts). */
  const save = (): void => {
    const ui = JSON.stringify(state.ui);
    if (ui === lastSaved) return;
    lastSaved = ui;
    api.setState({ version: UI_STATE_VERSION, ui: state.ui });
  };

  const flush = (): void => {
    frame = 0;
    lastRender = performance.now();
    render(state);
    save();
  };

  /** A render was due while the page was hidden: done when it shows again. */
  let missed = false;
  /** Schedules a render no sooner than `interval` ms after the last one (0: at the next frame). */
  const invalidate = (interval: number): void => {
    if (document.visibilityState === 'hidden') {
      missed = true;
      return;
    }
    if (frame) return;
    const wait = interval - (performance.now() - lastRender);
    if (timer) {
      if (wait > 0) return;
      clearTimeout(timer);
      timer = undefined;
    }
    if (wait <= 0) {
      frame = requestAnimationFrame(flush);
    } else {
      timer = setTimeout(() => {
        timer = undefined;
        frame = requestAnimationFrame(flush);
      }, wait);
    }
  };
  const hostInterval = (): number => (isJobRunning(state.run.status) ? RENDER_INTERVAL_MS.running : RENDER_INTERVAL_MS.idle);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible' || !missed) return;
    missed = false;
    invalidate(0);
  });

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data;
    if (!isToWebview(message)) return;
    if (message.type === 'snapshot' || message.type === 'events') receivedAt = performance.now();
    switch (message.type) {
      case 'snapshot':
        state.run = message.state;
        state.synced = true;
        break;
      case 'events':
        for (const e of message.events) applyRunEvent(state.run, e);
        break;
      case 'focus':
        state.focus = message.focus;
        break;
      case 'runs':
        state.runs = message.runs;
        break;
      case 'showTab':
        state.requestedTab = message.tab;
        break;
      case 'generationTarget':
      case 'favourites':
      case 'generatedNames':
      case 'generateEnded':
        applyGenerationMessage(state.generation, message, performance.now());
        break;
      case 'exploredAnswer':
      case 'exploreText':
        // The Explore tab's own (explore/exploreView.ts onHostMessage): nothing of the session's.
        break;
      default:
        assertNever(message, 'message');
    }
    for (const listener of listeners) listener(message);
    invalidate(hostInterval());
  });

  render(state);
  lastRender = performance.now();
  api.post({ type: 'ready' });
  setInterval(() => {
    if (isJobRunning(state.run.status)) invalidate(hostInterval());
  }, 1000);

  return {
    state,
    post: (message) => api.post(message),
    changed: () => invalidate(0),
    onMessage: (listener) => void listeners.push(listener),
    renderNow: () => {
      if (frame) cancelAnimationFrame(frame);
      if (timer) clearTimeout(timer);
      frame = 0;
      timer = undefined;
      flush();
    },
  };
}
