/**
 * The run store: every run of every word list, kept — a training's (finished or stopped) and
 * each sweep result the user keeps — with an explicit active run per word list. No VS Code
 * here: it works on a StorageDir and a KeyValueStore (storage.ts), so its rules are unit-tested.
 *
 * Files (one flat directory, `globalStorageUri/runs/`):
 *
 *   <fileKey>.<runId>.makemore   the run's model (a checkpoint, core/checkpoint.ts)
 *   <fileKey>.<runId>.run.json   the run's record (shared/runRecord.ts RunRecord: configuration,
 *                                losses, curve, samples, date, duration…), written after its
 *                                model: a record is a stored run's last word
 *   <fileKey>.file.json          the word list's state: its active run, whether the user
 *                                chose it, and the settings its next runs use
 *   shared.<sha256>.<section>    a list's words (`trainingWords`) or their splits
 *                                (`wordSplits`), kept once per distinct content (named by its
 *                                SHA-256) and shared by every run that has it: a run's model
 *                                file keeps only what is its own (core/checkpoint.ts
 *                                `detachListSections`), and is put back whole when it is read
 *
 * `fileKey` is a hash of the word list's location (`fileKeyOf`): runs belong to a file (an untitled
 * document's runs to that document while it is open; the same file reached another way finds its
 * runs again: runs/runs.ts `keyOf`). Every write goes through a temporary name and a rename
 * (storage.ts writeWhole).
 *
 * Rules:
 * - A new run becomes active when its file has none, when it was trained on another text than
 *   the active run (the list was edited: losses on different data do not compare), or when its
 *   dev loss is lower than the active run's. Otherwise the active run stays: a worse run, or a
 *   stopped one, never replaces a better model (`verdictFor`); nor does a run that is not below
 *   the bigram baseline on dev or test (core/honesty.ts), whatever the active run is.
 * - The user may make any run active (`setActive`); it stays active until a better run comes.
 * - The newest `runsPerFile` runs of a file are kept, and the active run however old it is;
 *   older ones are removed when a run is stored.
 * - The active run is deleted only once another is chosen in its place (`delete`'s
 *   `replacement`); the only run of a file may be deleted (the file then has no model).
 * - A record or state that cannot be read is reported in `problems` and skipped (a state: the
 *   file's best run is active); its model, if readable, still counts as a run, restored from
 *   the model's header (so does a model whose record was never written: a save cut short).
 *   Nothing is deleted that was not asked to be.
 * - Models stored before runs were kept (`models/<docKey>-<textKey>.makemore`) become runs of
 *   their file (`migrateLegacy`), their file name and text hash kept.
 * - Storage stays small: a list's text is stored once per distinct content, whatever the number of
 *   its runs. A shared file is removed when no run needs it any more (a run deleted or evicted).
 *   Runs stored whole (before 0.3) load as they are; the first run stored for their list moves
 *   their texts into shared files (model first rewritten, then its record: a run is never without
 *   its text).
 * - A stored run is read back before `save` resolves: its files give back the very bytes of the
 *   model that was trained — checked where it was made, in the job worker (core/modelCheck.ts
 *   `encodeCheckedModel`: it decodes and samples). A save that fails removes what it wrote: the
 *   caller still holds the model (runs.ts writes it elsewhere).
 */
import {
  apartSectionsOf,
  attachListSections,
  CHECKPOINT_EXTENSION,
  decodeCheckpoint,
  detachListSections,
  readCheckpointHeader,
  sha256Hex,
  type Checkpoint,
  type CheckpointHeader,
} from '../../core/checkpoint';
import { errorMessage } from '../../core/errors';
import { belowBaseline } from '../../core/honesty';
import { countParams } from '../../core/model';
import { checkReadBack } from '../../core/modelCheck';
import type { SweepSetting } from '../../core/sweepPlan';
import {
  RUN_RECORD_FORMAT,
  RUN_RECORD_VERSION,
  type FileRuns,
  type ListSettings,
  type ListStorage,
  type RunCurve,
  type RunOrigin,
  type RunRecord,
} from '../../shared/runRecord';
import { writeWhole, type KeyValueStore, type StorageDir } from './storage';

export const DEFAULT_RUNS_PER_FILE = 20;
const KEY_DIGITS = 16;
const RUN_SUFFIX = '.run.json';
const FILE_SUFFIX = '.file.json';
const FILE_STATE_FORMAT = 'makemore-file';
/** The word list whose model was used last: the model of documents that have none. */
const RECENT_FILE_KEY = 'makemore.recentFile';
/** What the store before runs remembered: the recent model's file name. */
export const LEGACY_RECENT_KEY = 'makemore.recentModel';

