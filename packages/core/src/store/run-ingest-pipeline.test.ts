import { describe, expect, it } from 'vitest';
import { answer } from '../batch/fake-provider.test-helpers.js';
import { fakeEmbedding } from '../embedding/fake-embedding.test-helpers.js';
import { AbortError } from '../errors/abort-error.js';
import { ApiCallError } from '../errors/api-call-error.js';
import { StoreError } from '../errors/store-error.js';
import { type PreparedDocument, prepareDocuments } from './prepare-documents.js';
import { defaultIngestBatchSize, runIngestPipeline } from './run-ingest-pipeline.js';
import type { IngestProgress } from './vector-store.js';

const documents = prepareDocuments(
  Array.from({ length: 10 }, (_, index) => ({ id: `doc-${index}`, text: `text ${index}` })),
);
const ids = (rows: readonly PreparedDocument[]) => rows.map((row) => row.id);

describe('runIngestPipeline', () => {
  it('sends each document as its own group to a late-chunking function, never merging documents', async () => {
    const embedding = fakeEmbedding({ maxInputsPerCall: 10, chunkContext: 'document' });
    await runIngestPipeline({
      store: 'test',
      embedding,
      documents,
      batchSize: 4,
      write: async (rows, vectors) => {
        expect(vectors).toHaveLength(rows.length);
      },
    });
    expect(embedding.calls.map((call) => call.request.inputs.length)).toEqual(
      Array(documents.length).fill(1),
    );
    expect(embedding.calls.every((call) => call.request.atomic)).toBe(true);
  });

  it('embeds the next batch while the current one is written, writing in order', async () => {
    const embedding = fakeEmbedding({ maxInputsPerCall: 10 });
    const written: string[][] = [];
    const embedCallsAtWrite: number[] = [];
    await runIngestPipeline({
      store: 'test',
      embedding,
      documents,
      batchSize: 4,
      write: async (rows, vectors) => {
        embedCallsAtWrite.push(embedding.calls.length);
        expect(vectors).toHaveLength(rows.length);
        written.push(ids(rows));
      },
    });
    expect(written).toEqual([
      ids(documents.slice(0, 4)),
      ids(documents.slice(4, 8)),
      ids(documents.slice(8)),
    ]);
    // When batch n is written, batch n+1 has already been sent for embedding.
    expect(embedCallsAtWrite).toEqual([2, 3, 3]);
    expect(embedding.calls.every((call) => call.request.purpose === 'document')).toBe(true);
  });

  it('reports progress for embedding and storing, ending at the total', async () => {
    const progress: IngestProgress[] = [];
    await runIngestPipeline({
      store: 'test',
      embedding: fakeEmbedding({ maxInputsPerCall: 10 }),
      documents,
      batchSize: 5,
      write: async () => {},
      onProgress: (update) => progress.push(update),
    });
    expect(progress.at(-1)).toMatchObject({ embedded: 10, stored: 10, total: 10 });
    const stored = progress.map((update) => update.stored);
    const embedded = progress.map((update) => update.embedded);
    expect([...new Set(stored)]).toEqual([0, 5, 10]);
    expect(embedded).toEqual([...embedded].sort((left, right) => left - right));
    expect(progress.every((update) => update.stored <= update.embedded)).toBe(true);
  });

  it('says which documents are stored when a write fails, and cancels the embedding ahead', async () => {
    const embedding = fakeEmbedding({ maxInputsPerCall: 10 });
    let writes = 0;
    const error = (await runIngestPipeline({
      store: 'test',
      embedding,
      documents,
      batchSize: 3,
      write: async () => {
        writes++;
        if (writes === 2) throw new Error('disk full');
      },
    }).catch((caught: unknown) => caught)) as StoreError;
    expect(StoreError.isInstance(error)).toBe(true);
    expect(error.storedIds).toEqual(['doc-0', 'doc-1', 'doc-2']);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toContain('Writing documents 3..5 to test failed after 3 of 10');
    expect((error.cause as Error).message).toBe('disk full');
    expect(embedding.calls.at(-1)!.signal.aborted).toBe(true);
  });

  it("quotes a driver's sentence once in the write error, without a doubled full stop", async () => {
    const error = (await runIngestPipeline({
      store: 'test',
      embedding: fakeEmbedding({ maxInputsPerCall: 10 }),
      documents,
      write: async () => {
        throw new Error('The store is closed; create a new store.');
      },
    }).catch((caught: unknown) => caught)) as StoreError;
    expect(error.message).toContain('create a new store. Re-running the same ingest');
    expect(error.message).not.toContain('store..');
  });

  it('says which documents are stored when embedding fails part way', async () => {
    const embedding = fakeEmbedding({
      maxInputsPerCall: 10,
      behave: (call, number) => {
        if (number === 2) throw new ApiCallError({ provider: 'fake', status: 400, message: 'no' });
        return answer(call.inputs, 4);
      },
    });
    const error = (await runIngestPipeline({
      store: 'test',
      embedding,
      documents,
      batchSize: 4,
      write: async () => {},
    }).catch((caught: unknown) => caught)) as ApiCallError & { storedIds: string[] };
    expect(error.status).toBe(400);
    expect(error.storedIds).toEqual(ids(documents.slice(0, 8)));
  });

  it('stops on abort with what is stored, whether embedding or writing was next', async () => {
    const cases = [
      [1, false, 3],
      [2, false, 6],
      // A store client that honours the signal and throws its reason mid-write.
      [2, true, 3],
    ] as const;
    for (const [abortOnWrite, writeThrows, stored] of cases) {
      const controller = new AbortController();
      let writes = 0;
      const error = (await runIngestPipeline({
        store: 'test',
        embedding: fakeEmbedding({ maxInputsPerCall: 10 }),
        documents,
        batchSize: 3,
        signal: controller.signal,
        write: async () => {
          writes++;
          if (writes === abortOnWrite) {
            controller.abort();
            if (writeThrows) controller.signal.throwIfAborted();
          }
        },
      }).catch((caught: unknown) => caught)) as { code: string; storedIds: string[] };
      expect(error.code).toBe('ABORTED');
      expect(error.storedIds).toEqual(ids(documents.slice(0, stored)));
    }
  });

  it('reports an abort whose reason is an embedkit AbortError (as the CLI sends) as an abort', async () => {
    for (const writeThrows of [false, true]) {
      const controller = new AbortController();
      const reason = new AbortError({ message: 'Interrupted by Ctrl-C.' });
      const error = (await runIngestPipeline({
        store: 'test',
        embedding: fakeEmbedding({ maxInputsPerCall: 10 }),
        documents,
        batchSize: 3,
        signal: controller.signal,
        write: async () => {
          controller.abort(reason);
          if (writeThrows) controller.signal.throwIfAborted();
        },
      }).catch((caught: unknown) => caught)) as AbortError & { storedIds: string[] };
      expect(AbortError.isInstance(error)).toBe(true);
      expect(StoreError.isInstance(error)).toBe(false);
      expect(error.storedIds).toEqual(ids(documents.slice(0, writeThrows ? 0 : 3)));
    }
  });

  it('does nothing for no documents', async () => {
    const embedding = fakeEmbedding();
    await runIngestPipeline({ store: 'test', embedding, documents: [], write: async () => {} });
    expect(embedding.calls).toHaveLength(0);
  });

  it('sizes steps from the function’s limits', () => {
    expect(defaultIngestBatchSize(fakeEmbedding({ maxInputsPerCall: 2 }))).toBe(64);
    expect(
      defaultIngestBatchSize({
        limits: { maxInputsPerCall: 2048, supportsParallelCalls: true, concurrency: 8 },
      } as never),
    ).toBe(8192);
  });
});
