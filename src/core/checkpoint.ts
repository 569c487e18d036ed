/**
 * The checkpoint file format (version 3), one self-contained binary file:
 *
 *   offset 0   8 bytes   magic "MAKEMORE"
 *   offset 8   uint32 LE format version (3; versions 1 and 2 are read too)
 *   offset 12  uint32 LE N, the header's length in bytes
 *   offset 16  N bytes   header, UTF-8 JSON (see CheckpointHeader)
 *   then       payload   the sections the header lists, each at a 4-byte-aligned offset from
 *                        the payload's start: the float32 little-endian tensors C, W1, b1, W2,
 *                        b2 (row-major, shapes in the header), and the training file's distinct
 *                        words (UTF-8, newline-separated) so samples can be checked for novelty,
 *                        and (from version 2) the split each of those words fell in, one byte per
 *                        word (listIndex.ts SPLIT_CODES: 0 train, 1 dev, 2 test), so a generated
 *                        name in the list is tagged "training" or "held out".
 *                        From version 3, a factored output layer (outputLayer.ts) adds the
 *                        tensors Wc and bc, and the header's model holds each symbol's class
 *                        (`classes`); a flat model's file has neither (as in version 2).
 *
 * The header also holds the configuration, the vocabulary, the split losses and the bigram
 * baseline, a SHA-256 of the source text, the creation time and a SHA-256 of the payload. Both
 * encode and decode validate: a truncated, corrupt or newer-version file is rejected with a
 * message saying which.
 *
 * The list's sections (its words and their splits: LIST_SECTIONS, last in the payload) may be
 * kept apart: the run store keeps one copy of each distinct content, shared by the runs that
 * have it (extension/runs/runStore.ts). Such a file (`detachListSections`) lists them in the
 * header's `apart` with their SHA-256, and reads as a model only once they are put back
 * (`attachListSections`), which gives the very bytes that were detached. Files given to users
 * (the CLI's, an export) are always whole.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { normalizeFoldCase, type CasingInfo } from './casing';
import type { TrainingConfig } from './config';
import type { ListFormat } from './listFormat';
import { InputError } from './errors';
import type { RunNotes } from './progress';
import type { SplitLosses } from './splits';
import { PARAM_NAMES, paramShapes, type ModelShape, type ParamName, type Params } from './model';
import { classCount } from './outputLayer';
import { Vocabulary } from './vocabulary';

export const CHECKPOINT_VERSION = 3;
export const CHECKPOINT_EXTENSION = '.makemore';
const MAGIC = 'MAKEMORE';
const PREAMBLE = 16;

export interface RunInfo extends RunNotes {
  /** Steps run. */
  steps: number;
  /** Step of the kept parameters. */
  keptStep: number;
  seconds: number;
  examplesPerSecond: number;
  stopped: boolean;
  backend: string;
  // RunNotes (optional, absent in older files): early stopping, the train-loss sample, the dev
  // sample of the evaluations during training, the time cap, a stopped run's sampled losses.
}

export interface SourceInfo {
  /** File name (or editor title) of the word list. */
  name: string;
  /** SHA-256 (hex) of the source text as trained on. */
  sha256: string;
  words: number;
  /** Optional (absent in older files): the list format read ('lines' when absent). */
  format?: ListFormat;
  /** Optional: "CSV file", "Markdown list", "JSON array of objects"… */
  formatLabel?: string;
  /** Optional: the CSV/TSV column or JSON field read. */
  column?: string;
  /** Optional: "Reading column 'name' of a CSV file: 201 items, e.g. Bella, Lucy, Daisy" */
  description?: string;
}

export interface Checkpoint {
  createdAt: string;
  shape: ModelShape;
  vocabulary: Vocabulary;
  config: TrainingConfig;
  params: Params;
  run: RunInfo;
  losses: SplitLosses;
  bigram: SplitLosses;
  source: SourceInfo;
  /** Distinct words of the training file (as trained on: case-folded when `casing.folded`). */
  trainingWords: string[];
  /**
   * The split of each of `trainingWords` (listIndex.ts SPLIT_CODES), training when any of its
   * occurrences was. Missing in version 1 files.
   */
  wordSplits?: Uint8Array;
  /** Optional (absent in older files): the list's case pattern, and whether samples restore it. */
  casing?: CasingInfo;
}

interface Section {
  name: ParamName | 'trainingWords' | 'wordSplits';
  dtype: 'float32' | 'utf8' | 'uint8';
  shape?: number[];
  offset: number;
  byteLength: number;
}

