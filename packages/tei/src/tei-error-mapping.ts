import {
  ApiCallError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  RateLimitError,
} from '@embedkit/core';

/** TEI's `error_type`, when the body is its `{ error, error_type }`. */
function errorType(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const type = (body as Record<string, unknown>).error_type;
  return typeof type === 'string' ? type : undefined;
}

/**
 * TEI's errors, mapped before core's status mapping:
 * - 422 "batch size N > maximum allowed batch size M" and 413 (payload limit) →
 *   `BatchTooLargeError`, so the runner halves the batch (embedkit sizes batches from `/info`, so
 *   this only happens when the server was restarted with lower limits);
 * - 422 "`inputs` must have less than N tokens" → `BatchTooLargeError` that says to set
 *   `truncate: true` or shorten the input (a single input that still fails is named);
 * - 422 about `prompt_name` → a non-retryable error naming the prompt setting to fix;
 * - 424 (`Backend`: the model failed) → not retried, with the server's reason;
 * - 429 (`Overloaded`) → `RateLimitError`: more requests than `--max-concurrent-requests`;
 *   retries wait (honouring a gateway's `Retry-After`) and lower concurrency.
 * 401 falls through to core (`AuthenticationError` naming `apiKeyEnv`).
 */
export function mapTEIError(details: HttpErrorDetails, model: string): EmbedkitError | undefined {
  const type = errorType(details.body);
  const common = {
    provider: 'tei',
    status: details.status,
    providerCode: type,
    bodyExcerpt: details.bodyExcerpt,
    retryAfterMs: details.retryAfterMs,
  };
  const said = `tei answered ${details.status}${type ? ` [${type}]` : ''}: ${details.message}`;
  if (details.status === 413) {
    return new BatchTooLargeError({
      ...common,
      message: `${said}. The request body is over the server's --payload-limit; the batch is split in half and retried.`,
    });
  }
  if (details.status === 422 && /maximum allowed batch size/.test(details.message)) {
    return new BatchTooLargeError({
      ...common,
      message: `${said}. The server takes fewer inputs per request than its /info said (was it restarted with a lower --max-client-batch-size?); the batch is split in half and retried.`,
    });
  }
  if (details.status === 422 && /must have less than \d+ tokens/.test(details.message)) {
    return new BatchTooLargeError({
      ...common,
      message: `${said}. An input is longer than ${model}'s max_input_length; set truncate: true to let TEI cut it, or split the text.`,
    });
  }
  if (details.status === 422 && /prompt/i.test(details.message)) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${said}. ${model} has no such sentence-transformers prompt; set queryPromptName / documentPromptName / promptName to one of the prompts the server lists, or remove them.`,
    });
  }
  if (details.status === 424) {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${said}. The model failed on this batch (TEI's Backend error); it is not retried. Check the server's log.`,
    });
  }
  if (details.status === 429) {
    return new RateLimitError({
      ...common,
      message: `${said}. The server has --max-concurrent-requests in flight; retries wait and lower concurrency.`,
    });
  }
  return undefined;
}
