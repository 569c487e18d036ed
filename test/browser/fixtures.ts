/** The recorded runs the browser tests replay, recorded once per test process. */
import { recordRun, type Recording } from './record';

let main: Promise<Recording> | undefined;
let flat: Promise<Recording> | undefined;

/** A run with the default model (24-d embeddings: the scatter shows a PCA projection). */
export function mainRecording(): Promise<Recording> {
  main ??= recordRun({ every: 8, config: { steps: 600, seed: 7 } });
  return main;
}

/** A short run with 2-d embeddings (the scatter shows the raw dimensions). */
export function twoDimensionalRecording(): Promise<Recording> {
  flat ??= recordRun({ every: 16, config: { steps: 120, embeddingSize: 2, hiddenSize: 64, seed: 3 }, sourceName: 'names-2d.txt' });
  return flat;
}
