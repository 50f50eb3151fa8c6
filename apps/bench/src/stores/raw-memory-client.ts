import type { BenchRow, StoreBenchClient } from './store-bench-task.js';

/**
 * The baseline for the memory store: rows pushed onto a plain array (with each vector's norm),
 * and a brute-force cosine scan that keeps the best `topK` in a small sorted list.
 */
export function rawMemoryClient(): StoreBenchClient {
  const rows: { row: BenchRow; norm: number }[] = [];
  return {
    prepare: async () => {},
    insert: async (batch) => {
      for (const row of batch) rows.push({ row, norm: Math.sqrt(dot(row.vector, row.vector)) });
    },
    search: async (vector, topK) => {
      const queryNorm = Math.sqrt(dot(vector, vector));
      const best: { row: BenchRow; score: number }[] = [];
      for (const entry of rows) {
        const score = dot(entry.row.vector, vector) / (entry.norm * queryNorm || 1);
        if (best.length === topK && score <= best[best.length - 1]!.score) continue;
        let at = best.length;
        while (at > 0 && best[at - 1]!.score < score) at--;
        best.splice(at, 0, { row: entry.row, score });
        if (best.length > topK) best.pop();
      }
      return best.map(({ row, score }) => ({ ...row, score }));
    },
    countSearched: async () => rows.length,
    close: async () => {},
  };
}

function dot(left: Float32Array, right: Float32Array): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += left[index]! * right[index]!;
  return sum;
}
