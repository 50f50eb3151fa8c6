import { readFileSync, writeFileSync } from 'node:fs';
import {
  InvalidConfigError,
  type SparseEmbeddingConfig,
  type SparseEmbeddingFunction,
  type SparseEncodeOptions,
  type SparseVector,
  throwIfAborted,
} from '@embedkit/core';
import { parseSettings } from '@embedkit/core/provider';
import { type Bm25Parameters, bm25Parameters } from './bm25-parameters.js';
import { type Bm25Settings, bm25Settings } from './bm25-settings.js';
import { type Bm25Analyzer, createEnglishAnalyzer } from './english-analyzer.js';
import { type Bm25Statistics, fitBm25 } from './fit-bm25.js';

/** What `createBm25` takes besides its settings: things a config cannot hold. */
export interface Bm25RuntimeOptions {
  /**
   * Another analyzer (another language, code); `toConfig()` records its `name`, and a registry
   * can rebuild only the built-in English one.
   */
  analyzer?: Bm25Analyzer;
}

/**
 * Client-side BM25 as sparse vectors, behaving like pymilvus' `BM25EmbeddingFunction`: a
 * document's vector holds each term's saturated, length-normalised frequency, a query's vector
 * each term's IDF, so their dot product is the document's Okapi BM25 score for the query. Fit it
 * on the corpus (or load a model pymilvus fitted) before encoding.
 */
export class Bm25EmbeddingFunction implements SparseEmbeddingFunction {
  readonly provider = 'bm25';
  readonly analyzer: Bm25Analyzer;
  readonly #settings: ReturnType<typeof parseBm25Settings>;
  #k1: number;
  #b: number;
  #epsilon: number;
  #statistics: Bm25Statistics | undefined;
  /** Term → [sparse index, IDF]. */
  #terms = new Map<string, readonly [number, number]>();

  constructor(settings: Bm25Settings = {}, options: Bm25RuntimeOptions = {}) {
    this.#settings = parseBm25Settings(settings);
    const { k1 = 1.5, b = 0.75, epsilon = 0.25, stopWords, extraStopWords, stem } = this.#settings;
    this.#k1 = k1;
    this.#b = b;
    this.#epsilon = epsilon;
    this.analyzer =
      options.analyzer ??
      createEnglishAnalyzer({
        ...(stopWords ? { stopWords } : {}),
        ...(extraStopWords ? { extraStopWords } : {}),
        ...(stem === undefined ? {} : { stem }),
      });
    const { model, parameters, path } = this.#settings;
    if (model !== undefined && model !== this.model) {
      throw new InvalidConfigError({
        subject: 'bm25 settings',
        issues: [
          {
            path: 'model',
            message: `the config says ${model} but these analyzer settings build ${this.model}; fix the stop-word and stem settings or drop model`,
          },
        ],
      });
    }
    if (parameters) this.#load(parameters);
    if (path) this.#load(readParameters(path));
  }

  get model(): string {
    return `bm25-${this.analyzer.name}`;
  }

  /** The fitted vocabulary's size: every index is below it. 0 before `fit`. */
  get dim(): number {
    return this.#terms.size;
  }

  get k1(): number {
    return this.#k1;
  }

  get b(): number {
    return this.#b;
  }

  get epsilon(): number {
    return this.#epsilon;
  }

  /** Whether the function was fitted or loaded, so it can encode. */
  get fitted(): boolean {
    return this.#statistics !== undefined;
  }

  /** Learns the vocabulary, IDF and mean document length from `corpus`, replacing any earlier fit. */
  fit(corpus: readonly string[]): this {
    if (
      !Array.isArray(corpus) ||
      corpus.length === 0 ||
      corpus.some((text) => typeof text !== 'string')
    ) {
      throw new InvalidConfigError({
        subject: 'bm25 fit',
        issues: [{ path: 'corpus', message: 'expected a non-empty array of texts' }],
      });
    }
    const statistics = fitBm25(
      corpus.map((text) => this.analyzer.analyze(text)),
      this.#epsilon,
    );
    this.#use(statistics);
    return this;
  }

  async encodeDocuments(
    texts: readonly string[],
    options: SparseEncodeOptions = {},
  ): Promise<SparseVector[]> {
    const { averageDocumentLength } = this.#fitted();
    return this.#each(texts, options, (terms) => {
      const frequencies = new Map<number, number>();
      for (const term of terms) {
        const entry = this.#terms.get(term);
        if (entry) frequencies.set(entry[0], (frequencies.get(entry[0]) ?? 0) + 1);
      }
      const norm = this.#k1 * (1 - this.#b + (this.#b * terms.length) / averageDocumentLength);
      return toSparse(
        frequencies,
        (frequency) => (frequency * (this.#k1 + 1)) / (frequency + norm),
      );
    });
  }

