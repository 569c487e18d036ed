/**
 * Drawing names from a stored model with the user's sampling settings: for every cursor of an
 * insert (all names different, each continuing its cursor's prefix), and for the panel's list.
 * Plain JavaScript (core/sample.ts): no TensorFlow.js in the extension host.
 */
import type { Checkpoint } from '../../core/checkpoint';
import { sampleWords, samplingModelOf, type SampleOptions, type SamplingModel } from '../../core/sample';
import type { SamplingSettings } from '../settings';

export function samplingModel(ck: Checkpoint): SamplingModel {
  return samplingModelOf(ck);
}

function options(settings: SamplingSettings, count: number, prefix = ''): SampleOptions {
  return {
    count,
    temperature: settings.temperature,
    topK: settings.topK,
    novel: settings.novelOnly,
    unique: true,
    // A case-folded model folds the prefix itself, and restores the list's casing (core/sample.ts).
    prefix: prefix.normalize('NFC'),
  };
}

export interface CursorNames {
  /** The text for each cursor (its names, one per line), or undefined when none was found. */
  texts: (string | undefined)[];
  /** Names asked for but not found (too few distinct or novel ones). */
  missing: number;
}

/**
 * `settings.namesPerCursor` names for each cursor, all distinct; `prefixes[i]` is cursor i's
 * prefix ('' for none). Throws InputError for a prefix with characters the model does not know.
 */
export function namesForCursors(ck: Checkpoint, prefixes: readonly string[], settings: SamplingSettings, eol = '\n'): CursorNames {
  const model = samplingModel(ck);
  const per = settings.namesPerCursor;
  const texts: (string | undefined)[] = new Array(prefixes.length).fill(undefined);
  const used = new Set<string>();
  let missing = 0;
  for (const prefix of new Set(prefixes)) {
    const cursors = prefixes.flatMap((p, i) => (p === prefix ? [i] : []));
    const need = cursors.length * per;
    // Words are distinct within one draw; at most `used.size` of them were drawn for another prefix.
    const drawn = sampleWords(model, options(settings, need + used.size, prefix)).words;
    const words = drawn.filter((w) => !used.has(w)).slice(0, need);
    for (const w of words) used.add(w);
    missing += need - words.length;
    cursors.forEach((cursor, k) => {
      const mine = words.slice(k * per, (k + 1) * per);
      if (mine.length > 0) texts[cursor] = mine.join(eol);
    });
  }
  return { texts, missing };
}

/** A fresh list of names for the panel. */
export function sampleList(ck: Checkpoint, settings: SamplingSettings, count = 12): string[] {
  return sampleWords(samplingModel(ck), options(settings, count)).words;
}
