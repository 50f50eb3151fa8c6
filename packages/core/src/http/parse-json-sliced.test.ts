import { describe, expect, it } from 'vitest';
import { parseJsonSliced } from './parse-json-sliced.js';

const long = 'QUJD'.repeat(400);

describe('parseJsonSliced', () => {
  it('gives what JSON.parse gives, long strings included', () => {
    const text = JSON.stringify({
      data: [
        { index: 0, embedding: long, note: 'a "quoted" \\ word' },
        { index: 1, embedding: `${long}x`, list: [1.5, -2e-3, null, true] },
      ],
      escaped: `${'\\"'.repeat(600)}é\n`,
      usage: { total_tokens: 7 },
    });
    expect(parseJsonSliced(text)).toEqual(JSON.parse(text));
    expect(parseJsonSliced('[1,"two",{"three":3}]')).toEqual([1, 'two', { three: 3 }]);
  });

  it('keeps a marker-like string that is not a lifted one as it is', () => {
    const text = JSON.stringify({ embedding: long, other: '\u0000abc:0' });
    expect(parseJsonSliced(text)).toEqual(JSON.parse(text));
  });

  it('refuses invalid JSON with JSON.parse’s own error', () => {
    for (const text of [
      `{"embedding":"${long}"`,
      `{"embedding":${long}"}`,
      '{"a":"b',
      '',
      '{"a":"\n"}',
    ]) {
      expect(() => parseJsonSliced(text)).toThrow(SyntaxError);
    }
  });
});
