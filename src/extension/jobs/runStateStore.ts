/**
 * The last run across window reloads: the host saves its RunState (plain JSON) when a job
 * has ended, and starts from it at activation, so the panel and the sidebar show the last
 * training, sweep and learning-rate search instead of an empty state.
 *
 * It is kept in the workspace state (`ExtensionContext.workspaceState`), not the global one: a
 * run belongs to its window — a word list of that workspace, shown in that window's panel — and
 * two windows open at once would otherwise overwrite each other's last run and show it after a
 * reload. (The runs themselves are global: runs/runStore.ts.)
 *
 * Kept cheap: nothing is written while a job runs (only when one ends, or after a later event
 * such as new samples), and the long series are thinned to a bounded size (the loss history is
 * already capped by runState.ts).
 */
import type { TrainEvalEvent } from '../../shared/events';
import { initialRunState, isJobRunning, type RunState } from '../../shared/runState';
import { thinIndices } from '../../shared/series';
import type { KeyValueStore } from '../runs/storage';
import type { RunHub } from './runHub';

export const RUN_STATE_KEY = 'makemore.lastRun';

/**
 * Bumped when RunState changes shape: an older saved state is then ignored, but for version 3
 * (before 0.3's renames: `sourceName` → `listName`, the started event's `source` → `listReading`),
 * which is read with its keys renamed.
 */
export const RUN_STATE_VERSION = 4;

/** At most this many evaluations are kept (each names its step, so fewer only coarsen the chart). */
export const MAX_SAVED_EVALS = 500;
/**
 * At most this many points of the learning-rate curve are kept: the finder's default 1000 steps
 * whole (the views read the steps done from the curve's length), a much longer one thinned.
 */
export const MAX_SAVED_CURVE = 5000;
/** An embedding table larger than this (a huge vocabulary) is not kept. */
export const MAX_SAVED_EMBEDDING = 65_536;

interface SavedRunState {
  version: number;
  state: RunState;
}

function pick<T>(values: readonly T[], indices: readonly number[]): T[] {
  return indices.map((i) => values[i]!);
}

/** What is saved of `state`: a bounded, JSON-ready copy. */
export function savedRunState(state: RunState): SavedRunState {
  const copy: RunState = JSON.parse(JSON.stringify(state));
  const evalIndices = thinIndices(copy.evals.length, MAX_SAVED_EVALS);
  copy.evals = pick<Omit<TrainEvalEvent, 'type' | 'samples'>>(copy.evals, evalIndices);
  if (copy.embedding && copy.embedding.length > MAX_SAVED_EMBEDDING) copy.embedding = null;
  const lr = copy.lrFind;
  if (lr) {
    const indices = thinIndices(lr.learningRates.length, MAX_SAVED_CURVE);
    lr.learningRates = pick(lr.learningRates, indices);
    lr.losses = pick(lr.losses, indices);
    lr.smoothed = pick(lr.smoothed, indices);
  }
  return { version: RUN_STATE_VERSION, state: copy };
}

/** A version 3 state's keys as they are named now (plain JSON: a copy with the keys renamed). */
function renamedKeys(value: unknown, inStarted = false): unknown {
  if (Array.isArray(value)) return value.map((v) => renamedKeys(v));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k === 'sourceName' ? 'listName' : inStarted && k === 'source' ? 'listReading' : k,
      renamedKeys(v, k === 'started'),
    ]),
  );
}

/** The state saved in `memory`, if there is one of this version (or of version 3); else a fresh state. */
export function restoreRunState(memory: Pick<KeyValueStore, 'get'>): RunState {
  let saved = memory.get<unknown>(RUN_STATE_KEY);
  if (typeof saved !== 'object' || saved === null) return initialRunState();
  if ((saved as { version?: unknown }).version === 3) saved = { ...(renamedKeys(saved) as object), version: RUN_STATE_VERSION };
  const { version, state } = saved as Partial<SavedRunState>;
  if (version !== RUN_STATE_VERSION || typeof state !== 'object' || state === null || isJobRunning(state.status)) return initialRunState();
  return { ...initialRunState(), ...state };
}

/** Saves the hub's state after every event that leaves no job running. */
export function saveRunStateOnEnd(hub: RunHub, memory: KeyValueStore): { dispose(): void } {
  return hub.onEvent((_event, state) => {
    if (isJobRunning(state.status)) return;
    void Promise.resolve(memory.update(RUN_STATE_KEY, savedRunState(state))).catch((e: unknown) => {
      console.error('Makemore: could not save the last run', e);
    });
  });
}
