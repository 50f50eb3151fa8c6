import type { CompletedWork } from '../errors/embedkit-error.js';
import { InvalidInputError } from '../errors/invalid-input-error.js';

/** Refuses anything but an array of arrays (documents as chunk lists). */
export function checkGroupList(groups: unknown): void {
  if (!Array.isArray(groups) || groups.some((group) => !Array.isArray(group))) {
    throw new InvalidInputError({
      message: 'Expected an array of documents, each an array of chunks: [["chunk 1", "chunk 2"]].',
    });
  }
}

/** Cuts a flat list into consecutive groups of the given sizes. */
export function splitBySizes<Value>(flat: readonly Value[], sizes: readonly number[]): Value[][] {
  const result: Value[][] = [];
  let offset = 0;
  for (const size of sizes) {
    result.push(flat.slice(offset, offset + size));
    offset += size;
  }
  return result;
}

/** Cuts a flat list into the shape of `groups` (one entry per chunk, in order). */
export function splitIntoGroups<Value>(
  groups: readonly (readonly unknown[])[],
  flat: readonly Value[],
): Value[][] {
  return splitBySizes(
    flat,
    groups.map((group) => group.length),
  );
}

/**
 * The inverse of `completedOfGroups`: for each group, its vectors when every one of its chunks is
 * in `completed` (flat indices over the groups' chunks, in order), else `undefined`. Wrappers keep
 * only whole documents from a failed grouped call, since part of a late-chunked document is of no
 * use.
 */
export function wholeGroupsOf(
  groups: readonly (readonly unknown[])[],
  completed: CompletedWork,
): (Float32Array[] | undefined)[] {
  const byFlatIndex = new Map(
    completed.indices.map((index, slot) => [index, completed.vectors[slot]!] as const),
  );
  let offset = 0;
  return groups.map((group) => {
    const vectors = group.map((_, index) => byFlatIndex.get(offset + index));
    offset += group.length;
    return vectors.every((vector) => vector !== undefined)
      ? (vectors as Float32Array[])
      : undefined;
  });
}

/**
 * The `completed` of an error for a grouped call: the flat indices (over every chunk of every
 * document, in order) of the documents whose vectors are all known.
 */
export function completedOfGroups(
  groups: readonly (readonly unknown[])[],
  results: readonly (readonly (Float32Array | undefined)[] | undefined)[],
): CompletedWork {
  const indices: number[] = [];
  const vectors: Float32Array[] = [];
  let offset = 0;
  groups.forEach((group, position) => {
    const found = results[position];
    if (found && found.length === group.length && found.every((vector) => vector !== undefined)) {
      found.forEach((vector, index) => {
        indices.push(offset + index);
        vectors.push(vector!);
      });
    }
    offset += group.length;
  });
  return { indices, vectors };
}
