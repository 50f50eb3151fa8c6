import {
  type HttpSimulator,
  type RouteHandler,
  transportFaultReply,
} from '../simulators/http-simulator.js';
import { type RandomSource, shuffled } from '../simulators/seeded-random.js';
import { admitJinaRequest, type JinaServiceState } from './jina-admission.js';
import { checkJinaAuth } from './jina-auth.js';
import { jinaError } from './jina-error-replies.js';
import { validateEmbeddingRequest } from './jina-request-validation.js';
import {
  encodeEmbedding,
  fitInputs,
  simulatedMultivectors,
  simulatedVectors,
} from './jina-simulated-vectors.js';
import type { SimulatedJinaModel } from './jina-simulator-models.js';

export interface EmbeddingsRouteOptions {
  readonly state: JinaServiceState;
  readonly apiKeys: readonly string[];
  readonly exhaustedKeys: readonly string[];
  readonly maxInputs: number;
  readonly extraModels?: Readonly<Record<string, SimulatedJinaModel>>;
  readonly shuffle: boolean;
  readonly random: RandomSource;
  /** Counts an admitted request's tokens as billed (see `JinaSimulatorStats`). */
  readonly bill: (tokens: number, lostToFault: boolean) => void;
}

/** `POST /v1/embeddings`: auth, per-model validation, limits, faults, then the vectors. */
export function embeddingsRoute(options: EmbeddingsRouteOptions): RouteHandler {
  return async (request, simulator: HttpSimulator) => {
    const denied = checkJinaAuth(request.headers, options.apiKeys, options.exhaustedKeys);
    if (denied) return denied;
    const validated = validateEmbeddingRequest(
      request.body,
      options.maxInputs,
      options.extraModels,
    );
    if ('reply' in validated) return validated.reply;
    const embedding = validated.request;
    const fitted = fitInputs(embedding);
    if ('tooLong' in fitted) {
      const { index, tokens, late } = fitted.tooLong;
      const limit = embedding.spec.maxTokens;
      return jinaError(
        400,
        undefined,
        late
          ? `The ${embedding.inputs.length} inputs of this late_chunking request have ${tokens} tokens together, which exceeds the maximum of ${limit} tokens for ${embedding.model}. Set truncate to true or send fewer chunks.`
          : `Input ${index} has ${tokens} tokens, which exceeds the maximum of ${limit} tokens for ${embedding.model}. Set truncate to true or shorten the input.`,
      );
    }
    const admitted = await admitJinaRequest(options.state, request, fitted.tokens);
    if ('reply' in admitted) return admitted.reply;
    const { admission } = admitted;
    // The model has run (or, for a stall, is running): billed whatever becomes of the answer.
    options.bill(fitted.tokens, admission.fault !== undefined);

    const dimensions =
      embedding.returnMultivector && !embedding.spec.multivectorOnly ? 128 : embedding.dimensions;
    const vectorOptions = {
      dimensions,
      task: embedding.task,
      inputType: embedding.inputType,
      lateChunking: embedding.lateChunking,
      normalized: embedding.normalized,
    };
    let data: Record<string, unknown>[] = embedding.returnMultivector
      ? fitted.texts.map((text, index) => ({
          object: 'embeddings',
          index,
          embeddings: simulatedMultivectors(text, vectorOptions).map((vector) =>
            encodeEmbedding(vector, embedding.embeddingTypes),
          ),
        }))
      : simulatedVectors(fitted.texts, vectorOptions).map((vector, index) => ({
          object: 'embedding',
          index,
          embedding: encodeEmbedding(
            admission.fault === 'wrongDimension' && index === 0 ? vector.slice(1) : vector,
            embedding.embeddingTypes,
          ),
        }));
    if (admission.fault === 'wrongCount') data = data.slice(0, -1);
    if (options.shuffle) data = shuffled(data, options.random);
    const body = {
      model: embedding.model,
      object: 'list',
      usage: { total_tokens: fitted.tokens, prompt_tokens: fitted.tokens },
      data,
    };
    const reply = transportFaultReply(admission.fault, { status: 200, body }) ?? {
      kind: 'json' as const,
      status: 200,
      body,
    };
    if (reply.kind === 'json') simulator.recordTokens(fitted.tokens);
    return admission.finish(reply);
  };
}
