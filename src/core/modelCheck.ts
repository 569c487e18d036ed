/**
 * A saved model, read back and checked before a run reports success: the CLI reads the file it
 * wrote (`--out`), the run store the files it stored. The check is the one a later load makes,
 * and more, so that a model that reported "Saved" always opens again:
 *
 * - decoded whole (core/checkpoint.ts: magic, version, checksum, shapes, finite weights, one split
 *   code per word);
 * - consistent: its list's words hold no line break (they are stored one per line: a word with
 *   one would read back as two, and its splits would no longer match) and there are no more
 *   distinct words than the list's count;
 * - it samples: a few words drawn with a fixed seed (core/sample.ts), so the forward pass runs on
 *   the stored weights. How many come out is not judged (a model stopped after one step may
 *   draw only words too long to keep).
 *
 * The bytes are checked once, where the model is made (`encodeCheckedModel`: the CLI, the job
 * worker, off the editor's thread), before they are written; what is read back from the disk
 * must then be the same bytes (`checkReadBack`: the CLI, the run store).
 *
 * Pure: no TensorFlow.js, no Node-only API (the web extension host runs it too).
 */
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint';
import { samplingModelOf, sampleWords } from './sample';

/** Draws of the check (a handful: it only has to run). */
const CHECK_SAMPLES = 3;

/**
 * Reads `bytes` as a model and checks it (see above): the bytes about to be saved, once; what is
 * read back from the disk is then compared with them (`checkReadBack`). Returns the model; throws
 * CheckpointError saying what is wrong.
 */
export function checkSavedModel(bytes: Uint8Array): Checkpoint {
  const ck = decodeCheckpoint(bytes);
  const bad = ck.trainingWords.findIndex((w) => w.includes('\n'));
  if (bad >= 0)
    throw new CheckpointError(
      `The model file is inconsistent: word ${bad + 1} of its list, ${JSON.stringify(ck.trainingWords[bad])}, holds a line break.`,
    );
  if (ck.trainingWords.length > ck.source.words) {
    throw new CheckpointError(
      `The model file is inconsistent: ${ck.trainingWords.length} distinct words for a list of ${ck.source.words}.`,
    );
  }
  try {
    // Without the list's words: sampling does not need them (a large list's set would take a while).
    sampleWords(samplingModelOf({ ...ck, trainingWords: [] }), { count: CHECK_SAMPLES, seed: 1 });
  } catch (e) {
    throw new CheckpointError(`The model file does not sample: ${(e as Error).message}`);
  }
  return ck;
}

/**
 * A trained model's file, checked (checkSavedModel) before anything is saved or reported: where
 * models are made (the CLI, the job worker). A model that fails is a bug, not the user's: the
 * error says so.
 */
export function encodeCheckedModel(ck: Checkpoint): Uint8Array {
  const bytes = encodeCheckpoint(ck);
  try {
    checkSavedModel(bytes);
  } catch (e) {
    throw new Error(`the trained model did not pass its check, so it was not saved: ${(e as Error).message}`, { cause: e });
  }
  return bytes;
}

/** Throws CheckpointError unless the bytes read back from a file are the bytes written to it. */
export function checkReadBack(read: Uint8Array, written: Uint8Array): void {
  if (!sameBytes(read, written)) {
    throw new CheckpointError(
      `The model file reads back different from what was written (${read.length} bytes read, ${written.length} written).`,
    );
  }
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