/** The JSON header, as stored. */
export interface CheckpointHeader {
  format: 'makemore-checkpoint';
  version: number;
  createdAt: string;
  model: ModelShape;
  vocabulary: string[];
  config: TrainingConfig;
  run: RunInfo;
  losses: SplitLosses;
  bigram: SplitLosses;
  source: SourceInfo;
  /** Optional: see Checkpoint.casing. */
  casing?: CasingInfo;
  sections: Section[];
  payloadSha256: string;
  /** Only in a file whose list sections are kept apart (see the top): what they were. */
  apart?: ApartSections;
}

/** The list's sections: kept apart in the run store (see the top), always last in the payload. */
export const LIST_SECTIONS: readonly Section['name'][] = ['trainingWords', 'wordSplits'];

/** In the header of a file whose list sections are kept apart: those sections as they were listed, and the whole payload's checksum. */
export interface ApartSections {
  sections: (Section & { sha256: string })[];
  payloadSha256: string;
}

/** A section taken out of a model file: its name, its bytes, and their SHA-256 (hex), which names it. */
export interface DetachedSection {
  name: Section['name'];
  sha256: string;
  bytes: Uint8Array;
}

export class CheckpointError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/**
 * SHA-256 of `data` (a string as UTF-8), in hex. Synchronous and the same in every runtime
 * (@noble/hashes): encoding and decoding a checkpoint are synchronous, and the web build has no
 * node:crypto (Web Crypto's digest is asynchronous only).
 */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

export function encodeCheckpoint(ck: Checkpoint): Uint8Array {
  checkParams(ck.shape, ck.params, ck.vocabulary);
  if (ck.wordSplits) checkWordSplits(ck.wordSplits, ck.trainingWords.length);
  const sections: Section[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  const add = (name: Section['name'], dtype: Section['dtype'], bytes: Uint8Array, shape?: number[]): void => {
    const padded = (bytes.byteLength + 3) & ~3;
    sections.push({ name, dtype, ...(shape ? { shape } : {}), offset, byteLength: bytes.byteLength });
    const chunk = new Uint8Array(padded);
    chunk.set(bytes);
    chunks.push(chunk);
    offset += padded;
  };
  const shapes = paramShapes(ck.shape);
  for (const name of PARAM_NAMES) {
    // A flat model has no class parameters: its file has no sections for them (as in version 2).
    if (ck.params[name].length > 0 || !CLASS_PARAMS.has(name)) add(name, 'float32', float32ToBytes(ck.params[name]), shapes[name]);
  }
  add('trainingWords', 'utf8', new TextEncoder().encode(ck.trainingWords.join('\n')));
  if (ck.wordSplits) add('wordSplits', 'uint8', ck.wordSplits);
  const payload = concat(chunks, offset);
  const header: CheckpointHeader = {
    format: 'makemore-checkpoint',
    version: CHECKPOINT_VERSION,
    createdAt: ck.createdAt,
    model: ck.shape,
    vocabulary: ck.vocabulary.characters,
    config: ck.config,
    run: ck.run,
    losses: ck.losses,
    bigram: ck.bigram,
    source: ck.source,
    ...(ck.casing ? { casing: ck.casing } : {}),
    sections,
    payloadSha256: sha256Hex(payload),
  };
  return assemble(header, payload);
}

/** Reads only the header (cheap: for listing models). */
export function readCheckpointHeader(bytes: Uint8Array): CheckpointHeader {
  if (bytes.length < PREAMBLE || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new CheckpointError('Not a Makemore model file (its first bytes are not "MAKEMORE").');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(8, true);
  if (version > CHECKPOINT_VERSION) {
    throw new CheckpointError(
      `The model file was written by a newer Makemore (format ${version}); this version reads format ${CHECKPOINT_VERSION}. Update Makemore.`,
    );
  }
  if (version < 1) throw new CheckpointError(`The model file has an unknown format version ${version}.`);
  const headerLength = view.getUint32(12, true);
  if (PREAMBLE + headerLength > bytes.length) throw new CheckpointError('The model file is truncated (its header is incomplete).');
  let header: CheckpointHeader;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(PREAMBLE, PREAMBLE + headerLength)));
  } catch {
    throw new CheckpointError('The model file is corrupt (its header is not valid JSON).');
  }
  if (header?.format !== 'makemore-checkpoint' || header.version !== version || !Array.isArray(header.sections)) {
    throw new CheckpointError('The model file is corrupt (its header does not describe a Makemore model).');
  }
  // Files from before the output layer was a choice hold none: theirs is flat.
  if (header.config && header.config.outputLayer === undefined) header.config = { ...header.config, outputLayer: 'flat' };
  return header;
}

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  const header = readCheckpointHeader(bytes);
  if (header.apart)
    throw new CheckpointError('The model file keeps its word list apart (a run store file): its list must be put back before it is read.');
  const payload = bytes.subarray(payloadStart(bytes));
  const needed = Math.max(0, ...header.sections.map((s) => s.offset + ((s.byteLength + 3) & ~3)));
  if (payload.length < needed) {
    throw new CheckpointError(`The model file is truncated (${payload.length} of ${needed} payload bytes).`);
  }
  if (sha256Hex(payload.subarray(0, needed)) !== header.payloadSha256) {
    throw new CheckpointError('The model file is corrupt (its checksum does not match).');
  }
  let vocabulary: Vocabulary;
  try {
    vocabulary = new Vocabulary(header.vocabulary);
  } catch (e) {
    throw new CheckpointError(`The model file is corrupt (${(e as Error).message})`);
  }
  const section = (name: Section['name']): Uint8Array => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw new CheckpointError(`The model file is corrupt (section ${name} is missing).`);
    return payload.subarray(s.offset, s.offset + s.byteLength);
  };
  const params = {} as Params;
  for (const name of PARAM_NAMES) {
    const flatModelsClassParams = CLASS_PARAMS.has(name) && !header.model.classes && !header.sections.some((x) => x.name === name);
    params[name] = flatModelsClassParams ? new Float32Array(0) : bytesToFloat32(section(name));
  }
  checkParams(header.model, params, vocabulary);
  const text = new TextDecoder().decode(section('trainingWords'));
  const trainingWords = text.length > 0 ? text.split('\n') : [];
  const wordSplits = header.sections.some((s) => s.name === 'wordSplits') ? section('wordSplits').slice() : undefined;
  if (wordSplits) checkWordSplits(wordSplits, trainingWords.length);
  return {
    createdAt: header.createdAt,
    shape: header.model,
    vocabulary,
    // Files before foldCase became auto / on / off hold true / false.
    config: { ...header.config, foldCase: normalizeFoldCase(header.config.foldCase) ?? 'off' },
    params,
    run: header.run,
    losses: header.losses,
    bigram: header.bigram,
    source: header.source,
    trainingWords,
    ...(wordSplits ? { wordSplits } : {}),
    ...(header.casing ? { casing: header.casing } : {}),
  };
}

