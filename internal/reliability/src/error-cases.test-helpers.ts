import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '@embedkit/cli';
import { createJina, type JinaEmbeddingFunction, type JinaSettings } from '@embedkit/jina';
import { createMilvusStore } from '@embedkit/milvus';
import type { FaultKind, JinaSimulator } from '@embedkit/testing';

/** Retries the error-path functions make: a retried case costs exactly this plus one request. */
export const caseMaxRetries = 2;

/** What a case runs against; a fresh simulator per case. */
export interface CaseContext {
  readonly simulator: JinaSimulator;
  /** The key under test: accepted by the simulator unless the case rejects it. */
  readonly apiKey: string;
  readonly milvusAddress: string;
  /** A scratch directory for config files. */
  readonly directory: string;
  /** A Jina function on the simulator with the key, small vectors and quick retries. */
  jina(settings?: JinaSettings): JinaEmbeddingFunction;
  /** Every function built by `jina()`, for `toConfig()` checks. */
  readonly built: JinaEmbeddingFunction[];
}

/** One row of `docs/errors.md`: a bad input or failure, and how embedkit answers it. */
export interface ErrorCase {
  readonly name: string;
  /** The class thrown, or `undefined` when the input is answered without an error. */
  readonly errorClass?: string;
  readonly code?: string;
  /** Whether the batch runner retries it (the simulator then sees `caseMaxRetries + 1` requests). */
  readonly retried: boolean;
  /** What the message must say for a user to act on it. */
  readonly message?: RegExp;
  /** Requests the simulator must see, when the case reaches it at all. */
  readonly requests?: number;
  /** The simulator refuses the key under test (401). */
  readonly rejectKey?: boolean;
  /** A fault forced on every request. */
  readonly fault?: FaultKind;
  /** Describes the result when there is no error (the table's message column). */
  readonly outcome?: string;
  run(context: CaseContext): Promise<unknown>;
}

const longText = 'word '.repeat(9000);

