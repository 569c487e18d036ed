/** Tables for terminal output. */
import type { SplitLosses } from '../core/splits';
import { formatLoss } from '../shared/format';

/** A small aligned table of split losses. */
export function lossTable(rows: [string, SplitLosses][]): string {
  const head = ['', 'train', 'dev', 'test'];
  const body = rows.map(([name, l]) => [name, formatLoss(l.train), formatLoss(l.dev), formatLoss(l.test)]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
