import type { BenchClient } from './bench-client.js';

/** A client as the report names it, with the settings it runs with, and how to load it. */
export interface CatalogEntry {
  readonly label: string;
  /** The settings used, in words, as `BENCHMARKS.md` states them. */
  readonly settings: string;
  /** Imports the client's module (Node clients only; pymilvus runs in Python). */
  readonly load?: () => Promise<BenchClient>;
}

/** Every client under test, by id. */
export const clientCatalog: Record<string, CatalogEntry> = {
  embedkit: {
    label: 'embedkit',
    settings:
      'createJina with rateLimit set to the service’s published limits (500 requests and 1,000,000 tokens per minute, windowMs 10,000 for the compressed minute; ingest only, the canned server has no limits), otherwise defaults: embeddingType "base64", concurrency 5 (the service’s concurrent-request cap), token-aware batches (≤2,048 inputs, ≤131,072 estimated tokens), retries with backoff on 429',
    load: async () => (await import('./embedkit-client.js')).embedkitBase64Client,
  },
  'embedkit-float': {
    label: 'embedkit (float JSON)',
    settings: 'as embedkit, with embeddingType "float"',
    load: async () => (await import('./embedkit-client.js')).embedkitFloatClient,
  },
  langchain: {
    label: 'LangChain.js JinaEmbeddings',
    settings:
      'batchSize 2048 (the API maximum; default 24), maxConcurrency 5 (the concurrent-request cap), dimensions 1024; its URL is hard-coded, so a global undici dispatcher routes it to the simulator',
    load: async () => (await import('./langchain-client.js')).langchainClient,
  },
  chroma: {
    label: 'Chroma @chroma-core/jina',
    settings:
      'generate() per chunk of 2,048 texts (the API maximum; the function does no batching itself), one chunk at a time, task retrieval.passage, dimensions 1024; URL hard-coded, routed by a global undici dispatcher',
    load: async () => (await import('./chroma-client.js')).chromaClient,
  },
  'vercel-ai': {
    label: 'Vercel AI SDK embedMany + jina-ai-provider',
    settings:
      'ai 6 (the newest major that runs on Node 20): embedMany with maxParallelCalls 5 and maxRetries 6; the provider caps calls at 2,048 values and declares supportsParallelCalls false, so the SDK sends them one at a time; inputType retrieval.passage, outputDimension 1024; baseURL option',
    load: async () => (await import('./vercel-ai-client.js')).vercelAiClient,
  },
  llamaindex: {
    label: 'LlamaIndex.TS @llamaindex/jinaai',
    settings:
      'getTextEmbeddingsBatch with embedBatchSize 2048 (the API maximum; default 10), task retrieval.passage, dimensions 1024; baseURL option',
    load: async () => (await import('./llamaindex-client.js')).llamaindexClient,
  },
  pymilvus: {
    label: 'pymilvus.model JinaEmbeddingFunction (Python)',
    settings:
      'encode_documents per chunk of 2,048 texts (the API maximum; the function sends all its texts in one request), one chunk at a time, dimensions 1024; module-level API_URL pointed at the simulator',
  },
};

/** The report's name for a client id. */
export const clientLabel = (id: string) => clientCatalog[id]?.label ?? id;
