/** A run of inputs with similar lengths, padded together; `positions` index the caller's array. */
export interface LengthSortedBatch {
  readonly positions: readonly number[];
  /** The longest input in the batch, which every other input is padded to. */
  readonly paddedLength: number;
}

/**
 * Groups inputs of similar length so that each ONNX Runtime run pads to its own longest input
 * instead of the call's: a short sentence batched with a long paragraph would otherwise cost as
 * much as the paragraph. Inputs are sorted by length (ties keep input order) and cut into runs of
 * at most `batchSize`; the caller writes each result back at its `positions`, which restores the
 * original order.
 */
export function lengthSortedBatches(
  lengths: readonly number[],
  batchSize: number,
): LengthSortedBatch[] {
  const order = lengths.map((_, position) => position);
  order.sort((left, right) => lengths[left]! - lengths[right]! || left - right);
  const batches: LengthSortedBatch[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const positions = order.slice(start, start + batchSize);
    const paddedLength = Math.max(...positions.map((position) => lengths[position]!));
    batches.push({ positions, paddedLength });
  }
  return batches;
}
