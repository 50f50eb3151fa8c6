import { createSeededRandom, type RandomSource } from '@embedkit/testing/seeded-random';

/** How to build a corpus; the same options always give the same documents. */
export interface SyntheticCorpusOptions {
  readonly documents: number;
  /** Shortest and longest document, in simulator tokens. Default 20 and 2,000. */
  readonly minTokens?: number;
  readonly maxTokens?: number;
  readonly seed?: number;
}

/** Documents plus their exact token counts as the Jina simulator's tokenizer counts them. */
export interface SyntheticCorpus {
  readonly texts: string[];
  readonly tokens: number[];
  readonly totalTokens: number;
}

const syllables = [
  'ka',
  'lo',
  'mi',
  'ne',
  'ru',
  'ta',
  'vo',
  'shi',
  'den',
  'bar',
  'qui',
  'pel',
  'sor',
  'fin',
  'gra',
  'tum',
  'wel',
  'zan',
  'ho',
  'ly',
];

/**
 * A seeded vocabulary of pronounceable words, 8–16 letters long (two to four tokens each), so
 * documents look like prose to a tokenizer without shipping any real text, while keeping the
 * simulator's per-word hashing (its main cost) low enough not to limit the benchmark.
 */
function vocabulary(random: RandomSource, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const parts = 8 + Math.floor(random() * 8);
    let word = '';
    for (let part = 0; part < parts; part++) {
      word += syllables[Math.floor(random() * syllables.length)];
    }
    words.add(word);
  }
  return [...words];
}

/**
 * Mixed-length synthetic documents for the benchmarks. Lengths are log-uniform between
 * `minTokens` and `maxTokens` (many short documents, a long tail of long ones, as real corpora
 * have); words follow a Zipf-like distribution over a 5,000-word vocabulary. Token counts are
 * exact for the simulator's tokenizer (a word of n letters is ⌈n/4⌉ tokens, a full stop is one),
 * so the theoretical best time can be computed from the corpus itself.
 */
export function syntheticCorpus(options: SyntheticCorpusOptions): SyntheticCorpus {
  const random = createSeededRandom(options.seed ?? 20_000);
  const words = vocabulary(random, 5_000);
  const minTokens = options.minTokens ?? 20;
  const maxTokens = options.maxTokens ?? 2_000;
  const logSpan = Math.log(maxTokens / minTokens);
  const texts: string[] = [];
  const tokens: number[] = [];
  let totalTokens = 0;
  for (let index = 0; index < options.documents; index++) {
    const target = Math.round(minTokens * Math.exp(random() ** 2 * logSpan));
    const parts: string[] = [];
    let count = 0;
    let sentenceLength = 0;
    while (count < target) {
      const rank = Math.floor(words.length * random() ** 3);
      const word = words[rank]!;
      const cost = Math.ceil(word.length / 4);
      if (count + cost > target) {
        parts.push('.');
        count++;
        continue;
      }
      parts.push(word);
      count += cost;
      sentenceLength++;
      if (sentenceLength > 12 && count < target && random() < 0.2) {
        parts.push('.');
        count++;
        sentenceLength = 0;
      }
    }
    texts.push(parts.join(' ').replace(/ \./g, '.'));
    tokens.push(count);
    totalTokens += count;
  }
  return { texts, tokens, totalTokens };
}
