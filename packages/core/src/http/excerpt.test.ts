import { describe, expect, it } from 'vitest';
import { excerpt } from './excerpt.js';

describe('excerpt', () => {
  it('flattens whitespace and cuts long text with an ellipsis', () => {
    expect(excerpt('a\n\n  b')).toBe('a b');
    expect(excerpt('x'.repeat(10), 4)).toBe('xxxx…');
  });
});
