/**
 * The runs as the rest of the extension uses them — and the one answer to "which model?":
 *
 *   `Runs.active(document)` is the model every consumer uses and names for a document: the
 *   sidebar, the panel (its header and samples), the status bar, Insert Sampled Name, and
 *   generation. It is, in this order:
 *     1. the active run of the document's own word list (`reason: 'ownList'`);
 *     2. else the active run of a word list trained on exactly this text — an untitled list
 *        saved under a name, a renamed file (`'sameText'`);
 *     3. else the active run of the word list whose model was used last (`'recent'`).
 *   `onDidChangeActive` fires whenever that answer may have changed (a run stored, chosen,
 *   deleted; the migration). Callers re-ask for their document.
 *
 * Which runs are a document's (`keyOf`): a file's, by its location (its URI without a remote
 * host's port: listLocation.ts), and found again when the same file is reached another way —
 * another port, a moved or renamed workspace folder (listLocation.ts `findListAgain`); an
 * untitled document's, its own while it is open — VS Code reuses "Untitled-1" for the next new
 * document, which must not inherit another list's runs. A key is made for an untitled document
 * when it is first trained; closing it keeps the key with its text, so the same document coming
 * back (a language change, a window reload restoring it) finds its runs again, and a new document
 * with other text does not.
 *
 * A run the store cannot take (a full disk, no permission…) is not lost: `save` writes the model
 * where it can (the extension's storage, the workspace's, the list's folder) and its error says
 * where.
 *
 * Also here: the store under `globalStorageUri/runs` (runStore.ts) with `makemore.models.runsPerFile`,
 * the migration of the models stored before runs were kept (`globalStorageUri/models`), the
 * `makemore.hasModel` context key, unreadable files reported once (log and a warning), and a
 * small cache of loaded models.
 */
import * as vscode from 'vscode';
import { CHECKPOINT_EXTENSION, sha256Hex, type Checkpoint } from '../../core/checkpoint';
import { errorMessage } from '../../core/errors';
import { checkReadBack } from '../../core/modelCheck';
import {
  activeModelLabel,
  runLabel,
  type ActiveModelLabel,
  type FileRuns,
  type ListSettings,
  type ModelReason,
  type RunRecord,
} from '../../shared/runRecord';
import { log } from '../log';
import { findListAgain, knownListOf, locationOf } from './listLocation';
import {
  DEFAULT_RUNS_PER_FILE,
  RunStore,
  fileKeyOf,
  fileRunsOf,
  type FileGroup,
  type NewRun,
  type SaveResult,
  type StoreProblem,
} from './runStore';
import { storageDir } from './storageDir';
import { documentSha256 } from './textHash';

export const HAS_MODEL_CONTEXT = 'makemore.hasModel';
export const MODELS_SECTION = 'makemore.models';
export const RUNS_PER_FILE = 'runsPerFile';

/** The active model for a document: its run, how views name it (`info`), and its weights on demand. */
export interface ActiveModelHandle {
  run: RunRecord;
  info: ActiveModelLabel;
  /** Reads the model (cached for the last few runs). Throws CheckpointError for a bad file. */
  load(): Promise<Checkpoint>;
  /** The model file's bytes as stored (for the worker: the batched generator decodes them there). */
  bytes(): Promise<Uint8Array>;
}

/** What `onDidChangeActive` reports: the word list whose active run may have changed (undefined: any). */
export interface ActiveChange {
  fileKey: string | undefined;
}

