import { parseMetadataFilter } from '@embedkit/core';
import { describe, expect, it } from 'vitest';
import { metadataFilterSql } from './metadata-filter-sql.js';
import { SqlParameters } from './sql-parameters.js';

describe('metadataFilterSql', () => {
  it('binds every key and value: the SQL text holds only placeholders and operators', () => {
    const key = "k'; DROP TABLE t; --";
    const value = "v' OR '1'='1";
    const filter = parseMetadataFilter({
      [key]: value,
      or: [{ [key]: { gt: value } }, { [key]: { nin: [value, 3] } }, { [key]: { exists: false } }],
    })!;
    const parameters = new SqlParameters();
    const sql = metadataFilterSql(filter, 'metadata', parameters);
    expect(sql).not.toContain('DROP');
    expect(sql).not.toContain("'1'='1");
    expect(new Set(sql.match(/\$\d+/g)).size).toBe(parameters.values.length);
    expect(parameters.values).toContain(key);
    expect(parameters.values).toContain(value);
    expect(parameters.values).toContain(JSON.stringify({ [key]: value }));
  });

  it('compiles equality and in to jsonb containment, which the GIN index serves', () => {
    const parameters = new SqlParameters();
    const sql = metadataFilterSql(
      parseMetadataFilter({ tag: { in: ['x', 2] } })!,
      'metadata',
      parameters,
    );
    expect(sql).toBe(
      '(COALESCE(metadata @> $1::jsonb, false) OR COALESCE(metadata @> $2::jsonb, false))',
    );
    expect(parameters.values).toEqual(['{"tag":"x"}', '{"tag":2}']);
  });
});
