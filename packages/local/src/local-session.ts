import { EmbedkitError } from '@embedkit/core';
import type * as OnnxRuntime from 'onnxruntime-node';
import { loadOnnxRuntime, type OnnxRuntimeModule } from './load-onnx-runtime.js';
import type { LocalPooling } from './local-models.js';
import type { EncodedText } from './local-text-encoder.js';

/** An ONNX Runtime session for one model file, and the pooling that turns its output into vectors. */
export class LocalSession {
  readonly #runtime: OnnxRuntimeModule;
  readonly #session: OnnxRuntime.InferenceSession;
  readonly #pooling: LocalPooling;

  private constructor(
    runtime: OnnxRuntimeModule,
    session: OnnxRuntime.InferenceSession,
    pooling: LocalPooling,
  ) {
    this.#runtime = runtime;
    this.#session = session;
    this.#pooling = pooling;
  }

  static async open(
    onnxFile: string,
    pooling: LocalPooling,
    threads: number,
  ): Promise<LocalSession> {
    const runtime = await loadOnnxRuntime();
    try {
      const session = await runtime.InferenceSession.create(onnxFile, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        graphOptimizationLevel: 'all',
      });
      return new LocalSession(runtime, session, pooling);
    } catch (error) {
      throw new EmbedkitError({
        message: `ONNX Runtime could not load ${onnxFile}. The file may be incomplete or use operators this runtime lacks: download it again or pick another dtype.`,
        cause: error,
      });
    }
  }

  /** Runs one padded batch and returns one pooled vector per input, in the given order. */
  async run(encodings: readonly EncodedText[], paddedLength: number): Promise<Float32Array[]> {
    const batch = encodings.length;
    const size = batch * paddedLength;
    const ids = new BigInt64Array(size);
    const mask = new BigInt64Array(size);
    const types = new BigInt64Array(size);
    encodings.forEach((encoding, row) => {
      for (let column = 0; column < encoding.ids.length; column++) {
        ids[row * paddedLength + column] = BigInt(encoding.ids[column]!);
        mask[row * paddedLength + column] = 1n;
        types[row * paddedLength + column] = BigInt(encoding.typeIds[column] ?? 0);
      }
    });
    const shape = [batch, paddedLength];
    const { Tensor } = this.#runtime;
    const available: Record<string, OnnxRuntime.Tensor> = {
      input_ids: new Tensor('int64', ids, shape),
      attention_mask: new Tensor('int64', mask, shape),
      token_type_ids: new Tensor('int64', types, shape),
    };
    const feeds: Record<string, OnnxRuntime.Tensor> = {};
    for (const name of this.#session.inputNames) {
      const tensor = available[name];
      if (!tensor) {
        throw new EmbedkitError({
          message: `The ONNX model expects an input named "${name}"; only input_ids, attention_mask and token_type_ids are supported. Use a sentence-embedding export of the model.`,
        });
      }
      feeds[name] = tensor;
    }
    const outputs = await this.#session.run(feeds);
    const outputName = this.#session.outputNames.includes('last_hidden_state')
      ? 'last_hidden_state'
      : this.#session.outputNames[0]!;
    const output = outputs[outputName]!;
    const data = output.data as Float32Array;
    if (output.type !== 'float32' || output.dims[0] !== batch) {
      throw new EmbedkitError({
        message: `The ONNX model's "${outputName}" output is ${output.type} [${output.dims.join(', ')}]; expected float32 [${batch}, …]. Use a float sentence-embedding export.`,
      });
    }
    if (output.dims.length === 2) {
      const width = Number(output.dims[1]);
      return encodings.map((_, row) => data.slice(row * width, (row + 1) * width));
    }
    const width = Number(output.dims[2]);
    return encodings.map((encoding, row) =>
      this.#pool(data, row * paddedLength * width, encoding.ids.length, width),
    );
  }

  #pool(data: Float32Array, offset: number, tokens: number, width: number): Float32Array {
    if (this.#pooling === 'cls') return data.slice(offset, offset + width);
    const vector = new Float32Array(width);
    for (let token = 0; token < tokens; token++) {
      const start = offset + token * width;
      for (let slot = 0; slot < width; slot++) vector[slot]! += data[start + slot]!;
    }
    for (let slot = 0; slot < width; slot++) vector[slot]! /= tokens;
    return vector;
  }

  async release(): Promise<void> {
    await this.#session.release();
  }
}
