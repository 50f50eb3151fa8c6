import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
} from '@embedkit/core';

/**
 * Ollama's `{ error }` answers, mapped before core's status mapping:
 * - 404 "model … not found" → an error that says to run `ollama pull <model>` (not retried);
 * - 400 "the input length exceeds the context length" (with `truncate: false`) →
 *   `BatchTooLargeError`, so the one input that does not fit is named, with the fix;
 * - other 400s → not retried, with the server's message.
 * 429 and 5xx (500 runner crashed, 503 "server busy") fall through to core and are retried.
 */
export function mapOllamaError(
  details: HttpErrorDetails,
  context: { model: string; url: string },
): EmbedkitError | undefined {
  const common = {
    provider: 'ollama',
    status: details.status,
    bodyExcerpt: details.bodyExcerpt,
    retryAfterMs: details.retryAfterMs,
  };
  const said = `ollama answered ${details.status}: ${details.message}`;
  if (details.status === 404 && /not found/i.test(details.message)) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${said}. The model ${context.model} is not pulled on the server at ${context.url}; run \`ollama pull ${context.model}\` there (or check the model name).`,
    });
  }
  if (details.status === 400 && /exceeds the context length/i.test(details.message)) {
    return new BatchTooLargeError({
      ...common,
      message: `${said}. An input is longer than ${context.model}'s context; leave truncate unset (Ollama then cuts it), raise options.num_ctx, or split the text.`,
    });
  }
  if (details.status === 400) {
    return new ApiCallError({ ...common, isRetryable: false, message: `${said}.` });
  }
  return undefined;
}
