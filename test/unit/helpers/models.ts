/** Models with known parameters, for tests. */
import { zerosLike, type ModelShape, type Params } from '../../../src/core/model';
import { Vocabulary } from '../../../src/core/vocabulary';

/**
 * Known parameters: one name only, "abcdef". Block size 1, one-hot embeddings, a saturated
 * hidden layer, and an output layer mapping each symbol to the next (f to the end).
 */
export function chainModel(): { shape: ModelShape; params: Params; vocabulary: Vocabulary; trainingWords: string[] } {
  const vocabulary = new Vocabulary([...'abcdef']);
  const V = vocabulary.size;
  const shape: ModelShape = { vocabSize: V, blockSize: 1, embeddingSize: V, hiddenSize: V };
  const params = zerosLike(shape);
  for (let v = 0; v < V; v++) {
    params.C[v * V + v] = 1;
    params.W1[v * V + v] = 5;
    params.W2[v * V + ((v + 1) % V)] = 30;
  }
  params.b1.fill(-2.5); // tanh(±2.5): an active unit at +1, the others at −1
  return { shape, params, vocabulary, trainingWords: ['abc', 'abcdefg'] };
}
