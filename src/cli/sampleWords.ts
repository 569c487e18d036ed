/**
 * The embedded sample word list: ~3,200 English first names from the `@faker-js/faker` package,
 * put into the bundle by the build (scripts/build.mjs, module `virtual:sample-words`), so
 * `makemore train` runs out of the box without any data file.
 */
import text from 'virtual:sample-words';

export const SAMPLE_NAME = 'sample: English first names (@faker-js/faker)';

export function sampleWordList(): string {
  return text;
}
