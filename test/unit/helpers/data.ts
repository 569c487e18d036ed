/** Test data: the reference names.txt (read where it lives, never copied into the repo). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** `../shared/data/names.txt` next to the repository, or $MAKEMORE_NAMES. */
export const NAMES_PATH = process.env.MAKEMORE_NAMES ?? path.resolve(__dirname, '../../../../shared/data/names.txt');

let cached: string | undefined;

export function namesText(): string {
  if (cached === undefined) {
    if (!fs.existsSync(NAMES_PATH)) {
      throw new Error(`The reference data set is missing: ${NAMES_PATH} (set MAKEMORE_NAMES to its path).`);
    }
    cached = fs.readFileSync(NAMES_PATH, 'utf8');
  }
  return cached;
}

export function namesList(): string[] {
  return namesText()
    .split('\n')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
