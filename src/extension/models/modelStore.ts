/**
 * The trained models, one checkpoint file (core/checkpoint.ts) each, in the extension's global
 * storage, so they survive window reloads and restarts.
 *
 * A model's key is the document it was trained on and the text it was trained on: its file is
 * named `<SHA-256 of the document URI>-<SHA-256 of the text>.makemore` (16 hex digits of each),
 * so training the same text again replaces the model and an edited text gets a new one. A file
 * is written under a temporary name and then renamed, so a crash never leaves half a model. The
 * most recently trained (or selected) model is remembered across sessions.
 *
 * The store works on a `StorageDir` (the VS Code implementation is workspaceStorage.ts) so that
 * its logic is tested without VS Code. A file that cannot be read as a model is reported in
 * `problems` and skipped; it never stops the others from loading.
 */
import { CHECKPOINT_EXTENSION, decodeCheckpoint, readCheckpointHeader, sha256Hex, type Checkpoint, type CheckpointHeader } from '../../core/checkpoint';
import { errorMessage } from '../../core/errors';

/** A flat directory of files, by name. */
export interface StorageDir {
  /** Creates the directory if it does not exist. */
  ensure(): Promise<void>;
  /** Names of the files in it (none if it does not exist). */
  list(): Promise<string[]>;
  read(name: string): Promise<Uint8Array>;
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Renames `from` to `to`, replacing `to`. */
  rename(from: string, to: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** Where the store remembers the recent model (`ExtensionContext.globalState` fits). */
export interface KeyValueStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void>;
}

export interface StoredModel {
  file: string;
  header: CheckpointHeader;
}

export interface StoreProblem {
  file: string;
  message: string;
}

export interface ModelListing {
  /** Newest first. */
  models: StoredModel[];
  problems: StoreProblem[];
}

const RECENT_KEY = 'makemore.recentModel';
const TEMP_SUFFIX = '.tmp';
const KEY_DIGITS = 16;

/** The part of a model's file name that names its document. */
export function documentKey(documentUri: string): string {
  return sha256Hex(documentUri).slice(0, KEY_DIGITS);
}

/**
 * Writes `file` in `dir` whole or not at all: under a temporary name first, then renamed over
 * the old one (so a crash never leaves half a file). Models and favourites are written so.
 */
export async function writeWhole(dir: StorageDir, file: string, bytes: Uint8Array): Promise<void> {
  await dir.ensure();
  const temp = `${file}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}${TEMP_SUFFIX}`;
  try {
    await dir.write(temp, bytes);
    await dir.rename(temp, file);
  } catch (e) {
    await dir.delete(temp).catch(() => undefined);
    throw e;
  }
}

/** The document key of a model's file name (see modelFileName): which document it was trained on. */
export function documentKeyOf(file: string): string {
  return file.slice(0, KEY_DIGITS);
}

/** The file name of the model of `documentUri` trained on text with SHA-256 `textSha256`. */
export function modelFileName(documentUri: string, textSha256: string): string {
  return `${documentKey(documentUri)}-${textSha256.slice(0, KEY_DIGITS)}${CHECKPOINT_EXTENSION}`;
}

export class ModelStore {
  constructor(
    private readonly dir: StorageDir,
    private readonly memory: KeyValueStore,
  ) {}

  /** Stores a model (atomically) and makes it the recent one. */
  async save(documentUri: string, bytes: Uint8Array): Promise<StoredModel> {
    const header = readCheckpointHeader(bytes);
    const file = modelFileName(documentUri, header.source.sha256);
    await writeWhole(this.dir, file, bytes);
    await this.memory.update(RECENT_KEY, file);
    return { file, header };
  }

  /** Every readable model, newest first, and the files that could not be read. */
  async list(): Promise<ModelListing> {
    const names = (await this.dir.list()).filter((n) => n.endsWith(CHECKPOINT_EXTENSION));
    return this.readHeaders(names);
  }

  /** Whether any model file exists (cheap: headers are not read). */
  async hasModels(): Promise<boolean> {
    return (await this.dir.list()).some((n) => n.endsWith(CHECKPOINT_EXTENSION));
  }

  /**
   * The model of a document: the one trained on this very text if there is one, else the newest
   * one trained on an earlier version of the document.
   */
  async modelFor(documentUri: string, textSha256: string): Promise<StoredModel | undefined> {
    const exact = modelFileName(documentUri, textSha256);
    const prefix = `${documentKey(documentUri)}-`;
    const names = (await this.dir.list()).filter((n) => n.startsWith(prefix) && n.endsWith(CHECKPOINT_EXTENSION));
    const { models } = await this.readHeaders(names);
    return models.find((m) => m.file === exact) ?? models[0];
  }

  /** The recently trained or selected model, else the newest one. */
  async recent(): Promise<StoredModel | undefined> {
    const { models } = await this.list();
    const remembered = this.memory.get<string>(RECENT_KEY);
    return models.find((m) => m.file === remembered) ?? models[0];
  }

  /** Makes `file` the recent model. */
  async select(file: string): Promise<void> {
    await this.memory.update(RECENT_KEY, file);
  }

  /** Reads and checks a whole model. Throws CheckpointError for a bad file. */
  async load(file: string): Promise<Checkpoint> {
    return decodeCheckpoint(await this.read(file));
  }

  /** A model file's bytes, unchecked (decodeCheckpoint checks them). */
  async read(file: string): Promise<Uint8Array> {
    return this.dir.read(file);
  }

  async delete(file: string): Promise<void> {
    await this.dir.delete(file);
    if (this.memory.get<string>(RECENT_KEY) === file) await this.memory.update(RECENT_KEY, undefined);
  }

  private async readHeaders(names: string[]): Promise<ModelListing> {
    const models: StoredModel[] = [];
    const problems: StoreProblem[] = [];
    for (const file of names) {
      try {
        models.push({ file, header: readCheckpointHeader(await this.dir.read(file)) });
      } catch (e) {
        problems.push({ file, message: errorMessage(e) });
      }
    }
    models.sort((a, b) => b.header.createdAt.localeCompare(a.header.createdAt));
    return { models, problems };
  }
}