/** Every case of the bad-input table, in the order of `docs/errors.md`. */
export const errorCases: readonly ErrorCase[] = [
  {
    name: 'Empty list `[]`',
    retried: false,
    requests: 0,
    outcome: 'Returns `[]` without a request.',
    run: async ({ jina }) => {
      const vectors = await jina().embed([]);
      if (vectors.length !== 0) throw new Error('expected no vectors');
    },
  },
  {
    name: 'Empty string',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 0,
    message: /Input 1 is an empty string/,
    run: ({ jina }) => jina().embed(['fine', '']),
  },
  {
    name: 'Whitespace-only string',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 0,
    message: /Input 1 is only whitespace/,
    run: ({ jina }) => jina().embed(['fine', ' \n\t ']),
  },
  {
    name: 'Not a string (a number)',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 0,
    message: /Input 1 is a number, not a string/,
    run: ({ jina }) => jina().embed(['fine', 42 as unknown as string]),
  },
  {
    name: 'Not a list (`null`)',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 0,
    message: /Expected an array of inputs, got null/,
    run: ({ jina }) => jina().embed(null as unknown as string[]),
  },
  {
    name: 'Input over the model’s 8,192-token limit',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 1,
    message: /Input 0 is too long .*9000 tokens.*8192/,
    run: ({ jina }) => jina({ timeoutMs: 10_000 }).embed([longText]),
  },
  {
    name: 'Input over the token limit with `truncate: true`',
    retried: false,
    requests: 1,
    outcome: 'Embedded: the service cuts the tail, one vector is returned.',
    run: async ({ jina }) => {
      const [vector] = await jina({ truncate: true, timeoutMs: 10_000 }).embed([longText]);
      if (vector?.length !== 64) throw new Error('expected one 64-dimension vector');
    },
  },
  {
    name: 'Lone UTF-16 surrogate',
    errorClass: 'InvalidInputError',
    code: 'INVALID_INPUT',
    retried: false,
    requests: 0,
    message: /Input 0 contains a lone UTF-16 surrogate/,
    run: ({ jina }) => jina().embed(['half an emoji \ud83d']),
  },
  {
    name: 'Unknown model',
    errorClass: 'ApiCallError',
    code: 'API_CALL_FAILED',
    retried: false,
    requests: 1,
    message: /does not know the model "jina-embeddings-v9".*Check the model id/,
    run: ({ jina }) => jina({ model: 'jina-embeddings-v9', dimensions: undefined }).embed(['x']),
  },
  {
    name: '`dimensions` out of the model’s range',
    errorClass: 'InvalidConfigError',
    code: 'INVALID_CONFIG',
    retried: false,
    requests: 0,
    message: /dimensions: jina-embeddings-v3 produces 1 to 1024 dimensions, not 4096/,
    run: async ({ jina }) => jina({ dimensions: 4096 }),
  },
  {
    name: 'A task the model does not take',
    errorClass: 'InvalidConfigError',
    code: 'INVALID_CONFIG',
    retried: false,
    requests: 0,
    message: /task: jina-embeddings-v3 takes task .* not "code\.query"/,
    run: async ({ jina }) => jina({ task: 'code.query' }),
  },
  {
    name: 'Invalid API key',
    errorClass: 'AuthenticationError',
    code: 'AUTHENTICATION_FAILED',
    retried: false,
    requests: 1,
    rejectKey: true,
    message: /401.*JINA_API_KEY/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Missing API key',
    errorClass: 'AuthenticationError',
    code: 'AUTHENTICATION_FAILED',
    retried: false,
    requests: 0,
    message: /No Jina API key found\. Set the JINA_API_KEY environment variable/,
    run: ({ simulator }) =>
      withoutKeyVariables(() =>
        createJina({ baseURL: simulator.baseURL, dimensions: 64 }).embed(['x']),
      ),
  },
  {
    name: 'HTML 502 page from a gateway',
    errorClass: 'ApiCallError',
    code: 'API_CALL_FAILED',
    retried: true,
    fault: 'nonJsonBody',
    message: /answered 502: an HTML page titled "502 Bad Gateway"/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Truncated JSON body (connection closed mid-body)',
    errorClass: 'ApiCallError',
    code: 'API_CALL_FAILED',
    retried: true,
    fault: 'truncatedBody',
    message: /Could not complete the request .* before a complete answer arrived/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Vector of the wrong length',
    errorClass: 'DimensionMismatchError',
    code: 'DIMENSION_MISMATCH',
    retried: false,
    fault: 'wrongDimension',
    message: /model jina-embeddings-v3 returned a vector of 63 dimensions for input 0; expected 64/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Fewer vectors than inputs',
    errorClass: 'ResponseFormatError',
    code: 'INVALID_RESPONSE',
    retried: true,
    fault: 'wrongCount',
    message: /returned 1 vector for 2 inputs/,
    run: ({ jina }) => jina().embed(['x', 'y']),
  },
  {
    name: '429 rate limit (after the retries)',
    errorClass: 'RateLimitError',
    code: 'RATE_LIMITED',
    retried: true,
    fault: 'rateLimit',
    message: /answered 429/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: '503 service unavailable (after the retries)',
    errorClass: 'ApiCallError',
    code: 'API_CALL_FAILED',
    retried: true,
    fault: 'serverError',
    message: /answered 503/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Connection reset (after the retries)',
    errorClass: 'ApiCallError',
    code: 'API_CALL_FAILED',
    retried: true,
    fault: 'connectionReset',
    message: /Could not complete the request/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'No answer within `timeoutMs` (after the retries)',
    errorClass: 'TimeoutError',
    code: 'TIMEOUT',
    retried: true,
    fault: 'stall',
    message: /took longer than 300 ms .*Raise timeoutMs/,
    run: ({ jina }) => jina().embed(['x']),
  },
  {
    name: 'Config file with wrong types',
    errorClass: 'InvalidConfigError',
    code: 'INVALID_CONFIG',
    retried: false,
    message: /chunking\.size: .*number/,
    run: async ({ directory }) => {
      const file = join(directory, 'wrong-types.json');
      writeFileSync(file, JSON.stringify({ chunking: { size: 'large', overlap: 32 } }));
      return loadConfig({ config: file }, {});
    },
  },
  {
    name: 'Milvus collection built with another dimension',
    errorClass: 'DimensionMismatchError',
    code: 'DIMENSION_MISMATCH',
    retried: false,
    message: /64.*32|32.*64/,
    run: async ({ jina, milvusAddress }) => {
      // A fixed name: whichever run comes second finds the 64-dimension collection already there.
      const collection = 'built_with_64_dimensions';
      const first = createMilvusStore({ embedding: jina(), address: milvusAddress, collection });
      const second = createMilvusStore({
        embedding: jina({ dimensions: 32 }),
        address: milvusAddress,
        collection,
      });
      try {
        await first.ensureCollection();
        await second.ensureCollection();
      } finally {
        await first.close();
        await second.close();
      }
    },
  },
];

/** Runs `action` with the Jina key variables unset, restoring them afterwards. */
async function withoutKeyVariables<Result>(action: () => Promise<Result>): Promise<Result> {
  const saved = {
    JINA_API_KEY: process.env.JINA_API_KEY,
    JINAAI_API_KEY: process.env.JINAAI_API_KEY,
  };
  delete process.env.JINA_API_KEY;
  delete process.env.JINAAI_API_KEY;
  try {
    return await action();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value !== undefined) process.env[name] = value;
    }
  }
}
