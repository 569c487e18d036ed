/**
 * The vocabulary: every distinct symbol (user-perceived character: symbols.ts) of the training
 * words, plus a reserved boundary token at index 0 that marks both "no character yet" (context
 * padding) and "end of word". Because the boundary is an index, not a character, a literal "."
 * in the data is an ordinary symbol.
 *
 * A symbol is most often one UTF-16 code unit: building, encoding and counting take a fast path
 * through a table of code units, and segment only the words that need it (symbols.ts).
 */
import { isOneSymbol, joiningUnits, mayCompose, symbolsOf } from './symbols';

export const BOUNDARY = 0;

/** Sorts symbols by their code points, one after the other. */
function compareSymbols(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n;) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

export class Vocabulary {
  /** symbols[i] is the symbol of index i; symbols[0] is the boundary and is ''. */
  readonly symbols: readonly string[];
  private readonly index: Map<string, number>;
  /** Index + 1 of each single-unit symbol (0: not in the vocabulary): the fast path of indexOf. */
  private readonly bmp: Int32Array;
  /** Some symbol is longer than one code unit (so a word's length is not its number of symbols). */
  private readonly long: boolean;
  /** Some symbol holds a code unit that NFC may compose with a neighbour (decode normalises). */
  private readonly composes: boolean;

  constructor(characters: readonly string[]) {
    this.symbols = ['', ...characters];
    this.index = new Map(characters.map((c, i) => [c, i + 1]));
    this.bmp = new Int32Array(65536);
    characters.forEach((c, i) => {
      if (c.length === 1) this.bmp[c.charCodeAt(0)] = i + 2;
    });
    if (this.index.size !== characters.length) throw new Error('Vocabulary characters must be distinct.');
    for (const c of characters) {
      if (!isOneSymbol(c)) throw new Error(`Vocabulary symbol ${JSON.stringify(c)} is not one character.`);
    }
    this.long = characters.some((c) => c.length > 1);
    this.composes = characters.some(mayCompose);
  }

  /** Builds the vocabulary of a word list, symbols sorted by code point. */
  static fromWords(words: readonly string[]): Vocabulary {
    // Code units seen, in a table (fast on millions of words); longer symbols in a set.
    const seen = new Uint8Array(65536);
    const long = new Set<string>();
    const J = joiningUnits();
    for (const w of words) {
      const n = w.length;
      let i = 0;
      let prev = -1;
      for (; i < n; i++) {
        const c = w.charCodeAt(i);
        if (J[c]) break;
        // The code unit before a joining one may belong to its symbol: marked once the next is known.
        if (prev >= 0) seen[prev] = 1;
        prev = c;
      }
      if (i === n) {
        if (prev >= 0) seen[prev] = 1;
        continue;
      }
      for (const s of symbolsOf(w.slice(Math.max(0, i - 1)))) {
        if (s.length === 1) seen[s.charCodeAt(0)] = 1;
        else long.add(s);
      }
    }
    const set: string[] = [...long];
    for (let c = 0; c < 65536; c++) if (seen[c]) set.push(String.fromCharCode(c));
    return new Vocabulary(set.sort(compareSymbols));
  }

  /** Number of symbols, the boundary included. */
  get size(): number {
    return this.symbols.length;
  }

  /** The characters, without the boundary. */
  get characters(): string[] {
    return this.symbols.slice(1);
  }

  /** The index of a symbol, or -1 when it is not in the vocabulary. */
  indexOf(character: string): number {
    if (character.length === 1) return this.bmp[character.charCodeAt(0)]! - 1;
    return this.index.get(character) ?? -1;
  }

  has(character: string): boolean {
    return this.index.has(character);
  }

  /** The number of symbols of a word (its length when every symbol of the vocabulary is one code unit). */
  symbolCount(word: string): number {
    if (!this.long) return word.length;
    let n = 0;
    const J = joiningUnits();
    for (let i = 0; i < word.length; i++) {
      if (J[word.charCodeAt(i)]) return n - (i > 0 ? 1 : 0) + symbolsOf(word.slice(Math.max(0, i - 1))).length;
      n++;
    }
    return n;
  }

  /** Encodes a word as indices (no boundary). Throws on a symbol outside the vocabulary. */
  encode(word: string): number[] {
    const out: number[] = [];
    this.encodeInto(word, out);
    return out;
  }

  /**
   * Writes the indices of `word`'s symbols into `out` from `offset` (no boundary) and returns
   * how many it wrote: `encode` without an array per word, for millions of words. Throws on a
   * symbol outside the vocabulary.
   */
  encodeInto(word: string, out: { [i: number]: number }, offset = 0): number {
    let n = offset;
    const J = joiningUnits();
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (J[code]) {
        // The rest, from the code unit before (it may belong to this symbol), symbol by symbol.
        const from = Math.max(0, i - 1);
        if (i > 0) n--;
        for (const c of symbolsOf(word.slice(from))) {
          const s = this.indexOf(c);
          if (s < 0) throw new Error(`Character ${JSON.stringify(c)} of ${JSON.stringify(word)} is not in the vocabulary.`);
          out[n++] = s;
        }
        return n - offset;
      }
      const s = this.bmp[code]! - 1;
      // Not a symbol alone, but maybe the start of one with the next code unit ("q" of "q̇").
      if (s < 0 && !(i + 1 < word.length && J[word.charCodeAt(i + 1)])) {
        throw new Error(`Character ${JSON.stringify(word[i])} of ${JSON.stringify(word)} is not in the vocabulary.`);
      }
      out[n++] = s;
    }
    return n - offset;
  }

  /** Symbols of `text` outside the vocabulary, each once. */
  unknown(text: string): string[] {
    return [...new Set(symbolsOf(text).filter((c) => !this.index.has(c)))];
  }

  /** The word of a sequence of indices (up to the boundary), in NFC. */
  decode(indices: Iterable<number>): string {
    let s = '';
    for (const i of indices) {
      if (i === BOUNDARY) break;
      s += this.symbols[i] ?? '';
    }
    return this.composes ? s.normalize('NFC') : s;
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
