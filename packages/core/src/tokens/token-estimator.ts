/**
 * Estimates how many tokens a text costs, for planning batches before any call. It only needs to
 * be close and on the high side; the server's count is what bills, and a batch it still refuses
 * is split in half.
 */
export type TokenEstimator = (text: string) => number;

/**
 * A conservative estimate that needs no tokenizer: about one token per three characters of
 * Latin text (BPE tokenizers average about four), and one per character for CJK and other
 * scripts that tokenize densely.
 */
export const estimateTokens: TokenEstimator = (text) => {
  let latin = 0;
  let dense = 0;
  for (let position = 0; position < text.length; position++) {
    const code = text.charCodeAt(position);
    if (code < 0x0250) latin++;
    else if (code >= 0xdc00 && code <= 0xdfff) continue;
    else dense++;
  }
  return Math.ceil(latin / 3) + dense + 1;
};
