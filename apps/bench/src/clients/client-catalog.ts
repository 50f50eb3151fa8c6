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
  'embedkit-no-rate-limit': {
    label: 'embedkit without rateLimit',
    settings:
      'as embedkit, without rateLimit: concurrency at the cap, and on a 429 the runner’s own retries with backoff (6 retries, 500 ms doubling, in real milliseconds)',
    load: async () => (await import('./embedkit-client.js')).embedkitUnpacedClient,
  },
  naive: {
    label: 'naive baseline (sequential loop + p-retry)',
    settings:
      'no library: undici POSTs of token-sized batches (≤ a tenth of a minute’s token budget and ≤ 65,536 tokens estimated at 4 characters per token, ≤ the request’s input cap) one at a time, float JSON, each under p-retry 6.2.1 (10 retries, factor 2 from 1 s, randomised, times scaled by the time compression)',
    load: async () => (await import('./naive-client.js')).naiveClient,
  },
  langchain: {
    label: 'LangChain.js JinaEmbeddings',
    settings:
      'batchSize 2048 (the API maximum; default 24), maxConcurrency 5 (the concurrent-request cap), dimensions 1024; its URL is hard-coded, so a global undici dispatcher routes it to the simulator',
    load: async () => (await import('./langchain-client.js')).langchainClient,
  },
  'langchain-tuned': {
    label: 'LangChain.js JinaEmbeddings, tuned',
    settings:
      'token-sized batches (as the naive row), each an embedDocuments call, all issued at once; maxConcurrency at the concurrent-request cap (its AsyncCaller queues the rest); maxRetries 0 and p-retry around each call (as the naive row)',
    load: async () => (await import('./langchain-tuned-client.js')).langchainTunedClient,
  },
  chroma: {
    label: 'Chroma @chroma-core/jina',
    settings:
      'generate() per chunk of 2,048 texts (the API maximum; the function does no batching itself), one chunk at a time, task retrieval.passage, dimensions 1024; URL hard-coded, routed by a global undici dispatcher',
    load: async () => (await import('./chroma-client.js')).chromaClient,
  },
  'chroma-tuned': {
    label: 'Chroma @chroma-core/jina, tuned',
    settings:
      'generate() per token-sized batch, one at a time (it has no concurrency or retry options), each under p-retry (as the naive row)',
    load: async () => (await import('./chroma-tuned-client.js')).chromaTunedClient,
  },
  'vercel-ai': {
    label: 'Vercel AI SDK embedMany + jina-ai-provider',
    settings:
      'ai 6 (the newest major that runs on Node 20): embedMany with maxParallelCalls 5 and maxRetries 6; the provider caps calls at 2,048 values and declares supportsParallelCalls false, so the SDK sends them one at a time; inputType retrieval.passage, outputDimension 1024; baseURL option',
    load: async () => (await import('./vercel-ai-client.js')).vercelAiClient,
  },
  'vercel-ai-tuned': {
    label: 'Vercel AI SDK embedMany, tuned',
    settings:
      'embedMany per token-sized batch with maxParallelCalls at the cap (the provider’s supportsParallelCalls false keeps it to one call at a time) and maxRetries 0, one batch at a time, each under p-retry (as the naive row)',
    load: async () => (await import('./vercel-ai-tuned-client.js')).vercelAiTunedClient,
  },
  'ai-sdk-bridge': {
    label: 'embedkit via ai-sdk bridge (fromAiSdk + jina-ai-provider)',
    settings:
      'the Vercel AI SDK row’s model (jina-ai-provider textEmbeddingModel) wrapped by fromAiSdk, so embedkit’s runner calls it instead of embedMany: concurrency 5 (overrides the provider’s supportsParallelCalls false), rateLimit as embedkit’s, maxTokensPerCall 131,072, ≤2,048 inputs per call (the provider’s cap), providerOptions inputType retrieval.passage / retrieval.query, outputDimension 1024',
    load: async () => (await import('./ai-sdk-bridge-client.js')).aiSdkBridgeClient,
  },
  'langchain-bridge': {
    label: 'embedkit via langchain bridge (fromLangChain + JinaEmbeddings)',
    settings:
      'the LangChain.js row’s JinaEmbeddings (batchSize 2048, maxRetries 0, as fromLangChain requires) wrapped by fromLangChain, so embedkit’s runner calls its embedDocuments: concurrency 5, rateLimit as embedkit’s, maxTokensPerCall 131,072; routed to the simulator like the LangChain.js row',
    load: async () => (await import('./langchain-bridge-client.js')).langchainBridgeClient,
  },
  llamaindex: {
    label: 'LlamaIndex.TS @llamaindex/jinaai',
    settings:
      'getTextEmbeddingsBatch with embedBatchSize 2048 (the API maximum; default 10), task retrieval.passage, dimensions 1024; baseURL option',
    load: async () => (await import('./llamaindex-client.js')).llamaindexClient,
  },
  'llamaindex-tuned': {
    label: 'LlamaIndex.TS @llamaindex/jinaai, tuned',
    settings:
      'getTextEmbeddingsBatch per token-sized batch (embedBatchSize at the input cap; it has no concurrency option), one at a time, each under p-retry (as the naive row)',
    load: async () => (await import('./llamaindex-tuned-client.js')).llamaindexTunedClient,
  },
  'pymilvus-tuned': {
    label: 'pymilvus.model JinaEmbeddingFunction, tuned (Python)',
    settings:
      'encode_documents per token-sized batch (as the naive row), one at a time (it has no concurrency option), each under tenacity 9.2.1 (wait_random_exponential from 1 s doubling to 60 s, times scaled by the time compression; 11 attempts)',
  },
  pymilvus: {
    label: 'pymilvus.model JinaEmbeddingFunction (Python)',
    settings:
      'encode_documents per chunk of 2,048 texts (the API maximum; the function sends all its texts in one request), one chunk at a time, dimensions 1024; module-level API_URL pointed at the simulator',
  },
};

/** The report's name for a client id. */
export const clientLabel = (id: string) => clientCatalog[id]?.label ?? id;
