/**
 * Jobs cut short by a window reload or a crash: the journal of the running job, in the workspace
 * state, so the next start can say so — "the training of cities.txt was interrupted at step 189
 * of 2,500" — and a long training run keeps its best model so far.
 *
 * - When a job starts, the journal notes it (its kind, its list, where it is), and notes how far
 *   it got as it goes (at most every two seconds); when it ends (finished, stopped, failed), the note is removed. A
 *   note still there at activation is a job that never ended: it is reported once, then removed.
 *   The extension shutting down (a reload) ends the job without removing the note.
 * - A training run posts its best model so far past its first minute, at most once a minute
 *   (worker/runTraining.ts, shared/messages.ts CheckpointMessage). The journal keeps it as a
 *   stopped run of the list through the run store's own API (runs/runs.ts `save`, `delete`),
 *   replacing the one before; the run's own model replaces it when the run ends. Its losses are
 *   not measured (null), so it never becomes the active model over a measured run of the same text;
 *   on a list's first run, or on a changed text, it does, as any run would.
 */
import { errorMessage } from '../../core/errors';
import { formatCount } from '../../shared/format';
import { PROGRESS_EVENTS, jobProgress } from '../../shared/jobProgress';
import { JOBS, type RunJobKind } from '../../shared/jobKinds';
import type { CheckpointMessage } from '../../shared/messages';
import { runCurve, runShortLabel } from '../../shared/runRecord';
import type { NewRun, RunStore, SaveResult } from '../runs/runStore';
import type { KeyValueStore } from '../runs/storage';
import type { RunHub } from './runHub';

export const JOURNAL_KEY = 'makemore.jobInProgress';

/** How often, at most, the journal notes how far the job got (and at once when it starts taking steps). */
const NOTE_EVERY_MS = 2000;

/** A job under way, as the journal notes it. */
export interface JournalEntry {
  job: RunJobKind;
  /** The word list's name, the key of its runs and its document's URI (null: not open when the job started). */
  list: string;
  listKey: string;
  document: string | null;
  /** How far it got, as the progress says it: "step 189 of 2,500", "run 2 of 6". */
  position: string;
  /** A long training run's best model so far, kept as a stopped run. */
  kept?: { runId: string; keptStep: number; step: number; label: string; replacement: string | null };
}

function isEntry(x: unknown): x is JournalEntry {
  if (typeof x !== 'object' || x === null) return false;
  const e = x as Partial<JournalEntry>;
  return (
    typeof e.job === 'string' &&
    Object.hasOwn(JOBS, e.job) &&
    typeof e.list === 'string' &&
    typeof e.listKey === 'string' &&
    typeof e.position === 'string'
  );
}

/** What the journal needs of the runs (runs/runs.ts `Runs`, by document URI): no VS Code API here, so it is tested without one. */
export interface JournalRuns {
  store: Pick<RunStore, 'file'>;
  /** Stores a run of the document at `document` (a URI). */
  save(document: string, run: Omit<NewRun, 'fileKey' | 'document'>): Promise<SaveResult>;
  delete(fileKey: string, runId: string, replacement?: string): Promise<void>;
  /** The URI of the open document whose runs have this key. */
  documentOf(fileKey: string): Promise<string | undefined>;
}

export interface JobJournalDeps {
  memory: KeyValueStore;
  hub: RunHub;
  runs: JournalRuns;
  log: { info(message: string): void; warn(message: string): void };
}

export class JobJournal {
  private entry: JournalEntry | undefined;
  /** Notes how far the job got as its progress comes (`stopNoting` ends it). */
  private noting: { dispose(): void } | undefined;
  private notedAt = 0;
  /** Store operations for the job's checkpoints, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The extension is shutting down: the job it ends is cut short, its note stays. */
  private shuttingDown = false;

  constructor(private readonly deps: JobJournalDeps) {}

  /** The job a previous session left unfinished, if any (forgotten once read). */
  takeInterrupted(): JournalEntry | undefined {
    const saved = this.deps.memory.get<unknown>(JOURNAL_KEY);
    if (saved === undefined) return undefined;
    void Promise.resolve(this.deps.memory.update(JOURNAL_KEY, undefined)).catch(() => undefined);
    return isEntry(saved) ? saved : undefined;
  }

  /** A job starts on the list `list` (the key of its runs: `listKey`). */
  async begin(job: RunJobKind, list: string, listKey: string | undefined): Promise<void> {
    this.stopNoting();
    if (!listKey) {
      this.entry = undefined;
      return;
    }
    const document = (await this.deps.runs.documentOf(listKey)) ?? null;
    this.entry = { job, list, listKey, document, position: 'its start' };
    this.write();
    this.noting = this.deps.hub.onEvent((event) => {
      const started = event.type === 'trainStarted' || event.type === 'sweepStarted' || event.type === 'lrFindStarted';
      if (started || PROGRESS_EVENTS.has(event.type)) this.note(started);
    });
  }

