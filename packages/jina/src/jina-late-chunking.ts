import {
  BatchTooLargeError,
  type EmbedOptions,
  type EmbedPurpose,
  type EmbedUsage,
  InvalidInputError,
  type ProviderEmbeddingFunction,
} from '@embedkit/core';
import { estimateInputTokens, inputKind, type JinaInput } from './jina-input.js';
import type { JinaModelSpec } from './jina-models.js';
import { tooLongFix } from './jina-too-long-hint.js';

/** What the late-chunking path needs to know about the function it serves. */
export interface LateChunkingContext {
  readonly model: string;
  readonly spec: JinaModelSpec | undefined;
  readonly truncate: boolean;
  /** Inputs one request may carry for this model, so chunks one late-chunked document may have. */
  readonly maxChunksPerDocument: number;
  /** Core's function, whose `embedGroups` sends each group as exactly one call. */
  readonly base: ProviderEmbeddingFunction<JinaInput>;
}

/**
 * Embeds documents (each a list of chunks) with late chunking: one request per document, never
 * split and never merged, because the API pools each chunk over the whole request and batching
 * would silently change every vector. A document longer than the model's context is refused
 * before any call (the API would otherwise cut it silently) unless `truncate` is set, so is a
 * document of more chunks than one request may carry (v4: 512), and a refusal by the server is
 * reported naming the document, not a flat input range.
 */
export async function embedLateChunkedDocuments(
  context: LateChunkingContext,
  documents: readonly (readonly JinaInput[])[],
  options: EmbedOptions & { purpose?: EmbedPurpose } = {},
): Promise<{ groups: Float32Array[][]; usage: EmbedUsage }> {
  const usage: EmbedUsage = { tokens: 0, calls: 0, retries: 0, rateLimited: 0 };
  const positions = [...documents.keys()].filter((index) => documents[index]!.length > 0);
  const nonEmpty = positions.map((index) => documents[index]!);
  if (nonEmpty.length === 0) return { groups: documents.map(() => []), usage };
  for (const [documentIndex, chunks] of documents.entries())
    checkDocument(context, chunks, documentIndex);
  const starts: number[] = [];
  let offset = 0;
  for (const chunks of nonEmpty) {
    starts.push(offset);
    offset += chunks.length;
  }
  try {
    const embedded = await context.base.embedGroups(nonEmpty, {
      ...options,
      purpose: options.purpose ?? 'document',
      onProgress: (progress) => {
        usage.tokens = progress.tokens;
        usage.calls = progress.calls;
        usage.retries = progress.retries;
        options.onProgress?.(progress);
      },
    });
    const queue = [...embedded];
    return { groups: documents.map((chunks) => (chunks.length > 0 ? queue.shift()! : [])), usage };
  } catch (error) {
    if (
      InvalidInputError.isInstance(error) &&
      BatchTooLargeError.isInstance(error.cause) &&
      error.index !== undefined
    ) {
      let position = 0;
      for (const [candidate, start] of starts.entries())
        if (start <= error.index) position = candidate;
      const documentIndex = positions[position]!;
      const chunks = nonEmpty[position]!.length;
      // The server's cap on inputs per request, when it is below the table's (an unknown model).
      const cap = /at most (\d+) items/i.exec(error.cause.message)?.[1];
      const renamed = new InvalidInputError({
        message: cap
          ? `Document ${documentIndex} has ${chunks} chunks, more than the ${cap} inputs ${context.model} takes in one request, so late chunking cannot embed it in one request (${error.cause.message}). Split it into documents of at most ${cap} chunks, or use larger chunks.`
          : `Document ${documentIndex} (${chunks} chunks) is too long for ${context.model}'s context, so late chunking cannot embed it in one request (${error.cause.message}). ${tooLongFix(context.spec, 'document')}.`,
        index: documentIndex,
        cause: error.cause,
      });
      renamed.completed = error.completed;
      throw renamed;
    }
    throw error;
  }
}

function checkDocument(
  context: LateChunkingContext,
  chunks: readonly JinaInput[],
  documentIndex: number,
): void {
  const media = chunks.findIndex((chunk) => inputKind(chunk) !== 'text');
  if (media !== -1) {
    throw new InvalidInputError({
      message: `Document ${documentIndex}, chunk ${media} is an ${inputKind(chunks[media]!)}; late chunking embeds text only.`,
      index: documentIndex,
    });
  }
  if (chunks.length > context.maxChunksPerDocument) {
    throw new InvalidInputError({
      message: `Document ${documentIndex} has ${chunks.length} chunks, more than the ${context.maxChunksPerDocument} inputs ${context.model} takes in one request, so late chunking cannot embed it in one request. Split it into documents of at most ${context.maxChunksPerDocument} chunks, or use larger chunks.`,
      index: documentIndex,
    });
  }
  const limit = context.spec?.maxTokensPerInput;
  if (limit === undefined || context.truncate) return;
  const tokens = chunks.reduce((sum, chunk) => sum + estimateInputTokens(chunk), 0);
  if (tokens > limit) {
    throw new InvalidInputError({
      message: `Document ${documentIndex} (${chunks.length} chunks) is about ${tokens} tokens, more than the ${limit}-token context of ${context.model}; with late chunking the API would cut its tail silently. ${tooLongFix(context.spec, 'document')}.`,
      index: documentIndex,
    });
  }
}
