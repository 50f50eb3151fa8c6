/**
 * A tokenizer approximation for simulators. Real services count with a BPE tokenizer the client
 * does not have; this stands in for it so `usage.total_tokens` and per-input limits behave like
 * the service: roughly one token per four characters of a Latin word, one per punctuation mark,
 * one per CJK (or other dense-script) character. It deliberately differs from core's
 * `estimateTokens`, as a real tokenizer would, but stays below it for ordinary prose so client
 * planning with a safety margin is usually, not always, right.
 */
export function countTokens(text: string): number {
  let tokens = 0;
  let wordLength = 0;
  const flushWord = () => {
    if (wordLength > 0) tokens += Math.ceil(wordLength / 4);
    wordLength = 0;
  };
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (/[\p{L}\p{N}]/u.test(character) && code < 0x0250) {
      wordLength++;
    } else if (/\s/u.test(character)) {
      flushWord();
    } else {
      flushWord();
      tokens++;
    }
  }
  flushWord();
  return tokens;
}

/** Sum of `countTokens` over several texts. */
export function countTokensOf(texts: readonly string[]): number {
  let total = 0;
  for (const text of texts) total += countTokens(text);
  return total;
}

/**
 * Cuts `text` so that it counts at most `maxTokens`, the way a service with `truncate: true`
 * drops the tail (or, with `fromStart`, the head: TEI's `truncation_direction: left`, Cohere's
 * `START`). Returns the text unchanged when it already fits.
 */
export function truncateToTokens(text: string, maxTokens: number, fromStart = false): string {
  if (countTokens(text) <= maxTokens) return text;
  const keep = (length: number) =>
    fromStart ? text.slice(text.length - length) : text.slice(0, length);
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (countTokens(keep(middle)) <= maxTokens) low = middle;
    else high = middle - 1;
  }
  return keep(low);
}
