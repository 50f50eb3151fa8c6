import { describe, expect, it } from 'vitest';
import type { PgvectorCollection } from './pgvector-collection.js';
import {
  parseSparseVector,
  sparseTermsLiteral,
  sparseVectorLiteral,
} from './sparse-vector-literal.js';
import { upsertSql } from './upsert-sql.js';

const vector = { indices: Uint32Array.from([0, 4, 7]), values: Float32Array.from([0.1, 0, -2]) };

describe('sparsevec literals', () => {
  it('write 1-based indices in the fixed space and read back exactly, zeros included', () => {
    expect(sparseVectorLiteral(vector)).toBe('{1:0.10000000149011612,5:0,8:-2}/1000000000');
    expect(sparseTermsLiteral(vector)).toBe('{0,4,7}');
    // pgvector prints the vector without its zero entry; the term list restores it.
    expect(parseSparseVector('{1:0.1,8:-2}/1000000000', [0, 4, 7])).toEqual(vector);
    expect(parseSparseVector('{}/1000000000', [])).toEqual({
      indices: new Uint32Array(0),
      values: new Float32Array(0),
    });
  });

  it('travel as bound parameters, never in the statement text', () => {
    const collection = {
      table: '"t"',
      columns: { id: '"id"', vector: '"embedding"', text: '"text"', metadata: '"metadata"' },
      sparse: { vector: '"sparse_embedding"', terms: '"sparse_terms"' },
    } as PgvectorCollection;
    const row = { id: 'a', vector: Float32Array.from([1]), text: 'x', metadata: {} };
    const { sql, parameters } = upsertSql(collection, [{ ...row, sparse: vector }, row]);
    expect(sql).not.toMatch(/1000000000|\{0,4,7\}/);
    expect(sql).toContain('"sparse_embedding" = EXCLUDED."sparse_embedding"');
    expect(parameters).toContain(sparseVectorLiteral(vector));
    // The row without a sparse vector writes NULLs, so a replaced row loses its old one.
    expect(parameters.slice(-2)).toEqual([null, null]);
  });
});
