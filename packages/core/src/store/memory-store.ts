import { z } from 'zod';
import { MemoryVectorStore } from './memory-vector-store.js';
import { defineStore } from './store-definition.js';

/**
 * Registry definition (`kind: "memory"`): `{ "kind": "memory", "path": "index.json" }` keeps the
 * collection in memory and, with `path`, in a JSON file between runs.
 */
export const memoryStore = defineStore({
  kind: 'memory',
  description: 'in memory, exact search; optionally saved to a JSON file',
  schema: z
    .object({
      /** JSON file the store is loaded from and saved to; in memory only when absent. */
      path: z.string().min(1).optional(),
      collection: z.string().min(1).default('documents'),
      metric: z.enum(['cosine', 'ip', 'l2']).optional(),
      /** How long a writer waits for another process writing `path` (its lock file) before failing. */
      lockTimeoutMs: z.number().int().min(0).optional(),
    })
    .strict(),
  create: (settings, { embedding }) => new MemoryVectorStore({ ...settings, embedding }),
});
