import { createJina, type JinaEmbeddingFunction } from '@embedkit/jina';
import { startJinaSimulator } from '@embedkit/testing';
import { type CaseContext, caseMaxRetries, type ErrorCase } from './error-cases.test-helpers.js';

/** What running one case produced. */
export interface CaseOutcome {
  /** The thrown value, `undefined` when the case succeeded. */
  readonly error: unknown;
  /** Requests the simulator received. */
  readonly requests: number;
  /** Functions the case built, for `toConfig()` checks. */
  readonly built: readonly JinaEmbeddingFunction[];
}

/**
 * Runs one case on a fresh simulator that accepts `apiKey` (or refuses it, for the invalid-key
 * case), with the case's fault forced on every request.
 */
export async function runErrorCase(
  errorCase: ErrorCase,
  options: { apiKey: string; milvusAddress: string; directory: string },
): Promise<CaseOutcome> {
  const simulator = await startJinaSimulator({
    apiKeys: errorCase.rejectKey ? ['jina_the-only-key-this-simulator-accepts'] : [options.apiKey],
  });
  if (errorCase.fault) simulator.faults.force(errorCase.fault, 100);
  const built: JinaEmbeddingFunction[] = [];
  const context: CaseContext = {
    simulator,
    apiKey: options.apiKey,
    milvusAddress: options.milvusAddress,
    directory: options.directory,
    built,
    jina(settings = {}) {
      const embedding = createJina(
        {
          baseURL: simulator.baseURL,
          dimensions: 64,
          timeoutMs: 300,
          retry: {
            maxRetries: caseMaxRetries,
            baseDelayMs: 5,
            maxDelayMs: 20,
            maxRetryAfterMs: 20,
          },
          ...settings,
        },
        { apiKey: options.apiKey },
      );
      built.push(embedding);
      return embedding;
    },
  };
  try {
    await errorCase.run(context);
    return { error: undefined, requests: simulator.stats.requests, built };
  } catch (error) {
    return { error, requests: simulator.stats.requests, built };
  } finally {
    await simulator.close();
  }
}
