import { describe, expect, it, vi } from 'vitest';
import { AbortError } from './abort-error.js';
import { ApiCallError } from './api-call-error.js';
import { AuthenticationError } from './authentication-error.js';
import { BatchTooLargeError } from './batch-too-large-error.js';
import { DimensionMismatchError } from './dimension-mismatch-error.js';
import { EmbeddingSpaceMismatchError } from './embedding-space-mismatch-error.js';
import { EmbedkitError } from './embedkit-error.js';
import { InvalidConfigError } from './invalid-config-error.js';
import { InvalidInputError } from './invalid-input-error.js';
import { NotSupportedError } from './not-supported-error.js';
import { RateLimitError } from './rate-limit-error.js';
import { ResponseFormatError } from './response-format-error.js';
import { StoreError } from './store-error.js';
import { TimeoutError } from './timeout-error.js';

const api = { provider: 'jina', message: 'failed' };
const examples: [EmbedkitError, string, boolean][] = [
  [new EmbedkitError({ message: 'x' }), 'EMBEDKIT_ERROR', false],
  [new AbortError(), 'ABORTED', false],
  [new ApiCallError({ ...api, status: 400 }), 'API_CALL_FAILED', false],
  [new AuthenticationError({ ...api, status: 401 }), 'AUTHENTICATION_FAILED', false],
  [new BatchTooLargeError({ ...api, status: 413 }), 'BATCH_TOO_LARGE', false],
  [
    new DimensionMismatchError({ message: 'x', expected: 3, actual: 4 }),
    'DIMENSION_MISMATCH',
    false,
  ],
  [
    new EmbeddingSpaceMismatchError({ message: 'x', expected: {}, actual: {} }),
    'EMBEDDING_SPACE_MISMATCH',
    false,
  ],
  [new InvalidConfigError({ subject: 'x', issues: [] }), 'INVALID_CONFIG', false],
  [new InvalidInputError({ message: 'x', index: 2 }), 'INVALID_INPUT', false],
  [new NotSupportedError({ message: 'x' }), 'NOT_SUPPORTED', false],
  [new RateLimitError(api), 'RATE_LIMITED', true],
  [new ResponseFormatError(api), 'INVALID_RESPONSE', true],
  [new StoreError({ message: 'x', store: 'milvus' }), 'STORE_FAILED', false],
  [new TimeoutError({ message: 'x', timeoutMs: 5 }), 'TIMEOUT', true],
];

describe('errors', () => {
  it('carry a stable code, their class name and whether a retry may help', () => {
    for (const [error, code, retryable] of examples) {
      expect(error.code).toBe(code);
      expect(error.isRetryable).toBe(retryable);
      expect(error.name).toBe(error.constructor.name);
      expect(error).toBeInstanceOf(Error);
      expect(EmbedkitError.isInstance(error)).toBe(true);
    }
    expect(new Set(examples.map(([, code]) => code)).size).toBe(examples.length);
  });

  it('recognise subclasses and nothing else', () => {
    const rateLimit = new RateLimitError(api);
    expect(ApiCallError.isInstance(rateLimit)).toBe(true);
    expect(RateLimitError.isInstance(rateLimit)).toBe(true);
    expect(AuthenticationError.isInstance(rateLimit)).toBe(false);
    expect(RateLimitError.isInstance(new ApiCallError(api))).toBe(false);
    for (const value of [
      new Error('x'),
      null,
      undefined,
      'RATE_LIMITED',
      { code: 'RATE_LIMITED' },
    ]) {
      expect(EmbedkitError.isInstance(value)).toBe(false);
    }
  });

  it('recognise errors thrown by a second copy of core', async () => {
    vi.resetModules();
    // A query string makes the module loader evaluate the file again: a true second copy.
    const secondCopy = './rate-limit-error.js?second-copy';
    const copy = (await import(
      /* @vite-ignore */ secondCopy
    )) as typeof import('./rate-limit-error.js');
    const foreign = new copy.RateLimitError(api);
    expect(foreign).not.toBeInstanceOf(RateLimitError);
    expect(RateLimitError.isInstance(foreign)).toBe(true);
    expect(ApiCallError.isInstance(foreign)).toBe(true);
    expect(EmbedkitError.isInstance(foreign)).toBe(true);
    // What any other copy leaves on its errors: the Symbol.for markers.
    const marked = Object.assign(new Error('from elsewhere'), {
      [Symbol.for('embedkit.error.EmbedkitError')]: true,
      [Symbol.for('embedkit.error.TimeoutError')]: true,
    });
    expect(TimeoutError.isInstance(marked)).toBe(true);
    expect(ApiCallError.isInstance(marked)).toBe(false);
  });

  it('keep the cause', () => {
    const cause = new Error('ECONNRESET');
    expect(new ApiCallError({ ...api, cause }).cause).toBe(cause);
    expect(new AbortError({ cause: 'stopped' }).cause).toBe('stopped');
    expect(new InvalidInputError({ message: 'x', cause }).cause).toBe(cause);
    expect('cause' in new InvalidInputError({ message: 'x' })).toBe(false);
  });

  it('decide retries by status for API calls, never for authentication', () => {
    expect(new ApiCallError(api).isRetryable).toBe(true);
    for (const status of [408, 409, 429, 500, 502, 503, 504]) {
      expect(new ApiCallError({ ...api, status }).isRetryable).toBe(true);
    }
    for (const status of [400, 401, 403, 404, 413, 422]) {
      expect(new ApiCallError({ ...api, status }).isRetryable).toBe(false);
    }
    expect(new ApiCallError({ ...api, status: 400, isRetryable: true }).isRetryable).toBe(true);
    expect(new AuthenticationError({ ...api, status: 401, isRetryable: true }).isRetryable).toBe(
      false,
    );
    expect(new RateLimitError(api).status).toBe(429);
  });

  it('keep what the caller needs to act on', () => {
    const error = new ApiCallError({
      ...api,
      status: 503,
      providerCode: 'OVERLOADED',
      requestId: 'req-1',
      bodyExcerpt: '{"detail":"busy"}',
      retryAfterMs: 2_000,
    });
    expect(error).toMatchObject({
      provider: 'jina',
      status: 503,
      providerCode: 'OVERLOADED',
      requestId: 'req-1',
      retryAfterMs: 2_000,
    });
    expect(new InvalidInputError({ message: 'x', index: 4 }).index).toBe(4);
    expect(new StoreError({ message: 'x', store: 'memory' }).storedIds).toEqual([]);
    expect(new StoreError({ message: 'x', store: 'memory', storedIds: ['a'] }).storedIds).toEqual([
      'a',
    ]);
  });

  it('list every config problem with its path', () => {
    const error = new InvalidConfigError({
      subject: 'jina settings',
      issues: [
        { path: 'dimensions', message: 'must be at most 1024' },
        { path: '', message: 'unknown key colour' },
      ],
    });
    expect(error.message).toBe(
      'Invalid jina settings (2 problems):\n  - dimensions: must be at most 1024\n  - (root): unknown key colour',
    );
    expect(error.issues).toHaveLength(2);
  });
});
