/**
 * `makemore score MODEL [FILE|-]`: how typical each item of a list is under a model — one line per
 * item with its mean surprisal per character (nats, the end of the name included), its total
 * log-probability and its percentile among the model's own list ("more typical than 62 % of the
 * list"). The file is read as `train` reads it (format, column; the model's case folding); items
 * with characters the model does not know are reported, not fatal.
 */
import * as path from 'node:path';
import Papa from 'papaparse';
import type { BackendName } from '../../core/backend';
import { decodeCheckpoint } from '../../core/checkpoint';
import type { ItemScores } from '../../core/explored';
import { explorerModelOf, ModelExplorer } from '../../core/explorer';
import { InputError } from '../../core/errors';
import { readItemsWithLines } from '../../core/itemLines';
import type { ListFormatChoice } from '../../core/listFormat';
import { rankLeastTypical, type Ranking } from '../../core/ranking';
import { decodeTextWithEncoding } from '../../core/wordlist';
import { formatCount } from '../../shared/format';
import { log, readModelFile, startBackend } from '../io';
import { readBounded, readTextFileWithEncoding, STDIN } from '../listFile';
import { reportReading } from './trainCommand';

export const SCORE_FORMATS = ['txt', 'csv', 'json'] as const;
export type ScoreFormat = (typeof SCORE_FORMATS)[number];

export interface ScoreFlags {
  format: ScoreFormat;
  json?: boolean;
  sort?: boolean;
  rankBy: Ranking;
  top?: number;
  listFormat?: ListFormatChoice;
  column?: string;
  backend: BackendName;
}

/** One scored item, as written (JSON: these fields; surprisal in nats per character). */
export interface ScoredLine {
  /** 1-based line in the file (null: not located). */
  line: number | null;
  item: string;
  surprisal: number | null;
  logProb: number | null;
  percentile: number | null;
  /** Percentile among the list's items of about the same length. */
  lengthPercentile: number | null;
  /** Characters the model does not know (only when there are some: then nothing else is scored). */
  unknown?: string[];
}

const round = (x: number, digits: number): number | null => (Number.isFinite(x) ? Number(x.toFixed(digits)) : null);

/** The scored lines of `items`, in file order. */
export function scoredLines(items: readonly string[], lines: Int32Array, scores: ItemScores): ScoredLine[] {
  return items.map((item, i) => {
    const symbols = scores.symbols[i]!;
    const unknown = scores.unknown[i];
    return {
      line: lines[i]! >= 0 ? lines[i]! + 1 : null,
      item,
      surprisal: symbols > 0 ? round(-scores.logProb[i]! / symbols, 4) : null,
      logProb: round(scores.logProb[i]!, 4),
      percentile: round(scores.percentile[i]!, 1),
      lengthPercentile: round(scores.lengthPercentile[i]!, 1),
      ...(unknown ? { unknown } : {}),
    };
  });
}

const cell = (x: number | null, digits: number, suffix = ''): string => (x === null ? '—' : `${x.toFixed(digits)}${suffix}`);

export function formatScored(rows: readonly ScoredLine[], format: ScoreFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(rows) + '\n';
    case 'csv':
      return (
        Papa.unparse(
          {
            fields: ['line', 'item', 'surprisal', 'logProb', 'percentile', 'lengthPercentile', 'unknown'],
            data: rows.map((r) => [
              r.line ?? '',
              r.item,
              r.surprisal ?? '',
              r.logProb ?? '',
              r.percentile ?? '',
              r.lengthPercentile ?? '',
              r.unknown?.join(' ') ?? '',
            ]),
          },
          { newline: '\n' },
        ) + '\n'
      );
    case 'txt': {
      const head = ['line', 'surprisal', 'log-prob', 'percentile', 'by length', 'item'];
      const body = rows.map((r) => [
        r.line === null ? '?' : String(r.line),
        cell(r.surprisal, 3),
        cell(r.logProb, 2),
        cell(r.percentile, 1, ' %'),
        cell(r.lengthPercentile, 1, ' %'),
        r.unknown ? `${r.item}  (unknown: ${r.unknown.join(' ')})` : r.item,
      ]);
      const widths = head.map((_, i) => Math.max(...[head, ...body].map((row) => row[i]!.length)));
      return (
        [head, ...body].map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padStart(widths[i]!))).join('  ')).join('\n') + '\n'
      );
    }
  }
}

function readInput(file: string | undefined): { text: string; encoding: string; name: string | undefined } {
  if (file === undefined || file === '-') {
    // Within the size cap, like a file: a pipe that never ends stops at it.
    const bytes = readBounded(STDIN);
    return { ...decodeTextWithEncoding(bytes), name: undefined };
  }
  return { ...readTextFileWithEncoding(file), name: path.basename(file) };
}

export async function scoreCommand(modelFile: string, file: string | undefined, flags: ScoreFlags): Promise<void> {
  const ck = decodeCheckpoint(readModelFile(modelFile));
  const input = readInput(file);
  const read = readItemsWithLines(input.text, { format: flags.listFormat, column: flags.column, fileName: input.name });
  reportReading(read.listReading, input.encoding);
  if (read.items.length === 0) throw new InputError(`${input.name ?? 'The input'} has no items to score.`);
  await startBackend(flags.backend);
  const explorer = new ModelExplorer(explorerModelOf(ck), 'batched');
  let rows: ScoredLine[];
  try {
    const scores = explorer.score(read.items);
    rows = scoredLines(read.items, read.lines, scores);
    if (flags.sort) rows = Array.from(rankLeastTypical(scores, flags.rankBy), (i) => rows[i]!);
  } finally {
    explorer.dispose();
  }
  const unknown = rows.filter((r) => r.unknown);
  if (unknown.length > 0) {
    const where = (r: ScoredLine): string => (r.line === null ? JSON.stringify(r.item) : `line ${r.line}`);
    log(
      `makemore: ${formatCount(unknown.length)} of ${formatCount(rows.length)} items hold characters the model does not know and are not scored: ${unknown
        .slice(0, 5)
        .map((r) => `${where(r)} (${r.unknown!.map((c) => JSON.stringify(c)).join(', ')})`)
        .join('; ')}${unknown.length > 5 ? '; …' : ''}.`,
    );
  }
  if (flags.top !== undefined) rows = rows.slice(0, flags.top);
  process.stdout.write(formatScored(rows, flags.json ? 'json' : flags.format));
}
