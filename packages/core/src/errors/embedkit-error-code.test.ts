import { describe, expect, it } from 'vitest';
import { EmbedkitError } from './embedkit-error.js';
import type { EmbedkitErrorCode } from './embedkit-error-code.js';
import { RateLimitError } from './rate-limit-error.js';
import { TimeoutError } from './timeout-error.js';

/** What a caller's switch over codes looks like; `pnpm typecheck` fails if a code is unhandled. */
function advice(error: EmbedkitError): string {
  switch (error.code) {
    case 'RATE_LIMITED':
    case 'TIMEOUT':
    case 'API_CALL_FAILED':
    case 'INVALID_RESPONSE':
      return 'try again later';
    case 'AUTHENTICATION_FAILED':
      return 'check the key';
    case 'ABORTED':
    case 'BATCH_TOO_LARGE':
    case 'DIMENSION_MISMATCH':
    case 'EMBEDDING_SPACE_MISMATCH':
    case 'EMBEDKIT_ERROR':
    case 'INVALID_CONFIG':
    case 'INVALID_INPUT':
    case 'NOT_SUPPORTED':
    case 'STORE_FAILED':
      return 'fix the call';
    default: {
      const unhandled: never = error.code;
      return unhandled;
    }
  }
}

describe('EmbedkitErrorCode', () => {
  it('lets a switch over error.code be checked by the compiler', () => {
    expect(advice(new RateLimitError({ provider: 'p', message: 'x' }))).toBe('try again later');
    expect(advice(new TimeoutError({ message: 'x', timeoutMs: 1 }))).toBe('try again later');
    const code: EmbedkitErrorCode = new EmbedkitError({ message: 'x' }).code;
    // @ts-expect-error a misspelt code is a type error, not a case that silently never matches
    expect(code === 'RATE_LIMTED').toBe(false);
  });
});
