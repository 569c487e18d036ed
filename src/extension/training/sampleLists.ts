/**
 * `Makemore: Open a Sample List…` — the first minute without a list of one's own (above all in
 * VS Code for the Web, where nobody has a list at hand): ready lists to start from — first names,
 * last names, cities, streets, companies, countries in 32 languages, and a few more — made at
 * build time from @faker-js/faker's locale definitions (MIT; scripts/sampleLists.mjs) into one
 * asset, `dist/sample-lists.json`, read here with `workspace.fs` from the extension's folder (so
 * in every host). The list picked opens as an unsaved document named after it
 * ("german-first-names.txt"): the user's to edit, save, or train on at once (Train Now).
 */
import * as vscode from 'vscode';
import { errorMessage } from '../../core/errors';
import { formatCount } from '../../shared/format';
import { log } from '../log';

/** The asset, as scripts/sampleLists.mjs writes it. */
export const SAMPLE_LISTS_ASSET = ['dist', 'sample-lists.json'] as const;

export interface SampleList {
  /** "de/first-names". */
  id: string;
  /** "first names", "cities", "dog breeds". */
  kind: string;
  /** "German", "Portuguese (Brazil)". */
  language: string;
  /** faker's locale: "de", "pt_BR". */
  locale: string;
  /** The items, one per line. */
  items: string;
}

export interface SampleCatalogue {
  /** Where the lists come from: "@faker-js/faker 10.6.0 (MIT), locale definitions". */
  source: string;
  lists: SampleList[];
}

/** What Open a Sample List… opened (for the tests), or undefined when dismissed or failed. */
export interface OpenedSample {
  id: string;
  uri: vscode.Uri;
  items: number;
}

export const TRAIN_NOW = 'Train Now';

/** The kinds in the order the pick shows them; others follow, in the asset's order. */
const KIND_ORDER = ['first names', 'last names', 'cities', 'streets', 'companies', 'countries'];

function isCatalogue(value: unknown): value is SampleCatalogue {
  const c = value as Partial<SampleCatalogue> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.source === 'string' &&
    Array.isArray(c.lists) &&
    c.lists.every(
      (l: Partial<SampleList>) =>
        typeof l.id === 'string' && typeof l.kind === 'string' && typeof l.language === 'string' && typeof l.items === 'string',
    )
  );
}

export class SampleLists {
  private catalogue: Promise<SampleCatalogue> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** The lists (read once). */
  load(): Promise<SampleCatalogue> {
    this.catalogue ??= (async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, ...SAMPLE_LISTS_ASSET));
      const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
      if (!isCatalogue(value)) throw new Error(`${SAMPLE_LISTS_ASSET.join('/')} is not a list of sample lists.`);
      return value;
    })();
    this.catalogue.catch(() => (this.catalogue = undefined));
    return this.catalogue;
  }
}

/** "german-first-names.txt": the untitled document's name. */
export function sampleFileName(list: Pick<SampleList, 'language' | 'kind'>): string {
  const slug = `${list.language} ${list.kind}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug}.txt`;
}

/** Three items spread over the list: "Anna, Hedwig, Theo". */
function examples(items: readonly string[]): string {
  const picks = [0, 1, 2].map((k) => items[Math.floor(((k + 0.5) * items.length) / 3)]!);
  return picks.join(', ');
}

interface ListItem extends vscode.QuickPickItem {
  list?: SampleList;
}

function pickItems(catalogue: SampleCatalogue): ListItem[] {
  const rank = (kind: string): number => (KIND_ORDER.includes(kind) ? KIND_ORDER.indexOf(kind) : KIND_ORDER.length);
  const kinds = [...new Set(catalogue.lists.map((l) => l.kind))].sort((a, b) => rank(a) - rank(b));
  const out: ListItem[] = [];
  for (const kind of kinds) {
    out.push({ label: kind[0]!.toUpperCase() + kind.slice(1), kind: vscode.QuickPickItemKind.Separator });
    for (const list of catalogue.lists.filter((l) => l.kind === kind)) {
      const items = list.items.split('\n');
      out.push({ label: `${list.language} ${list.kind}`, description: `${formatCount(items.length)} · ${examples(items)}…`, list });
    }
  }
  return out;
}

/** A free untitled URI for `name` ("german-first-names.txt", else "german-first-names-2.txt"…). */
function untitledUri(name: string): vscode.Uri {
  const taken = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (let n = 1; ; n++) {
    const uri = vscode.Uri.from({ scheme: 'untitled', path: n === 1 ? name : name.replace(/\.txt$/, `-${n}.txt`) });
    if (!taken.has(uri.toString())) return uri;
  }
}

/**
 * Makemore: Open a Sample List… — a quick pick of the lists (or the list whose id is `arg`,
 * from a keybinding or a test), opened as an unsaved document; the message offers Train Now.
 */
export async function openSampleList(
  samples: SampleLists,
  train: (uri: vscode.Uri) => unknown,
  arg?: unknown,
): Promise<OpenedSample | undefined> {
  let catalogue: SampleCatalogue;
  try {
    catalogue = await samples.load();
  } catch (e) {
    log().error(`Could not read the sample lists: ${errorMessage(e)}`);
    void vscode.window.showErrorMessage(`Makemore could not read its sample lists: ${errorMessage(e)}`);
    return undefined;
  }
  let list: SampleList | undefined;
  if (typeof arg === 'string') {
    list = catalogue.lists.find((l) => l.id === arg);
    if (!list) {
      void vscode.window.showErrorMessage(`Makemore has no sample list "${arg}".`);
      return undefined;
    }
  } else {
    const languages = new Set(catalogue.lists.map((l) => l.locale)).size;
    const picked = await vscode.window.showQuickPick(pickItems(catalogue), {
      title: `Makemore: open a sample list (${catalogue.lists.length} lists in ${languages} languages, from faker)`,
      placeHolder: 'Type a language or a kind: German first names, Japanese cities, companies…',
      matchOnDescription: true,
    });
    list = picked?.list;
  }
  if (!list) return undefined;
  const uri = untitledUri(sampleFileName(list));
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), `${list.items}\n`);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  const count = list.items.split('\n').length;
  log().info(`Opened the sample list ${list.id} (${count} items) as ${uri.path}.`);
  void vscode.window
    .showInformationMessage(
      `Makemore opened ${list.language} ${list.kind} (${formatCount(count)}, from ${catalogue.source.replace(/, locale definitions$/, '')}) as an unsaved document: edit it, save it, or train on it now.`,
      TRAIN_NOW,
    )
    .then((action) => {
      if (action === TRAIN_NOW) train(uri);
    });
  return { id: list.id, uri, items: count };
}
