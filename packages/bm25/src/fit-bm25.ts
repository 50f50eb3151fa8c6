/** What fitting learns: the corpus statistics and each term's IDF, in first-seen order. */
export interface Bm25Statistics {
  corpusSize: number;
  averageDocumentLength: number;
  /** Term → IDF; iteration order is the sparse index order. */
  idf: Map<string, number>;
}

/**
 * Okapi BM25 statistics as pymilvus (after rank_bm25) computes them: `idf = ln(N − df + 0.5) −
 * ln(df + 0.5)`, and terms in more than half of the documents (negative IDF) get
 * `epsilon × mean IDF` instead. Terms are indexed in the order they first occur in the corpus.
 */
export function fitBm25(
  documents: readonly (readonly string[])[],
  epsilon: number,
): Bm25Statistics {
  const documentFrequency = new Map<string, number>();
  let totalLength = 0;
  for (const terms of documents) {
    totalLength += terms.length;
    for (const term of new Set(terms)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }
  const corpusSize = documents.length;
  const idf = new Map<string, number>();
  const negative: string[] = [];
  let idfSum = 0;
  for (const [term, frequency] of documentFrequency) {
    const value = Math.log(corpusSize - frequency + 0.5) - Math.log(frequency + 0.5);
    idf.set(term, value);
    idfSum += value;
    if (value < 0) negative.push(term);
  }
  const floor = (epsilon * idfSum) / idf.size;
  for (const term of negative) idf.set(term, floor);
  return { corpusSize, averageDocumentLength: totalLength / corpusSize, idf };
}
