import { describe, expect, it } from 'vitest';
import { Utf8Validator } from './utf8-validator.js';

/** U+FFFD characters a replacing decoder produces for `bytes`. */
function replacements(bytes: Uint8Array): number {
  return [...new TextDecoder().decode(bytes)].filter((character) => character === '\uFFFD').length;
}

describe('Utf8Validator', () => {
  it('accepts valid UTF-8 fed in pieces cut inside characters', () => {
    const bytes = new TextEncoder().encode('café, naïve, 東京, 🧊 and plain ASCII.\n'.repeat(20));
    const validator = new Utf8Validator();
    for (let start = 0; start < bytes.length; start += 7) {
      validator.push(bytes.subarray(start, start + 7));
    }
    validator.end();
    expect(validator.problems.count).toBe(0);
  });

  it('names the offset and line of the first invalid sequence', () => {
    const validator = new Utf8Validator();
    validator.push(Buffer.from('ok\nstill ok\ncaf\xe9 au lait', 'latin1'));
    validator.end();
    expect(validator.problems).toEqual({ firstOffset: 15, firstLine: 3, count: 1 });
  });

  it('counts exactly the U+FFFD a decoder produces, for random bytes cut anywhere', () => {
    let seed = 11;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from({ length: 64 }, () =>
        random() < 0.5 ? 0x61 : Math.floor(random() * 256),
      );
      const validator = new Utf8Validator();
      for (let start = 0; start < bytes.length; ) {
        const end = start + 1 + Math.floor(random() * 5);
        validator.push(bytes.subarray(start, end));
        start = end;
      }
      validator.end();
      // A valid EF BF BD in the input decodes to U+FFFD too, without being an error.
      const literal = Buffer.from(bytes).toString('latin1').split('\xef\xbf\xbd').length - 1;
      expect(validator.problems.count).toBe(replacements(bytes) - literal);
    }
  });
});
