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

/** The key the controls of a view were remembered under before they were per list. */
export const legacyControlsKey = (kind: WebviewKind): string => `makemore.generate.controls.${kind}`;
export const controlsKey = (kind: WebviewKind): string => `makemore.generate.controls.${kind}.byList`;

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
