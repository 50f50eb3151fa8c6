import { InvalidInputError } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { fitDocuments, truncateUtf8 } from './milvus-rows.js';

describe('milvus rows', () => {
  it('truncates to whole characters within the byte budget', () => {
    expect(truncateUtf8('abcdef', 4)).toBe('abcd');
    expect(truncateUtf8('ééé', 5)).toBe('éé');
    expect(truncateUtf8('a😀b', 4)).toBe('a');
    expect(truncateUtf8('a😀b', 5)).toBe('a😀');
  });

  it('refuses ids longer than the primary key holds', () => {
    const error = (() => {
      try {
        fitDocuments([{ id: 'x'.repeat(600), text: 'ok', metadata: {} }], {
          maxBytes: 100,
          overflow: 'error',
        });
      } catch (caught) {
        return caught;
      }
    })();
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('600 bytes');
  });

  it('keeps typed-array vectors as they are (no copy into number[] per row)', () => {
    const vector = new Float32Array([0.5, 1]);
    const row = { id: 'a', text: 't', metadata: {}, vector };
    const [fitted] = fitDocuments([row], { maxBytes: 100, overflow: 'error' });
    expect(fitted).toBe(row);
    expect(fitted?.vector).toBe(vector);
  });
});
