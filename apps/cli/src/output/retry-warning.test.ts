import { PassThrough } from 'node:stream';
import { RateLimitError, TimeoutError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { createRetryWarning } from './retry-warning.js';

const captured = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk) => (text += chunk));
  return { stream, text: () => text };
};

describe('createRetryWarning', () => {
  it('prints one line per retried attempt with the wait and the next attempt', () => {
    const output = captured();
    const warn = createRetryWarning(output.stream);
    const error = new TimeoutError({ message: 'A call took longer than 300 ms.', timeoutMs: 300 });
    warn({ error, attempt: 1, maxAttempts: 3, delayMs: 1500, inputs: 2 });
    expect(output.text()).toBe(
      'embedkit: warning: A call took longer than 300 ms. Retrying in 1.5s (attempt 2 of 3).\n',
    );
  });

  it('reports rate limits at most once in 30 s', () => {
    const output = captured();
    const warn = createRetryWarning(output.stream);
    const error = new RateLimitError({ message: 'Rate limited', provider: 'openai' });
    warn({ error, attempt: 1, maxAttempts: 7, delayMs: 200, inputs: 2 });
    warn({ error, attempt: 2, maxAttempts: 7, delayMs: 400, inputs: 2 });
    expect(output.text().split('\n').filter(Boolean)).toHaveLength(1);
  });
});
