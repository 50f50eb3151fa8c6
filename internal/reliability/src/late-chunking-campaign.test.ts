import { createMilvusStore } from '@embedkit/milvus';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  campaignDocuments,
  campaignJina,
  documentOf,
  readCollection,
} from './campaign.test-helpers.js';
import { campaignFaults, type FaultyJina, startFaultyJina } from './faulty-jina.test-helpers.js';

const documentCount = 5000;
const chunksPerDocument = 3;
const documentsPerStep = 500;
const rowId = (document: number, chunk: number) => `doc-${document}-${chunk}`;

/**
 * The same campaign with late chunking: each document's chunks must travel as exactly one
 * request, because the API pools every chunk over the whole request. With 5,000 requests,
 * `Retry-After` is capped at 50 ms and stalls are cut at 300 ms (honouring 1 s waits would take
 * minutes; the plain campaign proves they are honoured).
 */
describe('late-chunking fault campaign: 5,000 documents, no document split or merged', () => {
  let jina: FaultyJina;
  const address = inject('milvusAddress');
  const collection = `late_chunking_campaign_${process.pid}`;
  const documents = campaignDocuments(documentCount, chunksPerDocument, 23);
  const settings = {
    lateChunking: true,
    concurrency: 8,
    timeoutMs: 300,
    retry: { baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 50 },
  };

  beforeAll(async () => {
    jina = await startFaultyJina({ faults: campaignFaults, seed: 27 });
    const embedding = campaignJina(jina.baseURL, jina.apiKey, settings);
    const store = createMilvusStore({ embedding, address, collection, fullText: false });
    try {
      for (let start = 0; start < documentCount; start += documentsPerStep) {
        const step = documents.slice(start, start + documentsPerStep);
        const vectors = await embedding.encodeDocumentGroups(step);
        await store.addVectors(
          step.flatMap((chunks, offset) =>
            chunks.map((text, chunk) => ({
              id: rowId(start + offset, chunk),
              text,
              vector: vectors[offset]![chunk]!,
            })),
          ),
        );
      }
    } finally {
      await store.close();
    }
  });
  afterAll(async () => {
    await jina?.close();
  });

  it('sent every request with exactly one whole document, late chunking on', () => {
    expect(jina.injected.stall + jina.injected.connectionReset).toBeGreaterThan(0);
    const malformed = jina.front.log.filter((entry) => {
      const body = entry.body as { input: string[]; late_chunking?: boolean };
      const owners = new Set(body.input.map(documentOf));
      return (
        body.late_chunking !== true || owners.size !== 1 || body.input.length !== chunksPerDocument
      );
    });
    expect(malformed).toEqual([]);
    const answered = new Set(
      jina.front.log
        .filter((entry) => entry.status === 200)
        .map((entry) => documentOf((entry.body as { input: string[] }).input[0]!)),
    );
    expect(answered.size).toBe(documentCount);
  });

  it('stores every chunk exactly once, each with the vector of a fault-free run', async () => {
    const stored = await readCollection(address, collection);
    expect(stored.rows).toBe(documentCount * chunksPerDocument);
    expect(stored.size).toBe(documentCount * chunksPerDocument);

    // The simulator's vectors do not depend on the path; asking it directly halves the time.
    const reference = await campaignJina(jina.simulator.baseURL, jina.apiKey, {
      ...settings,
      timeoutMs: 30_000,
    }).encodeDocumentGroups(documents);
    const differing: string[] = [];
    for (const [document, chunks] of documents.entries()) {
      for (const chunk of chunks.keys()) {
        const vector = stored.get(rowId(document, chunk));
        const expected = reference[document]![chunk]!;
        if (!vector?.every((value, position) => value === expected[position])) {
          differing.push(rowId(document, chunk));
        }
      }
    }
    expect(differing).toEqual([]);
  });
});

describe("late chunking through a store's own ingest", () => {
  const address = inject('milvusAddress');
  const documents = campaignDocuments(300, chunksPerDocument, 29);
  const settings = {
    lateChunking: true,
    concurrency: 8,
    timeoutMs: 300,
    retry: { baseDelayMs: 10, maxDelayMs: 100, maxRetryAfterMs: 50 },
  };

  it("a store's own ingest with late chunking embeds each document alone, whatever the batch size", async () => {
    const texts = documents.map((chunks) => chunks.join(' '));
    const front = await startFaultyJina({ faults: campaignFaults, seed: 27 });
    const embedding = campaignJina(front.baseURL, front.apiKey, settings);
    const store = createMilvusStore({
      embedding,
      address,
      collection: `late_chunking_store_${process.pid}`,
      fullText: false,
    });
    try {
      await store.addDocuments(
        texts.map((text, index) => ({ id: `doc-${index}`, text })),
        { batchSize: 100 },
      );
      const merged = front.front.log.filter(
        (entry) => (entry.body as { input: string[] }).input.length !== 1,
      );
      expect(merged).toEqual([]);
      const stored = await readCollection(address, `late_chunking_store_${process.pid}`);
      const reference = await campaignJina(front.simulator.baseURL, front.apiKey, {
        ...settings,
        timeoutMs: 30_000,
      }).encodeDocumentGroups(texts.map((text) => [text]));
      const differing = texts
        .map((_, index) => index)
        .filter(
          (index) =>
            !stored
              .get(`doc-${index}`)
              ?.every((value, position) => value === reference[index]![0]![position]),
        );
      expect(stored.rows).toBe(texts.length);
      expect(differing).toEqual([]);
    } finally {
      await store.close();
      await front.close();
    }
  });
});
