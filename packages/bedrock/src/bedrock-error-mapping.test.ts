import {
  ApiCallError,
  AuthenticationError,
  BatchTooLargeError,
  type HttpErrorDetails,
  RateLimitError,
} from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { mapBedrockError } from './bedrock-error-mapping.js';

/** An error answer as Bedrock sends it: `{ message }` and the shape in `x-amzn-ErrorType`. */
function answer(status: number, type: string, message: string): HttpErrorDetails {
  return {
    status,
    message,
    body: { message },
    bodyExcerpt: JSON.stringify({ message }),
    headers: {
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': 'req-1',
    },
  };
}

const context = { model: 'cohere.embed-v4:0', region: 'eu-central-1' };

describe('mapBedrockError: the documented error shapes', () => {
  it('maps each shape to the error class and retry decision the docs imply', () => {
    const cases: [HttpErrorDetails, new (...args: never[]) => Error, boolean, RegExp][] = [
      [answer(429, 'ThrottlingException', 'Too many requests'), RateLimitError, true, /quota/],
      [answer(429, 'ModelNotReadyException', 'not ready'), RateLimitError, true, /Retries wait/],
      [answer(400, 'ServiceQuotaExceededException', 'quota'), RateLimitError, true, /Retries wait/],
      [
        answer(400, 'ValidationException', 'The provided model identifier is invalid.'),
        ApiCallError,
        false,
        /Check the model id cohere\.embed-v4:0 and that it is offered in eu-central-1/,
      ],
      [
        answer(
          400,
          'ValidationException',
          'Malformed input request: #/texts: expected maximum item count: 96, found: 97, please reformat your input and try again.',
        ),
        BatchTooLargeError,
        false,
        /split/,
      ],
      [answer(404, 'ResourceNotFoundException', 'Model not found'), ApiCallError, false, /region/],
      [answer(403, 'AccessDeniedException', 'denied'), AuthenticationError, false, /model access/],
      [
        answer(403, 'ExpiredTokenException', 'expired'),
        AuthenticationError,
        false,
        /AWS_SESSION_TOKEN/,
      ],
    ];
    for (const [details, kind, retryable, message] of cases) {
      const error = mapBedrockError(details, context);
      expect(error).toBeInstanceOf(kind);
      expect(error!.isRetryable).toBe(retryable);
      expect(error!.message).toMatch(message);
      expect((error as ApiCallError).requestId).toBe('req-1');
    }
  });

  it('leaves 408, 424 and 5xx to core', () => {
    expect(mapBedrockError(answer(408, 'ModelTimeoutException', 'slow'), context)).toBeUndefined();
    expect(
      mapBedrockError(answer(503, 'ServiceUnavailableException', 'down'), context),
    ).toBeUndefined();
  });
});
