import {
  createEmbeddingFunction,
  type ProviderEmbeddingFunction,
} from '../embedding/create-embedding-function.js';
import { parseSettings } from '../provider/parse-settings.js';
import { normalize } from '../vectors/normalize.js';
import { addFeature, words } from './hash-features.js';
import { type HashingSettings, hashingSettings } from './hashing-settings.js';

/**
 * A deterministic, offline embedding by feature hashing: words, adjacent word pairs and character
 * n-grams hashed into a fixed-size, L2-normalised vector.
 *
 * It is lexical, not semantic: texts that share words and word pieces are close, synonyms and
 * paraphrases with different words are not. It needs no model, no network and no key, which makes
 * it the zero-dependency default for tests, demos and offline pipelines; use a neural provider for
 * real semantic search. Documents and queries are encoded the same way.
 */
export function createHashingEmbedding(settings: HashingSettings = {}): ProviderEmbeddingFunction {
  const { model, dimensions, charNgram, wordBigrams } = parseSettings(
    hashingSettings,
    settings,
    'hashing settings',
  );

  const embedOne = (text: string): Float32Array => {
    const vector = new Float32Array(dimensions);
    const tokens = words(text);
    // Text without letters or digits ("!!!", emoji) still gets a unit vector of its own.
    if (tokens.length === 0) addFeature(vector, `r:${text.trim()}`, 1);
    for (let index = 0; index < tokens.length; index++) {
      const word = tokens[index]!;
      addFeature(vector, `w:${word}`, 1);
      if (wordBigrams && index + 1 < tokens.length) {
        addFeature(vector, `b:${word} ${tokens[index + 1]}`, 0.5);
      }
      if (charNgram > 0) {
        const padded = `#${word}#`;
        const count = Math.max(0, padded.length - charNgram + 1);
        const weight = count > 0 ? 1 / Math.sqrt(count) : 0;
        for (let start = 0; start < count; start++) {
          addFeature(vector, `c:${padded.slice(start, start + charNgram)}`, weight);
        }
      }
    }
    for (let slot = 0; slot < vector.length; slot++) {
      const value = vector[slot]!;
      vector[slot] = Math.sign(value) * Math.log1p(Math.abs(value));
    }
    return normalize(vector);
  };

  return createEmbeddingFunction({
    provider: 'hashing',
    model,
    dim: dimensions,
    limits: { maxInputsPerCall: 512, supportsParallelCalls: false, concurrency: 1 },
    settings: { dimensions, charNgram, wordBigrams },
    spaceProperties: { charNgram, wordBigrams, normalized: true },
    async embedBatch({ inputs }) {
      return {
        embeddings: inputs.map((text, index) => ({ index, vector: embedOne(text) })),
        tokens: inputs.reduce((total, text) => total + words(text).length, 0),
      };
    },
  });
}
