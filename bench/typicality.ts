/**
 * `npm run bench:typicality`: how well "Rank Lines by Typicality" finds the lines unlike the rest
 * of a list (issue 20, item 3), measured on mixes made at bench time.
 *
 * names.txt (32,033 lines) with 200 lines mixed in at random places — 100 random-letter strings
 * (lengths drawn from names.txt's own) and 100 names of another naming culture, lower-cased and
 * not in names.txt: Yoruba first names (`@faker-js/faker`'s yo_NG) in one mix, Russian first
 * names transliterated to Latin letters (its ru locale) in another. A model is trained on each
 * mixed list as a user would (defaults, 1,500 steps, seed 42), then every line is scored and
 * ranked, least typical first, by each ranking:
 *
 *   surprisal        mean surprisal per character (the end of the name included)
 *   length           percentile among the list's items of about the same length
 *
 * and we report: how many random strings fall among the 200 least typical lines, the median rank
 * of the foreign names (and as a share of the list), where real but unusual short names rank,
 * and how much a one-letter typo moves a real name (its percentile, before and after).
 *
 *   npm run bench:typicality [-- --data FILE] [--steps 1500] [--out bench/results/typicality.json]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DIR, REPO_ROOT } from './children';
import { ModelExplorer, explorerModelOf } from '../src/core/explorer';
import type { ItemScores } from '../src/core/explored';
import { initNodeBackend } from '../src/core/nodeBackend';
import { prepareConfigured, toCheckpoint } from '../src/core/pipeline';
import { Rng } from '../src/core/rng';
import { train } from '../src/core/train';
import { rankLeastTypical, type Ranking } from '../src/core/ranking';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Russian to Latin letters (a simple, common transliteration). */
const RU: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

async function firstNames(locale: string): Promise<string[]> {
  const faker = (await import('@faker-js/faker')) as unknown as Record<
    string,
    { person?: { first_name?: Record<string, string[]> | string[] } }
  >;
  const fn = faker[locale]?.person?.first_name;
  if (!fn) throw new Error(`faker has no first names for ${locale}`);
  return Array.isArray(fn) ? fn : Object.values(fn).flat();
}

async function foreignNames(kind: 'yoruba' | 'russian', known: Set<string>, rng: Rng): Promise<string[]> {
  const raw = await firstNames(kind === 'yoruba' ? 'yo_NG' : 'ru');
  const latin = raw.map((n) => {
    const lower = n.toLowerCase();
    return kind === 'russian' ? [...lower].map((c) => RU[c] ?? c).join('') : lower.normalize('NFD').replace(/\p{M}/gu, '');
  });
  const usable = [...new Set(latin)].filter((n) => /^[a-z]+$/.test(n) && !known.has(n));
  if (usable.length < 100) throw new Error(`only ${usable.length} ${kind} names usable`);
  return rng.shuffle(usable).slice(0, 100);
}

function randomStrings(lengths: number[], rng: Rng): string[] {
  return Array.from({ length: 100 }, () => {
    const L = lengths[rng.int(lengths.length)]!;
    return Array.from({ length: L }, () => LETTERS[rng.int(26)]).join('');
  });
}

/** Rank (1 = least typical) of each line, by a ranking. */
function ranksOf(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  order.forEach((line, r) => (rank[line] = r + 1));
  return rank;
}

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface MixResult {
  mix: string;
  lines: number;
  devLoss: number | null;
  trainSeconds: number;
  rankings: Record<
    Ranking,
    {
      randomInTop200: number;
      foreignMedianRank: number;
      foreignMedianShare: number;
      foreignInTop200: number;
      shortNames: Record<string, number>;
    }
  >;
  typo: { names: number; medianPercentileChange: number; medianAbsPercentileChange: number; typosInTop200BySurprisal: number };
}

