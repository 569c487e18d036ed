/**
 * CSV as Makemore writes it — every CSV export (generated names and favourites: nameExport.ts;
 * the Runs view's curves: webview/charts/runsData.ts) goes through `csvText`, so each one is safe
 * to open in a spreadsheet:
 *
 * - papaparse quotes what needs quoting (commas, quotes, line breaks, edge spaces);
 * - a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading
 *   apostrophe and quotes (`'=cmd`), as the OWASP "CSV Injection" guidance says, so a spreadsheet
 *   shows it as text instead of running it as a formula (papaparse's `escapeFormulae`). Numbers
 *   are written as numbers (a negative number is not text and is not escaped).
 *
 * Pure: no DOM, no Node (papaparse runs in browsers and workers too).
 */
import Papa from 'papaparse';

/** The characters a spreadsheet reads as the start of a formula (OWASP CSV Injection). */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** A header and rows as CSV text: `\n` line ends, a final newline, formula-like text cells escaped. */
export function csvText(fields: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return `${Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { newline: '\n', escapeFormulae: FORMULA_START })}\n`;
}
