import { InvalidConfigError, InvalidInputError, type MetadataFilter } from '@embedkit/core';
import type { CliContext } from '../cli-context.js';

export interface SearchCommandOptions {
  topK: number;
  filter?: string;
  json?: boolean;
  /** `--rerank` (true) / `--no-rerank` (false); unset: rerank when the config has `rerank`. */
  rerank?: boolean;
}

/**
 * `embedkit search "<query>"`: ranked hits with score, source and a snippet. With a `rerank`
 * config the store fetches `candidates` hits and the reranker orders them (scores are then the
 * reranker's); `--no-rerank` skips it for one search, `--rerank` insists on it.
 */
export async function runSearchCommand(
  context: CliContext,
  query: string,
  options: SearchCommandOptions,
): Promise<void> {
  if (query.trim() === '') throw new InvalidInputError({ message: 'The search query is empty.' });
  const reranker = options.rerank === false ? undefined : context.reranker;
  if (options.rerank === true && reranker === undefined) {
    throw new InvalidConfigError({
      subject: 'configuration',
      issues: [
        {
          path: 'rerank',
          message:
            '--rerank needs a reranker in the config, e.g. "rerank": { "provider": "cohere", "model": "rerank-v3.5" }',
        },
      ],
    });
  }
  const opened = await context.openStore();
  const hits = await opened.store.search(query, {
    topK: options.topK,
    filter: parseFilter(options.filter),
    ...(reranker ? { rerank: { reranker, candidates: context.config.rerank?.candidates } } : {}),
  });
  if (options.json) {
    const reranked = reranker ? { reranker: reranker.toConfig() } : {};
    process.stdout.write(`${JSON.stringify({ query, ...reranked, results: hits })}\n`);
    return;
  }
  if (hits.length === 0) {
    process.stdout.write(`No results for "${query}" in collection "${opened.store.collection}".\n`);
    return;
  }
  hits.forEach((hit, index) => {
    const source = typeof hit.metadata.source === 'string' ? hit.metadata.source : hit.id;
    const chunk = typeof hit.metadata.chunk === 'number' ? ` #${hit.metadata.chunk}` : '';
    process.stdout.write(
      `${index + 1}. [${hit.score.toFixed(4)}] ${source}${chunk}\n   ${snippet(hit.text)}\n`,
    );
  });
}

/** A filter flag: a JSON object becomes a portable metadata filter; anything else is passed to the store as is. */
export function parseFilter(filter: string | undefined): MetadataFilter | string | undefined {
  if (filter === undefined) return undefined;
  const trimmed = filter.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as MetadataFilter;
    } catch {
      throw new InvalidInputError({
        message: `--filter looks like JSON but does not parse: ${filter}`,
      });
    }
  }
  return trimmed;
}

function snippet(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
