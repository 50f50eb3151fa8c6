import {
  ApiCallError,
  AuthenticationError,
  BatchTooLargeError,
  type EmbedkitError,
  type HttpErrorDetails,
  RateLimitError,
} from '@embedkit/core';

/** The error shape from `x-amzn-ErrorType` (`ThrottlingException:http://…` → `ThrottlingException`). */
export function bedrockErrorType(details: HttpErrorDetails): string | undefined {
  const header = details.headers['x-amzn-errortype'];
  const value = Array.isArray(header) ? header[0] : header;
  const fromBody =
    typeof details.body === 'object' && details.body !== null
      ? (details.body as Record<string, unknown>).__type
      : undefined;
  const type = value ?? (typeof fromBody === 'string' ? fromBody : undefined);
  return type?.split(':')[0]?.split('#').at(-1);
}

/** The message of `{ message }` or the front end's `{ Message }`. */
function messageOf(details: HttpErrorDetails): string {
  const body = details.body as Record<string, unknown> | undefined;
  const text = body?.message ?? body?.Message;
  return typeof text === 'string' ? text : details.message;
}

/**
 * Bedrock Runtime's errors, mapped before core's status mapping:
 * - 403 signature, unknown key, expired token → `AuthenticationError` naming where credentials
 *   come from; 403 `AccessDeniedException` → model access or IAM permission;
 * - 400 `ValidationException` about too many texts, a text too long or too many tokens →
 *   `BatchTooLargeError` (the runner halves the batch and names a single input that still fails);
 *   other validation errors and 404 → not retried, naming the model;
 * - 429 `ThrottlingException` / `ModelNotReadyException`, 400 `ServiceQuotaExceededException` →
 *   `RateLimitError` (retried with backoff); 408, 5xx → retried by core.
 */
export function mapBedrockError(
  details: HttpErrorDetails,
  context: { model: string; region: string },
): EmbedkitError | undefined {
  const type = bedrockErrorType(details);
  const message = messageOf(details);
  const requestId = details.headers['x-amzn-requestid'];
  const common = {
    provider: 'bedrock',
    status: details.status,
    providerCode: type,
    requestId: typeof requestId === 'string' ? requestId : undefined,
    bodyExcerpt: details.bodyExcerpt,
    retryAfterMs: details.retryAfterMs,
  };
  const said = `bedrock answered ${details.status}${type ? ` [${type}]` : ''}: ${message}`;
  if (
    type === 'InvalidSignatureException' ||
    type === 'UnrecognizedClientException' ||
    type === 'ExpiredTokenException' ||
    type === 'MissingAuthenticationTokenException' ||
    type === 'IncompleteSignatureException'
  ) {
    return new AuthenticationError({
      ...common,
      message: `${said}. The AWS credentials were refused: check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, which expires), or the AWS_PROFILE in use, and the machine's clock.`,
    });
  }
  if (type === 'AccessDeniedException') {
    return new AuthenticationError({
      ...common,
      message: `${said}. The credentials are valid but may not invoke ${context.model} in ${context.region}: enable model access in the Bedrock console for this region and allow bedrock:InvokeModel in IAM.`,
    });
  }
  if (type === 'ValidationException') {
    if (
      /maximum item count|maxLength|too many input tokens|more than the model's maximum/i.test(
        message,
      )
    ) {
      return new BatchTooLargeError({
        ...common,
        message: `${said}. The request was too large for ${context.model}; the batch is split and a single input that still fails is named (set truncate for Cohere models, or split the text).`,
      });
    }
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${said}. ${/model identifier/i.test(message) ? `Check the model id ${context.model} and that it is offered in ${context.region}.` : `${context.model} refused the request body.`}`,
    });
  }
  if (type === 'ServiceQuotaExceededException' || type === 'ModelNotReadyException') {
    return new RateLimitError({
      ...common,
      message: `${said}. Retries wait and lower concurrency.`,
    });
  }
  if (type === 'ThrottlingException' || details.status === 429) {
    return new RateLimitError({
      ...common,
      message: `${said}. Throttled by the account's quota for ${context.model}; retries wait and lower concurrency (set rateLimit to your quota to pace under it).`,
    });
  }
  if (type === 'ResourceNotFoundException') {
    return new ApiCallError({
      ...common,
      isRetryable: false,
      message: `${said}. Check the model id ${context.model} and the region ${context.region}.`,
    });
  }
  return undefined;
}
