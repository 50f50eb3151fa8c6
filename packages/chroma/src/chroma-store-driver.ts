import {
  type DriverDeleteSelector,
  type DriverQuery,
  type FilterNode,
  InvalidConfigError,
  NotSupportedError,
  type OpenCollectionRequest,
  type OpenedCollection,
  type SearchResult,
  type StoredDocument,
  StoreError,
  type StoreRow,
  throwIfAborted,
  type VectorStoreDriver,
  zodIssues,
} from '@embedkit/core';
import { type ChromaConnection, chromaAddress, openChromaConnection } from './chroma-connection.js';
import { callChroma, chromaCallAborted, chromaStoreKind } from './chroma-errors.js';
import { queryNearest } from './chroma-hits.js';
import { exactVector, fromChromaMetadata } from './chroma-metadata.js';
import {
  type ChromaDriverSettings,
  chromaDriverSettings,
  type ResolvedChromaDriverSettings,
} from './chroma-store-settings.js';
import { type ChromaWhere, chromaWhere } from './chroma-where.js';
import { type ChromaCollection, openChromaCollection } from './open-chroma-collection.js';
import { replaceRecords } from './replace-chroma-records.js';

/**
 * The Chroma engine behind `createChromaStore`: a Chroma server (`chroma run`), a distributed
 * deployment or Chroma Cloud, through the official `chromadb` client. One driver holds one
 * connection and may serve several collections; core's `createVectorStore` does the rest.
 *
 * The client never gets an embedding function: embedkit embeds, every write and query passes
 * embeddings, and collections are created with `embeddingFunction: null`, so Chroma's default
 * model is never loaded or downloaded.
 */
export class ChromaStoreDriver implements VectorStoreDriver {
  readonly kind = chromaStoreKind;
  /** The server URL; never the token. */
  readonly location: string;
  /** `Chroma Cloud` for trychroma.com, else `Chroma server` (`chroma run` or a deployment). */
  readonly engine: string;
  // Private: it holds the token, which must never show up in a log of the store.
  readonly #settings: Readonly<ResolvedChromaDriverSettings>;
  readonly #collections = new Map<string, ChromaCollection>();
  #connection: Promise<ChromaConnection> | undefined;
  #closed = false;

  constructor(options: ChromaDriverSettings = {}) {
    const parsed = chromaDriverSettings.safeParse(options);
    if (!parsed.success) {
      throw new InvalidConfigError({
        subject: 'Chroma store settings',
        issues: zodIssues(parsed.error),
      });
    }
    this.#settings = parsed.data;
    const { host, baseUrl } = chromaAddress(parsed.data.url);
    this.location = baseUrl;
    this.engine = /(^|\.)trychroma\.com$/i.test(host) ? 'Chroma Cloud' : 'Chroma server';
  }

  async openCollection(request: OpenCollectionRequest): Promise<OpenedCollection> {
    const connection = await this.#open();
    throwIfAborted(request.signal, chromaCallAborted);
    const collection = await openChromaCollection({
      connection,
      name: request.collection,
      record: request.record,
      fields: this.#settings.fields,
    });
    this.#collections.set(request.collection, collection);
    // A collection another tool made has no record: core then checks the dimension only, and
    // takes the metric from the collection's space.
    if (collection.record !== undefined)
      return { record: collection.record, created: collection.created };
    return {
      record: undefined,
      created: collection.created,
      metric: collection.space,
      ...(collection.dim !== undefined ? { dim: collection.dim } : {}),
    };
  }

  /** Writes rows in requests of at most `max_batch_size` records, replacing records by id. */
  async upsert(
    collection: string,
    rows: readonly StoreRow[],
    options: { signal?: AbortSignal } = {},
  ): Promise<void> {
    const { handle, textKey, space } = this.#collection(collection);
    const { baseUrl, maxBatchSize } = await this.#open();
    // Chroma refuses a request that names an id twice; the last row for an id wins, as it would
    // with one upsert after another.
    const latest = [...new Map(rows.map((row) => [row.id, row])).values()];
    for (const batch of chunks(latest, maxBatchSize)) {
      throwIfAborted(options.signal, chromaCallAborted);
      const action = `upsert ${batch.length} documents into collection "${collection}"`;
      await callChroma(action, baseUrl, () =>
        replaceRecords(handle, batch, { textKey, exactVectors: space === 'cosine' }),
      );
    }
  }

  async query(collection: string, query: DriverQuery): Promise<SearchResult[]> {
    const opened = this.#collection(collection);
    const where = this.#where(collection, query.filter);
    const { baseUrl } = await this.#open();
    throwIfAborted(query.signal, chromaCallAborted);
    const action = `search collection "${collection}"`;
    return callChroma(action, baseUrl, () =>
      queryNearest({
        handle: opened.handle,
        vector: Array.from(query.vector),
        topK: query.topK,
        where,
        space: opened.space,
        outputFields: query.outputFields ?? ['text', 'metadata'],
        textKey: opened.textKey,
      }),
    );
  }

