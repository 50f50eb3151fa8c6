import { compareIds } from '@embedkit/core';

type Row = Record<string, unknown>;

/**
 * The best `topK` rows by `_distance`, equal distances by id ascending — also at the cut. The
 * engine orders equal distances arbitrarily, so it is asked for one row more than wanted: when
 * that row ties with the last one kept, every row at that distance is fetched
 * (`distanceRange`) and the lowest ids win, so `topK` picks the same rows on every run.
 */
export async function lanceTopK(options: {
  topK: number;
  idColumn: string;
  search: (limit: number, range?: { lower: number; upper: number }) => Promise<Row[]>;
  /** Rows in the table: the limit that returns every tied row. */
  count: () => Promise<number>;
}): Promise<Row[]> {
  const { topK, idColumn, search, count } = options;
  const order = (left: Row, right: Row) =>
    Number(left._distance) - Number(right._distance) ||
    compareIds(String(left[idColumn]), String(right[idColumn]));
  const rows = (await search(topK + 1)).sort(order);
  if (rows.length <= topK) return rows;
  const boundary = Number(rows[topK - 1]!._distance);
  if (Number(rows[topK]!._distance) !== boundary) return rows.slice(0, topK);
  const margin = Math.max(Math.abs(boundary), 1) * 1e-6;
  const tied = (
    await search(Math.max(await count(), 1), { lower: boundary - margin, upper: boundary + margin })
  ).filter((row) => Number(row._distance) === boundary);
  const closer = rows.filter((row) => Number(row._distance) < boundary);
  return [...closer, ...tied.sort(order)].slice(0, topK);
}
