import { describe, expect, it } from 'vitest';
import { terminalSafeText } from './terminal-safe-text.js';

describe('terminalSafeText', () => {
  it('shows escape sequences, NUL, DEL and C1 controls escaped and leaves text alone', () => {
    expect(terminalSafeText('a\u001b]0;title\u0007b\u001b[2J')).toBe(
      'a\\x1b]0;title\\x07b\\x1b[2J',
    );
    expect(terminalSafeText('nul\u0000 del\u007f csi\u009b')).toBe('nul\\x00 del\\x7f csi\\u009b');
    expect(terminalSafeText('Café — naïve 東京\ttab\nline')).toBe('Café — naïve 東京\ttab\nline');
  });
});
