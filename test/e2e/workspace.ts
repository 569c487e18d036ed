/**
 * The user's workspace for the scenarios, written to a temporary directory at test time: a
 * multi-root workspace of two folders whose settings differ only in how long training runs.
 *
 *   quick/  names.txt (a few thousand names from the reference names.txt), compare.txt (other
 *           names from it), empty.txt, draft.txt, dogs.csv (`dog-names`' 200 names and a count
 *           column), pets.txt; training capped at a few seconds (makemore.training.timeBudget)
 *   long/   long-run.txt (the same names); training that runs until it is stopped
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dogNames } from '../../bench/listData';
import { namesList } from '../unit/helpers/data';

export interface Workspace {
  root: string;
  /** The `.code-workspace` file to open. */
  file: string;
  /** Absolute path of a workspace file, e.g. `quick/draft.txt`. */
  path(relative: string): string;
  remove(): void;
}

/** Every `stride`-th name of names.txt (from the `offset`-th): a few thousand names from all over the list. */
function someNames(stride: number, offset = 0): string {
  return (
    namesList()
      .filter((_, i) => i % stride === offset)
      .join('\n') + '\n'
  );
}

/** The settings of the quick/ folder: training capped at a few seconds. */
export const QUICK_SETTINGS = { 'makemore.training.steps': 3000, 'makemore.training.timeBudget': 12 };

export function createWorkspace(): Workspace {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-e2e-'));
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    fs.writeFileSync(path.join(root, relative), text);
  };
  const settings = (values: Record<string, unknown>) => JSON.stringify(values, null, 2);
  const names = someNames(8);
  write('quick/names.txt', names);
  write('quick/compare.txt', someNames(9, 4));
  write('quick/empty.txt', '');
  write('quick/draft.txt', '\n');
  // A CSV of the 200 dog names of \`dog-names\` (read at test time) with a count column.
  write('quick/dogs.csv', ['name,count', ...dogNames().map((n, i) => `${n},${((i * 37) % 500) + 1}`)].join('\n') + '\n');
  write('quick/pets.txt', '\n');
  write('quick/.vscode/settings.json', settings(QUICK_SETTINGS));
  write('long/long-run.txt', names);
  write('long/.vscode/settings.json', settings({ 'makemore.training.steps': 1_000_000, 'makemore.training.timeBudget': 0 }));
  write('makemore.code-workspace', JSON.stringify({ folders: [{ path: 'quick' }, { path: 'long' }] }, null, 2));
  return {
    root,
    file: path.join(root, 'makemore.code-workspace'),
    path: (relative) => path.join(root, relative),
    remove: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
