import { describe, expect, it } from 'vitest';
import { readErrorBody } from './http-error-details.js';

describe('readErrorBody', () => {
  it('reads Jina-style bodies, with detail as a string, an object or a validation list', () => {
    expect(readErrorBody({ detail: 'No such model', code: 'E1', request_id: 'r1' })).toEqual({
      message: 'No such model',
      providerCode: 'E1',
      requestId: 'r1',
    });
    expect(readErrorBody({ detail: { message: 'inner' } }).message).toBe('inner');
    expect(
      readErrorBody({ detail: [{ loc: ['body', 'input'], msg: 'field required' }] }).message,
    ).toBe('body.input: field required');
  });

  it('reads OpenAI-style bodies and plain messages', () => {
    expect(
      readErrorBody({ error: { message: 'Too many tokens', type: 'invalid_request_error' } }),
    ).toEqual({
      message: 'Too many tokens',
      providerCode: 'invalid_request_error',
      requestId: undefined,
    });
    expect(readErrorBody({ message: 'plain' }).message).toBe('plain');
    expect(readErrorBody('not an object')).toEqual({});
  });
});
