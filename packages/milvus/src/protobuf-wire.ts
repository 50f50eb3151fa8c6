/**
 * Just enough of the protobuf wire format to write Milvus' upsert request and read its result:
 * varints, length-delimited fields and a flat field reader. The SDK's own encoder turns every
 * float of a vector into a separate protobufjs operation; writing the packed float field as one
 * copy of the `Float32Array`'s bytes is what makes large upserts cheap on the client.
 */
export class ProtobufWriter {
  readonly #chunks: Buffer[] = [];
  #length = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  /** A varint field (wire type 0): enums, counts, booleans. */
  varintField(field: number, value: number): this {
    this.#varint(field * 8);
    this.#varint(value);
    return this;
  }

  /** A length-delimited field (wire type 2) holding the view's bytes as they are. */
  bytesField(field: number, bytes: ArrayBufferView): this {
    this.#varint(field * 8 + 2);
    this.#varint(bytes.byteLength);
    this.#push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return this;
  }

  /** A string field, UTF-8 encoded. */
  stringField(field: number, value: string): this {
    return this.bytesField(field, Buffer.from(value, 'utf8'));
  }

  /** A nested message field: whatever `write` puts into a fresh writer. */
  messageField(field: number, write: (message: ProtobufWriter) => void): this {
    const message = new ProtobufWriter();
    write(message);
    this.#varint(field * 8 + 2);
    this.#varint(message.length);
    for (const chunk of message.#chunks) this.#push(chunk);
    return this;
  }

  /** The message as one buffer. */
  finish(): Buffer {
    return Buffer.concat(this.#chunks, this.#length);
  }

  #varint(value: number): void {
    const bytes: number[] = [];
    let rest = value;
    while (rest > 127) {
      bytes.push((rest % 128) | 128);
      rest = Math.floor(rest / 128);
    }
    bytes.push(rest);
    this.#push(Buffer.from(bytes));
  }

  #push(chunk: Buffer): void {
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }
}

/** One field of a message as read: a number for varints, the raw bytes for length-delimited. */
export interface ProtobufField {
  readonly field: number;
  readonly value: number | Buffer;
}

/**
 * The top-level fields of a message, in wire order. Fixed-width fields (wire types 1 and 5) are
 * skipped; anything else malformed throws, since a reply that does not parse is not a success.
 */
export function readProtobufFields(buffer: Buffer): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let position = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (position >= buffer.length) throw new Error('truncated varint');
      const byte = buffer[position++]!;
      value += (byte & 127) * scale;
      if (byte < 128) return value;
      scale *= 128;
    }
  };
  while (position < buffer.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) fields.push({ field, value: varint() });
    else if (wireType === 2) {
      const length = varint();
      if (position + length > buffer.length) throw new Error('truncated field');
      fields.push({ field, value: buffer.subarray(position, position + length) });
      position += length;
    } else if (wireType === 1) position += 8;
    else if (wireType === 5) position += 4;
    else throw new Error(`unsupported wire type ${wireType}`);
  }
  return fields;
}
