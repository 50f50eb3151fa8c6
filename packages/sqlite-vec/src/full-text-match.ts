/**
 * The FTS5 query for a user's text: each word (letters and digits, as FTS5's unicode61
 * tokenizer splits them) quoted as a phrase and joined with OR, so punctuation or FTS5 syntax in
 * the text (`?`, `-`, `NEAR`, `"`) is searched as words, never parsed as query operators.
 * `undefined` when the text has no word.
 */
export function fullTextMatch(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}\p{M}]+/gu);
  if (!words) return undefined;
  return [...new Set(words)].map((word) => `"${word.replaceAll('"', '""')}"`).join(' OR ');
}
