import { englishStopWords } from './english-stop-words.js';
import { splitSentences } from './split-sentences.js';
import { stemEnglish } from './stem-english.js';
import { tokenizeWords } from './tokenize-words.js';

/**
 * Turns a text into the terms BM25 counts. Any function of this shape works (a tokenizer for
 * another language, a code tokenizer); the analyzer's `name` is what `toConfig()` records, so
 * two functions with different analyzers are never taken for the same space.
 */
export interface Bm25Analyzer {
  /** Recorded in `toConfig()`; `en` for the default English analyzer. */
  readonly name: string;
  analyze(text: string): string[];
}

export interface EnglishAnalyzerOptions {
  /** Words to drop (after lowercasing, before stemming). Default: NLTK's English list. */
  stopWords?: readonly string[];
  /** Words dropped in addition to `stopWords`, like pymilvus' `stopword_list`. */
  extraStopWords?: readonly string[];
  /** Snowball (Porter2) stemming, as pymilvus' English analyzer does. Default true. */
  stem?: boolean;
}

/** Single ASCII punctuation characters, which pymilvus' `PunctuationFilter` drops as tokens. */
const punctuation = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');

/**
 * pymilvus' default English analyzer (`build_default_analyzer(language="en")`): NLTK's word
 * tokenizer after Punkt sentence splitting, lowercase, punctuation tokens dropped, English stop
 * words dropped, Snowball English stemming — in that order, so terms match pymilvus' own.
 */
export function createEnglishAnalyzer(options: EnglishAnalyzerOptions = {}): Bm25Analyzer {
  const stopWords = new Set([
    ...(options.stopWords ?? englishStopWords),
    ...(options.extraStopWords ?? []),
  ]);
  const stem = options.stem ?? true;
  const custom = options.stopWords !== undefined || options.extraStopWords !== undefined || !stem;
  return {
    name: custom ? 'en-custom' : 'en',
    analyze(text) {
      const terms: string[] = [];
      for (const sentence of splitSentences(text)) {
        for (const token of tokenizeWords(sentence)) {
          const lower = token.toLowerCase();
          if (punctuation.has(lower) || stopWords.has(lower)) continue;
          terms.push(stem ? stemEnglish(lower) : lower);
        }
      }
      return terms;
    },
  };
}
