import {
  APICallError,
  EmptyResponseBodyError,
  InvalidResponseDataError,
  JSONParseError,
  LoadAPIKeyError,
  TypeValidationError,
} from '@ai-sdk/provider';
import {
  ApiCallError,
  AuthenticationError,
  type EmbedkitError,
  httpStatusError,
  ResponseFormatError,
} from '@embedkit/core';

/**
 * Core's typed error for what an AI SDK model threw, so core's runner retries exactly what is
 * retryable and callers catch embedkit's classes whatever the provider: an `APICallError` with a
 * status is mapped by its status, headers (`Retry-After`) and body like any embedkit provider's
 * answer; one without a status (the connection failed) is a retryable `ApiCallError`; a body the
 * provider could not read is a `ResponseFormatError`; a missing key an `AuthenticationError`.
 * Anything else (a mistake in the calling code) is returned as it is.
 */
export function mapAiSdkError(error: unknown, provider: string): unknown {
  if (APICallError.isInstance(error)) return mapApiCallError(error, provider);
  if (LoadAPIKeyError.isInstance(error)) {
    return new AuthenticationError({
      provider,
      message: `The AI SDK provider has no API key: ${error.message}`,
      cause: error,
    });
  }
  if (
    TypeValidationError.isInstance(error) ||
    InvalidResponseDataError.isInstance(error) ||
    JSONParseError.isInstance(error) ||
    EmptyResponseBodyError.isInstance(error)
  ) {
    return new ResponseFormatError({
      provider,
      message: `${provider} answered with a body the AI SDK provider could not read: ${firstLine(error.message)}`,
      cause: error,
    });
  }
  return error;
}

function mapApiCallError(error: APICallError, provider: string): EmbedkitError {
  if (error.statusCode === undefined) {
    return new ApiCallError({
      provider,
      message: `Could not complete the request to ${originOf(error.url)}: ${firstLine(error.message)}. The connection failed before an answer arrived; such failures are retried, so if you see this, check the provider's base URL and the network.`,
      isRetryable: error.isRetryable,
      cause: error,
    });
  }
  return httpStatusError({
    provider,
    status: error.statusCode,
    headers: error.responseHeaders ?? {},
    bodyText: error.responseBody ?? error.message,
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.slice(0, 300);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
