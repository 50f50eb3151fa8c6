import { describe, expect, it } from 'vitest';
import { resolveRetry, retryFields, retrySettings } from './retry-settings.js';

describe('retry settings', () => {
  it('folds the deprecated maxRetries into retry; retry.maxRetries wins', () => {
    expect(resolveRetry({})).toBeUndefined();
    expect(resolveRetry({ maxRetries: 2 })).toEqual({ maxRetries: 2 });
    expect(resolveRetry({ retry: { baseDelayMs: 5 }, maxRetries: 2 })).toEqual({
      maxRetries: 2,
      baseDelayMs: 5,
    });
    expect(resolveRetry({ retry: { maxRetries: 1 }, maxRetries: 2 })).toEqual({ maxRetries: 1 });
  });

  it('validates retry strictly, so a typo fails', () => {
    expect(retrySettings.safeParse({ maxRetries: 3, baseDelayMs: 0 }).success).toBe(true);
    expect(retrySettings.safeParse({ maxRetry: 3 }).success).toBe(false);
    expect(retryFields.maxRetries.safeParse(-1).success).toBe(false);
  });
});
