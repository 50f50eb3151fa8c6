import {
  InvalidConfigError,
  InvalidInputError,
  type MetadataFilter,
  NotSupportedError,
  StoreError,
} from '@embedkit/core';
import type { CliContext } from '../cli-context.js';
import { terminalSafeText } from '../output/terminal-safe-text.js';

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
  const filter = parseFilter(options.filter);
  // Opened first, so a store that is down is reported as such, not as a bad filter.
  await opened.store.ensureCollection();
  const rerank = reranker ? { reranker, candidates: context.config.rerank?.candidates } : undefined;
  const hits = await opened.store
    .search(query, { topK: options.topK, filter, ...(rerank ? { rerank } : {}) })
    .catch((error) => {
      throw filterError(error, filter, opened.store.kind) ?? error;
    });
  if (options.json) {
    const reranked = reranker ? { reranker: reranker.toConfig() } : {};
    process.stdout.write(`${JSON.stringify({ query, ...reranked, results: hits })}\n`);
    return;
  }
  if (hits.length === 0) {
    process.stdout.write(
      terminalSafeText(
        `No results for "${snippet(query)}" in collection "${opened.store.collection}".\n`,
      ),
    );
    return;
  }
  hits.forEach((hit, index) => {
    const source = typeof hit.metadata.source === 'string' ? hit.metadata.source : hit.id;
    const chunk = typeof hit.metadata.chunk === 'number' ? ` #${hit.metadata.chunk}` : '';
    process.stdout.write(
      `${index + 1}. [${hit.score.toFixed(4)}] ${terminalSafeText(source)}${chunk}\n   ${terminalSafeText(snippet(hit.text))}\n`,
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

/**
 * A store's refusal of the `--filter` it was given (an expression its engine cannot parse, an
 * operator it does not know, a string filter on a store without native filters) as the input
 * error it is (exit code 2), naming the filter and the fix; `undefined` for any other failure.
 */
function filterError(
  error: unknown,
  filter: MetadataFilter | string | undefined,
  store: string,
): InvalidInputError | undefined {
  if (filter === undefined || InvalidInputError.isInstance(error)) return undefined;
  const refused =
    NotSupportedError.isInstance(error) ||
    (typeof filter === 'string' && StoreError.isInstance(error) && !error.isRetryable);
  if (!refused) return undefined;
  const reason = (error as Error).message.trim().replace(/\.$/, '');
  return new InvalidInputError({
    message: `The ${store} store refused --filter ${JSON.stringify(typeof filter === 'string' ? filter : JSON.stringify(filter))}: ${reason}. Check the filter: a JSON object such as '{"source":"a.md"}' works on every store; a string is passed to the store's own filter language.`,
    cause: error,
  });
}

function snippet(text: string, length = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}