/** The byte offset of a model file's payload (after its header). */
function payloadStart(bytes: Uint8Array): number {
  return PREAMBLE + new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(12, true);
}

/** A model file with this header and payload. */
function assemble(header: CheckpointHeader, payload: Uint8Array): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(PREAMBLE + headerBytes.length + payload.length);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(8, header.version, true);
  view.setUint32(12, headerBytes.length, true);
  out.set(headerBytes, PREAMBLE);
  out.set(payload, PREAMBLE + headerBytes.length);
  return out;
}

/**
 * Takes a model file's list sections out (see the top): the file without them, and each one
 * with its SHA-256 (`hash`: this module's, or a faster native one: the run store passes Web
 * Crypto's). A file that has none, or has them apart already, comes back as it is.
 */
export async function detachListSections(
  bytes: Uint8Array,
  hash: (bytes: Uint8Array) => Promise<string> = async (b) => sha256Hex(b),
): Promise<{ model: Uint8Array; sections: DetachedSection[] }> {
  const header = readCheckpointHeader(bytes);
  const list = header.sections.filter((s) => LIST_SECTIONS.includes(s.name));
  if (header.apart || list.length === 0) return { model: bytes, sections: [] };
  const kept = header.sections.filter((s) => !LIST_SECTIONS.includes(s.name));
  const cut = Math.min(...list.map((s) => s.offset));
  if (kept.some((s) => s.offset + s.byteLength > cut))
    throw new CheckpointError('The model file is corrupt (its word list is not at the end).');
  const payload = bytes.subarray(payloadStart(bytes));
  const sections: DetachedSection[] = [];
  for (const s of list) {
    if (s.offset + s.byteLength > payload.length) throw new CheckpointError(`The model file is truncated (section ${s.name}).`);
    const part = payload.slice(s.offset, s.offset + s.byteLength);
    sections.push({ name: s.name, sha256: await hash(part), bytes: part });
  }
  const rest = payload.subarray(0, cut);
  const apart: ApartSections = {
    sections: list.map((s, i) => ({ ...s, sha256: sections[i]!.sha256 })),
    payloadSha256: header.payloadSha256,
  };
  return { model: assemble({ ...header, sections: kept, payloadSha256: await hash(rest), apart }, rest), sections };
}