  async encodeQueries(
    texts: readonly string[],
    options: SparseEncodeOptions = {},
  ): Promise<SparseVector[]> {
    this.#fitted();
    return this.#each(texts, options, (terms) => {
      // A repeated query term counts once per occurrence, as pymilvus' summed sparse entries do.
      const weights = new Map<number, number>();
      for (const term of terms) {
        const entry = this.#terms.get(term);
        if (entry) weights.set(entry[0], (weights.get(entry[0]) ?? 0) + entry[1]);
      }
      return toSparse(weights, (weight) => weight);
    });
  }

  /** The fitted model in pymilvus' JSON format, for `save()` or a config's `parameters`. */
  toParameters(): Bm25Parameters {
    const { corpusSize, averageDocumentLength, idf } = this.#fitted();
    return {
      version: 'v1',
      corpus_size: corpusSize,
      avgdl: averageDocumentLength,
      idf_word: [...idf.keys()],
      idf_value: [...idf.values()],
      k1: this.#k1,
      b: this.#b,
      epsilon: this.#epsilon,
    };
  }

  /** Writes the fitted model as pymilvus' JSON, which pymilvus' `BM25EmbeddingFunction.load` reads. */
  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.toParameters()));
  }

  /** Replaces the model with one saved by `save()` or by pymilvus (k1, b and epsilon included). */
  load(path: string): this {
    this.#load(readParameters(path));
    return this;
  }

  /**
   * Settings from which `bm25Provider` rebuilds an equal function: the analyzer settings and,
   * once fitted, the model — as `path` when it was loaded from one and not refitted, else inline
   * `parameters` (a large vocabulary makes a large config; save it to a file and use `path`).
   */
  toConfig(): SparseEmbeddingConfig {
    const { stopWords, extraStopWords, stem, path } = this.#settings;
    return {
      provider: this.provider,
      model: this.model,
      dim: this.dim,
      language: 'en',
      k1: this.#k1,
      b: this.#b,
      epsilon: this.#epsilon,
      ...(stopWords ? { stopWords } : {}),
      ...(extraStopWords ? { extraStopWords } : {}),
      ...(stem === undefined ? {} : { stem }),
      ...(this.#statistics === undefined
        ? {}
        : this.#loadedFrom !== undefined && this.#loadedFrom === path
          ? { path }
          : { parameters: this.toParameters() as unknown as SparseEmbeddingConfig['parameters'] }),
    };
  }

  #loadedFrom: string | undefined;

  #load(parameters: Bm25Parameters): void {
    this.#k1 = parameters.k1;
    this.#b = parameters.b;
    this.#epsilon = parameters.epsilon;
    this.#use({
      corpusSize: parameters.corpus_size,
      averageDocumentLength: parameters.avgdl,
      idf: new Map(parameters.idf_word.map((term, index) => [term, parameters.idf_value[index]!])),
    });
    this.#loadedFrom = this.#settings.path;
  }

  #use(statistics: Bm25Statistics): void {
    this.#statistics = statistics;
    this.#loadedFrom = undefined;
    this.#terms = new Map();
    let index = 0;
    for (const [term, idf] of statistics.idf) this.#terms.set(term, [index++, idf]);
  }

  #fitted(): Bm25Statistics {
    if (!this.#statistics) {
      throw new InvalidConfigError({
        subject: 'bm25',
        issues: [
          {
            path: 'parameters',
            message:
              'the function is not fitted; call fit(corpus), load(path), or give parameters or path',
          },
        ],
      });
    }
    return this.#statistics;
  }

  #each(
    texts: readonly string[],
    options: SparseEncodeOptions,
    encode: (terms: string[]) => SparseVector,
  ): SparseVector[] {
    if (!Array.isArray(texts) || texts.some((text) => typeof text !== 'string')) {
      throw new InvalidConfigError({
        subject: 'bm25 input',
        issues: [{ path: '', message: 'expected an array of texts' }],
      });
    }
    return texts.map((text) => {
      throwIfAborted(options.signal, 'The BM25 encoding was aborted.');
      return encode(this.analyzer.analyze(text));
    });
  }
}

/** A BM25 sparse embedding function; fit it, or give `parameters` or `path`. */
export function createBm25(
  settings: Bm25Settings = {},
  options: Bm25RuntimeOptions = {},
): Bm25EmbeddingFunction {
  return new Bm25EmbeddingFunction(settings, options);
}

function parseBm25Settings(settings: Bm25Settings) {
  return parseSettings(bm25Settings, settings, 'bm25 settings');
}

function readParameters(path: string): Bm25Parameters {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InvalidConfigError({
      subject: 'bm25 parameters',
      issues: [
        { path: 'path', message: `${path} cannot be read as JSON (${(error as Error).message})` },
      ],
      cause: error,
    });
  }
  return parseSettings(bm25Parameters, json, `bm25 parameters in ${path}`);
}

/** Entries by index → a sparse vector, values computed in float64 and stored as float32. */
function toSparse(entries: Map<number, number>, value: (entry: number) => number): SparseVector {
  const indices = Uint32Array.from([...entries.keys()].sort((left, right) => left - right));
  const values = Float32Array.from(indices, (index) => value(entries.get(index)!));
  return { indices, values };
}
