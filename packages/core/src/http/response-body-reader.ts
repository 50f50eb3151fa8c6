/** Default for `ResponseBodyReader`'s `maxReusedBytes`: bodies above it get a buffer of their own. */
const defaultMaxReusedBytes = 32 * 1024 * 1024;

export interface ResponseBodyReaderOptions {
  /**
   * Largest body joined in the reused buffer, in bytes; larger bodies get a buffer of their own,
   * freed with the response. Bounds what the reader holds. Default 32 MiB.
   */
  maxReusedBytes?: number;
}

/**
 * Reads response bodies as UTF-8 text (a leading byte-order mark dropped), joining each body's
 * chunks in one buffer that the reader keeps and reuses from call to call.
 *
 * Why: a full batch of base64 vectors is an 11 MB body. Allocating and freeing a buffer that
 * size per response makes glibc raise its mmap threshold to it, after which every response's
 * vector buffer (8 MB for 2,048 × 1,024 floats) is carved from the main heap between freed body
 * chunks, which the process can then never hand back: about 0.1× the vectors' size of extra RSS
 * for a caller holding 100,000 vectors. The kept buffer is never freed while the reader lives, so
 * the threshold stays put. Why an object: that buffer (the size of the largest body read so far,
 * at most `maxReusedBytes`) is memory its owner should see and control. `postJson` uses the
 * shared connection pool's reader (`sharedDispatcher(n).bodyReader`) unless given one; a caller
 * with its own dispatcher passes a reader to keep the reuse, and `release()` frees the buffer.
 * Joining and decoding are synchronous, so concurrent calls never share the buffer mid-use.
 */
export class ResponseBodyReader {
  readonly maxReusedBytes: number;
  #buffer: Buffer | undefined;

  constructor(options: ResponseBodyReaderOptions = {}) {
    this.maxReusedBytes = options.maxReusedBytes ?? defaultMaxReusedBytes;
  }

  /** Bytes of the buffer held for reuse (0 before the first body and after `release`). */
  get heldBytes(): number {
    return this.#buffer?.length ?? 0;
  }

  /** Frees the kept buffer; the next body allocates a new one. */
  release(): void {
    this.#buffer = undefined;
  }

  /** The whole body as text. */
  async readText(body: AsyncIterable<Uint8Array>): Promise<string> {
    const chunks: Uint8Array[] = [];
    let length = 0;
    for await (const chunk of body) {
      chunks.push(chunk);
      length += chunk.byteLength;
    }
    if (length === 0) return '';
    let target: Buffer;
    if (length > this.maxReusedBytes) {
      target = Buffer.allocUnsafeSlow(length);
    } else {
      if (this.#buffer === undefined || this.#buffer.length < length) {
        this.#buffer = Buffer.allocUnsafeSlow(length);
      }
      target = this.#buffer;
    }
    let offset = 0;
    for (const chunk of chunks) {
      target.set(chunk, offset);
      offset += chunk.byteLength;
    }
    const start =
      length >= 3 && target[0] === 0xef && target[1] === 0xbb && target[2] === 0xbf ? 3 : 0;
    // Not 'latin1' for ASCII bodies, though it decodes faster: Node makes a large latin1 string
    // an external one, allocated with malloc, and freeing those re-raises glibc's mmap threshold
    // (measured: 1.23× raw memory for 100,000 held vectors with utf8, 1.29–1.34× with latin1).
    return target.toString('utf8', start, length);
  }
}