const RUN_FILE = /^([0-9a-f]{16})\.(\d{8}-\d{6}-[0-9a-z]{4,})\.(run\.json|makemore)$/;
const STATE_FILE = /^([0-9a-f]{16})\.file\.json$/;
const LEGACY_FILE = /^([0-9a-f]{16})-([0-9a-f]{16})\.makemore$/;
const SHARED_FILE = /^shared\.[0-9a-f]{64}\.(trainingWords|wordSplits)$/;

/** The key of a word list's runs: 16 hex digits of the SHA-256 of its URI (the store before runs used the same). */
export function fileKeyOf(documentUri: string): string {
  return sha256Hex(documentUri).slice(0, KEY_DIGITS);
}

/** A run id for a run that ended at `createdAt`: "20261128-140211-a3f9" (UTC), with `suffix` or 4 random characters. */
export function runIdFor(createdAt: string, suffix?: string): string {
  const date = new Date(createdAt);
  const iso = (Number.isNaN(date.getTime()) ? new Date() : date).toISOString();
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}-${iso.slice(11, 19).replaceAll(':', '')}`;
  return `${stamp}-${suffix ?? Math.random().toString(36).slice(2, 6).padEnd(4, '0')}`;
}

export const modelFile = (fileKey: string, runId: string): string => `${fileKey}.${runId}${CHECKPOINT_EXTENSION}`;
export const recordFile = (fileKey: string, runId: string): string => `${fileKey}.${runId}${RUN_SUFFIX}`;
export const stateFile = (fileKey: string): string => `${fileKey}${FILE_SUFFIX}`;
/** The file of a list section kept once per distinct content (see the top). */
export const sharedFile = (section: { name: string; sha256: string }): string => `shared.${section.sha256}.${section.name}`;

/** A word list's state, as its `.file.json` holds it. */
export interface FileState {
  format: typeof FILE_STATE_FORMAT;
  version: 1;
  fileKey: string;
  document: string | null;
  fileName: string;
  /** The active run (null: the file's best run, or none). */
  active: string | null;
  /** The user chose the active run. */
  chosen: boolean;
  settings: ListSettings;
}

export interface StoreProblem {
  /** The file that could not be read. */
  file: string;
  message: string;
}

/** A word list's runs and its state. */
export interface FileGroup {
  fileKey: string;
  /** The name of its newest run's file (or its state's). */
  fileName: string;
  document: string | null;
  /** Newest first. */
  runs: RunRecord[];
  /** The active run (undefined: no runs). */
  active: RunRecord | undefined;
  chosen: boolean;
  settings: ListSettings;
}

/** A word list's runs as the Runs view shows them (null: none); `currentTextSha256`: its text now, when open; `storage`: what they take on disk. */
export function fileRunsOf(group: FileGroup, currentTextSha256: string | null, storage?: ListStorage): FileRuns | null {
  if (group.runs.length === 0) return null;
  return {
    fileKey: group.fileKey,
    fileName: group.fileName,
    document: group.document,
    active: group.active?.id ?? null,
    chosen: group.chosen,
    settings: group.settings,
    runs: group.runs,
    currentTextSha256,
    ...(storage ? { storage } : {}),
  };
}

/**
 * What happened to the active model when a run was stored: the run became it (a file's first run,
 * a better one, one on an edited text), or it stayed (the run is not better, or — whatever it is
 * compared with — not below the bigram baseline: core/honesty.ts `belowBaseline`).
 */
export type VerdictKind = 'first' | 'better' | 'newText' | 'notBetter' | 'belowBaseline';

export interface Verdict {
  kind: VerdictKind;
  /** The file's active run now. */
  active: RunRecord;
  /** The active run before (undefined for a file's first run). */
  previous: RunRecord | undefined;
}

/** Whether a new run becomes its file's active model: see the rules above. */
export function verdictFor(run: RunRecord, active: RunRecord | undefined): Verdict {
  if (!active) return { kind: 'first', active: run, previous: undefined };
  if (belowBaseline(run.losses, run.bigram).length > 0) return { kind: 'belowBaseline', active, previous: active };
  if (active.textSha256 !== run.textSha256) return { kind: 'newText', active: run, previous: active };
  const dev = (r: RunRecord): number => r.losses.dev ?? Infinity;
  if (dev(run) < dev(active)) return { kind: 'better', active: run, previous: active };
  return { kind: 'notBetter', active, previous: active };
}

/** Whether the run stored is now its file's active model. */
export function becameActive(verdict: Pick<Verdict, 'kind'>): boolean {
  return verdict.kind !== 'notBetter' && verdict.kind !== 'belowBaseline';
}

/** The active run when none is recorded: the lowest dev loss among the runs on the newest run's text (the newest on ties). */
export function defaultActive(runs: readonly RunRecord[]): RunRecord | undefined {
  const newest = [...runs].sort(byNewest)[0];
  if (!newest) return undefined;
  const candidates = runs.filter((r) => r.textSha256 === newest.textSha256);
  const dev = (r: RunRecord): number => r.losses.dev ?? Infinity;
  return candidates.sort((a, b) => dev(a) - dev(b) || byNewest(a, b))[0];
}

/**
 * The runs to remove: all but the newest `keep`, the active run (which may be older) and the run
 * just saved (`saved`: a sweep's best kept later than runs trained after the sweep is dated older).
 */
export function runsToEvict(runs: readonly RunRecord[], active: string | null, keep: number, saved?: string): RunRecord[] {
  const newestFirst = [...runs].sort(byNewest);
  const kept = new Set(newestFirst.slice(0, Math.max(1, keep)).map((r) => r.id));
  if (active) kept.add(active);
  if (saved) kept.add(saved);
  return newestFirst.filter((r) => !kept.has(r.id));
}

function byNewest(a: RunRecord, b: RunRecord): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/** The user tried to delete the active run without choosing another first. */
export class ActiveRunError extends Error {
  constructor(readonly run: RunRecord) {
    super('This run is the active model of its file: choose another run to use first, then delete it.');
    this.name = 'ActiveRunError';
  }
}

/** A run to store: its model's bytes and what the host knows of the run. */
export interface NewRun {
  /** The word list's key (`fileKeyOf` its URI; an untitled document's own: runs/runs.ts `keyOf`). */
  fileKey: string;
  /** The word list's URI. */
  document: string;
  /** The word list's name as shown. */
  fileName: string;
  /** The model (a checkpoint file's bytes). */
  bytes: Uint8Array;
  origin: Exclude<RunOrigin, 'restored'>;
  setting?: SweepSetting;
  curve: RunCurve;
  samples: string[];
}

export interface SaveResult {
  run: RunRecord;
  verdict: Verdict;
  /** Runs removed to keep the file within `runsPerFile`. */
  evicted: RunRecord[];
}

export interface RunStoreOptions {
  /** How many runs to keep per file (`makemore.models.runsPerFile`). */
  runsPerFile(): number;
}

/** A record of a run, from its model's header and what the host adds. */
export function recordOf(
  header: CheckpointHeader,
  run: {
    id: string;
    fileKey: string;
    document: string | null;
    fileName: string;
    origin: RunOrigin;
    setting?: SweepSetting;
    curve: RunCurve;
    samples: string[];
    shared?: string[];
  },
): RunRecord {
  return {
    format: RUN_RECORD_FORMAT,
    version: RUN_RECORD_VERSION,
    id: run.id,
    fileKey: run.fileKey,
    document: run.document,
    fileName: run.fileName,
    textSha256: header.source.sha256,
    words: header.source.words,
    source: header.source,
    createdAt: header.createdAt,
    origin: run.origin,
    ...(run.setting ? { setting: run.setting } : {}),
    config: header.config,
    vocabulary: header.vocabulary,
    paramCount: countParams(header.model),
    ...header.run,
    losses: header.losses,
    bigram: header.bigram,
    samples: run.samples,
    curve: run.curve,
    ...(run.shared?.length ? { shared: run.shared } : {}),
  };
}

const EMPTY_CURVE: RunCurve = { trainStep: [], train: [], devStep: [], dev: [] };

/**
 * The record of a run known only from its model file (a model of an earlier version, or a record
 * lost): what the checkpoint's header holds, no curve and no samples.
 */
function restoredRecord(header: CheckpointHeader, fileKey: string, id: string, shared?: string[]): RunRecord {
  return recordOf(header, {
    id,
    fileKey,
    document: null,
    fileName: header.source.name,
    origin: 'restored',
    curve: EMPTY_CURVE,
    samples: [],
    ...(shared ? { shared } : {}),
  });
}

/** Checks a parsed record's shape (the fields every view reads). */
function checkRecord(value: unknown, fileKey: string, runId: string): RunRecord {
  const r = value as Partial<RunRecord> | null;
  if (typeof r !== 'object' || r === null || r.format !== RUN_RECORD_FORMAT) throw new Error('not a Makemore run record');
  if (typeof r.version !== 'number' || r.version > RUN_RECORD_VERSION)
    throw new Error(`written by a newer Makemore (run record version ${String(r.version)}); update Makemore`);
  if (r.id !== runId || r.fileKey !== fileKey) throw new Error('its name and its contents disagree');
  const ok =
    typeof r.createdAt === 'string' &&
    typeof r.fileName === 'string' &&
    typeof r.textSha256 === 'string' &&
    typeof r.config === 'object' &&
    r.config !== null &&
    typeof r.losses === 'object' &&
    r.losses !== null &&
    typeof r.curve === 'object' &&
    r.curve !== null &&
    Array.isArray(r.curve.trainStep) &&
    Array.isArray(r.curve.train) &&
    Array.isArray(r.curve.devStep) &&
    Array.isArray(r.curve.dev);
  if (
    !ok ||
    (r.shared !== undefined && !(Array.isArray(r.shared) && r.shared.every((f) => typeof f === 'string' && SHARED_FILE.test(f))))
  ) {
    throw new Error('a field is missing or of the wrong kind');
  }
  return r as RunRecord;
}

function checkState(value: unknown, fileKey: string): FileState {
  const s = value as Partial<FileState> | null;
  if (typeof s !== 'object' || s === null || s.format !== FILE_STATE_FORMAT || s.fileKey !== fileKey)
    throw new Error('not a Makemore file state');
  if (s.active !== null && typeof s.active !== 'string') throw new Error('its active run is not a run id');
  const settings = typeof s.settings === 'object' && s.settings !== null ? s.settings : {};
  return {
    format: FILE_STATE_FORMAT,
    version: 1,
    fileKey,
    document: s.document ?? null,
    fileName: s.fileName ?? '',
    active: s.active ?? null,
    chosen: s.chosen === true,
    settings,
  };
}

/**
 * SHA-256 (hex) of a shared text, with Web Crypto where the host has it (the desktop's Node and
 * the browser's, native: a 30 MB list's text in milliseconds, not the seconds of the pure
 * JavaScript hash core/checkpoint.ts must use to stay synchronous), else that one.
 */
async function hashOf(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
const decode = (bytes: Uint8Array): unknown => JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));

export class RunStore {
  /** Records by file name: they change only when their texts move to the shared files. */
  private readonly records = new Map<string, RunRecord>();
  /** The shared files each model (by file name) needs, as its header says. */
  private readonly shared = new Map<string, string[]>();
  /** Store operations that write, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: StorageDir,
    private readonly memory: KeyValueStore,
    private readonly options: RunStoreOptions = { runsPerFile: () => DEFAULT_RUNS_PER_FILE },
  ) {}

  /**
   * Stores a run (its list's shared texts, its model, then its record), reads it back, decides the
   * active run, and evicts beyond `runsPerFile`. Throws — having removed what it wrote — when a
   * write or the read-back fails.
   */
  save(newRun: NewRun): Promise<SaveResult> {
    return this.serial(async () => {
      const header = readCheckpointHeader(newRun.bytes);
      const { fileKey } = newRun;
      await this.dir.ensure();
      const names = new Set(await this.dir.list());
      let id = runIdFor(header.createdAt);
      while (names.has(recordFile(fileKey, id)) || names.has(modelFile(fileKey, id))) id = runIdFor(header.createdAt);
      const group = await this.readGroup(fileKey, [...names]);
      const run = await this.writeRun(newRun.bytes, names, (shared) =>
        recordOf(header, {
          id,
          fileKey,
          document: newRun.document,
          fileName: newRun.fileName,
          origin: newRun.origin,
          setting: newRun.setting,
          curve: newRun.curve,
          samples: newRun.samples,
          shared,
        }),
      );

      const verdict = verdictFor(run, group.active);
      const replaced = becameActive(verdict);
      const state: FileState = {
        format: FILE_STATE_FORMAT,
        version: 1,
        fileKey,
        document: newRun.document,
        fileName: newRun.fileName,
        active: verdict.active.id,
        chosen: replaced ? false : group.chosen,
        settings: group.settings,
      };
      await this.writeState(state);
      const evicted = runsToEvict([run, ...group.runs], state.active, this.options.runsPerFile(), run.id);
      for (const old of evicted) await this.removeRun(old);
      // The list's runs stored whole by an earlier version: their texts move to the shared files.
      await this.moveTextsApart(group.runs.filter((r) => !evicted.includes(r)));
      if (evicted.length > 0) await this.removeUnusedShared();
      await this.memory.update(RECENT_FILE_KEY, fileKey);
      return { run, verdict, evicted };
    });
  }

  /**
   * What a list's runs take on disk: each run's own files, and the shared texts its runs need,
   * counted once. A file that cannot be measured counts as 0.
   */
  async storage(group: FileGroup): Promise<ListStorage> {
    const size = (name: string): Promise<number> => this.dir.size(name).catch(() => 0);
    const runs: Record<string, number> = {};
    const shared = new Set<string>();
    for (const run of group.runs) {
      runs[run.id] = (await size(modelFile(run.fileKey, run.id))) + (await size(recordFile(run.fileKey, run.id)));
      for (const f of await this.sharedOf(run).catch(() => [])) shared.add(f);
    }
    let sharedBytes = 0;
    for (const f of shared) sharedBytes += await size(f);
    const own = Object.values(runs).reduce((a, b) => a + b, 0);
    return { runs, shared: sharedBytes, total: own + sharedBytes };
  }

  /** Records that the list of `fileKey` is now at `document` (reached another way: runs.ts keyOf), so its next runs and lookups say so. */
  relocate(fileKey: string, document: string, fileName: string): Promise<void> {
    return this.serial(async () => {
      const group = await this.readGroup(fileKey, await this.dir.list());
      if (group.document === document) return;
      await this.writeState({ ...this.stateOf(group), document, fileName: fileName || group.fileName });
    });
  }

  /** Whether the store has anything of the list `fileKey` (runs, or a state with its settings). */
  async knows(fileKey: string): Promise<boolean> {
    return (await this.dir.list()).some((name) => name.startsWith(`${fileKey}.`));
  }

  /** Every word list's runs, the most recently used first, and what could not be read. */
  async files(): Promise<{ groups: FileGroup[]; problems: StoreProblem[] }> {
    const names = await this.dir.list();
    const keys = new Set<string>();
    for (const name of names) {
      const key = RUN_FILE.exec(name)?.[1] ?? STATE_FILE.exec(name)?.[1];
      if (key) keys.add(key);
    }
    const problems: StoreProblem[] = [];
    const groups: FileGroup[] = [];
    for (const key of keys) {
      const group = await this.readGroup(key, names, problems);
      if (group.runs.length > 0) groups.push(group);
    }
    const recent = this.memory.get<string>(RECENT_FILE_KEY);
    groups.sort((a, b) => Number(b.fileKey === recent) - Number(a.fileKey === recent) || byNewest(a.runs[0]!, b.runs[0]!));
    return { groups, problems };
  }

  /** One word list's runs and state. */
  async file(fileKey: string): Promise<{ group: FileGroup; problems: StoreProblem[] }> {
    const problems: StoreProblem[] = [];
    const group = await this.readGroup(fileKey, await this.dir.list(), problems);
    return { group, problems };
  }

  /** Word lists whose runs were trained on a text with this hash (newest run first). */
  async filesWithText(textSha256: string): Promise<FileGroup[]> {
    const { groups } = await this.files();
    return groups.filter((g) => g.runs.some((r) => r.textSha256 === textSha256));
  }

  /** The word list whose model was used last (stored, chosen or inserted from). */
  recentFile(): string | undefined {
    return this.memory.get<string>(RECENT_FILE_KEY);
  }

  async rememberFile(fileKey: string): Promise<void> {
    if (this.memory.get<string>(RECENT_FILE_KEY) !== fileKey) await this.memory.update(RECENT_FILE_KEY, fileKey);
  }

  /** Makes `runId` the active run of its file: the user chose it. */
  setActive(fileKey: string, runId: string): Promise<RunRecord> {
    return this.serial(async () => {
      const group = await this.readGroup(fileKey, await this.dir.list());
      const run = group.runs.find((r) => r.id === runId);
      if (!run) throw new Error('That run is no longer stored (it may have been deleted in another window).');
      await this.writeState({ ...this.stateOf(group), active: run.id, chosen: true });
      await this.memory.update(RECENT_FILE_KEY, fileKey);
      return run;
    });
  }

  /**
   * Deletes a run (its record, then its model). The active run needs `replacement`, another run
   * of the file that becomes active first — unless it is the file's only run.
   */
  delete(fileKey: string, runId: string, replacement?: string): Promise<void> {
    return this.serial(async () => {
      const group = await this.readGroup(fileKey, await this.dir.list());
      const run = group.runs.find((r) => r.id === runId);
      if (!run) return;
      const others = group.runs.filter((r) => r.id !== runId);
      if (group.active?.id === runId) {
        if (others.length > 0) {
          const next = others.find((r) => r.id === replacement);
          if (!next) throw new ActiveRunError(run);
          await this.writeState({ ...this.stateOf(group), active: next.id, chosen: true });
        } else {
          await this.writeState({ ...this.stateOf(group), active: null, chosen: false });
        }
      }
      await this.removeRun(run);
      await this.removeUnusedShared();
    });
  }

  /** The settings a file's next runs use over the user's and the workspace's. */
  async settings(fileKey: string): Promise<ListSettings> {
    return (await this.file(fileKey)).group.settings;
  }

  /** Sets (or, with undefined values, clears) settings of a file's next runs; `document`/`fileName` name a file without runs yet. */
  setSettings(fileKey: string, settings: ListSettings, file: { document: string | null; fileName: string }): Promise<ListSettings> {
    return this.serial(async () => {
      const group = await this.readGroup(fileKey, await this.dir.list());
      const merged: ListSettings = { ...group.settings, ...settings };
      for (const key of Object.keys(merged) as (keyof ListSettings)[]) if (merged[key] === undefined) delete merged[key];
      const state = this.stateOf(group);
      await this.writeState({
        ...state,
        document: state.document ?? file.document,
        fileName: state.fileName || file.fileName,
        settings: merged,
      });
      return merged;
    });
  }

  /** A run's model, whole (its list's shared texts put back): a checkpoint's bytes, to send to the worker, which decodes it. */
  async modelBytes(run: Pick<RunRecord, 'fileKey' | 'id'>): Promise<Uint8Array> {
    return attachListSections(await this.dir.read(modelFile(run.fileKey, run.id)), (section) => this.readShared(section));
  }

  /** Reads and checks a run's whole model. Throws CheckpointError for a bad file. */
  async loadModel(run: Pick<RunRecord, 'fileKey' | 'id'>): Promise<Checkpoint> {
    return decodeCheckpoint(await this.modelBytes(run));
  }

  /**
   * Turns the models of the store before runs (`<docKey>-<textKey>.makemore` in `legacy`) into
   * runs of their files, then removes them; an unreadable one is reported and left where it is.
   * Safe to repeat (a model already moved is not copied twice).
   */
  migrateLegacy(legacy: StorageDir): Promise<{ migrated: RunRecord[]; problems: StoreProblem[] }> {
    return this.serial(async () => {
      const names = (await legacy.list()).filter((n) => n.endsWith(CHECKPOINT_EXTENSION));
      const migrated: RunRecord[] = [];
      const problems: StoreProblem[] = [];
      if (names.length === 0) return { migrated, problems };
      await this.dir.ensure();
      const existing = new Set(await this.dir.list());
      const recentLegacy = this.memory.get<string>(LEGACY_RECENT_KEY);
      for (const name of names) {
        try {
          const bytes = await legacy.read(name);
          const header = readCheckpointHeader(bytes);
          const match = LEGACY_FILE.exec(name);
          const fileKey = match?.[1] ?? fileKeyOf(`legacy:${name}`);
          const id = runIdFor(header.createdAt, (match?.[2] ?? sha256Hex(name)).slice(0, 4));
          let run = restoredRecord(header, fileKey, id);
          if (!existing.has(recordFile(fileKey, id))) {
            decodeCheckpoint(bytes); // the whole model must read before it becomes a run
            run = await this.writeRun(bytes, existing, (shared) => ({ ...run, ...(shared.length ? { shared } : {}) }));
          }
          await legacy.delete(name);
          migrated.push(run);
          if (name === recentLegacy) await this.memory.update(RECENT_FILE_KEY, fileKey);
        } catch (e) {
          problems.push({ file: name, message: errorMessage(e) });
        }
      }
      if (recentLegacy && !(await legacy.list()).includes(recentLegacy)) await this.memory.update(LEGACY_RECENT_KEY, undefined);
      return { migrated, problems };
    });
  }

  // ---------------------------------------------------------------- internals

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private stateOf(group: FileGroup): FileState {
    return {
      format: FILE_STATE_FORMAT,
      version: 1,
      fileKey: group.fileKey,
      document: group.document,
      fileName: group.fileName,
      active: group.active?.id ?? null,
      chosen: group.chosen,
      settings: group.settings,
    };
  }

  private async writeState(state: FileState): Promise<void> {
    await this.dir.ensure();
    await writeWhole(this.dir, stateFile(state.fileKey), encode(state));
  }

  private async removeRun(run: RunRecord): Promise<void> {
    const record = recordFile(run.fileKey, run.id);
    await this.dir.delete(record).catch(() => undefined);
    this.records.delete(record);
    await this.dir.delete(modelFile(run.fileKey, run.id));
    this.shared.delete(modelFile(run.fileKey, run.id));
  }

  /**
   * Writes a run: its list's texts to the shared files (those not there yet), its model without
   * them, then its record (`recordFor` the shared files' names); then reads it all back and
   * checks it gives `bytes` again. On failure, removes the run's files and the shared files no run
   * needs, and throws.
   */
  private async writeRun(bytes: Uint8Array, names: ReadonlySet<string>, recordFor: (shared: string[]) => RunRecord): Promise<RunRecord> {
    const { model, sections } = await detachListSections(bytes, hashOf);
    const shared = sections.map(sharedFile);
    const run = recordFor(shared);
    const files = [modelFile(run.fileKey, run.id), recordFile(run.fileKey, run.id)];
    try {
      for (const [i, section] of sections.entries()) if (!names.has(shared[i]!)) await writeWhole(this.dir, shared[i]!, section.bytes);
      await writeWhole(this.dir, files[0]!, model);
      await writeWhole(this.dir, files[1]!, encode(run));
      try {
        checkReadBack(await this.modelBytes(run), bytes);
      } catch {
        // A shared text that was there already but does not read back as it should: written anew.
        for (const [i, section] of sections.entries()) await writeWhole(this.dir, shared[i]!, section.bytes);
        checkReadBack(await this.modelBytes(run), bytes);
      }
      checkRecord(decode(await this.dir.read(files[1]!)), run.fileKey, run.id);
    } catch (e) {
      // What this save wrote goes: the run's files, then the shared texts no run needs (one it wrote).
      for (const f of files) await this.dir.delete(f).catch(() => undefined);
      await this.removeUnusedShared().catch(() => undefined);
      throw e;
    }
    this.records.set(files[1]!, run);
    this.shared.set(files[0]!, shared);
    return run;
  }

  /** A shared text by its name and hash, checked against its hash. */
  private async readShared(section: { name: string; sha256: string }): Promise<Uint8Array> {
    const bytes = await this.dir.read(sharedFile(section)).catch((e: unknown) => {
      throw new Error(
        `its list's ${section.name === 'wordSplits' ? 'splits' : 'words'} (${sharedFile(section)}) cannot be read: ${errorMessage(e)}`,
        { cause: e },
      );
    });
    if ((await hashOf(bytes)) !== section.sha256)
      throw new Error(`its list's shared file ${sharedFile(section)} is corrupt (its checksum does not match)`);
    return bytes;
  }

  /** The shared files a run needs: its record's list, or (a record that does not say) its model's header. */
  private async sharedOf(run: RunRecord): Promise<string[]> {
    if (run.shared) return run.shared;
    const model = modelFile(run.fileKey, run.id);
    let known = this.shared.get(model);
    if (!known) {
      known = apartSectionsOf(readCheckpointHeader(await this.dir.read(model))).map(sharedFile);
      this.shared.set(model, known);
    }
    return known;
  }

  /** Removes the shared files no stored run needs (a run whose needs cannot be read keeps them all). */
  private async removeUnusedShared(): Promise<void> {
    const names = await this.dir.list();
    const candidates = names.filter((n) => SHARED_FILE.test(n));
    if (candidates.length === 0) return;
    const needed = new Set<string>();
    const keys = new Set(names.map((n) => RUN_FILE.exec(n)?.[1]).filter((k): k is string => k !== undefined));
    for (const key of keys) {
      const problems: StoreProblem[] = [];
      const group = await this.readGroup(key, names, problems);
      // A model that cannot be read may need any of them.
      if (problems.some((p) => p.file.endsWith(CHECKPOINT_EXTENSION))) return;
      for (const run of group.runs) {
        try {
          for (const f of await this.sharedOf(run)) needed.add(f);
        } catch {
          return;
        }
      }
    }
    for (const name of candidates) if (!needed.has(name)) await this.dir.delete(name).catch(() => undefined);
  }

  /**
   * Moves the texts of runs stored whole (an earlier version's) into the shared files: the model
   * is rewritten without them, then its record says which shared files it needs. A run that cannot
   * be moved stays whole (it loads as it is).
   */
  private async moveTextsApart(runs: readonly RunRecord[]): Promise<void> {
    for (const run of runs) {
      if (run.shared) continue;
      try {
        const model = modelFile(run.fileKey, run.id);
        const bytes = await this.dir.read(model);
        const { model: own, sections } = await detachListSections(bytes, hashOf);
        if (sections.length === 0) continue;
        const names = new Set(await this.dir.list());
        const shared = sections.map(sharedFile);
        // The texts first, each read back, before the model gives them up.
        for (const [i, section] of sections.entries()) {
          const ok =
            names.has(shared[i]!) &&
            (await this.readShared(section).then(
              () => true,
              () => false,
            ));
          if (ok) continue;
          await writeWhole(this.dir, shared[i]!, section.bytes);
          await this.readShared(section);
        }
        await writeWhole(this.dir, model, own);
        this.shared.set(model, shared);
        // Its record, if it was read (not one restored from the model), says so too.
        const record = recordFile(run.fileKey, run.id);
        if (this.records.get(record) === run) {
          const moved = { ...run, shared };
          await writeWhole(this.dir, record, encode(moved));
          this.records.set(record, moved);
        }
      } catch {
        // Left as it is: a run stored whole still loads.
      }
    }
  }

  /** A file's runs (records, and models whose record is missing), its state and its active run. */
  private async readGroup(fileKey: string, names: readonly string[], problems: StoreProblem[] = []): Promise<FileGroup> {
    const runs: RunRecord[] = [];
    const ids = new Map<string, { record: boolean; model: boolean }>();
    for (const name of names) {
      const m = RUN_FILE.exec(name);
      if (!m || m[1] !== fileKey) continue;
      const entry = ids.get(m[2]!) ?? { record: false, model: false };
      if (m[3] === 'makemore') entry.model = true;
      else entry.record = true;
      ids.set(m[2]!, entry);
    }
    for (const [id, { record, model }] of ids) {
      if (record) {
        try {
          if (!model) throw new Error('its model file is missing');
          runs.push(await this.readRecord(fileKey, id));
          continue;
        } catch (e) {
          problems.push({ file: recordFile(fileKey, id), message: errorMessage(e) });
        }
      }
      // No record (a save cut short), or an unreadable one: the model's header still tells the run.
      if (!model) continue;
      try {
        runs.push(await this.restoreFromModel(fileKey, id));
      } catch (e) {
        problems.push({ file: modelFile(fileKey, id), message: errorMessage(e) });
      }
    }
    runs.sort(byNewest);
    let state: FileState | undefined;
    if (names.includes(stateFile(fileKey))) {
      try {
        state = checkState(decode(await this.dir.read(stateFile(fileKey))), fileKey);
      } catch (e) {
        problems.push({ file: stateFile(fileKey), message: errorMessage(e) });
      }
    }
    const recorded = state?.active ? runs.find((r) => r.id === state.active) : undefined;
    const active = recorded ?? defaultActive(runs);
    const newest = runs[0];
    return {
      fileKey,
      fileName: newest?.fileName ?? state?.fileName ?? '',
      // The state's: where the list was last stored from or found (`relocate`).
      document: state?.document ?? newest?.document ?? null,
      runs,
      active,
      chosen: recorded !== undefined && state?.chosen === true,
      settings: state?.settings ?? {},
    };
  }

  private async readRecord(fileKey: string, id: string): Promise<RunRecord> {
    const name = recordFile(fileKey, id);
    const cached = this.records.get(name);
    if (cached) return cached;
    const record = checkRecord(decode(await this.dir.read(name)), fileKey, id);
    this.records.set(name, record);
    return record;
  }

  /** A run whose save was cut short before its record: what its model's header says. */
  private async restoreFromModel(fileKey: string, id: string): Promise<RunRecord> {
    const name = modelFile(fileKey, id);
    const cached = this.records.get(name);
    if (cached) return cached;
    const header = readCheckpointHeader(await this.dir.read(name));
    const shared = apartSectionsOf(header).map(sharedFile);
    const run = restoredRecord(header, fileKey, id, shared);
    this.records.set(name, run);
    return run;
  }
}
