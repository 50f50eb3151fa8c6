import { describe, expect, it } from 'vitest';
import { stableStringify } from './stable-stringify.js';

describe('stableStringify', () => {
  it('stringifies stably, dropping undefined like JSON', () => {
    expect(stableStringify({ b: [1, { d: 1, c: undefined }], a: null })).toBe(
      '{"a":null,"b":[1,{"d":1}]}',
    );
  });
});
