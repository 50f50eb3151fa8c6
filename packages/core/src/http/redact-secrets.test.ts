import { describe, expect, it } from 'vitest';
import { redactSecrets } from './redact-secrets.js';

describe('redactSecrets', () => {
  it('removes every given secret and anything shaped like a bearer token or provider key', () => {
    const text =
      'key my-secret-value, Authorization: Bearer abc.def, jina_0123456789abcdef and sk-proj-0123456789';
    const redacted = redactSecrets(text, ['my-secret-value']);
    expect(redacted).not.toContain('my-secret-value');
    expect(redacted).not.toContain('abc.def');
    expect(redacted).not.toContain('0123456789abcdef');
    expect(redacted).not.toContain('proj-0123456789');
    expect(redacted).toContain('Bearer [redacted]');
  });

  it('ignores missing and very short secrets rather than mangling the text', () => {
    expect(redactSecrets('a b c', [undefined, 'a'])).toBe('a b c');
  });
});
