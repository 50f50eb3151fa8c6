/**
 * Where `withCache` keeps vectors. Small on purpose so Redis, SQLite or a file can back it;
 * keys are opaque strings, values are vectors.
 */
export interface CacheStore {
  /** One entry per key, `undefined` for a miss. */
  getMany(keys: readonly string[]): Promise<(Float32Array | undefined)[]>;
  setMany(entries: readonly (readonly [key: string, vector: Float32Array])[]): Promise<void>;
}

/**
 * An in-memory least-recently-used cache bounded by entry count. A vector that is a view of a
 * larger buffer (providers decode a whole response into one) is copied on the way in, so an
 * entry holds its own 4 KiB or so rather than keeping an evicted response's megabytes alive.
 */
export class MemoryCacheStore implements CacheStore {
  readonly #entries = new Map<string, Float32Array>();
  readonly maxEntries: number;

  constructor(options: { maxEntries?: number } = {}) {
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  get size(): number {
    return this.#entries.size;
  }

  async getMany(keys: readonly string[]): Promise<(Float32Array | undefined)[]> {
    return keys.map((key) => {
      const vector = this.#entries.get(key);
      if (vector !== undefined) {
        this.#entries.delete(key);
        this.#entries.set(key, vector);
      }
      return vector;
    });
  }

  async setMany(entries: readonly (readonly [string, Float32Array])[]): Promise<void> {
    for (const [key, vector] of entries) {
      this.#entries.delete(key);
      this.#entries.set(key, ownsItsBuffer(vector) ? vector : vector.slice());
      if (this.#entries.size > this.maxEntries) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
    }
  }
}

function ownsItsBuffer(vector: Float32Array): boolean {
  return vector.byteOffset === 0 && vector.byteLength === vector.buffer.byteLength;
}
