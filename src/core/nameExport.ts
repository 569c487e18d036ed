/**
 * Generated names as text, CSV or JSON: the CLI's output formats, and what an export writes.
 * Pure: no TensorFlow.js, no Node-only API (core/csv.ts: papaparse runs in browsers and workers too).
 */
import { csvText } from './csv';
import type { GeneratedName } from './generated';

export type NameFormat = 'txt' | 'csv' | 'json';
export const NAME_FORMATS: readonly NameFormat[] = ['txt', 'csv', 'json'];

/** Typicality rounded as written (4 decimals: nats per character). */
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * - txt: one name per line;
 * - csv: a header `name,tag,typicality`, then one row per name (quoted where needed; a name that
 *   a spreadsheet would take for a formula — `=…`, `+…`, `-…`, `@…` — written `'=…`: core/csv.ts);
 * - json: an array of `{ "name", "tag", "logProbPerChar" }`.
 * Every format ends with a newline.
 */
export function formatNames(names: readonly GeneratedName[], format: NameFormat): string {
  switch (format) {
    case 'txt':
      return names.map((n) => n.name + '\n').join('');
    case 'csv':
      return csvText(
        ['name', 'tag', 'typicality'],
        names.map((n) => [n.name, n.tag, round(n.logProbPerChar)]),
      );
    case 'json':
      return JSON.stringify(names.map((n) => ({ name: n.name, tag: n.tag, logProbPerChar: round(n.logProbPerChar) }))) + '\n';
  }
}
