/**
 * Made-up pronounceable names, deterministic, so tests need no data file. Imports nothing: the
 * VS Code suite (compiled without bundling) and the unit tests both use it.
 */
export function generatedNames(count: number, seed = 12345): string[] {
  const onsets = ['b', 'd', 'f', 'g', 'k', 'l', 'm', 'n', 'r', 's', 't', 'v', 'z', 'br', 'st'];
  const vowels = ['a', 'e', 'i', 'o', 'u', 'ae', 'io'];
  let state = seed;
  const next = (n: number): number => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
  const names = new Set<string>();
  while (names.size < count) {
    let name = '';
    for (let i = 0, n = 2 + next(2); i < n; i++) name += onsets[next(onsets.length)]! + vowels[next(vowels.length)]!;
    names.add(name);
  }
  return [...names];
}