  /** Whether the job that just ended was cut short by the extension shutting down (its note then stays). */
  get cutShort(): boolean {
    return this.shuttingDown;
  }

  /**
   * The job ended. `withModel`: it made its own model, which is about to be stored — the
   * best model so far kept on the way is removed first, so the run's own takes its place (as
   * the active model too, where it was).
   */
  async end(withModel: boolean): Promise<void> {
    if (this.shuttingDown) return;
    this.stopNoting();
    const entry = this.entry;
    this.entry = undefined;
    if (withModel && entry?.kept) await this.serial(() => this.discard(entry));
    await Promise.resolve(this.deps.memory.update(JOURNAL_KEY, undefined)).catch(() => undefined);
  }

  /** A training run's best model so far: kept as a stopped run of its list, in place of the one before. */
  keep(checkpoint: CheckpointMessage): void {
    const entry = this.entry;
    const document = entry?.document;
    if (!entry || entry.job !== 'train' || !document) return;
    const state = this.deps.hub.state;
    const curve = runCurve(state.history, state.evals);
    const samples = state.samples;
    void this.serial(async () => {
      if (this.entry !== entry) return;
      try {
        const replacement = entry.kept ? await this.discard(entry) : null;
        const { run, verdict } = await this.deps.runs.save(document, {
          fileName: entry.list,
          bytes: checkpoint.bytes,
          origin: 'train',
          curve,
          samples,
        });
        entry.kept = {
          runId: run.id,
          keptStep: checkpoint.keptStep,
          step: checkpoint.step,
          label: runShortLabel(run),
          replacement: replacement ?? verdict.previous?.id ?? null,
        };
        entry.position = jobProgress(this.deps.hub.state).position;
        this.write();
        this.deps.log.info(
          `Training on ${entry.list}: kept the best model so far (step ${formatCount(checkpoint.keptStep)} of the ${formatCount(checkpoint.step)} done) as a stopped run, in case the run is cut short.`,
        );
      } catch (e) {
        this.deps.log.warn(`Training on ${entry.list}: could not keep the best model so far: ${errorMessage(e)}`);
      }
    });
  }

  /** Resolves once the checkpoints handed to `keep` so far are stored (or have failed to be). */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  dispose(): void {
    this.shuttingDown = true;
    this.stopNoting();
  }

  /** Removes the kept model of `entry`; resolves to the run that was active before it (for the next one). */
  private async discard(entry: JournalEntry): Promise<string | null> {
    const kept = entry.kept;
    if (!kept) return null;
    entry.kept = undefined;
    const { group } = await this.deps.runs.store.file(entry.listKey);
    const isActive = group.active?.id === kept.runId;
    const replacement = kept.replacement && group.runs.some((r) => r.id === kept.replacement) ? kept.replacement : undefined;
    await this.deps.runs.delete(entry.listKey, kept.runId, isActive ? replacement : undefined);
    return kept.replacement;
  }

  private note(now: boolean): void {
    const entry = this.entry;
    if (!entry || (!now && performance.now() - this.notedAt < NOTE_EVERY_MS)) return;
    const position = jobProgress(this.deps.hub.state).position;
    if (position === entry.position) return;
    entry.position = position;
    this.notedAt = performance.now();
    this.write();
  }

  private write(): void {
    const entry = this.entry;
    if (!entry) return;
    void Promise.resolve(this.deps.memory.update(JOURNAL_KEY, { ...entry })).catch((e: unknown) =>
      this.deps.log.warn(`Could not note the running job: ${errorMessage(e)}`),
    );
  }

  private stopNoting(): void {
    this.noting?.dispose();
    this.noting = undefined;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

/** "the training of cities.txt was interrupted at step 189 of 2,500", and what was kept. */
export function interruptedText(entry: JournalEntry): string {
  const what =
    entry.job === 'train' ? 'the training of' : entry.job === 'sweep' ? 'the hyperparameter sweep on' : 'the learning-rate search on';
  const kept = entry.kept
    ? ` Its best model so far (step ${formatCount(entry.kept.keptStep)}) was kept as a stopped run (${entry.kept.label}).`
    : entry.job === 'train'
      ? ' No model was kept (a run keeps its best model so far only past its first minute).'
      : '';
  return `Makemore: ${what} ${entry.list} was interrupted at ${entry.position} (the window was reloaded or closed, or the extension host stopped).${kept}`;
}
