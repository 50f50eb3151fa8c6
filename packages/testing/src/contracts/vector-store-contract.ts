import {
  createHashingEmbedding,
  DimensionMismatchError,
  type EmbeddingFunction,
  EmbeddingSpaceMismatchError,
  InvalidInputError,
  type VectorStore,
} from '@embedkit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLateChunkingTestEmbedding } from '../fixtures/late-chunking-test-embedding.js';
import { filterCases, filterFixtureDocuments } from '../fixtures/metadata-filter-cases.js';
import { sampleDocuments } from '../fixtures/sample-documents.js';

export interface VectorStoreContractSetup {
  /**
   * Opens a store on `collection` with `embedding`. Called several times with the same collection
   * name, so a store must find what an earlier one created there (that is how the embedding-space
   * refusal is tested).
   */
  createStore(options: { embedding: EmbeddingFunction; collection: string }): Promise<VectorStore>;
  teardown?: () => Promise<void>;
  /**
   * Names of `filterCases` this store cannot express (for example ranges on strings): each must
   * be refused with an `InvalidInputError` naming its operator instead of answered. Every other
   * case must return exactly the expected ids.
   */
  refusedFilterCases?: readonly string[];
}

/**
 * The behaviour every `VectorStore` promises, run against one implementation with core's hashing
 * embedding (deterministic and offline, so relevance is predictable).
 */
