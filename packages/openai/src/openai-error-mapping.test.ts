import {
  type ApiCallError,
  AuthenticationError,
  BatchTooLargeError,
  type HttpErrorDetails,
  RateLimitError,
  readErrorBody,
} from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { mapOpenAIError } from './openai-error-mapping.js';

const context = { provider: 'openai', model: 'm', authHint: 'Set OPENAI_API_KEY.', azure: false };

/** Details as core's HTTP helper builds them from a status, a JSON body and headers. */
function details(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpErrorDetails {
  const read = readErrorBody(body);
  return {
    status,
    message: read.message ?? '',
    providerCode: read.providerCode,
    requestId: read.requestId,
    body,
    bodyExcerpt: JSON.stringify(body),
    headers,
  };
}

describe('mapOpenAIError', () => {
  it('turns "too large" answers of OpenAI and compatible servers into BatchTooLargeError', () => {
    const answers = [
      details(400, {
        error: {
          message: 'Requested 301000 tokens, max 300000 tokens per request',
          type: 'max_tokens_per_request',
          code: 'max_tokens_per_request',
        },
      }),
      details(422, {
        error: 'batch size 64 > maximum allowed batch size 32',
        error_type: 'Validation',
      }),
      details(400, {
        error: {
          message: 'input length exceeds the context length',
          code: 'context_length_exceeded',
        },
      }),
      details(413, { error: { message: 'Payload Too Large' } }),
    ];
    for (const answer of answers) {
      expect(BatchTooLargeError.isInstance(mapOpenAIError(answer, context))).toBe(true);
    }
  });

  it('keeps other 400s final and 401s pointing at the key variable', () => {
    const badRequest = mapOpenAIError(
      details(400, {
        error: {
          message: 'Unrecognized request argument supplied: task',
          type: 'invalid_request_error',
        },
      }),
      context,
    );
    expect(BatchTooLargeError.isInstance(badRequest)).toBe(false);
    expect((badRequest as ApiCallError).isRetryable).toBe(false);
    const unauthorized = mapOpenAIError(
      details(401, { error: { message: 'nope', code: 'invalid_api_key' } }),
      context,
    );
    expect(AuthenticationError.isInstance(unauthorized)).toBe(true);
    expect(unauthorized.message).toContain('Set OPENAI_API_KEY.');
  });

  it('reads the request id and the x-ratelimit wait from headers', () => {
    const error = mapOpenAIError(
      details(
        429,
        { error: { message: 'slow down', type: 'tokens', code: 'rate_limit_exceeded' } },
        {
          'x-request-id': 'req_123',
          'x-ratelimit-remaining-tokens': '0',
          'x-ratelimit-reset-tokens': '1.5s',
        },
      ),
      context,
    ) as RateLimitError;
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(error.requestId).toBe('req_123');
    expect(error.retryAfterMs).toBe(1500);
  });

  it('treats insufficient_quota as final, not as a rate limit', () => {
    const error = mapOpenAIError(
      details(429, {
        error: {
          message: 'You exceeded your current quota',
          type: 'insufficient_quota',
          code: 'insufficient_quota',
        },
      }),
      context,
    ) as ApiCallError;
    expect(RateLimitError.isInstance(error)).toBe(false);
    expect(error.isRetryable).toBe(false);
    expect(error.status).toBe(429);
  });
});
