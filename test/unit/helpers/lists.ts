/** Lists from public npm packages (devDependencies), read at test time: never copied into the repo. */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const load = createRequire(__filename);

/** The 200 dog names of `dog-names` (MIT): Title Case. */
export function dogNames(): string[] {
  const dir = path.dirname(load.resolve('dog-names'));
  const read = (f: string): string[] => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as string[];
  return [...read('female-dog-names.json'), ...read('male-dog-names.json')];
}

/** The 1,025 Pokémon of `pokemon` (MIT): Title Case with a few exceptions ("Jangmo-o"). */
export function pokemonNames(): string[] {
  return load('pokemon/data/en.json') as string[];
}