/** How a document is named in messages and runs ("names.txt", "lists/cities.txt", "Untitled-1"). */
export function documentName(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

const CACHED_MODELS = 3;

/** A run the store could not take; its model was written to `keptAt` (undefined: nowhere would take it). */
export class RunNotStoredError extends Error {
  constructor(
    cause: string,
    readonly keptAt: vscode.Uri | undefined,
  ) {
    super(
      keptAt
        ? `${cause.replace(/\.$/, '')}. The model was saved to ${keptAt.scheme === 'file' ? keptAt.fsPath : keptAt.toString(true)} instead (the makemore CLI reads it).`
        : `${cause.replace(/\.$/, '')}, and no other place would take the model either.`,
    );
    this.name = 'RunNotStoredError';
  }
}

export class Runs implements vscode.Disposable {
  readonly store: RunStore;
  /** Where the runs are stored (`globalStorageUri/runs`). */
  readonly dir: vscode.Uri;
  private readonly legacyDir: vscode.Uri;
  private readonly reported = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly activeChanged = new vscode.EventEmitter<ActiveChange>();
  /** Fires when runs are stored, deleted or chosen, or a file's settings change. */
  readonly onDidChange = this.changed.event;
  /** Lookups of `active` under way, by document and version; a change makes them stale (cleared before any listener asks again). */
  private readonly lookups = new Map<string, Promise<ActiveModelHandle | undefined>>();
  /** Fires when the active model of a word list (and so of the documents that use it) may have changed. */
  readonly onDidChangeActive = this.activeChanged.event;
  private readonly models = new Map<string, Promise<Checkpoint>>();
  private ready: Promise<void> = Promise.resolve();
  /** The keys of open untitled documents that have runs, by URI. */
  private readonly untitled = new Map<string, string>();
  /** Keys of closed untitled documents, with the hash of the text they had: found again if it comes back. */
  private readonly closedUntitled = new Map<string, { key: string; sha: string }>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Each file's key as `keyOf` found it, by URI (forgotten whenever the runs change). */
  private readonly fileKeys = new Map<string, Promise<string>>();
  /** Where a model the store cannot take is written instead, in this order. */
  private readonly asideDirs: vscode.Uri[];

  constructor(context: vscode.ExtensionContext) {
    const runsPerFile = (): number => {
      const n = vscode.workspace.getConfiguration(MODELS_SECTION).get<number>(RUNS_PER_FILE);
      return typeof n === 'number' && Number.isInteger(n) && n >= 1 ? n : DEFAULT_RUNS_PER_FILE;
    };
    this.dir = vscode.Uri.joinPath(context.globalStorageUri, 'runs');
    this.store = new RunStore(storageDir(this.dir), context.globalState, { runsPerFile });
    this.legacyDir = vscode.Uri.joinPath(context.globalStorageUri, 'models');
    this.asideDirs = [
      vscode.Uri.joinPath(context.globalStorageUri, 'unsaved'),
      ...(context.storageUri ? [vscode.Uri.joinPath(context.storageUri, 'unsaved')] : []),
    ];
    this.subscriptions.push(
      // First of the change's listeners: those after it (the views) ask again and get a fresh answer.
      this.changed.event(() => {
        this.lookups.clear();
        this.fileKeys.clear();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const uri = d.uri.toString();
        const key = this.untitled.get(uri);
        if (!key) return;
        this.untitled.delete(uri);
        this.closedUntitled.set(uri, { key, sha: sha256Hex(d.getText()) });
      }),
      vscode.workspace.onDidOpenTextDocument((d) => {
        const uri = d.uri.toString();
        const closed = this.closedUntitled.get(uri);
        if (!closed) return;
        this.closedUntitled.delete(uri);
        if (closed.sha === sha256Hex(d.getText())) this.untitled.set(uri, closed.key);
      }),
    );
  }

  /**
   * The key of a document's runs: a file's `fileKeyOf` its URI; an untitled document's own, or
   * undefined before it has runs — unless `create`, which makes one (or finds, for an untitled
   * document restored by a window reload, the runs of its URI trained on its very text).
   */
  async keyOf(uri: vscode.Uri, create = false): Promise<string | undefined> {
    if (uri.scheme !== 'untitled') {
      const id = uri.toString();
      let key = this.fileKeys.get(id);
      if (!key) {
        key = this.fileKeyOf(uri);
        key.catch(() => this.fileKeys.delete(id));
        this.fileKeys.set(id, key);
      }
      return key;
    }
    const id = uri.toString();
    const known = this.untitled.get(id);
    if (known) return known;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
    if (document) {
      const sha = await documentSha256(document);
      // A store that cannot be read (not a folder, no access) has no runs to restore from.
      const groups = await this.store.files().then(
        (f) => f.groups,
        (e: unknown) => (log().warn(`Could not read the run store: ${errorMessage(e)}`), []),
      );
      const restored = groups.find(
        (g) => g.document === id && g.runs.some((r) => r.textSha256 === sha) && ![...this.untitled.values()].includes(g.fileKey),
      );
      if (restored) {
        this.untitled.set(id, restored.fileKey);
        return restored.fileKey;
      }
    }
    if (!create) return undefined;
    const key = fileKeyOf(`${id}#${Date.now()}-${Math.random()}`);
    this.untitled.set(id, key);
    return key;
  }

  /**
   * A file's key: the one its runs are stored under — by its URI (as earlier versions keyed it) or
   * its location (listLocation.ts) — or, when neither has any, the key of the list it is reached
   * another way (found again: told where it is now), or a new one by its location.
   */
  private async fileKeyOf(uri: vscode.Uri): Promise<string> {
    const id = uri.toString();
    const direct = fileKeyOf(id);
    const located = fileKeyOf(locationOf(id));
    try {
      return await this.findFileKey(uri, direct, located);
    } catch (e) {
      // A store that cannot be read (not a folder, no access) does not stop a job: the list's own
      // key, and the store's problem is said where a run is stored (or not).
      log().warn(`Could not look for the runs of ${documentName(uri)} in the run store: ${errorMessage(e)}`);
      return located;
    }
  }

  /** The key the runs of `uri` are stored under: its own, or where they were before it moved. */
  private async findFileKey(uri: vscode.Uri, direct: string, located: string): Promise<string> {
    const id = uri.toString();
    if (await this.store.knows(direct)) return direct;
    if (located !== direct && (await this.store.knows(located))) return located;
    const { groups } = await this.store.files();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
    const lists = groups.map(knownListOf);
    const exists = async (d: string): Promise<boolean> => {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.parse(d));
        return true;
      } catch {
        return false;
      }
    };
    const found = await findListAgain(
      lists,
      { uri: id, fileName: documentName(uri), ...(open ? { textSha256: await documentSha256(open) } : {}) },
      exists,
    );
    if (!found) return located;
    log().info(
      `Found the runs of ${documentName(uri)} again, stored when it was at ${groups.find((g) => g.fileKey === found)?.document ?? 'another place'}.`,
    );
    await this.store.relocate(found, id, documentName(uri));
    return found;
  }

  /** Migrates the models stored before runs were kept, reports unreadable files, sets the context key. Never throws. */
  init(): Promise<void> {
    this.ready = (async () => {
      try {
        const { migrated, problems } = await this.store.migrateLegacy(storageDir(this.legacyDir));
        if (migrated.length > 0)
          log().info(
            `Kept ${migrated.length} model${migrated.length === 1 ? '' : 's'} stored by an earlier version as runs of their files.`,
          );
        this.report(problems);
        if (migrated.length > 0) this.fire(undefined);
      } catch (e) {
        log().error(`Could not move the models of an earlier version into runs: ${errorMessage(e)}`);
      }
      await this.refresh();
    })();
    return this.ready;
  }

  /** Updates the context key and reports unreadable files. Never throws. */
  async refresh(): Promise<void> {
    try {
      const { groups, problems } = await this.store.files();
      this.report(problems);
      await vscode.commands.executeCommand('setContext', HAS_MODEL_CONTEXT, groups.length > 0);
    } catch (e) {
      log().error(`Could not read the stored runs: ${errorMessage(e)}`);
    }
  }

  /**
   * THE model for `target` (a document, or a document's URI; none: the recent word list's) —
   * see the top of this file. Undefined when no run is stored.
   *
   * The views, the status bar and the generation targets all ask at once when the editor
   * changes: they share one lookup (which may hash the document's text and read every list's
   * state) while it runs, for the same document at the same version.
   */
  active(target?: vscode.TextDocument | vscode.Uri): Promise<ActiveModelHandle | undefined> {
    const document = target instanceof vscode.Uri ? undefined : target;
    const key = `${target instanceof vscode.Uri ? target.toString() : (target?.uri.toString() ?? '')}@${document?.version ?? ''}`;
    const pending = this.lookups.get(key);
    if (pending) return pending;
    const lookup: Promise<ActiveModelHandle | undefined> = this.lookUp(target).finally(() => {
      if (this.lookups.get(key) === lookup) this.lookups.delete(key);
    });
    this.lookups.set(key, lookup);
    return lookup;
  }

  private async lookUp(target?: vscode.TextDocument | vscode.Uri): Promise<ActiveModelHandle | undefined> {
    await this.ready;
    const uri = target instanceof vscode.Uri ? target : target?.uri;
    const document =
      target instanceof vscode.Uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString()) : target;
    const forName = uri ? documentName(uri) : null;
    const pick = (group: FileGroup | undefined, reason: ModelReason): ActiveModelHandle | undefined => {
      if (!group?.active) return undefined;
      const run = group.active;
      return {
        run,
        info: activeModelLabel(run, group.chosen, reason, reason === 'ownList' ? null : forName),
        load: () => this.loadModel(run),
        bytes: () => this.store.modelBytes(run),
      };
    };
    const key = uri ? await this.keyOf(uri) : undefined;
    if (key) {
      const { group, problems } = await this.store.file(key);
      this.report(problems);
      const own = pick(group, 'ownList');
      if (own) return own;
    }
    if (document) {
      const [sameText] = await this.store.filesWithText(await documentSha256(document));
      const found = pick(sameText, 'sameText');
      if (found) return found;
    }
    const recent = this.store.recentFile();
    const fromRecent = recent ? pick((await this.store.file(recent)).group, 'recent') : undefined;
    if (fromRecent) return fromRecent;
    // The remembered word list has no runs any more: the most recently stored run's.
    const { groups } = await this.store.files();
    return pick(groups[0], 'recent');
  }

  /**
   * Stores a run of the document at `document`; its verdict says whether it became its file's
   * active model. Throws RunNotStoredError when the store cannot take it, having written the
   * model elsewhere if any place would take it (see the top).
   */
  async save(document: vscode.Uri, run: Omit<NewRun, 'fileKey' | 'document'>): Promise<SaveResult> {
    await this.ready;
    let result: SaveResult;
    try {
      const fileKey = (await this.keyOf(document, true))!;
      result = await this.store.save({ ...run, fileKey, document: document.toString() });
    } catch (e) {
      const keptAt = await this.keepAside(document, run.fileName, run.bytes);
      log().error(
        `Could not store the run of ${run.fileName}: ${errorMessage(e)}${keptAt ? `; its model was saved to ${keptAt.toString(true)}` : ''}`,
      );
      throw new RunNotStoredError(errorMessage(e), keptAt);
    }
    await vscode.commands.executeCommand('setContext', HAS_MODEL_CONTEXT, true);
    for (const old of result.evicted) this.models.delete(old.id);
    if (result.evicted.length > 0)
      log().info(
        `Removed ${result.evicted.length} older run${result.evicted.length === 1 ? '' : 's'} of ${run.fileName} (makemore.models.runsPerFile).`,
      );
    this.fire(result.run.fileKey);
    return result;
  }

  /**
   * Writes a model the store could not take to the first place that takes it: the extension's
   * storage, the workspace's, then the word list's own folder. Read back before it counts.
   */
  private async keepAside(document: vscode.Uri, fileName: string, bytes: Uint8Array): Promise<vscode.Uri | undefined> {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const base = (fileName.split(/[\\/]/).pop() ?? 'model').replace(/\.[^.]*$/, '') || 'model';
    const name = `${base}-${stamp}${CHECKPOINT_EXTENSION}`;
    const places = [...this.asideDirs, ...(document.scheme === 'untitled' ? [] : [vscode.Uri.joinPath(document, '..')])];
    const fs = vscode.workspace.fs;
    for (const dir of places) {
      const uri = vscode.Uri.joinPath(dir, name);
      try {
        await fs.createDirectory(dir);
        await fs.writeFile(uri, bytes);
        checkReadBack(await fs.readFile(uri), bytes);
        return uri;
      } catch {
        await fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
      }
    }
    return undefined;
  }

  /** Makes a run its file's active model (the user's choice). */
  async setActive(fileKey: string, runId: string): Promise<RunRecord> {
    const run = await this.store.setActive(fileKey, runId);
    log().info(`The active model of ${run.fileName} is now ${runLabel(run)} (chosen).`);
    this.fire(fileKey);
    return run;
  }

  /** Deletes a run (the active one only with a replacement: runStore.ts). */
  async delete(fileKey: string, runId: string, replacement?: string): Promise<void> {
    await this.store.delete(fileKey, runId, replacement);
    this.models.delete(runId);
    this.fire(fileKey);
    await this.refresh();
  }

  /** The word list the last-used model belongs to: remembered when a model is used for another document. */
  async used(model: ActiveModelHandle): Promise<void> {
    await this.store.rememberFile(model.run.fileKey);
    this.lookups.clear();
  }

  /** The settings the next runs on `uri`'s word list use over the user's and workspace's. */
  async settings(uri: vscode.Uri): Promise<ListSettings> {
    await this.ready;
    const key = await this.keyOf(uri);
    return key ? this.store.settings(key) : {};
  }

  async setSettings(uri: vscode.Uri, settings: ListSettings): Promise<ListSettings> {
    const key = (await this.keyOf(uri, true))!;
    const merged = await this.store.setSettings(key, settings, { document: uri.toString(), fileName: documentName(uri) });
    this.changed.fire();
    return merged;
  }

  async clearSettings(fileKey: string): Promise<void> {
    const { group } = await this.store.file(fileKey);
    await this.store.setSettings(fileKey, { learningRate: undefined }, { document: group.document, fileName: group.fileName });
    this.changed.fire();
  }

  /** A word list's runs for the Runs view (null: none); the list's document, when open, marks runs on another text. */
  async fileRuns(fileKey: string): Promise<FileRuns | null> {
    await this.ready;
    const document = await this.openDocument(fileKey);
    const { group, problems } = await this.store.file(fileKey);
    this.report(problems);
    return fileRunsOf(group, document ? await documentSha256(document) : null, await this.store.storage(group));
  }

  /** Shows a warning for each unreadable file, once per session. */
  report(problems: readonly StoreProblem[]): void {
    for (const p of problems) {
      if (this.reported.has(p.file)) continue;
      this.reported.add(p.file);
      log().warn(`Skipped the stored file ${p.file}: ${p.message}`);
      void vscode.window.showWarningMessage(`Makemore skipped the stored file ${p.file}: ${p.message}`);
    }
  }

  dispose(): void {
    this.changed.dispose();
    this.activeChanged.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  /** The open document whose runs have this key, if any. */
  async openDocument(fileKey: string): Promise<vscode.TextDocument | undefined> {
    for (const d of vscode.workspace.textDocuments) if ((await this.keyOf(d.uri)) === fileKey) return d;
    return undefined;
  }

  private loadModel(run: RunRecord): Promise<Checkpoint> {
    let model = this.models.get(run.id);
    if (!model) {
      model = this.store.loadModel(run);
      model.catch(() => this.models.delete(run.id));
      this.models.set(run.id, model);
      while (this.models.size > CACHED_MODELS) this.models.delete(this.models.keys().next().value!);
    }
    return model;
  }

  private fire(fileKey: string | undefined): void {
    this.changed.fire();
    this.activeChanged.fire({ fileKey });
  }
}
