/**
 * Where the Generate views' controls are remembered: per workspace (its `workspaceState`), per
 * view (the panel's Generate tab, the sidebar's section) and per word list — a view closed and
 * opened again, or a new window on the workspace, gets them back, and each list its own:
 *
 * - how many names and how bold (count, creativity, top-k, new only, edits) follow the user from
 *   list to list;
 * - what is typed for a list's alphabet and lengths (shared/generateControls.ts LIST_CONTROLS:
 *   lengths, starts with, ends with, contains, excludes) stays with that list; a list without
 *   its own starts from none.
 *
 * The controls remembered per view before they were per list (`makemore.generate.controls.<view>`)
 * are moved on first use: their list part to the list whose model was used last (the one they
 * were most likely typed for), the rest shared. At most MAX_LISTS lists are kept per view (the
 * least recently changed go first).
 */
import { isGenerateControls, listControlsOf, type GenerateControls, type ListControls } from '../../shared/generateControls';
import type { WebviewKind } from '../../shared/webviewHtml';
import type { KeyValueStore } from '../runs/storage';
import { movedSettingsControls, type SettingsInspector } from '../settings';

/** The key the controls of a view were remembered under before they were per list. */
export const legacyControlsKey = (kind: WebviewKind): string => `makemore.generate.controls.${kind}`;
export const controlsKey = (kind: WebviewKind): string => `makemore.generate.controls.${kind}.byList`;
/** Which view saved controls last (Insert Sampled Name and Generate Names… take that view's). */
export const LATEST_VIEW_KEY = 'makemore.generate.controls.latestView';
const VIEWS: readonly WebviewKind[] = ['panel', 'sidebar'];

/** Lists whose controls are kept per view. */
export const MAX_LISTS = 50;

interface Saved {
  /** The last controls of the view (their list part is the last list's). */
  last: GenerateControls;
  /** Each list's own list controls, least recently changed first. */
  lists: Record<string, ListControls>;
}

function isSaved(x: unknown): x is Saved {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as Partial<Saved>;
  return isGenerateControls(s.last) && typeof s.lists === 'object' && s.lists !== null;
}

export class GenerateControlsStore {
  constructor(
    private readonly memory: KeyValueStore,
    /** The key of the list whose model was used last (where remembered controls of an earlier version go). */
    private readonly recentList: () => string | undefined,
  ) {}

  /**
   * The controls of view `kind` for list `key`: the view's last ones, with the list's own list
   * controls (none remembered for it: empty ones). Undefined when the view never saved any.
   */
  get(kind: WebviewKind, key: string | null): GenerateControls | undefined {
    const saved = this.read(kind);
    if (!saved) return undefined;
    const own = key === null ? undefined : saved.lists[key];
    const blank: ListControls = { minLength: '', maxLength: '', startsWith: '', endsWith: '', contains: '', excludes: '' };
    return { ...saved.last, ...(own ?? blank) };
  }

  /**
   * The controls for list `key` of the view whose controls changed last (the panel's or the
   * sidebar's): what Insert Sampled Name and Generate Names… take. Undefined when no view saved any.
   */
  latest(key: string | null): GenerateControls | undefined {
    const kind = this.memory.get<unknown>(LATEST_VIEW_KEY);
    const order = VIEWS.includes(kind as WebviewKind) ? [kind as WebviewKind, ...VIEWS.filter((v) => v !== kind)] : VIEWS;
    for (const view of order) {
      const controls = this.get(view, key);
      if (controls) return controls;
    }
    return undefined;
  }

  /** Whether any view has remembered controls (an earlier version's too). */
  isEmpty(): boolean {
    return VIEWS.every((view) => this.read(view) === undefined);
  }

  /**
   * Makes `controls` every view's (the list part that of the list whose model was used last):
   * the first controls of a workspace, from the settings of an earlier version.
   */
  async seed(controls: GenerateControls): Promise<void> {
    const recent = this.recentList();
    for (const view of VIEWS) {
      await this.memory.update(controlsKey(view), {
        last: controls,
        lists: recent ? { [recent]: listControlsOf(controls) } : {},
      } satisfies Saved);
    }
  }

  /** Remembers the controls view `kind` shows for list `key` (null: a list with no model, whose list controls are not kept). */
  async save(kind: WebviewKind, key: string | null, controls: GenerateControls): Promise<void> {
    const saved = this.read(kind) ?? { last: controls, lists: {} };
    const lists = { ...saved.lists };
    if (key !== null) {
      delete lists[key];
      lists[key] = listControlsOf(controls);
      const keys = Object.keys(lists);
      for (const old of keys.slice(0, Math.max(0, keys.length - MAX_LISTS))) delete lists[old];
    }
    await this.memory.update(controlsKey(kind), { last: controls, lists } satisfies Saved);
    if (this.memory.get<unknown>(LATEST_VIEW_KEY) !== kind) await this.memory.update(LATEST_VIEW_KEY, kind);
  }

  /** The saved controls of `kind`, after moving those of an earlier version. */
  private read(kind: WebviewKind): Saved | undefined {
    const saved = this.memory.get<unknown>(controlsKey(kind));
    if (isSaved(saved)) return saved;
    const legacy = this.memory.get<unknown>(legacyControlsKey(kind));
    if (!isGenerateControls(legacy)) return undefined;
    const recent = this.recentList();
    const moved: Saved = { last: legacy, lists: recent ? { [recent]: listControlsOf(legacy) } : {} };
    void Promise.resolve(this.memory.update(controlsKey(kind), moved)).then(() => this.memory.update(legacyControlsKey(kind), undefined));
    return moved;
  }
}

/**
 * Reads the `makemore.sampling.*` settings that became Generate controls (settings.ts
 * MOVED_SAMPLING_SETTINGS) once: when the user set any of them and the workspace has no Generate
 * controls yet, they become the controls, and `say` tells the user (one line). The settings
 * themselves are left as they are. Returns whether the controls were seeded.
 */
export async function readMovedSettingsOnce(
  store: GenerateControlsStore,
  settings: SettingsInspector,
  say: (line: string) => void,
): Promise<boolean> {
  if (!store.isEmpty()) return false;
  const moved = movedSettingsControls(settings);
  if (!moved) return false;
  await store.seed(moved.controls);
  const notTaken = moved.notTaken.length ? ` Not taken as they are: ${moved.notTaken.join('; ')}.` : '';
  say(
    `The settings ${moved.taken.join(', ') || '(none)'} are now the Generate view's controls, which Insert Sampled Name and Generate Names… take (change them in the Generate view; the settings stay in settings.json, no longer read).${notTaken}`,
  );
  return true;
}
