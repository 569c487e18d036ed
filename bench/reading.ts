/**
 * `npm run bench:reading`: the list reader and the vocabulary on large lists, each list in a
 * process of its own (peak RSS is per process):
 *
 * - reading: the file read and decoded (src/cli/io.ts, the CLI's path) and its items read
 *   (core/wordlist.ts parseWordList: format, column, checks) — wall time, and the memory it took:
 *   the peak RSS while reading minus the RSS before, over the file's size (goal: ≤ ~3×);
 * - `Vocabulary.fromWords` and `buildExamples` (`encodeInto`, block 3) on the items read;
 *
 * on names.txt, on a ~30 MB list of ~3 million generated lines (bench/listData.ts `bigList`),
 * and on a list whose symbols are not all one code point each (emoji with skin tones and ZWJ
 * sequences, flags, combining marks: the slow path of grapheme segmentation), ~5 MB.
 * The lists are made at bench time in a temporary directory, never committed.
 *
 *   npx tsx bench/reading.ts [--data names.txt] [--big-mb 30] [--rounds 3]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT, runChild } from './children';
import { bigList, writeList } from './listData';
import { median } from './stats';

interface ChildLine {
  bytes: number;
  items: number;
  symbols: number;
  readSeconds: number;
  rssBeforeMb: number;
  peakReadRssMb: number;
  vocabularySeconds: number;
  examplesSeconds: number;
}

async function child(file: string): Promise<void> {
  const { readTextFileWithEncoding } = await import('../src/cli/listFile');
  const { parseWordList } = await import('../src/core/wordlist');
  const { Vocabulary } = await import('../src/core/vocabulary');
  const { buildExamples } = await import('../src/core/dataset');
  const bytes = fs.statSync(file).size;
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  // Sampled while reading (the work is synchronous: a timer cannot run; resourceUsage's maxRSS can).
  const t0 = performance.now();
  const { text } = readTextFileWithEncoding(file);
  const list = parseWordList(text, { fileName: path.basename(file) });
  const readSeconds = (performance.now() - t0) / 1000;
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  const t1 = performance.now();
  const vocabulary = Vocabulary.fromWords(list.words);
  const vocabularySeconds = (performance.now() - t1) / 1000;
  const t2 = performance.now();
  buildExamples(list.words, vocabulary, 3);
  const examplesSeconds = (performance.now() - t2) / 1000;
  const line: ChildLine = {
    bytes,
    items: list.words.length,
    symbols: vocabulary.size,
    readSeconds,
    rssBeforeMb: rssBefore / 1048576,
    peakReadRssMb: peak / 1048576,
    vocabularySeconds,
    examplesSeconds,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}

/** A list where many items hold multi-code-point symbols: emoji sequences, flags, combining marks. */
function graphemeList(targetBytes: number): string {
  const pieces = ['🧑🏿‍🚀', '👩‍👩‍👧', '🇩🇪', '🇯🇵', '👍🏽', 'q̇', 'n̈', 'ä', 'Zoë', 'ana', 'Mārtiņš', 'José', 'İstanbul', 'kim', 'नमस्ते', '각'];
  const lines: string[] = [];
  let bytes = 0;
  let k = 0;
  while (bytes < targetBytes) {
    const a = pieces[k % pieces.length]!;
    const b = pieces[(k * 7 + 3) % pieces.length]!;
    const c = pieces[(k * 13 + 5) % pieces.length]!;
    const line = `${a}${b}${k % 3 === 0 ? c : ''}`;
    lines.push(line);
    bytes += Buffer.byteLength(line) + 1;
    k++;
  }
  return lines.join('\n') + '\n';
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      data: { type: 'string', default: path.resolve(REPO_ROOT, '../shared/data/names.txt') },
      'big-mb': { type: 'string', default: '30' },
      rounds: { type: 'string', default: '3' },
    },
  });
  if (values.child) return child(values.child);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-bench-reading-'));
  try {
    const lists: [string, string][] = [
      ['names.txt', values.data!],
      [`generated ${values['big-mb']} MB`, writeList(dir, 'big.txt', await bigList(Number(values['big-mb']) * 1048576, 7))],
      ['graphemes 5 MB', writeList(dir, 'graphemes.txt', graphemeList(5 * 1048576))],
    ];
    const rounds = Number(values.rounds);
    for (const [name, file] of lists) {
      const runs: ChildLine[] = [];
      for (let r = 0; r < rounds; r++) {
        const run = await runChild<ChildLine>(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'reading.ts'), '--child', file]);
        runs.push(run.lines.at(-1)!);
      }
      const m = (f: (l: ChildLine) => number): number => median(runs.map(f));
      const first = runs[0]!;
      const mb = first.bytes / 1048576;
      const memory = m((l) => l.peakReadRssMb - l.rssBeforeMb);
      process.stdout.write(
        `${name}: ${mb.toFixed(1)} MB, ${first.items.toLocaleString('en-US')} items, ${first.symbols} symbols — ` +
          `read ${m((l) => l.readSeconds).toFixed(3)} s, memory while reading +${memory.toFixed(0)} MB (${(memory / mb).toFixed(1)}× the file), ` +
          `Vocabulary.fromWords ${(m((l) => l.vocabularySeconds) * 1000).toFixed(1)} ms, buildExamples ${(m((l) => l.examplesSeconds) * 1000).toFixed(1)} ms ` +
          `(medians of ${rounds})\n`,
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