/** The sections a model file keeps apart: each one's name, SHA-256 and length (none for a whole file). */
export function apartSectionsOf(header: CheckpointHeader): { name: Section['name']; sha256: string; byteLength: number }[] {
  return (header.apart?.sections ?? []).map((s) => ({ name: s.name, sha256: s.sha256, byteLength: s.byteLength }));
}

/**
 * Puts a model file's list sections back (`part`: a section's bytes, by its name and SHA-256): the
 * whole file, byte for byte as it was before detachListSections. A whole file comes back as it is.
 */
export async function attachListSections(
  bytes: Uint8Array,
  part: (section: { name: Section['name']; sha256: string }) => Promise<Uint8Array>,
): Promise<Uint8Array> {
  const header = readCheckpointHeader(bytes);
  const { apart, ...rest } = header;
  if (!apart) return bytes;
  const model = bytes.subarray(payloadStart(bytes));
  const parts: Uint8Array[] = [];
  let end = model.length;
  for (const s of apart.sections) {
    const b = await part({ name: s.name, sha256: s.sha256 });
    if (b.length !== s.byteLength)
      throw new CheckpointError(`The model's ${s.name} kept apart has ${b.length} bytes, expected ${s.byteLength}.`);
    if (s.offset !== end) throw new CheckpointError('The model file is corrupt (its word list kept apart does not fit).');
    parts.push(b);
    end = s.offset + ((s.byteLength + 3) & ~3);
  }
  const payload = new Uint8Array(end);
  payload.set(model);
  apart.sections.forEach((s, i) => payload.set(parts[i]!, s.offset));
  const sections = [...rest.sections, ...apart.sections.map(({ sha256: _, ...s }) => s)];
  return assemble({ ...rest, sections, payloadSha256: apart.payloadSha256 }, payload);
}

function checkWordSplits(splits: Uint8Array, words: number): void {
  if (splits.length !== words)
    throw new CheckpointError(`The model file is inconsistent: ${splits.length} split codes for ${words} words.`);
  if (splits.some((c) => c > 2)) throw new CheckpointError('The model file is corrupt: a word has an unknown split code.');
}

/** The factored output layer's parameters (absent from a flat model's file). */
const CLASS_PARAMS: ReadonlySet<ParamName> = new Set(['Wc', 'bc']);

function checkParams(shape: ModelShape, params: Params, vocabulary: Vocabulary): void {
  if (shape.vocabSize !== vocabulary.size) {
    throw new CheckpointError(`The model file is inconsistent: ${vocabulary.size} symbols but a model for ${shape.vocabSize}.`);
  }
  if (shape.classes !== undefined) {
    const { classes } = shape;
    const n = classCount(shape);
    const used = new Set(classes);
    if (
      !Array.isArray(classes) ||
      classes.length !== shape.vocabSize ||
      !classes.every((k) => Number.isInteger(k) && k >= 0) ||
      used.size !== n
    ) {
      throw new CheckpointError('The model file is corrupt: its output classes do not give every symbol a class.');
    }
  }
  const shapes = paramShapes(shape);
  for (const name of PARAM_NAMES) {
    const expected = shapes[name].reduce((a, b) => a * b, 1);
    if (params[name]?.length !== expected) {
      throw new CheckpointError(`The model file is inconsistent: ${name} has ${params[name]?.length ?? 0} values, expected ${expected}.`);
    }
    if (!params[name].every(Number.isFinite)) throw new CheckpointError(`The model file is corrupt: ${name} holds non-finite values.`);
  }
}

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function float32ToBytes(a: Float32Array): Uint8Array {
  if (littleEndian) return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  a.forEach((x, i) => view.setFloat32(i * 4, x, true));
  return out;
}

function bytesToFloat32(b: Uint8Array): Float32Array {
  if (b.byteLength % 4 !== 0) throw new CheckpointError('The model file is corrupt (a tensor has a partial value).');
  const out = new Float32Array(b.byteLength / 4);
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}
