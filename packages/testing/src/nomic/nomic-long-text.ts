import { countTokens, truncateToTokens } from '../simulators/token-count.js';

/**
 * The pieces a text is embedded as: cut to `maxTokensPerText` first; then with `truncate`, the
 * first `contextTokens`; with `mean`, consecutive chunks of at most `contextTokens` (split at
 * spaces), whose vectors the service averages.
 */
export function nomicTextPieces(
  text: string,
  options: { mode: 'truncate' | 'mean'; contextTokens: number; maxTokensPerText: number },
): string[] {
  const kept = truncateToTokens(text, options.maxTokensPerText);
  if (options.mode === 'truncate') return [truncateToTokens(kept, options.contextTokens)];
  const pieces: string[] = [];
  let current: string[] = [];
  let tokens = 0;
  for (const word of kept.split(/(?<=\s)/)) {
    const count = countTokens(word);
    if (tokens + count > options.contextTokens && current.length > 0) {
      pieces.push(current.join(''));
      current = [];
      tokens = 0;
    }
    current.push(word);
    tokens += count;
  }
  if (current.length > 0) pieces.push(current.join(''));
  return pieces.length > 0 ? pieces : [kept];
}
