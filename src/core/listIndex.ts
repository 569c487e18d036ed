/**
 * The training list as generated names are judged against it: is a name in the list, in which
 * split, and is it at least N edits from every name of it. Case is ignored (constraints.ts
 * `fold`). Pure: no TensorFlow.js, no Node-only API.
 *
 * Edit distance is Levenshtein's (insertions, deletions, substitutions of UTF-16 code units), by
 * the `leven` package with its early exit at the bound. Before it, two cheap lower bounds skip
 * most of a 32k-word list: the difference in length, and the number of distinct characters one
 * word has and the other lacks (each needs an edit of its own), from 32-bit character masks.
 */
import leven from 'leven';
import { fold, type LengthRange, lengthRange } from './constraints';
import type { SplitName } from './splits';

/**
 * A generated name's relation to the list: not in it; in it, in the training split; in it, held
 * out (dev or test); in it, split unknown (models saved before the split was stored).
 */
export type NameTag = 'new' | 'train' | 'heldout' | 'list';

/** Split codes as stored per word (checkpoint section `wordSplits`). */
export const SPLIT_CODES: Record<SplitName, number> = { train: 0, dev: 1, test: 2 };

interface Bucket {
  words: string[];
  masks: Int32Array;
}

export class ListIndex {
  private readonly tags = new Map<string, NameTag>();
  /** Folded words by length in UTF-16 code units (what leven counts). */
  private readonly byLength = new Map<number, Bucket>();
  /** Shortest and longest word, in characters. */
  readonly lengths: LengthRange;

  /**
   * `splits[i]` is the split code (SPLIT_CODES) of `words[i]`; without it every word is tagged
   * 'list'. A word in several splits (repeated in the file, or differing only in case) counts
   * as training when any of its occurrences is.
   */
  constructor(words: readonly string[], splits?: ArrayLike<number>) {
    this.lengths = lengthRange(words);
    const rank: Record<NameTag, number> = { train: 3, heldout: 2, list: 1, new: 0 };
    const grouped = new Map<number, string[]>();
    words.forEach((word, i) => {
      const key = fold(word);
      const tag: NameTag = !splits ? 'list' : splits[i] === SPLIT_CODES.train ? 'train' : 'heldout';
      const before = this.tags.get(key);
      if (before === undefined) {
        const bucket = grouped.get(key.length);
        if (bucket) bucket.push(key);
        else grouped.set(key.length, [key]);
      }
      if (before === undefined || rank[tag] > rank[before]) this.tags.set(key, tag);
    });
    for (const [length, bucketWords] of grouped) {
      this.byLength.set(length, { words: bucketWords, masks: Int32Array.from(bucketWords, charMask) });
    }
  }

  get size(): number {
    return this.tags.size;
  }

  tagOf(name: string): NameTag {
    return this.tags.get(fold(name)) ?? 'new';
  }

  has(name: string): boolean {
    return this.tags.has(fold(name));
  }

  /** True when every word of the list is at least `n` edits from `name` (n = 0: always). */
  isFarFrom(name: string, n: number): boolean {
    if (n <= 0) return true;
    const a = fold(name);
    if (this.tags.has(a)) return false;
    if (n === 1) return true;
    const ma = charMask(a);
    for (let length = Math.max(0, a.length - n + 1); length <= a.length + n - 1; length++) {
      const bucket = this.byLength.get(length);
      if (!bucket) continue;
      const { words, masks } = bucket;
      for (let i = 0; i < words.length; i++) {
        const mb = masks[i]!;
        if (popcount(ma & ~mb) >= n || popcount(mb & ~ma) >= n) continue;
        if (leven(a, words[i]!, { maxDistance: n }) < n) return false;
      }
    }
    return true;
  }
}

/** A 32-bit set of the word's code units, hashed (Fibonacci hashing) into 32 bins. */
function charMask(word: string): number {
  let m = 0;
  for (let i = 0; i < word.length; i++) m |= 1 << (Math.imul(word.charCodeAt(i), 0x9e3779b1) >>> 27);
  return m;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
