/**
 * The packages the CLI looks in for store definitions, in order. Only this table names store
 * packages; everything else works from the definitions they export (`defineStore`), so a store
 * package added here is configurable with no other change. Packages other than core are
 * optional: one that is not installed is skipped until a config asks for a kind only it could
 * provide, and the error then names it.
 */
export interface StorePackage {
  /** The npm package name, for messages (`npm install …`). */
  readonly name: string;
  /** Imports it when a config needs it. */
  readonly load: () => Promise<Record<string, unknown>>;
  /** The kinds it provides, for the install hint when it is missing. */
  readonly kinds: readonly string[];
  /**
   * Environment variables that select one of its kinds and a setting (`MILVUS_URI` selects a
   * Milvus server at that address), applied over the config file.
   */
  readonly environment?: Readonly<Record<string, { kind: string; setting: string }>>;
}

export const storePackages: readonly StorePackage[] = [
  { name: '@embedkit/core', load: () => import('@embedkit/core'), kinds: ['memory'] },
  {
    name: '@embedkit/milvus',
    load: () => import('@embedkit/milvus'),
    kinds: ['milvus-lite', 'milvus'],
    environment: { MILVUS_URI: { kind: 'milvus', setting: 'address' } },
  },
  // No environment selector: DATABASE_URL is too common to switch stores by, and its value holds
  // a password that the "applied" list would print; the postgres kind reads it when it connects.
  {
    name: '@embedkit/pgvector',
    load: () => import('@embedkit/pgvector'),
    kinds: ['pglite', 'postgres'],
  },
  {
    name: '@embedkit/chroma',
    load: () => import('@embedkit/chroma'),
    kinds: ['chroma'],
    environment: { CHROMA_URL: { kind: 'chroma', setting: 'url' } },
  },
  {
    name: '@embedkit/sqlite-vec',
    load: () => import('@embedkit/sqlite-vec'),
    kinds: ['sqlite-vec'],
  },
  {
    name: '@embedkit/lancedb',
    load: () => import('@embedkit/lancedb'),
    kinds: ['lancedb'],
  },
];
