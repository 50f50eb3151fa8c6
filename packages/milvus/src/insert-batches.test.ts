import { describe, expect, it } from 'vitest';
import { estimateRowBytes, insertBatches, type MilvusRow } from './insert-batches.js';

const row = (id: number, textLength = 10): MilvusRow => ({
  id: `row-${id}`,
  vector: [0.1, 0.2, 0.3, 0.4],
  text: 'x'.repeat(textLength),
  metadata: { id },
});

describe('insertBatches', () => {
  it('splits by row count, keeping order', () => {
    const rows = Array.from({ length: 25 }, (_, index) => row(index));
    const batches = insertBatches(rows, { maxRows: 10, maxBytes: 1_000_000 });
    expect(batches.map((batch) => batch.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(rows);
  });

  it('splits by estimated bytes so a request stays under the message limit', () => {
    const rows = Array.from({ length: 10 }, (_, index) => row(index, 1000));
    const size = estimateRowBytes(rows[0]!);
    expect(size).toBeGreaterThan(1000 + 16);
    const batches = insertBatches(rows, { maxRows: 100, maxBytes: size * 3 });
    expect(batches.map((batch) => batch.length)).toEqual([3, 3, 3, 1]);
  });

  it('sends a row larger than the byte limit on its own', () => {
    const rows = [row(0), row(1, 5000), row(2)];
    const batches = insertBatches(rows, { maxRows: 100, maxBytes: 2000 });
    expect(batches.map((batch) => batch.map((entry) => entry.id))).toEqual([
      ['row-0'],
      ['row-1'],
      ['row-2'],
    ]);
    expect(insertBatches([], { maxRows: 1, maxBytes: 1 })).toEqual([]);
  });

  it('counts multi-byte text in UTF-8 bytes', () => {
    expect(estimateRowBytes(row(0, 0)) + 8).toBe(estimateRowBytes({ ...row(0, 0), text: 'éééé' }));
  });
});
