/** Text formatting for terminal output. */
import type { SplitLosses } from '../core/splits';

export function fmtLoss(x: number | null | undefined): string {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : x.toFixed(4);
}

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtRate(n: number): string {
  return n >= 1000 ? `${(n / 1000).toFixed(1)}k` : n.toFixed(0);
}

/** A small aligned table of split losses. */
export function lossTable(rows: [string, SplitLosses][]): string {
  const head = ['', 'train', 'dev', 'test'];
  const body = rows.map(([name, l]) => [name, fmtLoss(l.train), fmtLoss(l.dev), fmtLoss(l.test)]);
  const widths = head.map((_, i) => Math.max(...[head, ...body].map((r) => r[i]!.length)));
  return [head, ...body].map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
}
