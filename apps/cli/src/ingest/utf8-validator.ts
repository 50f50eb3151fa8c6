/** Where the first invalid UTF-8 sequence starts, and how many there are. */
export interface Utf8Problems {
  /** Byte offset of the first invalid sequence from the start of the input, or -1. */
  firstOffset: number;
  /** Line (1-based) of that byte, counting `\n`. */
  firstLine: number;
  /** Invalid sequences seen so far; each becomes one U+FFFD when decoded with replacement. */
  count: number;
}

/**
 * Checks UTF-8 piece by piece (a sequence may straddle two pieces), following the WHATWG decoder's
 * rules, so the offsets it reports are where a strict decoder would stop and the count equals the
 * U+FFFD characters a replacing decoder produces.
 */
export class Utf8Validator {
  readonly problems: Utf8Problems = { firstOffset: -1, firstLine: 0, count: 0 };
  #offset = 0;
  #line = 1;
  #needed = 0;
  #lower = 0x80;
  #upper = 0xbf;
  #sequenceStart = 0;

  /** Feeds the next bytes. */
  push(bytes: Uint8Array): void {
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]!;
      if (this.#needed === 0) {
        if (byte < 0x80) {
          if (byte === 0x0a) this.#line++;
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          this.#needed = 1;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          this.#lower = byte === 0xe0 ? 0xa0 : 0x80;
          this.#upper = byte === 0xed ? 0x9f : 0xbf;
          this.#needed = 2;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          this.#lower = byte === 0xf0 ? 0x90 : 0x80;
          this.#upper = byte === 0xf4 ? 0x8f : 0xbf;
          this.#needed = 3;
        } else {
          this.#report(this.#offset + index);
        }
        if (this.#needed > 0) this.#sequenceStart = this.#offset + index;
        continue;
      }
      if (byte < this.#lower || byte > this.#upper) {
        // The sequence so far is one error; this byte starts afresh.
        this.#needed = 0;
        this.#lower = 0x80;
        this.#upper = 0xbf;
        this.#report(this.#sequenceStart);
        index--;
        continue;
      }
      this.#lower = 0x80;
      this.#upper = 0xbf;
      this.#needed--;
    }
    this.#offset += bytes.length;
  }

  /** Ends the input: an unfinished sequence at the end is one more error. */
  end(): void {
    if (this.#needed > 0) {
      this.#needed = 0;
      this.#report(this.#sequenceStart);
    }
  }

  #report(offset: number): void {
    if (this.problems.count === 0) {
      this.problems.firstOffset = offset;
      this.problems.firstLine = this.#line;
    }
    this.problems.count++;
  }
}
