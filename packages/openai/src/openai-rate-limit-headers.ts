type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * Parses OpenAI's reset durations (`x-ratelimit-reset-requests: 1s`, `…-tokens: 6m0s`, `20ms`,
 * `1h2m3.5s`) into milliseconds; `undefined` for anything else.
 */
export function parseResetDuration(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number(match[1]) * units[match[2]!]!;
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/**
 * How long a 429 asks us to wait, from the `x-ratelimit-*` headers when `retry-after(-ms)` is
 * absent: the reset time of whichever budget is exhausted (remaining 0), or the longer of the two
 * resets when neither says so.
 */
export function rateLimitResetMs(headers: Headers): number | undefined {
  const requests = parseResetDuration(first(headers['x-ratelimit-reset-requests']));
  const tokens = parseResetDuration(first(headers['x-ratelimit-reset-tokens']));
  const requestsExhausted = first(headers['x-ratelimit-remaining-requests']) === '0';
  const tokensExhausted = first(headers['x-ratelimit-remaining-tokens']) === '0';
  if (requestsExhausted && !tokensExhausted && requests !== undefined) return requests;
  if (tokensExhausted && !requestsExhausted && tokens !== undefined) return tokens;
  if (requests === undefined && tokens === undefined) return undefined;
  return Math.max(requests ?? 0, tokens ?? 0);
}

/** The request id OpenAI (`x-request-id`) or Azure (`apim-request-id`) put on every response. */
export function requestIdFrom(headers: Headers): string | undefined {
  return first(headers['x-request-id']) ?? first(headers['apim-request-id']);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
