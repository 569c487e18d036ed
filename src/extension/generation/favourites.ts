/**
 * Favourite names, per word list: the names a user starred in the Generate views, kept in the
 * extension's global storage (`globalStorageUri/favourites/<list key>.json`), so they survive
 * reloads, restarts and new models of the same list. The list key is the run store's `fileKey`
 * (runs/runStore.ts): it names the file the list is, whichever model it has now.
 *
 * Files are read and written through a `StorageDir` (vscode.workspace.fs in the extension: no
 * Node file system, so VS Code for the Web works too). A file is written under a temporary name
 * and renamed over the old one, as runs are (runs/storage.ts writeWhole; where a file system
 * cannot rename, storageDir.ts writes the final name instead: runs/moveFile.ts). A file that
 * cannot be read (or is of a newer version) is reported once and counts as empty; on the next
 * change it is moved aside (`<key>.json.unreadable`), never overwritten.
 * Changes to one list are applied one after another, so none is lost.
 */
import type { GeneratedName } from '../../core/generated';
import { errorMessage } from '../../core/errors';
import { writeWhole, type StorageDir } from '../runs/storage';

const VERSION = 1;
/** What `read` gives for a file that is there but cannot be read. */
const UNREADABLE = Symbol('unreadable');
/** Most favourites per list. */
export const MAX_FAVOURITES = 10_000;

interface FavouritesFile {
  version: number;
  /** The list's name when last written (for people reading the file). */
  list: string;
  names: GeneratedName[];
}

function isFavourite(n: unknown): n is GeneratedName {
  const r = n as Record<string, unknown> | null;
  return (
    typeof r === 'object' && r !== null && typeof r.name === 'string' && typeof r.tag === 'string' && typeof r.logProbPerChar === 'number'
  );
}

export class FavouritesStore {
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly reported = new Set<string>();

  /** `onProblem`: told once per file that cannot be read. */
  constructor(
    private readonly dir: StorageDir,
    private readonly onProblem: (message: string) => void = () => undefined,
  ) {}

  /** The favourites of list `key`, in the order they were starred. */
  list(key: string): Promise<GeneratedName[]> {
    // In the list's queue like a change: a read asked for before a star answers before it, never
    // after it with the list as it was (a view would show a favourite gone that is not).
    return this.queued(key, async () => {
      const names = await this.read(key);
      return names === UNREADABLE ? [] : names;
    });
  }

  /** Stars names (those already starred stay where they are); returns the list's favourites. */
  add(key: string, listName: string, names: readonly GeneratedName[]): Promise<GeneratedName[]> {
    return this.change(key, listName, (current) => {
      const have = new Set(current.map((n) => n.name));
      const added = names.filter((n) => !have.has(n.name) && have.add(n.name));
      return [...current, ...added].slice(0, MAX_FAVOURITES);
    });
  }

  /** Unstars names; returns the list's favourites. */
  remove(key: string, listName: string, names: readonly Pick<GeneratedName, 'name'>[]): Promise<GeneratedName[]> {
    const gone = new Set(names.map((n) => n.name));
    return this.change(key, listName, (current) => current.filter((n) => !gone.has(n.name)));
  }

  private change(key: string, listName: string, edit: (current: GeneratedName[]) => GeneratedName[]): Promise<GeneratedName[]> {
    return this.queued(key, async () => {
      const current = await this.read(key);
      if (current === UNREADABLE) await this.dir.rename(this.fileOf(key), `${this.fileOf(key)}.unreadable`);
      const names = edit(current === UNREADABLE ? [] : current);
      await this.write(key, { version: VERSION, list: listName, names });
      return names;
    });
  }

  /** Runs `work` after everything asked of list `key` before it (reads and changes alike). */
  private queued<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.queues.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    this.queues.set(key, run);
    void run
      .finally(() => {
        if (this.queues.get(key) === run) this.queues.delete(key);
      })
      .catch(() => undefined);
    return run;
  }

  private fileOf(key: string): string {
    if (!/^[0-9a-f]+$/.test(key)) throw new Error(`Not a word list's key: ${JSON.stringify(key)}`);
    return `${key}.json`;
  }

  private async read(key: string): Promise<GeneratedName[] | typeof UNREADABLE> {
    const file = this.fileOf(key);
    if (!(await this.dir.list()).includes(file)) return [];
    try {
      const parsed = JSON.parse(new TextDecoder().decode(await this.dir.read(file))) as Partial<FavouritesFile>;
      if (typeof parsed.version === 'number' && parsed.version > VERSION)
        throw new Error(`it was written by a newer version of Makemore (format ${parsed.version})`);
      if (!Array.isArray(parsed.names)) throw new Error('it holds no list of names');
      return parsed.names.filter(isFavourite).map(({ name, tag, logProbPerChar }) => ({ name, tag, logProbPerChar }));
    } catch (e) {
      if (!this.reported.has(file))
        this.onProblem(
          `The favourites file ${file} could not be read (${errorMessage(e)}); when favourites change, it is kept as ${file}.unreadable and a new one is started.`,
        );
      this.reported.add(file);
      return UNREADABLE;
    }
  }

  private async write(key: string, content: FavouritesFile): Promise<void> {
    const file = this.fileOf(key);
    await writeWhole(this.dir, file, new TextEncoder().encode(JSON.stringify(content, null, 1) + '\n'));
  }
}