export function describeVectorStoreContract(
  name: string,
  setup: () => Promise<VectorStoreContractSetup> | VectorStoreContractSetup,
): void {
  describe(`VectorStore contract: ${name}`, () => {
    let context: VectorStoreContractSetup;
    const opened: VectorStore[] = [];
    const embedding = createHashingEmbedding({ dimensions: 256 });
    let counter = 0;
    const open = async (options: { embedding?: EmbeddingFunction; collection?: string } = {}) => {
      const store = await context.createStore({
        embedding: options.embedding ?? embedding,
        collection: options.collection ?? `contract_${process.pid}_${Date.now()}_${counter++}`,
      });
      opened.push(store);
      return store;
    };

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      for (const store of opened) await store.close().catch(() => {});
      await context?.teardown?.();
    });

    it('creates a collection that records its embedding space', async () => {
      const store = await open();
      const info = await store.ensureCollection();
      expect(info.dim).toBe(256);
      expect(info.embedding.provider).toBe('hashing');
      expect(info.space).toEqual(embedding.space);
      expect(await store.count()).toBe(0);
    });

    it('stores documents and finds each one first when searched with its own words', async () => {
      const store = await open();
      const ids = await store.addDocuments(sampleDocuments);
      expect(ids).toHaveLength(sampleDocuments.length);
      expect(await store.count()).toBe(sampleDocuments.length);
      for (const [index, document] of sampleDocuments.entries()) {
        const [first] = await store.search(document.text, { topK: 3 });
        expect(first?.id).toBe(ids[index]);
        expect(first?.text).toBe(document.text);
        expect(first?.metadata).toEqual(document.metadata);
      }
    });

    it('upserts: the same documents again change nothing, an explicit id replaces its row', async () => {
      const store = await open();
      const first = await store.addDocuments(sampleDocuments);
      const second = await store.addDocuments(sampleDocuments);
      expect(second).toEqual(first);
      expect(await store.count()).toBe(sampleDocuments.length);
      await store.addDocuments([{ id: 'fixed', text: 'first version about cats' }]);
      await store.addDocuments([{ id: 'fixed', text: 'second version about dogs' }]);
      expect(await store.count()).toBe(sampleDocuments.length + 1);
      expect(await store.get(['fixed'])).toEqual([
        { id: 'fixed', text: 'second version about dogs', metadata: {} },
      ]);
    });

    it('filters by metadata and deletes by id and by filter', async () => {
      const store = await open();
      const ids = await store.addDocuments(sampleDocuments);
      const hits = await store.search('vectors', { topK: 10, filter: { topic: 'databases' } });
      const expected = sampleDocuments.filter(
        (document) => document.metadata.topic === 'databases',
      );
      expect(hits.length).toBe(expected.length);
      expect(hits.every((hit) => hit.metadata.topic === 'databases')).toBe(true);
      await store.delete({ ids: [ids[0]!] });
      expect(await store.count()).toBe(sampleDocuments.length - 1);
      expect(await store.get([ids[0]!])).toEqual([]);
      await store.delete({ filter: { topic: 'animals' } });
      const animals = sampleDocuments.filter(
        (document, index) => index > 0 && document.metadata.topic === 'animals',
      );
      expect(await store.count()).toBe(sampleDocuments.length - 1 - animals.length);
    });

    it('searches by vector, best first', async () => {
      const store = await open();
      await store.addDocuments(sampleDocuments);
      const [vector] = await embedding.encodeQueries([sampleDocuments[3]!.text]);
      const hits = await store.searchByVector(vector!, { topK: 4 });
      expect(hits).toHaveLength(4);
      expect(hits[0]!.text).toBe(sampleDocuments[3]!.text);
      const scores = hits.map((hit) => hit.score);
      const sorted =
        store.metric === 'l2'
          ? [...scores].sort((a, b) => a - b)
          : [...scores].sort((a, b) => b - a);
      expect(scores).toEqual(sorted);
    });

    it('stores precomputed vectors and refuses ones of the wrong length', async () => {
      const store = await open();
      const [vector] = await embedding.encodeDocuments(['precomputed text about rivers']);
      const ids = await store.addVectors([
        { id: 'pre', text: 'precomputed text about rivers', vector: vector! },
      ]);
      expect(ids).toEqual(['pre']);
      const [hit] = await store.searchByVector(vector!, { topK: 1 });
      expect(hit?.id).toBe('pre');
      const error = await store
        .addVectors([{ text: 'short', vector: new Float32Array(3) }])
        .catch((caught: unknown) => caught);
      expect(DimensionMismatchError.isInstance(error)).toBe(true);
    });

    it('refuses bad documents before writing anything', async () => {
      const store = await open();
      const circular: Record<string, unknown> = {};
      circular.self = circular;
      const attempts: unknown[] = [
        [{ text: '' }],
        [{ text: 42 }],
        [{ text: 'fine', metadata: { when: new Date() } }],
        [{ text: 'fine', metadata: circular }],
        [{ text: 'fine', metadata: { value: Number.NaN } }],
      ];
      for (const documents of attempts) {
        const error = await store
          .addDocuments(documents as never)
          .catch((caught: unknown) => caught);
        expect(InvalidInputError.isInstance(error)).toBe(true);
      }
      expect(await store.count()).toBe(0);
      expect(await store.addDocuments([])).toEqual([]);
    });

    it('stores chunked documents, one request per late-chunked document', async () => {
      const late = createLateChunkingTestEmbedding();
      const store = await open({ embedding: late });
      const groups = [
        [{ text: 'rivers carry water' }, { text: 'to the sea', metadata: { part: 2 } }],
        [{ text: 'mountains are tall' }],
      ];
      const ids = await store.addDocumentGroups(groups);
      expect(ids.map((group) => group.length)).toEqual([2, 1]);
      expect(late.requests).toEqual([['rivers carry water', 'to the sea'], ['mountains are tall']]);
      expect(await store.count()).toBe(3);
      expect(await store.get([ids[0]![1]!])).toEqual([
        { id: ids[0]![1], text: 'to the sea', metadata: { part: 2 } },
      ]);
      // Independent documents of a late-chunking function travel one per request.
      await store.addDocuments([{ text: 'one' }, { text: 'two' }]);
      expect(late.requests.slice(2)).toEqual([['one'], ['two']]);
    });

    it('returns everything when topK exceeds the collection, best first with stable ties', async () => {
      const store = await open();
      await store.addDocuments(sampleDocuments.slice(0, 3));
      await store.addVectors(
        ['tie-a', 'tie-b'].map((id) => ({
          id,
          text: 'same',
          vector: new Float32Array(256).fill(1),
        })),
      );
      const hits = await store.searchByVector(new Float32Array(256).fill(1), { topK: 50 });
      expect(hits).toHaveLength(5);
      const again = await store.searchByVector(new Float32Array(256).fill(1), { topK: 50 });
      expect(again.map((hit) => hit.id)).toEqual(hits.map((hit) => hit.id));
      // Equal scores come in id order, from every store.
      expect(hits.slice(0, 2).map((hit) => hit.id)).toEqual(['tie-a', 'tie-b']);
    });

    describe('the shared filter language', () => {
      let filtered: VectorStore;
      beforeAll(async () => {
        filtered = await open();
        await filtered.addDocuments(filterFixtureDocuments);
      });

      it.each(filterCases.map((entry) => [entry.name, entry] as const))(
        '%s',
        async (_name, entry) => {
          const search = filtered.search('fruit', { topK: 100, filter: entry.filter });
          if (context.refusedFilterCases?.includes(entry.name)) {
            const error = await search.catch((caught: unknown) => caught);
            expect(InvalidInputError.isInstance(error)).toBe(true);
            return;
          }
          const hits = await search;
          expect(hits.map((hit) => hit.id).sort()).toEqual([...entry.ids].sort());
        },
      );

      it('refuses unknown operators and malformed filters before reaching the engine', async () => {
        for (const filter of [{ n: { regex: 'a' } }, { k: { in: 'x' } }, { or: [] }, { k: null }]) {
          const error = await filtered
            .search('fruit', { filter: filter as never })
            .catch((caught: unknown) => caught);
          expect(InvalidInputError.isInstance(error)).toBe(true);
        }
      });

      it('deletes by a filter of the language', async () => {
        const store = await open();
        await store.addDocuments(filterFixtureDocuments);
        await store.delete({ filter: { tag: { in: ['x', 'z'] } } });
        expect(await store.count()).toBe(filterFixtureDocuments.length - 3);
        expect(await store.get(['f1', 'f2', 'f5', 'f6'])).toEqual([
          expect.objectContaining({ id: 'f2' }),
        ]);
      });
    });

    it('refuses a collection built with another embedding space, naming both', async () => {
      const collection = `contract_space_${process.pid}_${Date.now()}`;
      const original = await open({ collection });
      await original.addDocuments(sampleDocuments.slice(0, 2));
      const otherDim = await open({
        collection,
        embedding: createHashingEmbedding({ dimensions: 128 }),
      });
      const dimError = await otherDim
        .addDocuments(sampleDocuments.slice(0, 1))
        .catch((caught: unknown) => caught);
      expect(DimensionMismatchError.isInstance(dimError)).toBe(true);
      expect((dimError as Error).message).toContain('256');
      expect((dimError as Error).message).toContain('128');
      const otherSpace = await open({
        collection,
        embedding: createHashingEmbedding({ dimensions: 256, charNgram: 4 }),
      });
      const spaceError = await otherSpace.search('anything').catch((caught: unknown) => caught);
      expect(EmbeddingSpaceMismatchError.isInstance(spaceError)).toBe(true);
      expect(await original.count()).toBe(2);
    });
  });
}