async function measureMix(mix: 'yoruba' | 'russian', names: string[], steps: number): Promise<MixResult> {
  const rng = new Rng(mix === 'yoruba' ? 11 : 12);
  const known = new Set(names);
  const random = randomStrings(
    names.map((n) => n.length),
    rng,
  );
  const foreign = await foreignNames(mix, known, rng);
  // Mixed in at random places.
  const lines = [...names];
  const kind = new Map<string, 'random' | 'foreign'>();
  for (const [list, k] of [
    [random, 'random'],
    [foreign, 'foreign'],
  ] as const) {
    for (const item of list) {
      kind.set(item, k);
      lines.splice(rng.int(lines.length + 1), 0, item);
    }
  }
  const text = lines.join('\n') + '\n';
  const { data, config } = prepareConfigured(text, { steps, seed: 42 }, { fileName: `names+${mix}.txt` });
  const started = performance.now();
  const result = await train(data.dataset, config);
  const trainSeconds = (performance.now() - started) / 1000;
  const explorer = new ModelExplorer(explorerModelOf(toCheckpoint(result, data, `names+${mix}.txt`, 'wasm')), 'batched');
  const scores: ItemScores = explorer.score(lines);

  const rankings = {} as MixResult['rankings'];
  for (const ranking of ['surprisal', 'length'] as Ranking[]) {
    const rank = ranksOf(rankLeastTypical(scores, ranking));
    const at = (pred: (line: string) => boolean): number[] => lines.flatMap((l, i) => (pred(l) ? [rank[i]!] : []));
    const foreignRanks = at((l) => kind.get(l) === 'foreign');
    const fm = median(foreignRanks);
    rankings[ranking] = {
      randomInTop200: at((l) => kind.get(l) === 'random').filter((r) => r <= 200).length,
      foreignMedianRank: fm,
      foreignMedianShare: Number(((100 * fm) / lines.length).toFixed(1)),
      foreignInTop200: foreignRanks.filter((r) => r <= 200).length,
      shortNames: Object.fromEntries(['lj', 'tj', 'md', 'jo', 'ty'].map((n) => [n, lines.indexOf(n) >= 0 ? rank[lines.indexOf(n)]! : -1])),
    };
  }

  // A one-letter typo (a letter replaced by another) in 300 real names of 5+ letters.
  const real = rng.shuffle(names.filter((n) => n.length >= 5)).slice(0, 300);
  const typos = real.map((n) => {
    const i = rng.int(n.length);
    let c = LETTERS[rng.int(26)]!;
    while (c === n[i]) c = LETTERS[rng.int(26)]!;
    return n.slice(0, i) + c + n.slice(i + 1);
  });
  const before = explorer.score(real).percentile;
  const after = explorer.score(typos).percentile;
  const changes = Array.from(before, (b, i) => after[i]! - b);
  // Where the typos would rank among the list's lines, by surprisal.
  const listSurprisals = Array.from(scores.logProb, (lp, i) => -lp / scores.symbols[i]!).sort((a, b) => b - a);
  const threshold = listSurprisals[199]!;
  const typoScores = explorer.score(typos);
  const typosInTop200 = Array.from(typoScores.logProb, (lp, i) => -lp / typoScores.symbols[i]!).filter((s) => s >= threshold).length;
  explorer.dispose();
  return {
    mix,
    lines: lines.length,
    devLoss: result.losses.dev,
    trainSeconds: Number(trainSeconds.toFixed(1)),
    rankings,
    typo: {
      names: real.length,
      medianPercentileChange: Number(median(changes).toFixed(1)),
      medianAbsPercentileChange: Number(median(changes.map(Math.abs)).toFixed(1)),
      typosInTop200BySurprisal: typosInTop200,
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      steps: { type: 'string', default: '1500' },
      out: { type: 'string', default: path.join(BENCH_DIR, 'results', 'typicality.json') },
    },
  });
  const file = values.data ?? process.env.MAKEMORE_NAMES ?? path.resolve(REPO_ROOT, '..', 'shared', 'data', 'names.txt');
  const names = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  await initNodeBackend();
  const results: MixResult[] = [];
  for (const mix of ['yoruba', 'russian'] as const) {
    process.stderr.write(`[typicality] training on names.txt + 100 random strings + 100 ${mix} names (${values.steps} steps)…\n`);
    const r = await measureMix(mix, names, Number(values.steps));
    results.push(r);
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
  }
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(
    values.out,
    JSON.stringify({ date: new Date().toISOString(), data: file, steps: Number(values.steps), results }, null, 2) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
