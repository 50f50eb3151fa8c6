import type { CompletedWork } from '../errors/embedkit-error.js';
import { checkBatchResponse } from './check-batch-response.js';
import type { BatchResponse } from './embed-batch.js';
import type { PlannedBatch } from './plan-batches.js';

/**
 * The vectors of one run, each stored at its input's position as its batch answers, so the
 * result comes back in input order whatever order the calls finish in. The first answer fixes
 * the vector length when the caller did not give one; every later answer is held to it.
 */
export class BatchResults {
  /** One slot per input; a slot stays empty until its batch has answered. */
  readonly vectors: Float32Array[];
  readonly #provider: string;
  readonly #model: string | undefined;
  #dim: number;

  constructor(total: number, dim: number, provider: string, model?: string) {
    this.vectors = new Array(total);
    this.#dim = dim;
    this.#provider = provider;
    this.#model = model;
  }

  /** Checks a batch's answer (count, indices, lengths, finite non-zero values) and stores it; returns the vectors stored. */
  accept(batch: PlannedBatch, response: BatchResponse): number {
    const ordered = checkBatchResponse(response, {
      expectedCount: batch.end - batch.start,
      expectedDim: this.#dim,
      provider: this.#provider,
      model: this.#model,
      offset: batch.start,
    });
    if (this.#dim === 0) this.#dim = ordered[0]!.length;
    for (let offset = 0; offset < ordered.length; offset++) {
      this.vectors[batch.start + offset] = ordered[offset]!;
    }
    return ordered.length;
  }

  /** The vectors stored so far with their input indices, for a failed run's `error.completed`. */
  completed(): CompletedWork {
    const indices: number[] = [];
    const completed: Float32Array[] = [];
    for (let index = 0; index < this.vectors.length; index++) {
      const vector = this.vectors[index];
      if (vector !== undefined) {
        indices.push(index);
        completed.push(vector);
      }
    }
    return { indices, vectors: completed };
  }
}
