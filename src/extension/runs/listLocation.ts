/**
 * Finding a word list's runs again when the same file is reached another way (runs.ts `keyOf`),
 * so that no run is orphaned. No VS Code here: it is unit-tested.
 *
 * - A remote file's URI holds the connection: code-server on another port makes
 *   `vscode-remote://localhost:8081/home/me/names.txt` of what was `…:8080/…`. Runs are kept on
 *   the machine that has the file (the remote side's global storage), so the path names the file:
 *   a list is keyed by its URI without that authority (`locationOf`), and a list keyed by an
 *   earlier authority is found by its location.
 * - A moved or renamed workspace folder changes every path in it. A list is found again by its
 *   path within its workspace folder (the runs' `fileName`), when the place its runs were trained
 *   at exists no more, and either one of its runs was trained on the document's very text or it
 *   is the only such list.
 */

/** A word list's URI without what changes when the same file is reached another way: a remote URI's authority (host and port). */
export function locationOf(uri: string): string {
  return uri.replace(/^(vscode-remote):\/\/[^/?#]*/i, '$1://');
}

/** A word list with runs, as the lookup needs it. */
export interface KnownList {
  fileKey: string;
  /** Its path within its workspace folder, as its runs name it ("names.txt", "lists/cities.txt"). */
  fileName: string;
  /** Where its runs were trained (its state's and its runs' URIs; null: unknown, an old model's). */
  documents: readonly (string | null)[];
  /** The hashes of the texts its runs were trained on. */
  textSha256s: readonly string[];
}

/** A stored list's runs (runStore.ts FileGroup) as the lookup needs them. */
export function knownListOf(group: {
  fileKey: string;
  fileName: string;
  document: string | null;
  runs: readonly { document: string | null; textSha256: string }[];
}): KnownList {
  return {
    fileKey: group.fileKey,
    fileName: group.fileName,
    documents: [...new Set([group.document, ...group.runs.map((r) => r.document)])],
    textSha256s: group.runs.map((r) => r.textSha256),
  };
}

/** The document whose list is looked for. */
export interface ListTarget {
  uri: string;
  /** Its path within its workspace folder. */
  fileName: string;
  /** Its text's SHA-256, when it is open. */
  textSha256?: string;
}

/**
 * The key of the list that is `target` reached another way (see the top), or undefined.
 * `exists(uri)`: whether a file is still there.
 */
export async function findListAgain(
  lists: readonly KnownList[],
  target: ListTarget,
  exists: (uri: string) => Promise<boolean>,
): Promise<string | undefined> {
  const here = locationOf(target.uri);
  const same = lists.find((l) => l.documents.some((d) => d !== null && locationOf(d) === here));
  if (same) return same.fileKey;
  const moved: KnownList[] = [];
  for (const list of lists) {
    if (list.fileName !== target.fileName) continue;
    const documents = list.documents.filter((d): d is string => d !== null);
    if (documents.length === 0) continue;
    let gone = true;
    for (const d of documents) if (await exists(d)) gone = false;
    if (gone) moved.push(list);
  }
  const byText = target.textSha256 === undefined ? undefined : moved.find((l) => l.textSha256s.includes(target.textSha256!));
  return (byText ?? (moved.length === 1 ? moved[0] : undefined))?.fileKey;
}
