import type { CollectionRecord, StoreRow } from './vector-store-driver.js';

/** One collection held in memory: its record and its rows by id, in insertion order. */
export interface MemoryCollection {
  record: CollectionRecord;
  rows: Map<string, StoreRow>;
}

/**
 * Named collections held in memory. Stores that share a database share its collections, which is
 * how a second store built with another embedding function finds out it does not belong.
 */
export class MemoryDatabase {
  readonly collections = new Map<string, MemoryCollection>();
}
