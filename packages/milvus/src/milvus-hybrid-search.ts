import { type HybridRanker, InvalidInputError } from '@embedkit/core';
import {
  type ConsistencyLevelEnum,
  type HybridSearchReq,
  RRFRanker,
  WeightedRanker,
} from '@zilliz/milvus2-sdk-node';
import { milvusFields } from './milvus-schema.js';

/** The ranker and hybrid options moved to core; re-exported so existing imports keep working. */
export type { HybridRanker, HybridSearchOptions } from '@embedkit/core';

export interface HybridRequestOptions {
  collection: string;
  vector: number[];
  text: string;
  topK: number;
  candidates: number;
  filter: string | undefined;
  ranker: HybridRanker;
  consistencyLevel: ConsistencyLevelEnum;
  outputFields: string[];
}

/**
 * The `hybridSearch` request: the dense side searches the `vector` field with the query vector,
 * the sparse side searches the BM25 `sparse` field with the raw query text (the server tokenises
 * it with the text field's analyzer). Both sides get the same filter. `limit` and `metric_type`
 * per side are read by the SDK although its types leave them out, hence the cast.
 */
export function hybridSearchRequest(options: HybridRequestOptions): HybridSearchReq {
  const expr = options.filter === undefined ? {} : { expr: options.filter };
  return {
    collection_name: options.collection,
    data: [
      {
        data: options.vector,
        anns_field: milvusFields.vector,
        limit: options.candidates,
        ...expr,
      },
      {
        data: options.text,
        anns_field: milvusFields.sparse,
        metric_type: 'BM25',
        limit: options.candidates,
        ...expr,
      },
    ],
    rerank: rerankerFor(options.ranker),
    limit: options.topK,
    output_fields: options.outputFields,
    consistency_level: options.consistencyLevel,
  } as unknown as HybridSearchReq;
}

function rerankerFor(ranker: HybridRanker) {
  if (ranker.type === 'rrf') {
    const k = ranker.k ?? 60;
    if (!Number.isFinite(k) || k <= 0 || k >= 16_384) {
      throw new InvalidInputError({ message: `RRF k must be in (0, 16384), got ${k}.` });
    }
    return RRFRanker(k);
  }
  if (ranker.type === 'weighted') {
    for (const [side, weight] of Object.entries({ dense: ranker.dense, sparse: ranker.sparse })) {
      if (!Number.isFinite(weight) || weight < 0 || weight > 1) {
        throw new InvalidInputError({
          message: `The ${side} weight must be between 0 and 1, got ${weight}.`,
        });
      }
    }
    return WeightedRanker([ranker.dense, ranker.sparse]);
  }
  throw new InvalidInputError({
    message: `Unknown ranker type "${(ranker as { type?: unknown }).type}"; use "rrf" or "weighted".`,
  });
}
