import type { BatchRequest, BatchResponse, EmbedBatch } from './embed-batch.js';

/** A deterministic vector per text (never all zero), so any run's output can be compared with a fault-free one. */
export function vectorFor(text: string, dim: number): Float32Array {
  let hash = 2166136261;
  for (let position = 0; position < text.length; position++) {
    hash = Math.imul(hash ^ text.charCodeAt(position), 16777619) >>> 0;
  }
  const vector = new Float32Array(dim);
  for (let slot = 0; slot < dim; slot++)
    vector[slot] = (((hash >>> (slot % 24)) % 1000) + 1) / 1000 + slot;
  return vector;
}

/** The answer a well-behaved provider gives: every input's vector, numbered in order. */
export function answer(inputs: readonly string[], dim: number, tokens?: number): BatchResponse {
  return {
    embeddings: inputs.map((text, index) => ({ index, vector: vectorFor(text, dim) })),
    tokens,
  };
}

export interface RecordedCall {
  readonly inputs: readonly string[];
  readonly signal: AbortSignal;
  readonly request: BatchRequest<string>;
}

/**
 * A scriptable provider that records every call and how many were in flight at once. `behave`
 * decides each call's outcome; by default it answers correctly at once.
 */
export function fakeProvider(
  options: {
    dim?: number;
    behave?: (call: RecordedCall, callNumber: number) => Promise<BatchResponse> | BatchResponse;
  } = {},
) {
  const dim = options.dim ?? 4;
  const calls: RecordedCall[] = [];
  const state = { inFlight: 0, maxInFlight: 0 };
  const embedBatch: EmbedBatch<string> = async (request) => {
    const call: RecordedCall = { inputs: [...request.inputs], signal: request.signal, request };
    calls.push(call);
    state.inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    try {
      return await (options.behave?.(call, calls.length - 1) ?? answer(call.inputs, dim));
    } finally {
      state.inFlight--;
    }
  };
  return { embedBatch, calls, state, dim };
}

/** Resolves when the signal fires, rejecting with its reason, as a real HTTP client does. */
export function hangUntilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** A promise with its resolve exposed, to hold a call open until a test releases it. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

/** Texts `input-0` … `input-(count-1)`. */
export function texts(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `input-${index}`);
}