  async get(collection: string, ids: readonly string[]): Promise<StoredDocument[]> {
    const { handle, textKey } = this.#collection(collection);
    const { baseUrl, maxBatchSize } = await this.#open();
    const found = new Map<string, StoredDocument>();
    for (const batch of chunks([...new Set(ids)], maxBatchSize)) {
      const result = await callChroma(`read documents of collection "${collection}"`, baseUrl, () =>
        handle.get({ ids: batch, include: ['documents', 'metadatas'] as never }),
      );
      result.ids.forEach((id, index) => {
        const metadata = result.metadatas[index] as Record<string, unknown> | null;
        const text = textKey === undefined ? result.documents[index] : metadata?.[textKey];
        found.set(id, {
          id,
          text: String(text ?? ''),
          metadata: fromChromaMetadata(metadata, textKey),
        });
      });
    }
    return ids.flatMap((id) => {
      const document = found.get(id);
      return document ? [{ ...document, metadata: structuredClone(document.metadata) }] : [];
    });
  }

  async delete(collection: string, selector: DriverDeleteSelector): Promise<void> {
    const { handle } = this.#collection(collection);
    const { baseUrl, maxBatchSize } = await this.#open();
    const action = `delete documents from collection "${collection}"`;
    if ('ids' in selector) {
      for (const batch of chunks([...new Set(selector.ids)], maxBatchSize)) {
        await callChroma(action, baseUrl, () => handle.delete({ ids: batch }));
      }
      return;
    }
    if ('filter' in selector) {
      const where = this.#where(collection, selector.filter)!;
      await callChroma(action, baseUrl, () => handle.delete({ where: where as never }));
      return;
    }
    // Everything: Chroma's delete needs ids or a where, so it deletes the first page until none is left.
    for (;;) {
      const page = await callChroma(action, baseUrl, () =>
        handle.get({ limit: maxBatchSize, include: [] as never }),
      );
      if (page.ids.length === 0) return;
      await callChroma(action, baseUrl, () => handle.delete({ ids: page.ids }));
    }
  }

  /**
   * Every id, in pages of `pageSize` (for `copyCollection`). Pages are read by offset, so rows
   * written or deleted meanwhile may shift a page; copying a collection that is being written to
   * should be resumed once it is quiet.
   */
  async *readIds(
    collection: string,
    options: { pageSize: number; signal?: AbortSignal },
  ): AsyncIterable<readonly string[]> {
    const { handle } = this.#collection(collection);
    const { baseUrl } = await this.#open();
    for (let offset = 0; ; ) {
      throwIfAborted(options.signal, chromaCallAborted);
      const page = await callChroma(`list the ids of collection "${collection}"`, baseUrl, () =>
        handle.get({ limit: options.pageSize, offset, include: [] as never }),
      );
      if (page.ids.length === 0) return;
      yield page.ids;
      offset += page.ids.length;
    }
  }

  /** Rows by id with their vectors as Chroma keeps them (float32, so bit for bit), in the order asked. */
  async getRows(collection: string, ids: readonly string[]): Promise<StoreRow[]> {
    const { handle, textKey } = this.#collection(collection);
    const { baseUrl, maxBatchSize } = await this.#open();
    const found = new Map<string, StoreRow>();
    for (const batch of chunks([...new Set(ids)], maxBatchSize)) {
      const result = await callChroma(`read rows of collection "${collection}"`, baseUrl, () =>
        handle.get({ ids: batch, include: ['documents', 'metadatas', 'embeddings'] as never }),
      );
      result.ids.forEach((id, index) => {
        const metadata = result.metadatas[index] as Record<string, unknown> | null;
        const text = textKey === undefined ? result.documents[index] : metadata?.[textKey];
        found.set(id, {
          id,
          text: String(text ?? ''),
          metadata: fromChromaMetadata(metadata, textKey),
          vector: exactVector(metadata) ?? Float32Array.from(result.embeddings[index] ?? []),
        });
      });
    }
    return ids.flatMap((id) => {
      const row = found.get(id);
      return row
        ? [{ ...row, metadata: structuredClone(row.metadata), vector: row.vector.slice() }]
        : [];
    });
  }

  async count(collection: string): Promise<number> {
    const { handle } = this.#collection(collection);
    const { baseUrl } = await this.#open();
    return callChroma(`count collection "${collection}"`, baseUrl, () => handle.count());
  }

  /** Forgets the connection; the server keeps running (the driver never starts one). */
  async close(): Promise<void> {
    this.#closed = true;
    this.#connection = undefined;
    this.#collections.clear();
  }

  #where(collection: string, filter: FilterNode | string | undefined): ChromaWhere | undefined {
    if (filter === undefined) return undefined;
    if (typeof filter === 'string') {
      throw new NotSupportedError({
        message: `The Chroma store takes filters as objects such as { source: "a.md" }, not expression strings ("${filter}").`,
      });
    }
    return chromaWhere(filter, { collection, presence: this.#collection(collection).presence });
  }

  #collection(name: string): ChromaCollection {
    const collection = this.#collections.get(name);
    if (!collection) {
      throw new StoreError({
        store: this.kind,
        message: `Collection "${name}" has not been opened on this Chroma driver; call openCollection() first (createVectorStore does).`,
      });
    }
    return collection;
  }

  #open(): Promise<ChromaConnection> {
    if (this.#closed) {
      return Promise.reject(
        new StoreError({
          store: this.kind,
          message: `This Chroma driver (${this.location}) is closed; create a new store.`,
        }),
      );
    }
    this.#connection ??= openChromaConnection(this.#settings);
    this.#connection.catch(() => {
      this.#connection = undefined;
    });
    return this.#connection;
  }
}

/** `items` in consecutive slices of at most `size`. */
function chunks<Item>(items: readonly Item[], size: number): Item[][] {
  const slices: Item[][] = [];
  for (let start = 0; start < items.length; start += size)
    slices.push(items.slice(start, start + size));
  return slices;
}
