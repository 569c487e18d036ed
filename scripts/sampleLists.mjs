// The sample lists of `Makemore: Open a Sample List…` (src/extension/training/sampleLists.ts),
// made at build time from the locale definitions of @faker-js/faker (MIT; an exact-version
// devDependency, never shipped): first names, last names, cities, streets, companies and
// countries in 32 languages, and a few more English and French lists (dog breeds, birds, words…).
// Lists a locale defines are taken as they are; streets, cities and companies a locale builds
// from patterns are drawn with faker itself, seeded, from that locale alone (no English fallback:
// a pattern that needs what the locale lacks leaves that list out). Written as one compact JSON
// asset (dist/sample-lists.json): each list's items joined by newlines.
//
//   node scripts/sampleLists.mjs [OUT]   writes the asset (the build does this) and prints its lists

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The languages offered, by faker locale. */
export const LOCALES = [
  'en',
  'de',
  'fr',
  'es',
  'it',
  'pt_BR',
  'nl',
  'sv',
  'da',
  'nb_NO',
  'fi',
  'pl',
  'cs_CZ',
  'sk',
  'hr',
  'hu',
  'ro',
  'tr',
  'el',
  'ru',
  'uk',
  'ka_GE',
  'hy',
  'ar',
  'he',
  'fa',
  'ja',
  'zh_CN',
  'ko',
  'vi',
  'th',
  'id_ID',
];
/** A list shorter than this is not offered. */
const MIN_ITEMS = 50;
/** A longer list is thinned to this many items, evenly through its alphabetical order (the asset stays small). */
const MAX_ITEMS = 1500;
/** At most this many items are drawn from a locale's patterns. */
const DRAWN = 800;
const SEED = 42;

/** Strings of a definition (an array, or an object of arrays), cleaned: one line each, no pattern, distinct, sorted. */
function itemsOf(definition) {
  const out = new Set();
  const visit = (x) => {
    if (Array.isArray(x)) for (const v of x) visit(v);
    else if (x && typeof x === 'object') for (const v of Object.values(x)) visit(v);
    else if (typeof x === 'string') {
      const item = x.trim();
      if (/\p{L}/u.test(item) && !/[\n\r\t]|\{\{|#/.test(item)) out.add(item);
    }
  };
  visit(definition);
  return [...out].sort((a, b) => a.localeCompare(b));
}

/** Up to DRAWN distinct results of `draw` (stops when new ones stop coming); [] when the locale cannot make them. */
function drawn(draw) {
  const out = new Set();
  try {
    for (let misses = 0; out.size < DRAWN && misses < 200;) {
      const item = String(draw()).trim();
      if (!/\p{L}/u.test(item) || /[\n\r\t]|\{\{/.test(item) || out.has(item)) misses++;
      else out.add(item);
    }
  } catch {
    return [];
  }
  return [...out].sort((a, b) => a.localeCompare(b));
}

/** Every list, as `{ id, kind, language, locale, items }`. */
export async function sampleLists() {
  const { Faker, allLocales } = await import('@faker-js/faker');
  const require = createRequire(import.meta.url);
  const { version, license } = JSON.parse(readFileSync(require.resolve('@faker-js/faker/package.json'), 'utf8'));
  const lists = [];
  const add = (locale, kind, slug, all) => {
    if (all.length < MIN_ITEMS) return;
    const items =
      all.length <= MAX_ITEMS ? all : Array.from({ length: MAX_ITEMS }, (_, i) => all[Math.floor((i * all.length) / MAX_ITEMS)]);
    lists.push({ id: `${locale}/${slug}`, kind, language: allLocales[locale].metadata.title, locale, items: items.join('\n') });
  };
  for (const locale of LOCALES) {
    const def = allLocales[locale];
    // This locale's data alone (and faker's base: numbers, no words).
    const faker = new Faker({ locale: [def, allLocales.base] });
    faker.seed(SEED);
    const person = def.person ?? {};
    const location = def.location ?? {};
    add(locale, 'first names', 'first-names', itemsOf(person.first_name));
    add(locale, 'last names', 'last-names', itemsOf(person.last_name));
    const cities = itemsOf(location.city_name);
    add(locale, 'cities', 'cities', cities.length >= MIN_ITEMS ? cities : drawn(() => faker.location.city()));
    const streets = itemsOf(location.street_name);
    add(locale, 'streets', 'streets', streets.length >= 100 ? streets : drawn(() => faker.location.street()));
    if (def.company?.name_pattern)
      add(
        locale,
        'companies',
        'companies',
        drawn(() => faker.company.name()),
      );
    add(locale, 'countries', 'countries', itemsOf(location.country));
  }
  // More, where a locale has them.
  const en = allLocales.en;
  for (const [key, kind] of [
    ['dog', 'dog breeds'],
    ['cat', 'cat breeds'],
    ['horse', 'horse breeds'],
    ['bird', 'birds'],
    ['snake', 'snakes'],
    ['insect', 'insects'],
  ]) {
    add('en', kind, key, itemsOf(en.animal[key]));
  }
  add('en', 'ingredients', 'ingredients', itemsOf(en.food.ingredient));
  add('en', 'nouns', 'nouns', itemsOf(en.word.noun));
  add('en', 'adjectives', 'adjectives', itemsOf(en.word.adjective));
  add('en', 'verbs', 'verbs', itemsOf(en.word.verb));
  for (const [key, kind] of [
    ['dog', 'dog breeds'],
    ['horse', 'horse breeds'],
    ['bird', 'birds'],
  ])
    add('fr', kind, key, itemsOf(allLocales.fr.animal[key]));
  return { source: `@faker-js/faker ${version} (${license}), locale definitions`, lists };
}

/** Writes the asset; returns what it holds. */
export async function writeSampleLists(file) {
  const catalogue = await sampleLists();
  writeFileSync(file, JSON.stringify(catalogue));
  return catalogue;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const catalogue = await writeSampleLists(process.argv[2] ?? 'sample-lists.json');
  for (const l of catalogue.lists)
    console.log(`${l.id}\t${l.language}\t${l.kind}\t${l.items.split('\n').length}\t${l.items.split('\n').slice(0, 4).join(', ')}`);
  console.log(`${catalogue.lists.length} lists in ${new Set(catalogue.lists.map((l) => l.locale)).size} languages`);
}
