/**
 * The vocabulary: every distinct character (Unicode code point) of the training words, plus a
 * reserved boundary token at index 0 that marks both "no character yet" (context padding) and
 * "end of word". Because the boundary is an index, not a character, a literal "." in the data is
 * an ordinary symbol.
 */
export const BOUNDARY = 0;

export class Vocabulary {
  /** symbols[i] is the character of index i; symbols[0] is the boundary and is ''. */
  readonly symbols: readonly string[];
  private readonly index: Map<string, number>;
  /** Index + 1 of each single-unit character (0: not in the vocabulary): the fast path of indexOf. */
  private readonly bmp: Int32Array;

  constructor(characters: readonly string[]) {
    this.symbols = ['', ...characters];
    this.index = new Map(characters.map((c, i) => [c, i + 1]));
    this.bmp = new Int32Array(65536);
    characters.forEach((c, i) => {
      if (c.length === 1) this.bmp[c.charCodeAt(0)] = i + 2;
    });
    if (this.index.size !== characters.length) throw new Error('Vocabulary characters must be distinct.');
    for (const c of characters) {
      if (c.length === 0 || codePoints(c).length !== 1) throw new Error(`Vocabulary symbol ${JSON.stringify(c)} is not one character.`);
    }
  }

  /** Builds the vocabulary of a word list, characters sorted by code point. */
  static fromWords(words: readonly string[]): Vocabulary {
    // Code units seen, in a table (fast on millions of words); surrogate pairs in a set.
    const seen = new Uint8Array(65536);
    const astral = new Set<string>();
    for (const w of words) {
      for (let i = 0; i < w.length; i++) {
        const c = w.charCodeAt(i);
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < w.length) {
          astral.add(w.slice(i, i + 2));
          i++;
        } else seen[c] = 1;
      }
    }
    const set: string[] = [...astral];
    for (let c = 0; c < 65536; c++) if (seen[c]) set.push(String.fromCharCode(c));
    return new Vocabulary(set.sort((a, b) => a.codePointAt(0)! - b.codePointAt(0)!));
  }

  /** Number of symbols, the boundary included. */
  get size(): number {
    return this.symbols.length;
  }

  /** The characters, without the boundary. */
  get characters(): string[] {
    return this.symbols.slice(1);
  }

  /** The index of a character, or -1 when it is not in the vocabulary. */
  indexOf(character: string): number {
    if (character.length === 1) return this.bmp[character.charCodeAt(0)]! - 1;
    return this.index.get(character) ?? -1;
  }

  has(character: string): boolean {
    return this.index.has(character);
  }

  /** Encodes a word as indices (no boundary). Throws on a character outside the vocabulary. */
  encode(word: string): number[] {
    const out: number[] = [];
    for (const c of word) {
      const i = this.index.get(c);
      if (i === undefined) throw new Error(`Character ${JSON.stringify(c)} is not in the vocabulary.`);
      out.push(i);
    }
    return out;
  }

  /**
   * Writes the indices of `word`'s characters into `out` from `offset` (no boundary) and returns
   * how many it wrote: `encode` without an array per word, for millions of words. Throws on a
   * character outside the vocabulary.
   */
  encodeInto(word: string, out: { [i: number]: number }, offset = 0): number {
    let n = offset;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < word.length;
      const s = pair ? this.indexOf(word.slice(i, i + 2)) : this.bmp[code]! - 1;
      if (s < 0) throw new Error(`Character ${JSON.stringify(pair ? word.slice(i, i + 2) : word[i])} of ${JSON.stringify(word)} is not in the vocabulary.`);
      if (pair) i++;
      out[n++] = s;
    }
    return n - offset;
  }

  /** Characters of `text` outside the vocabulary, each once. */
  unknown(text: string): string[] {
    return [...new Set([...text].filter((c) => !this.index.has(c)))];
  }

  decode(indices: Iterable<number>): string {
    let s = '';
    for (const i of indices) {
      if (i === BOUNDARY) break;
      s += this.symbols[i] ?? '';
    }
    return s;
  }

  /**
   * A printable label of a symbol (symbolLabel: "␣" for a space…); the boundary shows as "·" (or
   * "." when "." is not data).
   */
  label(i: number): string {
    if (i !== BOUNDARY) return symbolLabel(this.symbols[i] ?? '?');
    return this.index.has('.') ? '·' : '.';
  }
}

/** Labels of the whitespace characters that have a conventional visible sign. */
const VISIBLE_SIGNS: Record<string, string> = { ' ': '␣', '\t': '⇥', '\n': '␤', '\r': '␍', '\u00a0': '⍽', '\u007f': '␡' };

/**
 * How a character is shown wherever a symbol of the vocabulary is labelled (the embedding
 * scatter, the run's vocabulary): itself when it is visible; a space as "␣", a tab as "⇥", a
 * no-break space as "⍽", a control character as its Unicode control picture ("␀"…"␟"), a lone
 * combining mark on a dotted circle ("◌́"), any other invisible character (other spaces, joiners,
 * marks of direction, private use) as its code point ("U+200D").
 */
export function symbolLabel(character: string): string {
  const sign = VISIBLE_SIGNS[character];
  if (sign) return sign;
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(0x2400 + code);
  if (/^\p{M}$/u.test(character)) return `◌${character}`;
  if (/^[\p{Z}\p{C}]$/u.test(character)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return character;
}

function codePoints(s: string): string[] {
  return [...s];
}
