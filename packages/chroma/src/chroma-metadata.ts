import type { JsonValue, Metadata } from '@embedkit/core';

/**
 * The metadata keys embedkit reserves in a Chroma record. Chroma metadata holds scalars (and
 * flat lists) only, and its `$ne`/`$nin` also match records without the key, so each record
 * carries, beside one Chroma key per scalar value (for filters and for other Chroma readers):
 *
 * - `embedkit:metadata`: the whole metadata as JSON, so nested objects, lists and nulls come back
 *   exactly as written;
 * - `embedkit:keys`: which keys are present, as `s:<key>` (a scalar, stored under its own Chroma
 *   key) or `j:<key>` (a list or an object, kept in the JSON only), which `exists`, `ne` and `nin`
 *   need;
 * - `embedkit:vector` (cosine collections only): the vector's float32 bytes in base64. Chroma's
 *   cosine space hands vectors back renormalized, a bit off in the last place, and copying a
 *   collection must move them bit for bit.
 */
export const chromaMetadataKeys = {
  metadata: 'embedkit:metadata',
  keys: 'embedkit:keys',
  vector: 'embedkit:vector',
} as const;

/** Prefix of every reserved key; user keys that start with it are escaped (`chromaKey`). */
const reservedPrefix = 'embedkit:';
const escapedPrefix = 'embedkit:key:';

/** A Chroma metadata value as the client takes it. */
export type ChromaScalar = string | number | boolean;
export type ChromaMetadata = Record<string, ChromaScalar | string[]>;

/**
 * The Chroma key a metadata key is stored and filtered under. Chroma refuses empty keys and keys
 * starting with `#` or `$`; those, and keys that start with `embedkit:`, are stored as
 * `embedkit:key:<key>`, so any key round-trips and no user key can shadow a reserved one.
 */
export function chromaKey(key: string): string {
  return key === '' || key.startsWith('#') || key.startsWith('$') || key.startsWith(reservedPrefix)
    ? `${escapedPrefix}${key}`
    : key;
}

/** Whether a metadata value is stored under its own Chroma key (a string, number or boolean). */
export function isChromaScalar(value: JsonValue | undefined): value is ChromaScalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** The `embedkit:keys` entry that says `key` holds a scalar, or a list or object. */
export function presenceEntry(key: string, kind: 'scalar' | 'structured'): string {
  return `${kind === 'scalar' ? 's' : 'j'}:${key}`;
}

/**
 * A row's metadata as a Chroma record stores it, or `null` for empty metadata (Chroma refuses
 * an empty object). `text`, when the collection keeps its text in a metadata key, is added under
 * that key; `vector`, when the collection keeps exact copies, under `embedkit:vector`.
 */
export function toChromaMetadata(
  metadata: Metadata,
  extra: { text?: { key: string; value: string }; vector?: Float32Array } = {},
): ChromaMetadata | null {
  const { text, vector } = extra;
  const stored: ChromaMetadata = {};
  const presence: string[] = [];
  for (const [key, value] of Object.entries(metadata)) {
    if (value === null) continue;
    if (isChromaScalar(value)) {
      stored[chromaKey(key)] = value;
      presence.push(presenceEntry(key, 'scalar'));
    } else {
      presence.push(presenceEntry(key, 'structured'));
    }
  }
  if (Object.keys(metadata).length > 0)
    stored[chromaMetadataKeys.metadata] = JSON.stringify(metadata);
  if (presence.length > 0) stored[chromaMetadataKeys.keys] = presence;
  if (text) stored[text.key] = text.value;
  if (vector) {
    stored[chromaMetadataKeys.vector] = Buffer.from(
      vector.buffer,
      vector.byteOffset,
      vector.byteLength,
    ).toString('base64');
  }
  return Object.keys(stored).length === 0 ? null : stored;
}

/**
 * A Chroma record's metadata as embedkit returns it: the JSON copy when embedkit wrote the
 * record, else (a record another tool wrote) its keys as they are, reserved ones and the text key
 * left out, escaped ones unescaped.
 */
export function fromChromaMetadata(
  stored: Record<string, unknown> | null | undefined,
  textKey?: string,
): Metadata {
  if (!stored) return {};
  const json = stored[chromaMetadataKeys.metadata];
  if (typeof json === 'string') {
    try {
      return JSON.parse(json) as Metadata;
    } catch {
      // Not ours after all: read it like a foreign record.
    }
  }
  const metadata: Metadata = {};
  for (const [key, value] of Object.entries(stored)) {
    if (value === null || value === undefined || key === textKey) continue;
    if (key.startsWith(escapedPrefix))
      metadata[key.slice(escapedPrefix.length)] = value as JsonValue;
    else if (!key.startsWith(reservedPrefix)) metadata[key] = value as JsonValue;
  }
  return metadata;
}

/** The exact vector a record keeps in `embedkit:vector`, when it keeps one. */
export function exactVector(
  stored: Record<string, unknown> | null | undefined,
): Float32Array | undefined {
  const encoded = stored?.[chromaMetadataKeys.vector];
  if (typeof encoded !== 'string') return undefined;
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.byteLength % 4 !== 0) return undefined;
  return new Float32Array(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  );
}
